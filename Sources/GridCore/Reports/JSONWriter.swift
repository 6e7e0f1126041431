import Foundation

/// A minimal streaming JSON builder over a byte buffer: exact numbers (the
/// shortest text that reads back to the same double), `null` for missing or
/// non-finite values, and no intermediate dictionaries or Strings, so that the
/// result of a 70,000-bus case is written at memory speed.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Whether the open object or array already holds a value (then the next one needs a comma),
  /// and the same for each enclosing level.
  private var needsComma = false
  private var enclosing: [Bool] = []

  init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  /// Text written so far, handed over as one chunk of the document, ending with the separator
  /// for a `"key":value` section of the open object that is formatted elsewhere (pieces from
  /// ``arrayPiece(_:rows:of:element:)``, possibly on other threads) and comes next. The writer
  /// goes on as if that section were written, so that a large document is a list of chunks
  /// written to a file one after another, never copied into one buffer.
  mutating func handOverBeforeSection() -> [UInt8] {
    separate()
    defer {
      bytes = []
      bytes.reserveCapacity(4096)
    }
    return bytes
  }

  /// One piece of the array `"key":[...]` with `count` elements: elements `rows`, written
  /// by `element`. The first piece opens the array, the last closes it, the others continue
  /// it, so that the pieces of a long array can be formatted on several threads.
  mutating func arrayPiece(_ key: StaticString, rows: Range<Int>, of count: Int, element: (inout JSONWriter, Int) -> Void) {
    if rows.lowerBound == 0 {
      beginArray(key)
    } else {
      enclosing.append(needsComma)
      needsComma = true  // elements before this piece
    }
    for row in rows { element(&self, row) }
    if rows.upperBound == count {
      endArray()
    } else {
      needsComma = enclosing.removeLast()
    }
  }

  /// Row ranges of at most `size` rows covering `0..<count` (one, possibly empty, when count is 0).
  static func pieces(of count: Int, size: Int = 4096) -> [Range<Int>] {
    guard count > 0 else { return [0..<0] }
    return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = true
  }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    enclosing.append(needsComma)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    needsComma = enclosing.removeLast()
    bytes.append(bracket)
  }

  mutating func beginObject(_ key: StaticString? = nil) {
    if let key { self.key(key) } else { separate() }
    open(UInt8(ascii: "{"))
  }
  mutating func endObject() { close(UInt8(ascii: "}")) }
  mutating func beginArray(_ key: StaticString? = nil) {
    if let key { self.key(key) } else { separate() }
    open(UInt8(ascii: "["))
  }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Keys are ASCII literals written by GridCore itself: no escaping needed, no String made.
  private mutating func key(_ k: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    k.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  /// A key made at run time (enum names, percentiles); ASCII identifiers only.
  private mutating func key(named k: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: k.utf8)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }
  mutating func beginObject(named k: String) {
    key(named: k)
    open(UInt8(ascii: "{"))
  }
  mutating func field(named k: String, _ v: Double?) {
    key(named: k)
    value(v)
  }
  mutating func field(named k: String, _ v: Int) {
    key(named: k)
    value(v)
  }

  mutating func field(_ k: StaticString, _ v: Double?) {
    key(k)
    value(v)
  }
  mutating func field(_ k: StaticString, _ v: Int) {
    key(k)
    value(v)
  }
  mutating func field(_ k: StaticString, integer v: Int?) {
    key(k)
    value(integer: v)
  }
  mutating func field(_ k: StaticString, _ v: Bool) {
    key(k)
    value(v)
  }
  mutating func field(_ k: StaticString, _ v: String?) {
    key(k)
    value(v)
  }
  mutating func field(_ k: StaticString, numbers: [Double]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in numbers.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendNumber(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  mutating func field(_ k: StaticString, integers: [Int]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in integers.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendInteger(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  mutating func field(_ k: StaticString, strings: [String]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in strings.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendString(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  /// An object of an array whose fields always come in the same order, written as literal
  /// text between the values (`{"id":`, then `,"name":`...), so that the rows of a large array
  /// cost one append per field. Ends with ``endRecord()``.
  mutating func beginRecord(_ opening: StaticString) {
    separate()
    Self.appendASCII(opening, to: &bytes)
  }
  mutating func endRecord() { bytes.append(UInt8(ascii: "}")) }
  /// `text` (`,"key":`), then a value.
  mutating func literal(_ text: StaticString) { Self.appendASCII(text, to: &bytes) }
  mutating func value(_ v: Double?) { Self.appendNumber(v, to: &bytes) }
  mutating func value(_ v: Int) { Self.appendInteger(v, to: &bytes) }
  mutating func value(integer v: Int?) {
    if let v { Self.appendInteger(v, to: &bytes) } else { Self.appendNull(to: &bytes) }
  }
  mutating func value(_ v: String?) {
    if let v { Self.appendString(v, to: &bytes) } else { Self.appendNull(to: &bytes) }
  }
  mutating func value(_ v: Bool) { Self.appendASCII(v ? "true" : "false", to: &bytes) }
  /// `v` and, after `separator`, `-v`.
  mutating func valueAndNegation(_ v: Double?, _ separator: StaticString) {
    let start = bytes.count
    Self.appendNumber(v, to: &bytes)
    let text = start..<bytes.count
    Self.appendASCII(separator, to: &bytes)
    Self.appendNegated(of: text, to: &bytes)
  }

  /// An array element that is a string.
  mutating func element(_ v: String) {
    separate()
    Self.appendString(v, to: &bytes)
  }

  // MARK: - Byte formatting, shared with the CSV writers

  static func appendNull(to bytes: inout [UInt8]) { appendASCII("null", to: &bytes) }

  static func appendASCII(_ s: StaticString, to bytes: inout [UInt8]) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  static func appendInteger(_ v: Int, to bytes: inout [UInt8]) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = v.magnitude
    // Up to 8 digits (bus numbers, indices, ratings) are gathered in one word, the most
    // significant in its first byte in memory, and appended at once.
    if magnitude < 100_000_000 {
      var word: UInt64 = 0
      var count = 0
      repeat {
        word = word << 8 | UInt64(truncatingIfNeeded: magnitude % 10 + 0x30)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0[0..<count]) }
      return
    }
    // Longer ones: digits come out least significant first; write them, then reverse in place.
    let start = bytes.count
    while magnitude > 0 {
      bytes.append(UInt8(truncatingIfNeeded: magnitude % 10) + 0x30)
      magnitude /= 10
    }
    bytes[start...].reverse()
  }

  /// The text of `-v` after ``appendNumber(_:to:)`` wrote `v` at `text`: the sign toggled,
  /// without formatting the number again (a branch's two end flows).
  static func appendNegated(of text: Range<Int>, to bytes: inout [UInt8]) {
    // Byte by byte: appending a slice of the array to itself would copy the whole array.
    let first = bytes[text.lowerBound]
    var from = text.lowerBound
    if first == UInt8(ascii: "-") {
      from += 1
    } else if first != UInt8(ascii: "n") && !(first == UInt8(ascii: "0") && text.count == 1) {
      bytes.append(UInt8(ascii: "-"))  // null and 0 stay as they are
    }
    for i in from..<text.upperBound { bytes.append(bytes[i]) }
  }

  /// Whole numbers without a fraction; others as Swift's shortest round-trip text; `null` if not finite.
  static func appendNumber(_ v: Double?, to bytes: inout [UInt8]) {
    guard let v, v.isFinite else {
      appendNull(to: &bytes)
      return
    }
    if v == v.rounded(.towardZero), abs(v) < 1e15 {
      if v == 0 {
        bytes.append(UInt8(ascii: "0"))
      } else {
        appendInteger(Int(v), to: &bytes)
      }
      return
    }
    // The standard library's shortest round-trip text, handed over as ASCII bytes: no String
    // per number (most are longer than the 15 bytes a String holds without allocating).
    var sink = ASCIISink()
    swap(&sink.bytes, &bytes)
    v.write(to: &sink)
    swap(&sink.bytes, &bytes)
  }

  static func appendString(_ s: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    let utf8 = s.utf8
    if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for b in utf8 {
      switch b {
      case UInt8(ascii: "\""): appendASCII("\\\"", to: &bytes)
      case UInt8(ascii: "\\"): appendASCII("\\\\", to: &bytes)
      case 0x0A: appendASCII("\\n", to: &bytes)
      case 0x0D: appendASCII("\\r", to: &bytes)
      case 0x09: appendASCII("\\t", to: &bytes)
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        appendASCII("\\u00", to: &bytes)
        bytes.append(hex[Int(b >> 4)])
        bytes.append(hex[Int(b & 15)])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Receives the text of a number directly as ASCII bytes (`TextOutputStream._writeASCII`,
/// which `Double.write(to:)` calls) instead of as a String.
private struct ASCIISink: TextOutputStream {
  var bytes: [UInt8] = []
  mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
