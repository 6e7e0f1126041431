/// Reading and writing network files by their extension: `.m` (MATPOWER) or
/// `.yaml`/`.yml` (the gridtool format); PSS/E RAW files (`.raw`) are read only.
///
/// The front door of the IO layer: ``read(_:parallelism:)`` dispatches to
/// ``MatpowerReader``, ``NativeNetworkReader`` or ``PSSERawReader``, ``text(of:as:)`` to
/// ``MatpowerWriter`` or ``NativeNetworkWriter``.
public enum NetworkFile {
  /// A network file format.
  public enum Format: String, Sendable, CaseIterable {
    /// MATPOWER version-2 case (`.m`), read as data.
    case matpower
    /// The gridtool network format (`.yaml`, `.yml`; `format: gridtool-network/1`).
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

  /// Reads a network; the format follows the extension: `.raw` is PSS/E RAW; for an
  /// extension that names no format, a file that begins like a RAW file
  /// (``PSSERawReader/looksLikeRaw(_:)``) is read as one, any other as MATPOWER.
  /// - Parameters:
  ///   - path: the file, used as given in locations and messages (`case9.m:12:3`).
  ///   - parallelism: threads for reading a large MATPOWER case; the result does not
  ///     depend on it.
  /// - Returns: the network (elements in file order) and warnings that did not stop the
  ///   read (skipped fields, suspicious values), for the caller to show or reject.
  /// - Throws: ``ParseError`` naming `file:line:column` and what to fix.
  public static func read(
    _ path: String, parallelism: Parallelism = .automatic
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    if path.lowercased().hasSuffix(".raw") { return try PSSERawReader.read(contentsOf: path) }
    switch Format(path: path) {
    case .matpower?: return try MatpowerReader.read(contentsOf: path, parallelism: parallelism)
    case .yaml?: return try NativeNetworkReader.read(contentsOf: path)
    case nil:
      let bytes = try InputFile.bytes(of: path)
      if PSSERawReader.looksLikeRaw(bytes) { return try PSSERawReader.parse(bytes: bytes, file: path) }
      return try MatpowerReader.parse(bytes: bytes, file: path, parallelism: parallelism)
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
