/// The one JSON writer of GridCore: a document written front to back into a byte buffer,
/// with exact numbers (``NumberText``: the shortest text that reads back to the same double),
/// `null` for missing or non-finite values, and no intermediate dictionaries or Strings, so
/// that the report of a 70,000-bus case is written at memory speed.
///
/// The writer keeps the commas: each key or array element is preceded by one exactly when
/// its object or array already holds a value. A document larger than memory is handed over
/// in pieces (``take()``) while the writer keeps its place, and the rows of a long array can
/// be written by several writers side by side (``arrayPiece(_:rows:of:element:)``).
struct JSONWriter {
  private var buffer: ReportBuffer
  /// Whether the open object or array already holds a value (then the next one needs a comma).
  private var needsComma = false
  /// The same for each enclosing level, innermost in the lowest bit.
  private var enclosing: UInt64 = 0
  private var depth = 0

  init(capacity: Int = 4096) { buffer = ReportBuffer(capacity: capacity) }

  /// The text written so far (a copy; ``take()`` hands it over without one).
  var bytes: [UInt8] { buffer.bytes }

  /// The text written so far, as a String.
  var text: String { String(decoding: buffer.bytes, as: UTF8.self) }

  // MARK: - Objects and arrays

  /// `{`, as an array element or the document (no key) or as the value of `key`.
  mutating func beginObject(_ key: StaticString? = nil) {
    if let key { self.key(key) } else { separate() }
    open(UInt8(ascii: "{"))
  }
  /// `{` as the value of a key made at run time.
  mutating func beginObject(named key: String) {
    self.key(named: key)
    open(UInt8(ascii: "{"))
  }
  mutating func endObject() { close(UInt8(ascii: "}")) }

  /// `[`, as an array element or the document (no key) or as the value of `key`.
  mutating func beginArray(_ key: StaticString? = nil) {
    if let key { self.key(key) } else { separate() }
    open(UInt8(ascii: "["))
  }
  mutating func endArray() { close(UInt8(ascii: "]")) }

  /// The newline that ends a document, after its outermost value is closed.
  mutating func endDocument() {
    precondition(depth == 0, "a JSON document ends after its outermost value")
    buffer.append(0x0A)
  }

  // MARK: - Fields of an object

  mutating func field(_ k: StaticString, _ v: Double?) {
    field(k, valueAtMost: NumberText.maxLength) { out, p in Self.writeNumber(v, to: &out, at: p) }
  }
  mutating func field(_ k: StaticString, _ v: Int) {
    field(k, valueAtMost: 20) { out, p in NumberText.writeInteger(v, to: &out, at: p) }
  }
  mutating func field(_ k: StaticString, integer v: Int?) {
    field(k, valueAtMost: 20) { out, p in
      guard let v else { return Self.copy("null", to: &out, at: p) }
      return NumberText.writeInteger(v, to: &out, at: p)
    }
  }
  mutating func field(_ k: StaticString, _ v: Bool) {
    field(k, valueAtMost: 5) { out, p in Self.copy(v ? "true" : "false", to: &out, at: p) }
  }
  mutating func field(_ k: StaticString, _ v: String?) {
    guard let v else { return field(k, valueAtMost: 4) { out, p in Self.copy("null", to: &out, at: p) } }
    key(k)
    Self.appendString(v, to: &buffer)
  }
  /// `k` with `v`, then `negated` with `-v`: the text of `v` with its sign toggled, not
  /// formatted twice (a branch's flows at its two ends).
  mutating func field(_ k: StaticString, _ v: Double?, negatedAs negated: StaticString) {
    let comma = needsComma
    needsComma = true
    let room = k.utf8CodeUnitCount + negated.utf8CodeUnitCount + 2 * NumberText.maxLength + 10
    buffer.write(atMost: room) { out, p in
      var i = p + Self.writeKey(k, comma: comma, to: &out, at: p)
      let number = Self.writeNumber(v, to: &out, at: i)
      let text = i..<(i + number)
      i += number
      i += Self.writeKey(negated, comma: true, to: &out, at: i)
      return i - p + NumberText.writeNegation(of: text, to: &out, at: i)
    }
  }
  /// A key made at run time (enum names, percentiles): ASCII identifiers only.
  mutating func field(named k: String, _ v: Double?) {
    key(named: k)
    buffer.write(atMost: NumberText.maxLength) { out, p in Self.writeNumber(v, to: &out, at: p) }
  }
  mutating func field(named k: String, _ v: Int) {
    key(named: k)
    NumberText.appendInteger(v, to: &buffer)
  }

  /// `k` with an array of numbers (`null` for the non-finite ones).
  mutating func field(_ k: StaticString, numbers: [Double]) {
    beginArray(k)
    for v in numbers { element(v) }
    endArray()
  }
  mutating func field(_ k: StaticString, integers: [Int]) {
    beginArray(k)
    for v in integers { element(v) }
    endArray()
  }
  mutating func field(_ k: StaticString, strings: [String]) {
    beginArray(k)
    for v in strings { element(v) }
    endArray()
  }

  // MARK: - Elements of an array

  mutating func element(_ v: Double?) {
    let comma = needsComma
    needsComma = true
    buffer.write(atMost: 1 + NumberText.maxLength) { out, p in
      if comma { out[p] = UInt8(ascii: ",") }
      return (comma ? 1 : 0) + Self.writeNumber(v, to: &out, at: comma ? p + 1 : p)
    }
  }
  mutating func element(_ v: Int) {
    separate()
    NumberText.appendInteger(v, to: &buffer)
  }
  mutating func element(_ v: String) {
    separate()
    Self.appendString(v, to: &buffer)
  }

  // MARK: - A document in pieces

  /// The text written so far, handed over as the next piece of the document; the writer goes
  /// on where it was (inside the same objects and arrays).
  mutating func take() -> [UInt8] { buffer.take() }

  /// ``take()``, ending with the separator for a `"key":value` section of the open object
  /// that is formatted elsewhere (pieces from ``arrayPiece(_:rows:of:element:)``, possibly on
  /// other threads) and comes next. The writer goes on as if that section were written.
  mutating func handOverBeforeSection() -> [UInt8] {
    separate()
    return take()
  }

  /// One piece of the array `"key":[...]` with `count` elements: elements `rows`, written
  /// by `element`. The first piece opens the array, the last closes it, the others continue
  /// it, so that the pieces of a long array can be formatted on several threads.
  mutating func arrayPiece(_ key: StaticString, rows: Range<Int>, of count: Int, element: (inout JSONWriter, Int) -> Void) {
    if rows.lowerBound == 0 {
      beginArray(key)
    } else {
      push()
      needsComma = true  // elements before this piece
    }
    for row in rows { element(&self, row) }
    if rows.upperBound == count {
      endArray()
    } else {
      pop()
    }
  }

  /// Row ranges of at most `size` rows covering `0..<count` (one, possibly empty, when count is 0).
  static func pieces(of count: Int, size: Int = 4096) -> [Range<Int>] {
    guard count > 0 else { return [0..<0] }
    return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
  }

  // MARK: - Separators and keys

  private mutating func separate() {
    if needsComma { buffer.append(UInt8(ascii: ",")) }
    needsComma = true
  }

  private mutating func push() {
    precondition(depth < 64, "JSON nested more than 64 levels deep")
    enclosing = enclosing << 1 | (needsComma ? 1 : 0)
    depth += 1
  }

  private mutating func pop() {
    precondition(depth > 0, "more JSON objects and arrays closed than opened")
    needsComma = enclosing & 1 == 1
    enclosing >>= 1
    depth -= 1
  }

  private mutating func open(_ bracket: UInt8) {
    buffer.append(bracket)
    push()
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    pop()
    buffer.append(bracket)
  }

  /// `"k":`, after a comma when one is due.
  private mutating func key(_ k: StaticString) { field(k, valueAtMost: 0) { _, _ in 0 } }

  /// The key and its value (at most `room` bytes, written by `value`) in one write.
  @inline(__always)
  private mutating func field(
    _ k: StaticString, valueAtMost room: Int, _ value: (inout MutableSpan<UInt8>, Int) -> Int
  ) {
    let comma = needsComma
    needsComma = true
    buffer.write(atMost: k.utf8CodeUnitCount + 4 + room) { out, p in
      let i = Self.writeKey(k, comma: comma, to: &out, at: p)
      return i + value(&out, p + i)
    }
  }

  private mutating func key(named k: String) {
    separate()
    buffer.append(UInt8(ascii: "\""))
    buffer.append(utf8Of: k)
    buffer.append(UInt8(ascii: "\""))
    buffer.append(UInt8(ascii: ":"))
  }

  // MARK: - Values

  /// `,"k":` (`"k":` without `comma`) into `out` from `p`; returns the length. Keys are ASCII
  /// literals written by GridCore itself: no escaping, no String made.
  @inline(__always)
  private static func writeKey(_ k: StaticString, comma: Bool, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    var i = p
    if comma {
      out[i] = UInt8(ascii: ",")
      i += 1
    }
    out[i] = UInt8(ascii: "\"")
    i += 1
    i += copy(k, to: &out, at: i)
    out[i] = UInt8(ascii: "\"")
    out[i + 1] = UInt8(ascii: ":")
    return i + 2 - p
  }

  /// ``NumberText``'s text, or `null` when `v` is missing or not finite.
  @inline(__always)
  private static func writeNumber(_ v: Double?, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    if let v, v.isFinite { return NumberText.write(v, to: &out, at: p) }
    return copy("null", to: &out, at: p)
  }

  /// The bytes of a literal into `out` from `p`; returns their count.
  @inline(__always)
  private static func copy(_ s: StaticString, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    s.withUTF8Buffer { utf8 in ReportBuffer.copy(utf8, to: &out, at: p) }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
  static func appendString(_ s: String, to buffer: inout ReportBuffer) {
    // Nearly every string needs no escape: checked and copied over its contiguous UTF-8.
    var text = s
    let plain = text.withUTF8 { utf8 -> Bool in
      guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
      buffer.write(atMost: utf8.count + 2) { out, p in
        out[p] = UInt8(ascii: "\"")
        let n = ReportBuffer.copy(utf8, to: &out, at: p + 1)
        out[p + 1 + n] = UInt8(ascii: "\"")
        return n + 2
      }
      return true
    }
    if plain { return }
    buffer.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): buffer.append("\\\"")
      case UInt8(ascii: "\\"): buffer.append("\\\\")
      case 0x0A: buffer.append("\\n")
      case 0x0D: buffer.append("\\r")
      case 0x09: buffer.append("\\t")
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        buffer.append("\\u00")
        buffer.append(hex[Int(b >> 4)])
        buffer.append(hex[Int(b & 15)])
      default: buffer.append(b)
      }
    }
    buffer.append(UInt8(ascii: "\""))
  }
}
