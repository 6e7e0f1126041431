/// Reading and writing network files by their extension: `.m` (MATPOWER) or
/// `.yaml`/`.yml` (the gridtool format); PSS/E RAW files (`.raw`) are read only; from
/// bytes (standard input), by what they hold.
///
/// The front door of the IO layer: ``read(_:parallelism:limits:)`` and
/// ``parse(bytes:file:format:parallelism:limits:)`` dispatch to ``MatpowerReader``,
/// ``NativeNetworkReader`` or ``PSSERawReader``, ``text(of:as:)`` to ``MatpowerWriter`` or
/// ``NativeNetworkWriter``.
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

    /// The format of a file's content (for standard input, or a file without a known
    /// extension), judged from its first non-blank, non-comment text: `function` or `mpc.`
    /// starts a MATPOWER case, a `key:` line or `---` a YAML file. Nil when neither.
    public init?(detecting bytes: [UInt8]) {
      var i = InputText.hasByteOrderMark(bytes) ? 3 : 0
      let end = min(bytes.count, 1 << 16)
      while i < end {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
          i += 1
        } else if b == UInt8(ascii: "%") || b == UInt8(ascii: "#") {
          while i < end, bytes[i] != 0x0A { i += 1 }  // a comment line in either format
        } else {
          break
        }
      }
      let rest = bytes[i..<end]
      func starts(_ text: String) -> Bool { rest.starts(with: text.utf8) }
      if starts("function") || starts("mpc.") || starts("mpc ") {
        self = .matpower
      } else if starts("---") || Self.startsWithYAMLKey(rest) {
        self = .yaml
      } else {
        return nil
      }
    }

    /// `word:` followed by a blank or the line's end, as YAML's first key.
    private static func startsWithYAMLKey(_ text: ArraySlice<UInt8>) -> Bool {
      var i = text.startIndex
      while i < text.endIndex, text[i] == UInt8(ascii: "_") || text[i] == UInt8(ascii: "-") || ((text[i] | 0x20) >= 0x61 && (text[i] | 0x20) <= 0x7A) {
        i += 1
      }
      guard i > text.startIndex, i < text.endIndex, text[i] == UInt8(ascii: ":") else { return false }
      return i + 1 == text.endIndex || [0x20, 0x09, 0x0D, 0x0A].contains(text[i + 1])
    }
  }

  /// Reads a network; the format follows the extension: `.raw` is PSS/E RAW; for an
  /// extension that names no format, a file that begins like a RAW file
  /// (``PSSERawReader/looksLikeRaw(_:)``) is read as one, any other as MATPOWER. The file is
  /// read through ``InputFile`` (bounded by `limits`).
  /// - Parameters:
  ///   - path: the file, used as given in locations and messages (`case9.m:12:3`).
  ///   - parallelism: threads for reading a large MATPOWER case; the result does not
  ///     depend on it.
  ///   - limits: the largest file and the deepest YAML nesting accepted.
  /// - Returns: the network (elements in file order) and warnings that did not stop the
  ///   read (skipped fields, suspicious values), for the caller to show or reject.
  /// - Throws: ``ParseError`` naming `file:line:column` and what to fix.
  public static func read(
    _ path: String, parallelism: Parallelism = .automatic, limits: InputLimits = .standard
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    let bytes = try InputFile.bytes(of: path, limits: limits)
    if path.lowercased().hasSuffix(".raw") { return try PSSERawReader.parse(bytes: bytes, file: path) }
    if let format = Format(path: path) {
      return try parse(bytes: bytes, file: path, format: format, parallelism: parallelism, limits: limits)
    }
    if PSSERawReader.looksLikeRaw(bytes) { return try PSSERawReader.parse(bytes: bytes, file: path) }
    return try parse(bytes: bytes, file: path, format: .matpower, parallelism: parallelism, limits: limits)
  }

  /// Reads a network from its bytes (e.g. standard input).
  /// - Parameters:
  ///   - bytes: the text of the network, UTF-8.
  ///   - file: names the input in locations and messages (e.g. `<stdin>`).
  ///   - format: the format; nil: told from the content (``Format/init(detecting:)``, then
  ///     ``PSSERawReader/looksLikeRaw(_:)`` for PSS/E RAW).
  ///   - parallelism: threads for reading a large MATPOWER case; the result does not
  ///     depend on it.
  ///   - limits: the deepest YAML nesting accepted (the bytes are already read).
  public static func parse(
    bytes: [UInt8], file: String, format: Format? = nil, parallelism: Parallelism = .automatic, limits: InputLimits = .standard
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    switch format ?? Format(detecting: bytes) {
    case .matpower?: return try MatpowerReader.parse(bytes: bytes, file: file, parallelism: parallelism)
    case .yaml?: return try NativeNetworkReader.parse(bytes: bytes, file: file, limits: limits)
    case nil:
      if PSSERawReader.looksLikeRaw(bytes) { return try PSSERawReader.parse(bytes: bytes, file: file) }
      let expected = "a MATPOWER case ('function mpc = name'), a gridtool network ('format: gridtool-network/1') or a PSS/E RAW file"
      let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
      throw ParseError(
        blank ? .emptyFile(expected: "a network: \(expected)") : .other("cannot tell the format: expected \(expected)"),
        at: SourceLocation(file: file, line: 1))
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
