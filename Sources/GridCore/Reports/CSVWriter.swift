/// The one CSV writer of GridCore's reports: rows of comma-separated cells in a byte buffer,
/// numbers as in JSON (``NumberText``), text quoted when it must be (RFC 4180), missing
/// values as empty cells. Like ``JSONWriter`` it keeps the commas: each cell after the first
/// of a row is preceded by one.
struct CSVWriter {
  private var buffer: ReportBuffer
  private var rowStarted = false
  /// The text of a non-finite number (an infinite rating, say).
  private let nonFinite: StaticString

  /// - Parameter nonFinite: the text of a non-finite number: an empty cell, or `null` where
  ///   a report has always written that (`gridtool solve --format csv`).
  init(capacity: Int = 4096, nonFinite: StaticString = "") {
    buffer = ReportBuffer(capacity: capacity)
    self.nonFinite = nonFinite
  }

  /// The text written so far (a copy; ``take()`` hands it over without one).
  var bytes: [UInt8] { buffer.bytes }

  /// The text written so far, as a String.
  var text: String { String(decoding: buffer.bytes, as: UTF8.self) }

  /// A cell of text, quoted when it holds a comma, a quote or a line break.
  mutating func cell(_ s: String) {
    separate()
    CSV.append(s, to: &buffer)
  }

  /// A cell written as given: header names and lists the caller knows need no quotes.
  mutating func cell(raw s: String) {
    separate()
    buffer.append(utf8Of: s)
  }

  /// A number; empty when missing, `nonFinite` when not finite.
  mutating func cell(_ v: Double?) {
    let comma = rowStarted
    rowStarted = true
    buffer.write(atMost: 1 + max(NumberText.maxLength, nonFinite.utf8CodeUnitCount)) { out, p in
      if comma { out[p] = UInt8(ascii: ",") }
      let start = p + (comma ? 1 : 0)
      guard let v else { return start - p }
      if v.isFinite { return start - p + NumberText.write(v, to: &out, at: start) }
      return nonFinite.withUTF8Buffer { text in start - p + ReportBuffer.copy(text, to: &out, at: start) }
    }
  }

  /// An integer; empty when missing.
  mutating func cell(integer v: Int?) {
    let comma = rowStarted
    rowStarted = true
    buffer.write(atMost: 21) { out, p in
      if comma { out[p] = UInt8(ascii: ",") }
      let start = p + (comma ? 1 : 0)
      guard let v else { return start - p }
      return start - p + NumberText.writeInteger(v, to: &out, at: start)
    }
  }

  /// Ends the row with a newline.
  mutating func endRow() {
    buffer.append(0x0A)
    rowStarted = false
  }

  /// The text written so far, handed over as the next piece of the file; the writer goes on
  /// where it was.
  mutating func take() -> [UInt8] { buffer.take() }

  private mutating func separate() {
    if rowStarted { buffer.append(UInt8(ascii: ",")) }
    rowStarted = true
  }
}

/// CSV quoting (RFC 4180), for every CSV GridCore writes.
enum CSV {
  /// `s`, or `s` in double quotes (inner quotes doubled) when it holds a comma, a quote or a
  /// line break (CR or LF).
  static func field(_ s: String) -> String {
    var buffer = ReportBuffer(capacity: s.utf8.count + 2)
    append(s, to: &buffer)
    return String(decoding: buffer.take(), as: UTF8.self)
  }

  /// ``field(_:)``, appended to `buffer`.
  static func append(_ s: String, to buffer: inout ReportBuffer) {
    let quote = UInt8(ascii: "\"")
    guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
      buffer.append(utf8Of: s)
      return
    }
    buffer.append(quote)
    for b in s.utf8 {
      if b == quote { buffer.append(quote) }
      buffer.append(b)
    }
    buffer.append(quote)
  }
}
