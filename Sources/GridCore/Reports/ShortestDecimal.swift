/// The text `Double.description` prints for the values that fill large reports (flows,
/// angles, loadings: not whole, 2⁻¹³ ≤ |v| < 2⁴⁸), written straight into a byte buffer.
///
/// `description` makes a String per number (most are longer than the 15 bytes a String
/// holds inline). This is the same answer by exact integer arithmetic, with no allocation:
/// the shortest decimal that reads back to the same double and, of several, the one nearest
/// to it (ties to an even last digit), printed as `description` prints it in this range
/// (`123.45`, `0.000123`; never an exponent). Tests compare it with `description` over every
/// binade of the range.
enum ShortestDecimal {
  /// Writes the text of `v` into `out` from `p` (room for ``NumberText/maxLength`` bytes) and
  /// returns its length when `v` is in the range above; otherwise writes nothing and returns
  /// nil (the caller falls back to `description`).
  @inline(__always)
  static func write(_ v: Double, to out: inout MutableSpan<UInt8>, at p: Int) -> Int? {
    let binade = Int(v.exponentBitPattern) - 1023, fraction = v.significandBitPattern
    // Powers of two have a narrower interval below than above: left to `description`, as
    // are whole numbers (whose text has no fraction) and everything outside the range.
    guard binade >= -13, binade < 48, fraction != 0,
      binade < 0 || fraction & (1 << (52 - binade) - 1) != 0
    else { return nil }
    let digits = shortest(significand: fraction | 1 << 52, binade: binade)
    return write(negative: v < 0, digits: digits.value, exponent: digits.exponent, to: &out, at: p)
  }

  /// `value`·10^`exponent`: the shortest decimal strictly inside the rounding interval of
  /// `m`·2^(binade − 52), nearest to it. `m` has its 53rd bit set and is not a power of two.
  static func shortest(significand m: UInt64, binade: Int) -> (value: UInt64, exponent: Int) {
    // Scale by 10^f so that v·10^f fits in 64 bits and has at least 17 digits (17 always
    // tell doubles apart); the interval (2m ± 1)·2^(binade − 53) is then, times 10^f, a
    // range of more than twenty integers, and 2m·10^f < 2^54·10^22 < 2^128.
    let f = ((63 - binade) * 1233) >> 12  // at most ⌊(63 − binade)·log₁₀2⌋: 1233/4096 < log₁₀2
    let t = 53 - binade  // v·10^f = 2m·10^f / 2^t exactly; 6 ≤ t ≤ 66
    let p = powersOfTen[f]
    // Wrapping operators: none of these can overflow (the bounds above), so no checks.
    let center = UInt128(m &<< 1) &* p
    let lower = center &- p, upper = center &+ p
    // Candidates (at step 10^j) lie strictly inside: l...h. Boundaries never decide here:
    // they have t fraction digits, and the interval holds decimals with two fewer.
    var l = UInt64(truncatingIfNeeded: lower &>> t) &+ 1
    var h = UInt64(truncatingIfNeeded: (upper &- 1) &>> t)
    var q = UInt64(truncatingIfNeeded: center &>> t)
    let half = UInt128(1) &<< (t &- 1), fraction = center & (half &<< 1 &- 1)
    // Coarsen while a multiple of the next step remains inside, keeping what rounding needs:
    // the last digit dropped from q and whether anything below it was non-zero.
    var j = 0, dropped: UInt64 = 0, restZero = fraction == 0
    while true {
      let h10 = h / 10, l10 = (l - 1) / 10 + 1  // ⌊h/10⌋, ⌈l/10⌉
      guard h10 >= l10 else { break }
      h = h10
      l = l10
      restZero = restZero && dropped == 0
      dropped = q % 10
      q /= 10
      j += 1
    }
    let roundUp: Bool
    if j == 0 {
      roundUp = fraction > half || (fraction == half && q & 1 == 1)
    } else {
      roundUp = dropped > 5 || (dropped == 5 && (!restZero || q & 1 == 1))
    }
    let nearest = min(max(q + (roundUp ? 1 : 0), l), h)
    return (nearest, j - f)
  }

  /// `value`·10^`exponent` (exponent < 0) as `123.45` or `0.00012345`, written at `p` right
  /// to left: fraction digits, the point, then at least one integer digit. Returns the length.
  private static func write(
    negative: Bool, digits value: UInt64, exponent: Int, to out: inout MutableSpan<UInt8>, at p: Int
  ) -> Int {
    let fractionDigits = -exponent
    // Digits of `value`: ⌊bits·log₁₀2⌋ or one more.
    let estimate = ((64 - value.leadingZeroBitCount) * 1233) >> 12
    let valueDigits = estimate + (value >= powersOfTen64[estimate] ? 1 : 0)
    let length = (negative ? 1 : 0) + max(1, valueDigits - fractionDigits) + 1 + fractionDigits
    var end = length, v = value, remaining = fractionDigits
    while remaining >= 2 {
      writePair(&v, &out, p, &end)
      remaining -= 2
    }
    if remaining == 1 { writeDigit(&v, &out, p, &end) }
    end -= 1
    out[p + end] = UInt8(ascii: ".")
    end = NumberText.storeDigits(of: v, endingAt: p + end, to: &out) - p
    if negative { out[p + end - 1] = UInt8(ascii: "-") }
    return length
  }

  /// The last two digits of `v` before `end`; `v` loses them.
  @inline(__always) private static func writePair(
    _ v: inout UInt64, _ out: inout MutableSpan<UInt8>, _ p: Int, _ end: inout Int
  ) {
    let pair = Int(truncatingIfNeeded: v % 100)
    v /= 100
    end -= 2
    NumberText.storeTwoDigits(pair, to: &out, at: p + end)
  }

  @inline(__always) private static func writeDigit(
    _ v: inout UInt64, _ out: inout MutableSpan<UInt8>, _ p: Int, _ end: inout Int
  ) {
    end -= 1
    out[p + end] = UInt8(truncatingIfNeeded: v % 10) + 0x30
    v /= 10
  }

  /// 10⁰ … 10¹⁹.
  private static let powersOfTen64: [UInt64] = [
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
    1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,
    1000000000000000000, 10000000000000000000,
  ]

  /// 10⁰ … 10²² (a literal: stored as constant data, no lazy initialization on each use).
  private static let powersOfTen: [UInt128] = [
    1, 10, 100, 1000,
    10000, 100000, 1000000, 10000000,
    100000000, 1000000000, 10000000000, 100000000000,
    1000000000000, 10000000000000, 100000000000000, 1000000000000000,
    10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
    100000000000000000000, 1000000000000000000000, 10000000000000000000000,
  ]
}
