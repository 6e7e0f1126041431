/// Bounds on what the readers accept, so that no input, however large or malformed, can
/// exhaust memory or the stack: past a bound the reader stops with a located ``ParseError``.
///
/// The defaults are far above any real network, scenario or profile file (the largest
/// MATPOWER case, case_ACTIVSg70k, is 19 MB; a year of hourly profiles for a thousand columns
/// about 100 MB). A host that reads untrusted files on small thread stacks or in little memory
/// can lower them.
public struct InputLimits: Sendable, Hashable {
  /// The largest input, in bytes. A regular file above it is refused before it is read; a
  /// stream (a pipe, standard input, `/dev/zero`) is read up to it and then refused.
  public var maximumBytes: Int
  /// The deepest nesting of YAML collections (lists and mappings inside each other). The
  /// YAML library composes nested collections by recursion, so a file nested thousands of
  /// levels deep would overflow the stack; the readers measure the nesting in a linear scan
  /// of the text first and refuse anything deeper. gridtool's own files nest 5 levels.
  public var maximumNesting: Int

  /// Limits of `maximumBytes` bytes and `maximumNesting` levels.
  public init(maximumBytes: Int = InputLimits.standard.maximumBytes, maximumNesting: Int = InputLimits.standard.maximumNesting) {
    self.maximumBytes = max(0, maximumBytes)
    self.maximumNesting = max(1, maximumNesting)
  }

  private init(bytes: Int, nesting: Int) {
    maximumBytes = bytes
    maximumNesting = nesting
  }

  /// 1 GiB and 100 levels: the readers' defaults.
  public static let standard = InputLimits(bytes: 1 << 30, nesting: 100)

  /// `1 GiB`, `512 MiB`, `64 KiB` or `100 bytes`, for messages.
  static func describe(bytes: Int) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift) \(unit)"
    }
    return "\(bytes) bytes"
  }
}
