/// A sum of doubles whose result does not depend on the order of its terms: every term is
/// cut to a multiple of 2⁻⁶⁴ of its unit (toward zero) and the multiples are added as
/// integers, exactly. The sum of a year's hours is therefore the same bits whether the hours
/// are added one by one, in chunks on several threads, or in shards on several machines and
/// merged (``adding(_:)``; docs/scale-out.md, "Shards and merge").
///
/// A term's cut is below 2⁻⁶⁴ ≈ 5.4 × 10⁻²⁰ (MW, MWh, %, $): far below a double's own rounding
/// of any term above 10⁻³, so the sum is at least as accurate as adding the doubles in order.
/// The integer part is 128 bits (two's complement, wrapping: only the final sum must lie
/// within ±2¹²⁷); terms beyond ±2¹²⁶ (none in a power system's MW) count as ±∞, and a NaN or
/// infinite term makes the sum NaN or infinite, whatever the order.
struct FixedPointSum: Sendable, Hashable {
  /// The sum is `high · 2⁶⁴ + low` units of 2⁻⁶⁴ (two's complement).
  private(set) var high: Int128 = 0
  private(set) var low: UInt64 = 0
  /// The sum of the non-finite terms (0 when there were none): ±∞ or NaN.
  private(set) var special = 0.0

  init() {}

  /// The exact sum `high · 2⁶⁴ + low` units of 2⁻⁶⁴ with `special` (for ``init(exact:)``).
  private init(high: Int128, low: UInt64, special: Double) {
    self.high = high
    self.low = low
    self.special = special
  }

  /// Adds one term.
  @inline(__always) mutating func add(_ v: Double) {
    let a = v.magnitude
    var i: Int128, f: UInt64
    if a < 0x1p63 {
      let whole = Int64(a)
      i = Int128(whole)
      // a − whole is exact (the fraction of a double is a double); × 2⁶⁴ is exact too.
      f = UInt64((a - Double(whole)) * 0x1p64)
    } else if a < 0x1p126 {
      i = Int128(a)  // an integer already
      f = 0
    } else {
      special += v.isNaN ? v : (v < 0 ? -Double.infinity : .infinity)
      return
    }
    if v < 0 {
      if f == 0 {
        i = 0 &- i
      } else {
        i = 0 &- i &- 1
        f = 0 &- f
      }
    }
    let (sum, carry) = low.addingReportingOverflow(f)
    low = sum
    high = high &+ i &+ (carry ? 1 : 0)
  }

  static func += (s: inout FixedPointSum, v: Double) { s.add(v) }

  /// The sum of two sums (of disjoint sets of terms): exact, so the order never matters.
  func adding(_ other: FixedPointSum) -> FixedPointSum {
    let (sum, carry) = low.addingReportingOverflow(other.low)
    return FixedPointSum(high: high &+ other.high &+ (carry ? 1 : 0), low: sum, special: special + other.special)
  }

  /// Whether the sum is negative (the finite part; the special part aside).
  private var isNegative: Bool { high < 0 }

  /// |finite part| as `(integer, fraction)`: integer + fraction · 2⁻⁶⁴.
  private var magnitude: (integer: UInt128, fraction: UInt64) {
    guard isNegative else { return (UInt128(high), low) }
    if low == 0 { return (UInt128(bitPattern: 0 &- high), 0) }
    return (UInt128(bitPattern: 0 &- high &- 1), 0 &- low)
  }

  /// The sum rounded to the nearest double (ties to even); ±∞ or NaN when a term was.
  var value: Double {
    if special != 0 || special.isNaN { return special }
    let (integer, fraction) = magnitude
    let x: Double
    if integer >> 64 == 0 {
      // integer · 2⁶⁴ + fraction fits 128 bits: in units of 2⁻⁶⁴.
      x = Self.rounded((integer << 64) | UInt128(fraction), sticky: false) * 0x1p-64
    } else {
      // Over 128 bits: the integer part, with the fraction only as a sticky bit.
      x = Self.rounded(integer, sticky: fraction != 0)
    }
    return isNegative ? -x : x
  }

  /// `x` (plus less than one unit when `sticky`) rounded to the nearest double: its top 64
  /// bits with every bit below folded into the last one, so that converting that word rounds
  /// as the whole number would (64 − 53 bits below the rounding point).
  private static func rounded(_ x: UInt128, sticky: Bool) -> Double {
    guard x != 0 else { return 0 }
    let lead = x.leadingZeroBitCount
    let y = x << lead
    let top = UInt64(truncatingIfNeeded: y >> 64)
    let rest = UInt64(truncatingIfNeeded: y) != 0 || sticky
    return Double(top | (rest ? 1 : 0)) * Double(sign: .plus, exponent: 64 - lead, significand: 1)
  }

  // MARK: - Exact text

  /// The exact sum as text: `0x<hex integer>.<16 hex digits>` with a leading `-` when
  /// negative (the fraction in 2⁻⁶⁴ units, so the text is exact; Python reads it with
  /// `float.fromhex`), or `inf`, `-inf`, `nan`.
  var exactText: String {
    if special.isNaN { return "nan" }
    if special != 0 { return special < 0 ? "-inf" : "inf" }
    let (integer, fraction) = magnitude
    let digits = String(fraction, radix: 16)
    return (isNegative ? "-0x" : "0x") + String(integer, radix: 16) + "." + String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// The sum ``exactText`` wrote; nil for any other text.
  init?(exact text: String) {
    switch text {
    case "nan": self.init(high: 0, low: 0, special: .nan)
    case "inf": self.init(high: 0, low: 0, special: .infinity)
    case "-inf": self.init(high: 0, low: 0, special: -.infinity)
    default:
      var body = Substring(text)
      let negative = body.hasPrefix("-")
      if negative { body = body.dropFirst() }
      guard body.hasPrefix("0x") else { return nil }
      let parts = body.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].count == 16, parts[0].count <= 32,
        parts[0].allSatisfy(\.isHexDigit), parts[1].allSatisfy(\.isHexDigit),
        let integer = UInt128(parts[0], radix: 16), let fraction = UInt64(parts[1], radix: 16),
        integer <= UInt128(Int128.max)
      else { return nil }
      var high = Int128(integer), low = fraction
      if negative {
        if low == 0 {
          high = 0 &- high
        } else {
          high = 0 &- high &- 1
          low = 0 &- low
        }
      }
      self.init(high: high, low: low, special: 0)
    }
  }
}
