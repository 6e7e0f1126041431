/// The markup of an HTML report, written front to back into a byte buffer (``ReportBuffer``,
/// as the JSON and CSV writers do), so that the map of a 70,000-bus case is written at memory
/// speed without a String per element.
///
/// Three kinds of text go in: markup GridCore writes itself (``raw(_:)-1p2nm``), text from the
/// input — names, labels — always escaped (``text(_:)``: `&`, `<`, `>`, `"` and `'`, safe
/// in element content and in quoted attribute values alike), and numbers. Numbers for people
/// are rounded (``fixed(_:_:)``: `11,000.0`); numbers for programs — the `data-*`
/// attributes that the tooltips read and the browser check compares with the JSON output —
/// are ``exact(_:)``: the text ``JSONWriter`` writes for the same double.
struct HTMLWriter {
  private var buffer: ReportBuffer

  init(capacity: Int = 1 << 16) { buffer = ReportBuffer(capacity: capacity) }

  /// Bytes written so far.
  var count: Int { buffer.count }

  /// The document, handed over; the writer starts again empty.
  mutating func take() -> [UInt8] { buffer.take() }

  // MARK: - Markup and text

  /// Markup written by GridCore itself (no escaping).
  mutating func raw(_ s: StaticString) { buffer.append(s) }

  /// Markup GridCore made elsewhere (another writer's ``take()``), appended as it is.
  mutating func raw(bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    bytes.withUnsafeBufferPointer { source in
      buffer.write(atMost: source.count) { out, p in ReportBuffer.copy(source, to: &out, at: p) }
    }
  }

  /// Markup made at run time by GridCore itself (no escaping): never pass input text here.
  mutating func raw(_ s: String) { buffer.append(utf8Of: s) }

  /// Text from the input, escaped for element content and quoted attribute values.
  mutating func text(_ s: String) {
    let utf8 = s.utf8
    if !utf8.contains(where: Self.needsEscape) {
      buffer.append(utf8Of: s)
      return
    }
    for b in utf8 {
      switch b {
      case UInt8(ascii: "&"): buffer.append("&amp;")
      case UInt8(ascii: "<"): buffer.append("&lt;")
      case UInt8(ascii: ">"): buffer.append("&gt;")
      case UInt8(ascii: "\""): buffer.append("&quot;")
      case UInt8(ascii: "'"): buffer.append("&#39;")
      default: buffer.append(b)
      }
    }
  }

  private static func needsEscape(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"")
      || b == UInt8(ascii: "'")
  }

  /// ` name="value"`, the value escaped.
  mutating func attribute(_ name: StaticString, _ value: String) {
    buffer.append(" ")
    buffer.append(name)
    buffer.append("=\"")
    text(value)
    buffer.append("\"")
  }

  /// ` name="number"` with the exact text of `value` (nothing when nil or not finite).
  mutating func attribute(_ name: StaticString, exact value: Double?) {
    guard let value, value.isFinite else { return }
    buffer.append(" ")
    buffer.append(name)
    buffer.append("=\"")
    exact(value)
    buffer.append("\"")
  }

  /// ` name="n"`.
  mutating func attribute(_ name: StaticString, integer value: Int) {
    buffer.append(" ")
    buffer.append(name)
    buffer.append("=\"")
    integer(value)
    buffer.append("\"")
  }

  /// `<tag class="…">text</tag>` with `text` escaped.
  mutating func element(_ open: StaticString, _ content: String, close: StaticString) {
    raw(open)
    text(content)
    raw(close)
  }

  // MARK: - Numbers

  /// The shortest text that reads back to `v`, as ``JSONWriter`` writes it (`null` → nothing).
  mutating func exact(_ v: Double?) {
    guard let v, v.isFinite else { return }
    buffer.write(atMost: NumberText.maxLength) { out, p in NumberText.write(v, to: &out, at: p) }
  }

  mutating func integer(_ v: Int) { NumberText.appendInteger(v, to: &buffer) }

  /// `v` rounded to `digits` decimals with thousands separators, for people (`-1,340.7`);
  /// `–` when missing or not finite.
  mutating func fixed(_ v: Double?, _ digits: Int) { raw(DisplayNumber.fixed(v, digits)) }

  /// A drawing coordinate with one decimal (`123.4`, `-0.5`): enough on a map 1,000 units wide.
  mutating func coordinate(_ v: Double) {
    // Drawing coordinates are bounded by the layout; anything else is drawn at 0, never trapped on.
    let v = v.isFinite && v.magnitude < 1e15 ? v : 0
    buffer.write(atMost: 24) { out, p in
      let tenths = Int((v * 10).rounded())
      var i = p
      if tenths < 0 {
        out[i] = UInt8(ascii: "-")
        i += 1
      }
      let magnitude = tenths.magnitude
      i += NumberText.writeInteger(Int(magnitude / 10), to: &out, at: i)
      let decimal = magnitude % 10
      if decimal != 0 {
        out[i] = UInt8(ascii: ".")
        out[i + 1] = UInt8(ascii: "0") + UInt8(decimal)
        i += 2
      }
      return i - p
    }
  }

  /// `x y` (two coordinates separated by a space).
  mutating func point(_ x: Double, _ y: Double) {
    coordinate(x)
    buffer.append(" ")
    coordinate(y)
  }
}

/// Rounded numbers for people: the figures of the page's tables, labels and axes.
enum DisplayNumber {
  /// `v` rounded to `digits` decimals, thousands grouped with commas (`11,000.0`); `–` when
  /// missing or not finite; never `-0.0`.
  static func fixed(_ v: Double?, _ digits: Int, grouping: Bool = true) -> String {
    guard let v, v.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (v.magnitude * scale).rounded()
    guard scaled < 9e17 else { return v.description }
    let units = Int64(scaled)
    let divisor = Int64(scale)
    let whole = units / divisor
    let fraction = units % divisor
    var out = units == 0 || v > 0 ? "" : "-"
    out += grouping ? grouped(whole) : String(whole)
    if digits > 0 {
      let text = String(fraction)
      out += "." + String(repeating: "0", count: digits - text.count) + text
    }
    return out
  }

  /// `1234567` → `1,234,567`.
  static func grouped(_ v: Int64) -> String {
    let digits = Array(String(v))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }
}
