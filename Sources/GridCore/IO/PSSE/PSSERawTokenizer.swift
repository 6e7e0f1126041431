/// One field of a PSS/E RAW record: a byte range of the file. For a quoted field the
/// range is the text between the quotes (a doubled quote inside stands for one quote).
struct PSSERawField: Sendable {
  /// First byte of the field's text.
  var start: Int
  /// One past the last byte of the field's text.
  var end: Int
  /// The quote byte (`'` or `"`) the field was written in; 0 for a bare field.
  var quote: UInt8

  /// A field left empty between two commas (`1,,2`).
  var isBlank: Bool { quote == 0 && start == end }
  /// The column of the field's first byte (the opening quote of a quoted field), 1-based.
  func column(lineStart: Int) -> Int { start - lineStart + (quote == 0 ? 1 : 0) }
}

/// Splits a record of a PSS/E RAW file into fields, as MATPOWER's `psse_parse_line` does.
///
/// Fields are separated by a comma or by blanks (spaces, tabs); a comma after a comma
/// (`1,,3`) leaves a blank field, which takes the format's default. A field is a run of
/// bytes other than blanks, commas, quotes and `/`, or text in single or double quotes
/// (a doubled quote inside stands for itself: `'O''Hara'`). An unquoted `/` begins a
/// comment that runs to the end of the line.
///
/// One departure from MATPOWER's regular expression: a tab before the first field is a
/// blank like any other (MATPOWER reads a tab there as an empty first field).
/// No strings are made: the fields are byte ranges of the file.
struct PSSERawTokenizer {
  /// Why a line could not be split.
  enum Failure: Error {
    /// A quote opened at this byte is not closed on the line.
    case unterminatedQuote(at: Int)
  }

  /// Splits `bytes[start..<end]` into at most `limit` fields, appended to `fields`
  /// (which is emptied first). Work is linear in the bytes read; the rest of a line
  /// past the `limit`-th field is not read.
  static func split(
    _ bytes: [UInt8], from start: Int, to end: Int, limit: Int, into fields: inout [PSSERawField]
  ) throws(Failure) {
    fields.removeAll(keepingCapacity: true)
    let bytes = bytes.span
    var p = start
    // A field was just read: blanks after it separate, a comma after them ends it.
    var afterField = false
    while p < end, fields.count < limit {
      let c = bytes[p]
      if isBlank(c) {
        p += 1
        continue
      }
      if c == UInt8(ascii: ",") {
        // A comma right after a field closes that field; any other comma stands for a blank field.
        if !afterField { fields.append(PSSERawField(start: p, end: p, quote: 0)) }
        afterField = false
        p += 1
        continue
      }
      if c == UInt8(ascii: "/") { return }
      if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
        var q = p + 1
        while true {
          guard q < end else { throw .unterminatedQuote(at: p) }
          if bytes[q] == c {
            if q + 1 < end, bytes[q + 1] == c {
              q += 2
              continue
            }
            break
          }
          q += 1
        }
        fields.append(PSSERawField(start: p + 1, end: q, quote: c))
        p = q + 1
      } else {
        var q = p + 1
        while q < end, !endsBareField(bytes[q]) { q += 1 }
        fields.append(PSSERawField(start: p, end: q, quote: 0))
        p = q
      }
      afterField = true
    }
  }

  /// Space, tab, vertical tab, form feed (a line holds no line breaks).
  @inline(__always) static func isBlank(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C
  }

  @inline(__always) private static func endsBareField(_ c: UInt8) -> Bool {
    isBlank(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "/") || c == UInt8(ascii: "'")
      || c == UInt8(ascii: "\"")
  }

  /// The text of a field: quotes removed, a doubled quote read as one; without leading and
  /// trailing blanks when `trimmed` (names are padded with blanks in RAW files).
  static func text(of field: PSSERawField, in bytes: [UInt8], trimmed: Bool = false) -> String {
    var start = field.start, end = field.end
    if trimmed {
      while start < end, isBlank(bytes[start]) { start += 1 }
      while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    }
    guard field.quote != 0, bytes[start..<end].contains(field.quote) else {
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var p = start
    while p < end {
      out.append(bytes[p])
      p += bytes[p] == field.quote ? 2 : 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
