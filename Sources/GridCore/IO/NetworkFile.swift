/// Reading and writing network files by their extension: `.m` (MATPOWER) or
/// `.yaml`/`.yml` (the gridtool format).
public enum NetworkFile {
  public enum Format: String, Sendable, CaseIterable {
    case matpower
    case yaml

    /// The format a path's extension names; nil when it names none.
    public init?(path: String) {
      let lower = path.lowercased()
      if lower.hasSuffix(".m") {
        self = .matpower
      } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
        self = .yaml
      } else {
        return nil
      }
    }
  }

  /// Reads a network; the format follows the extension (MATPOWER when unknown).
  /// - Parameter parallelism: threads for reading a large MATPOWER case; the result does not
  ///   depend on it.
  public static func read(
    _ path: String, parallelism: Parallelism = .automatic
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    switch Format(path: path) ?? .matpower {
    case .matpower: return try MatpowerReader.read(contentsOf: path, parallelism: parallelism)
    case .yaml: return try NativeNetworkReader.read(contentsOf: path)
    }
  }

  /// The text of `network` in `format`.
  public static func text(of network: Network, as format: Format) -> String {
    switch format {
    case .matpower: return MatpowerWriter.text(for: network)
    case .yaml: return NativeNetworkWriter.yaml(for: network)
    }
  }
}
