/// A byte-level cursor over a MATPOWER file: MATLAB comments, `...`
/// continuations, and numbers, with line/column tracking for messages.
///
/// It never builds a `String` per token: the numeric matrices of a large case
/// are tens of megabytes and are read at close to memory speed.
struct MatpowerScanner {
  let bytes: [UInt8]
  let file: String
  // Set here and by skipMatrix() (MatpowerScanner+Matrix.swift).
  var position = 0
  var line = 1
  var lineStart = 0

  /// A cursor at the start of a file; a UTF-8 byte-order mark there is skipped (columns
  /// of line 1 count from after it).
  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      position = 3
      lineStart = 3
    }
  }

  /// A cursor at a place another cursor recorded (for parsing a matrix later, on another thread).
  init(bytes: [UInt8], file: String, mark: Mark) {
    self.bytes = bytes
    self.file = file
    self.position = mark.position
    self.line = mark.line
    self.lineStart = mark.lineStart
  }

  /// Where a cursor is, to come back to it.
  struct Mark: Sendable {
    var position: Int
    var line: Int
    var lineStart: Int
  }

  var mark: Mark { Mark(position: position, line: line, lineStart: lineStart) }

  /// Moves the cursor back to `mark` (a place this cursor was before).
  mutating func restore(_ mark: Mark) {
    position = mark.position
    line = mark.line
    lineStart = mark.lineStart
  }

  var atEnd: Bool { position >= bytes.count }
  var current: UInt8 { position < bytes.count ? bytes[position] : 0 }
  func peek(_ offset: Int) -> UInt8 {
    let p = position + offset
    return p < bytes.count ? bytes[p] : 0
  }

  /// Location of the cursor (1-based line and byte column).
  var location: SourceLocation { location(of: mark) }

  func location(of mark: Mark) -> SourceLocation {
    SourceLocation(file: file, line: mark.line, column: mark.position - mark.lineStart + 1)
  }

  mutating func advance() { position += 1 }

  /// Consumes a line end (LF, CRLF or lone CR) at the cursor.
  mutating func consumeNewline() {
    if current == UInt8(ascii: "\r") { position += 1 }
    if current == UInt8(ascii: "\n") { position += 1 }
    line += 1
    lineStart = position
  }

  var atNewline: Bool { current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") }

  /// Skips spaces, tabs, comments and `...` continuations, stopping at a line
  /// end (which separates statements and matrix rows) or at a token.
  @inline(__always) mutating func skipBlanks() {
    while position < bytes.count {
      let c = bytes[position]
      if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C {
        position += 1
      } else if c == UInt8(ascii: "%") {
        skipToLineEnd()
      } else if c == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") {
        // A continuation: the rest of the line is a comment and the line end is not a separator.
        skipToLineEnd()
        if atNewline { consumeNewline() }
      } else {
        return
      }
    }
  }

  /// Skips blanks and line ends.
  mutating func skipBlanksAndNewlines() {
    while true {
      skipBlanks()
      if atNewline { consumeNewline() } else { return }
    }
  }

  mutating func skipToLineEnd() {
    while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
      position += 1
    }
  }

  static func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
  }
  static func isIdentifierBody(_ c: UInt8) -> Bool {
    isIdentifierStart(c) || (c >= 0x30 && c <= 0x39)
  }

  /// Reads an identifier such as `mpc` or `bus_name`; nil when none is at the cursor.
  mutating func identifier() -> String? {
    guard Self.isIdentifierStart(current) else { return nil }
    let start = position
    while position < bytes.count, Self.isIdentifierBody(bytes[position]) { position += 1 }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Reads a quoted string (`'it''s'` or `"x"`), cursor on the opening quote.
  mutating func quotedString() throws(ParseError) -> String {
    let quote = current
    let start = mark
    position += 1
    // Most strings (bus names: 70,000 in a large case) hold no doubled quote: their text is
    // the bytes up to the closing quote, made into a String at once.
    var end = position
    while end < bytes.count, bytes[end] != quote, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
    if end < bytes.count, bytes[end] == quote, end + 1 == bytes.count || bytes[end + 1] != quote {
      let text = String(decoding: bytes[position..<end], as: UTF8.self)
      position = end + 1
      return text
    }
    var out: [UInt8] = []
    while true {
      guard position < bytes.count, !atNewline else {
        throw ParseError(.syntax("string is not terminated; add the closing \(quote == 0x27 ? "'" : "\"")"), at: location(of: start))
      }
      let c = bytes[position]
      position += 1
      if c == quote {
        if current == quote {  // doubled quote is an escaped quote
          out.append(quote)
          position += 1
          continue
        }
        return String(decoding: out, as: UTF8.self)
      }
      out.append(c)
    }
  }

  /// The text of the token at the cursor (up to a separator), for messages.
  func tokenText() -> String {
    var end = position
    while end < bytes.count {
      let c = bytes[end]
      if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ";")
        || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
      {
        break
      }
      end += 1
      if end - position > 40 { break }
    }
    if end == position, position < bytes.count { end = position + 1 }
    return String(decoding: bytes[position..<min(end, bytes.count)], as: UTF8.self)
  }

  /// Reads a MATLAB numeric literal (`-1.5e3`, `.5`, `Inf`, `-NaN`...); nil (cursor unmoved) when none starts here.
  /// - Parameter alone: the number must end at a separator (a matrix element that is a plain
  ///   number); false inside an expression, where an operator may follow (`50/3`), though never
  ///   a letter, a digit after a point or a second point (`2pi`, `1.5.3`).
  mutating func number(alone: Bool = true) -> Double? {
    let start = position
    var p = position
    var negative = false
    if p < bytes.count, bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "+") {
      negative = bytes[p] == UInt8(ascii: "-")
      p += 1
    }
    // Inf / NaN, any letter case MATLAB accepts.
    if p < bytes.count, Self.isIdentifierStart(bytes[p]) {
      var q = p
      while q < bytes.count, Self.isIdentifierBody(bytes[q]) { q += 1 }
      let word = String(decoding: bytes[p..<q], as: UTF8.self).lowercased()
      let value: Double
      switch word {
      case "inf": value = .infinity
      case "nan": value = .nan
      default: return nil
      }
      position = q
      return negative ? -value : value
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var sawDigit = false
    var truncated = false
    while p < bytes.count, bytes[p] &- 0x30 < 10 {
      sawDigit = true
      if digits < 19 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[p] &- 0x30)
        if mantissa != 0 { digits += 1 }
      } else {
        exponent += 1
        truncated = true
      }
      p += 1
    }
    if p < bytes.count, bytes[p] == UInt8(ascii: ".") {
      p += 1
      while p < bytes.count, bytes[p] &- 0x30 < 10 {
        sawDigit = true
        if digits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(bytes[p] &- 0x30)
          if mantissa != 0 { digits += 1 }
          exponent -= 1
        } else {
          truncated = true
        }
        p += 1
      }
    }
    guard sawDigit else { return nil }
    if p < bytes.count, bytes[p] | 0x20 == UInt8(ascii: "e") {
      var q = p + 1
      var expNegative = false
      if q < bytes.count, bytes[q] == UInt8(ascii: "-") || bytes[q] == UInt8(ascii: "+") {
        expNegative = bytes[q] == UInt8(ascii: "-")
        q += 1
      }
      guard q < bytes.count, bytes[q] &- 0x30 < 10 else { return nil }
      var e = 0
      while q < bytes.count, bytes[q] &- 0x30 < 10 {
        if e < 100_000 { e = e * 10 + Int(bytes[q] &- 0x30) }
        q += 1
      }
      exponent += expNegative ? -e : e
      p = q
    }
    // The number must end at a separator, not run into letters (e.g. `1x`).
    if p < bytes.count, alone ? !Self.endsNumber(bytes, at: p) : !Self.mayFollowInExpression(bytes, at: p) { return nil }
    position = p
    // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
    if !truncated, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 { value /= Self.exactPowersOfTen[-exponent] } else { value *= Self.exactPowersOfTen[exponent] }
      return negative ? -value : value
    }
    return Self.slowParse(bytes[start..<p])
  }

  /// True when the byte at `p` may follow a number: a blank, a separator, a
  /// comment or a continuation. Anything else (`1-2`, `1x`, `1.5.3`) would be
  /// an expression or a typo, and must not be read as two numbers.
  @inline(__always) private static func endsNumber(_ bytes: [UInt8], at p: Int) -> Bool {
    let c = bytes[p]
    // A tab or a space ends nearly every number of a matrix.
    if c == 0x09 || c == 0x20 { return true }
    switch c {
    case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "]"),
      UInt8(ascii: "}"), UInt8(ascii: "%"):
      return true
    case UInt8(ascii: "."):
      return p + 2 < bytes.count && bytes[p + 1] == UInt8(ascii: ".") && bytes[p + 2] == UInt8(ascii: ".")
    default:
      return false
    }
  }

  /// True when the byte at `p` may follow a number inside an expression: not a letter, digit,
  /// underscore or a point that starts another number.
  private static func mayFollowInExpression(_ bytes: [UInt8], at p: Int) -> Bool {
    let c = bytes[p]
    if isIdentifierBody(c) { return false }
    if c == UInt8(ascii: "."), p + 1 < bytes.count, bytes[p + 1] &- 0x30 < 10 || bytes[p + 1] == UInt8(ascii: ".") && !(p + 2 < bytes.count && bytes[p + 2] == UInt8(ascii: ".")) {
      return false
    }
    return true
  }

  /// 10⁰ to 10²², all exact in binary64 (Clinger's fast path). Written out so that the table
  /// is static data, not lazily built.
  static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
  ]

  /// Correctly rounded conversion by the standard library, for the rare long or extreme literals.
  private static func slowParse(_ text: ArraySlice<UInt8>) -> Double? {
    Double(String(decoding: text, as: UTF8.self))
  }

}
