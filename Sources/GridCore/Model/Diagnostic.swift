/// A warning about the input that did not stop the job: a skipped field, a
/// promoted reference bus, a suspicious value. The library never prints;
/// the caller decides (gridtool writes them to stderr; `--strict` makes them fatal).
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Where in the input the warning points (`file:line[:column]`); nil when it concerns
  /// no single place (a whole island, the network as a whole).
  public var location: SourceLocation?
  /// The warning, without location or `warning:` prefix.
  public var message: String

  /// A warning `message`, optionally at `location`; a message that quotes too much of the
  /// input is cut to 1,000 characters.
  public init(_ message: String, at location: SourceLocation? = nil) {
    self.message = ParseError.capped(message)
    self.location = location
  }

  /// `case5.m:27: warning: message`, or `warning: message` without a location.
  public var description: String {
    if let location { return "\(location): warning: \(message)" }
    return "warning: \(message)"
  }
}
