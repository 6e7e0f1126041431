/// An error in an input file, with the place it was found and what to do about it.
///
/// Every reader of GridCore (MATPOWER, native YAML, scenarios, profiles, facts) throws this
/// one type, and its ``description`` is the message gridtool prints after `Error: `:
/// `file:line:column: message`, e.g. `… mpc.branch row has 11 columns; the format needs at least 13`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is: `file:line[:column]`, 1-based.
  public var location: SourceLocation
  /// What the problem is.
  public var kind: Kind

  /// The error `kind` at `location`.
  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The kinds of input error, each with the data its message needs.
  public enum Kind: Sendable, Hashable {
    /// The file does not exist or cannot be read.
    case unreadable(reason: String)
    /// The file holds no statements at all (a MATPOWER case is expected).
    case empty
    /// The file holds nothing (only blanks or comments); `expected` says what should be there,
    /// e.g. "a gridtool network ('format: gridtool-network/1', docs/network-format.md)".
    case emptyFile(expected: String)
    /// The file is not text here: a NUL byte or invalid UTF-8.
    case binary
    /// A required section (`mpc.bus`, `buses`, ...) is absent.
    case missingSection(String)
    /// A matrix or list opened with `[`/`{` has no closing bracket.
    case unterminated(String)
    /// A row with too few columns.
    case columnCount(section: String, expected: Int, found: Int)
    /// A token that is not a number where a number is needed.
    case invalidNumber(String)
    /// NaN or Inf where a finite value is needed.
    case nonFinite(field: String)
    /// Two buses with the same number or id.
    case duplicateBus(String)
    /// An element refers to a bus that does not exist.
    case unknownBus(element: String, bus: String)
    /// An in-service branch with zero reactance (its DC susceptance would be infinite).
    case zeroReactance(element: String)
    /// A value outside its allowed range (negative length, rating <= 0, bad bus type...).
    case outOfRange(field: String, value: String, expected: String)
    /// Text the reader does not understand.
    case syntax(String)
    /// A key that is not part of the format (typos must not be ignored).
    case unknownKey(key: String, allowed: [String])
    /// A required key is absent.
    case missingKey(key: String, element: String)
    /// Two elements with the same id.
    case duplicateID(String)
    /// A reference to a named element that does not exist.
    case unknownReference(kind: String, name: String)
    /// Anything else, already phrased.
    case other(String)
  }

  /// `location: message`, e.g. `case5.m:27:3: '1.2.3' is not a number`.
  public var description: String {
    "\(location): \(message)"
  }

  /// The message without the location.
  public var message: String {
    switch kind {
    case .unreadable(let reason): return "cannot read the file: \(reason)"
    case .empty: return "the file is empty; expected a network (e.g. a MATPOWER case starting with 'function mpc = name')"
    case .emptyFile(let expected): return "the file is empty; expected \(expected)"
    case .binary: return "the file is not text here (a NUL byte or invalid UTF-8); expected a text file"
    case .missingSection(let name):
      return "no \(name) found; the file seems to be missing \"\(name) = [...];\""
    case .unterminated(let what): return "\(what) is not terminated; add the closing bracket and ';'"
    case .columnCount(let section, let expected, let found):
      return "\(section) row has \(found) column\(found == 1 ? "" : "s"); the format needs at least \(expected)"
    case .invalidNumber(let token): return "'\(Self.excerpt(token))' is not a number"
    case .nonFinite(let field): return "\(Self.excerpt(field, limit: 100)) must be a finite number (NaN and Inf are not allowed here)"
    case .duplicateBus(let id): return "bus \(Self.excerpt(id)) is defined more than once; bus numbers must be unique"
    case .unknownBus(let element, let bus): return "\(Self.excerpt(element, limit: 100)) connects to unknown bus \(Self.excerpt(bus))"
    case .zeroReactance(let element):
      return "\(Self.excerpt(element, limit: 100)) is in service with zero reactance; give it a non-zero x or take it out of service"
    case .outOfRange(let field, let value, let expected):
      return "\(Self.excerpt(field, limit: 100)) = \(Self.excerpt(value, limit: 100)) is out of range; expected \(expected)"
    case .syntax(let text): return Self.capped(text)
    case .unknownKey(let key, let allowed):
      return "unknown key '\(Self.excerpt(key))'; allowed here: \(allowed.joined(separator: ", "))"
    case .missingKey(let key, let element): return "\(Self.excerpt(element, limit: 100)) lacks the required key '\(key)'"
    case .duplicateID(let id): return "id '\(Self.excerpt(id))' is used more than once; ids must be unique"
    case .unknownReference(let kind, let name): return "unknown \(kind) '\(Self.excerpt(name))'"
    case .other(let text): return Self.capped(text)
    }
  }

  /// At most `limit` characters of a text taken from the input, for quoting it in a message:
  /// a 5 MB token is shown as its first characters and its length, never whole.
  public static func excerpt(_ text: String, limit: Int = 60) -> String {
    guard text.utf8.count > limit else { return text }
    let head = text.prefix(limit)
    guard head.endIndex < text.endIndex else { return text }
    return "\(head)… (\(text.count) characters)"
  }

  /// `a, b, c, … (200000 in all)`: the first `limit` names of a list (of columns, keys, ids).
  public static func list(_ names: [String], limit: Int = 12) -> String {
    let shown = names.prefix(limit).map { excerpt($0, limit: 40) }.joined(separator: ", ")
    return names.count > limit ? "\(shown), … (\(names.count) in all)" : shown
  }

  /// A message already phrased, cut to 1,000 characters should it quote too much of the input.
  static func capped(_ text: String) -> String {
    guard text.utf8.count > 1000 else { return text }
    return excerpt(text, limit: 1000)
  }
}
