import Foundation
import Yams

/// One YAML mapping of the native format whose keys have been checked: typed
/// accessors that report `file:line:column` of the offending node, so that
/// the section readers never deal with raw Yams nodes or their marks.
struct NativeMapping {
  let file: String
  /// How messages name the element, e.g. `line 'hami-dunhuang'`; refined once the id is known.
  var element: String
  /// Where the mapping starts (its first key).
  let location: SourceLocation
  private let entries: [String: (key: Yams.Node, value: Yams.Node)]

  /// Checks that `node` is a mapping with unique, known keys.
  init(_ node: Yams.Node, element: String, allowed: [String], file: String) throws(ParseError) {
    self.file = file
    self.element = element
    self.location = NativeMapping.location(of: node, in: file)
    guard case .mapping(let mapping) = node else {
      throw ParseError(
        .syntax("\(element) must be a mapping of 'key: value' lines; found \(NativeMapping.describe(node))"),
        at: location)
    }
    var entries: [String: (key: Yams.Node, value: Yams.Node)] = [:]
    for (key, value) in mapping {
      let keyLocation = NativeMapping.location(of: key, in: file)
      guard case .scalar(let scalar) = key else {
        throw ParseError(.syntax("keys of \(element) must be plain words; found \(NativeMapping.describe(key))"), at: keyLocation)
      }
      guard allowed.contains(scalar.string) else {
        throw ParseError(.unknownKey(key: scalar.string, allowed: allowed), at: keyLocation)
      }
      // Yams keeps both entries of a repeated key; silently taking one would hide an editing mistake.
      guard entries[scalar.string] == nil else {
        throw ParseError(.syntax("key '\(scalar.string)' appears twice in \(element); keep one"), at: keyLocation)
      }
      entries[scalar.string] = (key, value)
    }
    self.entries = entries
  }

  static func location(of node: Yams.Node, in file: String) -> SourceLocation {
    guard let mark = node.mark else { return SourceLocation(file: file, line: 1) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  /// A short description of a node's shape for "found ..." messages.
  static func describe(_ node: Yams.Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "'\(ParseError.excerpt(scalar.string))'"
    }
  }

  func has(_ key: String) -> Bool { entries[key] != nil }

  func valueNode(_ key: String) -> Yams.Node? { entries[key]?.value }

  /// Location of a key's value, or of the mapping when the key is absent.
  func locationOf(_ key: String) -> SourceLocation {
    guard let value = entries[key]?.value else { return location }
    return NativeMapping.location(of: value, in: file)
  }

  func error(_ key: String, _ kind: ParseError.Kind) -> ParseError {
    ParseError(kind, at: locationOf(key))
  }

  func missing(_ key: String) -> ParseError {
    ParseError(.missingKey(key: key, element: element), at: location)
  }

  // MARK: Scalars

  /// The scalar text of a key, or nil when absent. An explicit null (`key:` or `key: ~`) is an error:
  /// it is almost always a value that was forgotten.
  private func scalarText(_ key: String, expected: String) throws(ParseError) -> (text: String, quoted: Bool)? {
    guard let value = entries[key]?.value else { return nil }
    guard case .scalar(let scalar) = value else {
      throw error(key, .syntax("'\(key)' of \(element) must be \(expected); found \(NativeMapping.describe(value))"))
    }
    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    if NativeMapping.isNull(value) {
      throw error(key, .syntax("'\(key)' of \(element) has no value; write \(expected) or remove the key"))
    }
    return (scalar.string, quoted)
  }

  func string(_ key: String) throws(ParseError) -> String? {
    try scalarText(key, expected: "a text")?.text
  }

  func requiredString(_ key: String) throws(ParseError) -> String {
    guard let value = try string(key) else { throw missing(key) }
    return value
  }

  /// An id or reference: a non-empty text.
  func requiredID(_ key: String) throws(ParseError) -> String {
    let value = try requiredString(key)
    guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw error(key, .outOfRange(field: key, value: "'\(value)'", expected: "a non-empty id"))
    }
    return value
  }

  /// A finite number. Quoted text is not a number, so `"12"` is reported rather than guessed at.
  func double(_ key: String) throws(ParseError) -> Double? {
    guard let node = entries[key]?.value else { return nil }
    _ = try scalarText(key, expected: "a number")
    return try number(node, field: "'\(key)' of \(element)", allowInfinite: false)
  }

  /// A number that may be unbounded: finite, or `.inf` / `-.inf` (YAML's infinities), as
  /// MATPOWER limits may be (PMAX = Inf). NaN is refused.
  func unboundedDouble(_ key: String) throws(ParseError) -> Double? {
    guard let node = entries[key]?.value else { return nil }
    _ = try scalarText(key, expected: "a number or .inf")
    return try number(node, field: "'\(key)' of \(element)", allowInfinite: true)
  }

  /// The number a scalar node holds; `allowInfinite` admits `.inf` and `-.inf`.
  func number(_ node: Yams.Node, field: String, allowInfinite: Bool) throws(ParseError) -> Double {
    let at = NativeMapping.location(of: node, in: file)
    guard case .scalar(let scalar) = node else {
      throw ParseError(.syntax("\(field) must be a number; found \(NativeMapping.describe(node))"), at: at)
    }
    let text = scalar.string
    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if !quoted, allowInfinite {
      switch trimmed.lowercased() {
      case ".inf", "+.inf": return .infinity
      case "-.inf": return -.infinity
      default: break
      }
    }
    if !quoted, [".nan", ".inf", "+.inf", "-.inf"].contains(trimmed.lowercased()) {
      throw ParseError(.nonFinite(field: field), at: at)
    }
    // YAML 1.1 allows `_` as a digit separator (1_000).
    guard !quoted, let value = Double(trimmed.replacingOccurrences(of: "_", with: "")) else {
      // Keep the quotes in the message: "'"220"' is not a number" shows what to remove.
      throw ParseError(.invalidNumber(quoted ? "\"\(text)\"" : text), at: at)
    }
    guard value.isFinite else { throw ParseError(.nonFinite(field: field), at: at) }
    return value
  }

  /// A flow list of numbers, e.g. `[0, 0, 1.5]`; `allowInfinite` admits `.inf` and `-.inf`.
  func doubleList(_ key: String, allowInfinite: Bool) throws(ParseError) -> [Double]? {
    guard let node = entries[key]?.value else { return nil }
    guard case .sequence(let sequence) = node else {
      throw error(key, .syntax("'\(key)' of \(element) must be a list of numbers, e.g. [1, 2]; found \(NativeMapping.describe(node))"))
    }
    var values: [Double] = []
    for item in sequence {
      values.append(try number(item, field: "an item of '\(key)' of \(element)", allowInfinite: allowInfinite))
    }
    return values
  }

  /// The text of a scalar value as written, for the rare value read from its digits (percentages).
  func rawText(_ key: String) -> String? {
    guard case .scalar(let scalar) = entries[key]?.value else { return nil }
    return scalar.string.trimmingCharacters(in: .whitespaces)
  }

  func requiredDouble(_ key: String) throws(ParseError) -> Double {
    guard let value = try double(key) else { throw missing(key) }
    return value
  }

  /// A whole number, e.g. a bus number or a count of circuits.
  func int(_ key: String) throws(ParseError) -> Int? {
    guard let value = try double(key) else { return nil }
    guard value == value.rounded(), let whole = Int(exactly: value) else {
      throw error(key, .outOfRange(field: "'\(key)' of \(element)", value: NativeMapping.format(value), expected: "a whole number"))
    }
    return whole
  }

  func bool(_ key: String) throws(ParseError) -> Bool? {
    guard let (text, quoted) = try scalarText(key, expected: "true or false") else { return nil }
    switch quoted ? "" : text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      throw error(key, .syntax("'\(key)' of \(element) must be true or false; found '\(text)'"))
    }
  }

  /// A list of texts (ids or tags), each with its location for reference errors.
  func stringList(_ key: String) throws(ParseError) -> [(value: String, location: SourceLocation)]? {
    guard let node = entries[key]?.value else { return nil }
    guard case .sequence(let sequence) = node else {
      throw error(key, .syntax("'\(key)' of \(element) must be a list, e.g. [a, b]; found \(NativeMapping.describe(node))"))
    }
    var values: [(value: String, location: SourceLocation)] = []
    for item in sequence {
      let itemLocation = NativeMapping.location(of: item, in: file)
      guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
        throw ParseError(
          .syntax("items of '\(key)' of \(element) must be texts; found \(NativeMapping.describe(item))"), at: itemLocation)
      }
      values.append((scalar.string, itemLocation))
    }
    return values
  }

  /// True for an empty or `~` value, as in a section left empty (`lines:`).
  static func isNull(_ node: Yams.Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// The items of a list-valued key (a section such as `buses`); a section left empty has none.
  func sequence(_ key: String) throws(ParseError) -> [Yams.Node]? {
    guard let node = entries[key]?.value else { return nil }
    if NativeMapping.isNull(node) { return [] }
    guard case .sequence(let sequence) = node else {
      throw error(key, .syntax("'\(key)' must be a list of entries each starting with '- '; found \(NativeMapping.describe(node))"))
    }
    return Array(sequence)
  }

  // MARK: Checks

  /// Throws `outOfRange` at the key's value unless `condition` holds.
  func require(_ condition: Bool, _ key: String, _ value: Double, expected: String) throws(ParseError) {
    guard condition else {
      throw error(key, .outOfRange(field: "'\(key)' of \(element)", value: NativeMapping.format(value), expected: expected))
    }
  }

  /// `100` rather than `100.0` in messages, as the user would have typed it.
  static func format(_ value: Double) -> String {
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
