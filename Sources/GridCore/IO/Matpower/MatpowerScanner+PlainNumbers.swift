/// Reading the plain numbers of a matrix row in one tight loop: nearly all of a large case's
/// bytes are rows such as `5147	3097	0.0006	0.00616	0	823 ...`, and reading them one
/// ``number(alone:)`` call at a time (with its sign, `Inf`/`NaN`, expression and error cases)
/// was most of the time of reading the file.
extension MatpowerScanner {
  /// Reads the run of plain numbers that starts at the cursor, up to the first thing that is
  /// not one (a line end, `;`, `]`, a comment, an expression, a long or extreme literal...),
  /// appending their values to `values`; returns how many it read. The cursor ends after the
  /// blanks that follow the last number read, or where it was when it read none.
  ///
  /// A plain number is `[+-]digits[.digits][(e|E)[+-]digits]` (or with the digits only after
  /// the point) with at most 19 digits (leading zeros included), whose digits make an integer
  /// exact as a double and whose power of ten is at most 10²², and that is followed by a blank,
  /// a line end, `,`, `;` or `]`.
  /// Its value is then one correctly rounded IEEE operation (Clinger's fast path), the value
  /// ``number(alone:)`` gives it; everything else is left to ``number(alone:)`` and the
  /// matrix parser, which read it as before.
  mutating func plainNumbers(into values: inout [Double]) -> Int {
    // Stored into the array's spare room (the matrix parser reserves a whole matrix after its
    // first row), not appended one by one; a run that fills the room stops there, and the
    // parser comes back for the rest. Only a full array grows (geometrically): asking for more
    // room than it has spare would copy a large matrix near its end.
    let spare = values.capacity - values.count
    let room = spare > 0 ? spare : 64
    let start = position
    var end = start, read = 0
    bytes.withUnsafeBufferPointer { text in
      values.append(addingCapacity: room) { out in (end, read) = Self.plainNumbers(in: text, from: start, into: &out) }
    }
    position = end
    return read
  }

  /// ``plainNumbers(into:)`` over the text from `start`: where the cursor ends, and how many
  /// numbers were read. Static, so that the cursor and the count stay in registers.
  private static func plainNumbers(
    in text: UnsafeBufferPointer<UInt8>, from start: Int, into values: inout OutputSpan<Double>
  ) -> (Int, Int) {
    let count = text.count
    var p = start
    var read = 0
    while p < count, !values.isFull {
      let tokenStart = p
      var negative = false
      if text[p] == UInt8(ascii: "-") || text[p] == UInt8(ascii: "+") {
        negative = text[p] == UInt8(ascii: "-")
        p += 1
      }
      // Up to 19 digits in all (leading zeros included) cannot wrap the mantissa; a longer
      // literal is left to number(alone:).
      var mantissa: UInt64 = 0
      let integerStart = p
      while p < count, case let d = text[p] &- 0x30, d < 10 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        p &+= 1
      }
      var digits = p &- integerStart
      var exponent = 0
      if p < count, text[p] == UInt8(ascii: ".") {
        p &+= 1
        let fractionStart = p
        while p < count, case let d = text[p] &- 0x30, d < 10 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          p &+= 1
        }
        exponent = fractionStart &- p
        digits &-= exponent
      }
      guard digits > 0, digits <= 19, p < count else { return (tokenStart, read) }
      if text[p] | 0x20 == UInt8(ascii: "e") {
        p += 1
        var exponentNegative = false
        if p < count, text[p] == UInt8(ascii: "-") || text[p] == UInt8(ascii: "+") {
          exponentNegative = text[p] == UInt8(ascii: "-")
          p += 1
        }
        var e = 0
        var sawExponentDigit = false
        while p < count, case let d = text[p] &- 0x30, d < 10, e < 1000 {
          e = e * 10 + Int(d)
          sawExponentDigit = true
          p += 1
        }
        guard sawExponentDigit, p < count else { return (tokenStart, read) }
        exponent += exponentNegative ? -e : e
      }
      let next = text[p]
      guard
        next == 0x09 || next == 0x20 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ";")
          || next == UInt8(ascii: "]") || next == UInt8(ascii: ","),
        mantissa < 1 << 53, exponent >= -22, exponent <= 22
      else { return (tokenStart, read) }
      var value = Double(mantissa)
      if exponent < 0 { value /= exactPowersOfTen[-exponent] } else { value *= exactPowersOfTen[exponent] }
      values.append(negative ? -value : value)
      read &+= 1
      while p < count, text[p] == 0x20 || text[p] == 0x09 { p += 1 }
    }
    return (p, read)
  }
}
