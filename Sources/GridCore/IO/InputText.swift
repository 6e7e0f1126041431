/// The text of a YAML or CSV input: a leading UTF-8 byte-order mark dropped (spreadsheet
/// programs write one), and the first NUL byte or invalid UTF-8 sequence reported where it is.
enum InputText {
  /// EF BB BF, U+FEFF in UTF-8.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// True when `bytes` start with the byte-order mark.
  static func hasByteOrderMark<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    bytes.starts(with: byteOrderMark)
  }

  /// `bytes` without a leading byte-order mark.
  static func withoutByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    hasByteOrderMark(bytes) ? bytes[3...] : bytes[...]
  }

  /// The UTF-8 text of `bytes`, without a leading byte-order mark.
  /// - Throws: `binary` at the line and column of the first NUL byte or invalid UTF-8 sequence.
  static func decode(_ bytes: [UInt8], file: String) throws(ParseError) -> String {
    let body = withoutByteOrderMark(bytes)
    if let bad = firstNonText(body) { throw ParseError(.binary, at: TextPosition.location(of: bad, in: bytes, file: file)) }
    return String(decoding: body, as: UTF8.self)
  }

  /// Offset (in the base array) of the first NUL byte or invalid UTF-8 sequence, nil when
  /// there is none (Unicode Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
  static func firstNonText(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { k < end && range.contains(bytes[k]) }
    while i < end {
      let b = bytes[i]
      if b < 0x80 {
        if b == 0 { return i }
        i += 1
        continue
      }
      let length: Int
      switch b {
      case 0xC2...0xDF: length = continuation(i + 1) ? 2 : 0
      case 0xE0: length = continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : 0
      case 0xE1...0xEC, 0xEE...0xEF: length = continuation(i + 1) && continuation(i + 2) ? 3 : 0
      case 0xED: length = continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : 0
      case 0xF0: length = continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
      case 0xF1...0xF3: length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
      case 0xF4: length = continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
      default: length = 0
      }
      if length == 0 { return i }
      i += length
    }
    return nil
  }
}

/// Line and column of a byte offset, for errors found in raw bytes.
enum TextPosition {
  /// `file:line:column` of byte `offset` of `bytes`: lines counted by `\n`, columns by
  /// characters (UTF-8 sequences) from the line's start, 1-based; a leading byte-order mark
  /// takes no column.
  static func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
    let offset = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = InputText.hasByteOrderMark(bytes) && offset >= 3 ? 3 : 0
    for k in lineStart..<offset where bytes[k] == 10 {
      line += 1
      lineStart = k + 1
    }
    var column = 1
    for k in lineStart..<offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
    return SourceLocation(file: file, line: line, column: column)
  }
}
