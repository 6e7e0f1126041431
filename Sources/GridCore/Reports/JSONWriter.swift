/// A minimal streaming JSON builder: exact numbers (shortest text that reads
/// back to the same double), `null` for missing or non-finite values, and
/// no intermediate dictionaries, so that a 70,000-bus result is written fast.
struct JSONWriter {
  private(set) var text = ""
  private var needsComma: [Bool] = [false]

  init(capacity: Int = 4096) { text.reserveCapacity(capacity) }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { text += "," }
    needsComma[needsComma.count - 1] = true
  }

  mutating func beginObject(_ key: String? = nil) {
    if let key { self.key(key) } else { separate() }
    text += "{"
    needsComma.append(false)
  }
  mutating func endObject() {
    needsComma.removeLast()
    text += "}"
  }
  mutating func beginArray(_ key: String? = nil) {
    if let key { self.key(key) } else { separate() }
    text += "["
    needsComma.append(false)
  }
  mutating func endArray() {
    needsComma.removeLast()
    text += "]"
  }

  private mutating func key(_ k: String) {
    separate()
    Self.appendString(k, to: &text)
    text += ":"
  }

  mutating func field(_ k: String, _ v: Double?) {
    key(k)
    Self.appendNumber(v, to: &text)
  }
  mutating func field(_ k: String, _ v: Int) {
    key(k)
    text += String(v)
  }
  mutating func field(_ k: String, integer v: Int?) {
    key(k)
    text += v.map(String.init) ?? "null"
  }
  mutating func field(_ k: String, _ v: Bool) {
    key(k)
    text += v ? "true" : "false"
  }
  mutating func field(_ k: String, _ v: String?) {
    key(k)
    if let v { Self.appendString(v, to: &text) } else { text += "null" }
  }
  mutating func field(_ k: String, numbers: [Double]) {
    key(k)
    text += "["
    for (i, v) in numbers.enumerated() {
      if i > 0 { text += "," }
      Self.appendNumber(v, to: &text)
    }
    text += "]"
  }
  mutating func field(_ k: String, integers: [Int]) {
    key(k)
    text += "[" + integers.map(String.init).joined(separator: ",") + "]"
  }
  mutating func field(_ k: String, strings: [String]) {
    key(k)
    text += "["
    for (i, v) in strings.enumerated() {
      if i > 0 { text += "," }
      Self.appendString(v, to: &text)
    }
    text += "]"
  }
  /// An array element that is a string.
  mutating func element(_ v: String) {
    separate()
    Self.appendString(v, to: &text)
  }

  static func appendNumber(_ v: Double?, to text: inout String) {
    guard let v, v.isFinite else {
      text += "null"
      return
    }
    if v == v.rounded(), abs(v) < 1e15 {
      text += v == 0 ? "0" : String(Int64(v))
    } else {
      text += "\(v)"
    }
  }

  static func appendString(_ s: String, to text: inout String) {
    text += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
