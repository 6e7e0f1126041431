/// Hand-written YAML output: block mappings and lists of mappings, scalars
/// quoted only where YAML would misread them, numbers that read back exactly.
struct NativeYAMLText {
  private(set) var lines: [String] = []

  mutating func blank() { lines.append("") }

  mutating func comment(_ text: String, indent: Int = 0) {
    let pad = String(repeating: " ", count: indent)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(line.isEmpty ? "\(pad)#" : "\(pad)# \(line)")
    }
  }

  /// `key: value` with `value` already rendered (see `string`, `number`, `list`).
  mutating func field(_ key: String, _ value: String, indent: Int = 0) {
    lines.append(String(repeating: " ", count: indent) + "\(key): \(value)")
  }

  /// `key:` opening a nested block.
  mutating func section(_ key: String, indent: Int = 0) {
    lines.append(String(repeating: " ", count: indent) + "\(key):")
  }

  /// One list item that is a mapping: the first field after `- `, the others aligned under it.
  mutating func item(_ fields: [(key: String, value: String)], indent: Int) {
    let pad = String(repeating: " ", count: indent)
    for (index, field) in fields.enumerated() {
      lines.append(pad + (index == 0 ? "- " : "  ") + "\(field.key): \(field.value)")
    }
  }

  var text: String { lines.joined(separator: "\n") + "\n" }

  // MARK: Scalars

  /// Words that YAML 1.1 reads as booleans or null when unquoted.
  private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

  /// A text scalar: plain when it is an unambiguous word such as `wubei` or `Wubei 乌北`, else double-quoted.
  static func string(_ value: String) -> String {
    if isPlainSafe(value) { return value }
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if needsEscape(scalar) {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += scalar.value <= 0xFFFF
            ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func isPlainSafe(_ value: String) -> Bool {
    guard let first = value.first, first.isLetter, let last = value.last, last != " " else { return false }
    guard !reservedWords.contains(value.lowercased()) else { return false }
    // No YAML indicators (`:`, `#`, `,`, brackets, quotes...), so the text is also safe inside `[...]`.
    return value.allSatisfy { character in
      character.isLetter || character.isNumber || " -_./()+".contains(character)
    } && !value.contains("  ")
  }

  /// Characters that YAML does not allow unescaped in a double-quoted scalar, or that would break the line.
  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
      || value == 0xFEFF
  }

  /// Shortest text that reads back as exactly `value` (Swift's description round-trips); `100` rather than `100.0`;
  /// YAML's `.inf`, `-.inf` and `.nan` for the values that are not finite.
  static func number(_ value: Double) -> String {
    if value.isNaN { return ".nan" }
    if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// A flow list of numbers, e.g. `[0, 1.5, .inf]`.
  static func numbers(_ values: [Double]) -> String {
    "[" + values.map { number($0) }.joined(separator: ", ") + "]"
  }

  /// A line written as given, indented.
  mutating func line(_ text: String, indent: Int) {
    lines.append(String(repeating: " ", count: indent) + text)
  }

  static func number(_ value: Int) -> String { String(value) }

  /// A flow list of texts, e.g. `[wubei, "a: b"]`.
  static func list(_ values: [String]) -> String {
    "[" + values.map(string).joined(separator: ", ") + "]"
  }
}
