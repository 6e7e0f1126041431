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
  public static func read(_ path: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    if let ahead = takeReadAhead(of: path) { return try ahead.result.get() }
    return try readNow(path)
  }

  static func readNow(_ path: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    switch Format(path: path) ?? .matpower {
    case .matpower: return try MatpowerReader.read(contentsOf: path)
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
