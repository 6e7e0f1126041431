/// A warning about the input that did not stop the job: a skipped field, a
/// promoted reference bus, a suspicious value. The library never prints;
/// the caller decides (gridtool writes them to stderr; `--strict` makes them fatal).
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  public var location: SourceLocation?
  public var message: String

  public init(_ message: String, at location: SourceLocation? = nil) {
    self.message = message
    self.location = location
  }

  public var description: String {
    if let location { return "\(location): warning: \(message)" }
    return "warning: \(message)"
  }
}
