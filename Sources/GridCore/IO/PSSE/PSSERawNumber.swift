/// Numbers of a PSS/E RAW file, read from the bytes of a field without making a string.
///
/// A real is a plain decimal: an optional sign, digits with an optional decimal point
/// (`12`, `-0.5`, `.5`, `2.`) and an optional exponent (`1.2E-3`). Anything else (`1.5x`,
/// `1,5`, `inf`, `0x10`) is not a number, where MATPOWER's `sscanf` would read a prefix or
/// a C special form. An integer is digits with an optional sign, optionally followed by a
/// point and zeros (`3.0`, as some writers put integer fields).
enum PSSERawNumber {
  /// The value of the decimal literal `bytes[start..<end]`, correctly rounded; nil when the
  /// text is not one. May be infinite when the exponent is out of range (`1e999`).
  static func real(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
    var p = start
    let negative = sign(bytes, &p, end)
    // Up to 19 significant digits exactly in `significand`; `scale` is the power of ten.
    var significand: UInt64 = 0, significantDigits = 0, scale = 0
    var digits = 0, exact = true, seenPoint = false
    while p < end {
      let c = bytes[p]
      if c &- 0x30 < 10 {
        digits += 1
        if significantDigits < 19 {
          significand = significand * 10 + UInt64(c &- 0x30)
          if significand != 0 { significantDigits += 1 }
          if seenPoint { scale -= 1 }
        } else {
          exact = exact && c == 0x30
          if !seenPoint { scale += 1 }
        }
      } else if c == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
      } else {
        break
      }
      p += 1
    }
    guard digits > 0 else { return nil }
    if p < end {
      guard bytes[p] | 0x20 == UInt8(ascii: "e") else { return nil }
      p += 1
      let exponentNegative = sign(bytes, &p, end)
      guard p < end else { return nil }
      var exponent = 0
      while p < end {
        let d = bytes[p] &- 0x30
        guard d < 10 else { return nil }
        exponent = min(exponent * 10 + Int(d), 100_000)
        p += 1
      }
      scale += exponentNegative ? -exponent : exponent
    }
    // Clinger's fast path: an exact significand and power of ten give one correctly rounded operation.
    if exact, significand < 1 << 53, abs(scale) <= 22 {
      let value = scale < 0 ? Double(significand) / powersOfTen[-scale] : Double(significand) * powersOfTen[scale]
      return negative ? -value : value
    }
    return Double(String(decoding: bytes[start..<end], as: UTF8.self))
  }

  /// ±∞ for `Inf`, `-Inf`, `+inf`, `INFINITY` (any letter case); nil for anything else.
  static func infinity(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
    var p = start
    let negative = sign(bytes, &p, end)
    let word = bytes[p..<end].lazy.map { $0 | 0x20 }
    guard word.elementsEqual("inf".utf8) || word.elementsEqual("infinity".utf8) else { return nil }
    return negative ? -.infinity : .infinity
  }

  /// The value of the integer literal `bytes[start..<end]` (`42`, `-3`, `7.0`); nil when the
  /// text is not one or does not fit in 62 bits.
  static func integer(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
    var p = start
    let negative = sign(bytes, &p, end)
    var value = 0, digits = 0
    while p < end, bytes[p] &- 0x30 < 10 {
      guard value < 1 << 58 else { return nil }
      value = value * 10 + Int(bytes[p] &- 0x30)
      digits += 1
      p += 1
    }
    guard digits > 0 else { return nil }
    if p < end, bytes[p] == UInt8(ascii: ".") {
      p += 1
      while p < end, bytes[p] == UInt8(ascii: "0") { p += 1 }
    }
    guard p == end else { return nil }
    return negative ? -value : value
  }

  /// Moves past a `+` or `-` at `p`; true for `-`.
  @inline(__always) private static func sign(_ bytes: [UInt8], _ p: inout Int, _ end: Int) -> Bool {
    guard p < end, bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "+") else { return false }
    p += 1
    return bytes[p - 1] == UInt8(ascii: "-")
  }

  // Every power here is exact in binary64.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
  ]
}
