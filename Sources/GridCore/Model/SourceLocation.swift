/// A place in an input file, carried by every element read from a file so
/// that a later validation error can still point at the line that caused it.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The path as given by the user (not resolved), so messages match what was typed.
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// 1-based column, when known.
  public var column: Int?

  /// The place `file:line[:column]` (1-based line and column).
  public init(file: String, line: Int, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `case5.m:27:3`, or `case5.m:27` without a column.
  public var description: String {
    if let column { return "\(file):\(line):\(column)" }
    return "\(file):\(line)"
  }
}
