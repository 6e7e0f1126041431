import Testing

@testable import GridCore

/// Report numbers must keep their text: whole numbers below 10^15 as integers, the rest as
/// Swift's `description`, whichever path wrote them.
struct NumberTextTests {
  private func text(_ v: Double) -> String {
    var buffer = ReportBuffer()
    NumberText.append(v, to: &buffer)
    return String(decoding: buffer.take(), as: UTF8.self)
  }

  private func fast(_ v: Double) -> String? {
    var bytes = [UInt8](repeating: 0, count: NumberText.maxLength)
    var out = bytes.mutableSpan
    guard let n = ShortestDecimal.write(v, to: &out, at: 0) else { return nil }
    _ = consume out
    return String(decoding: bytes[..<n], as: UTF8.self)
  }

  @Test func specialValuesAsBefore() {
    let expected: [(Double, String)] = [
      (0, "0"), (-0.0, "0"), (7, "7"), (-7, "-7"), (250, "250"), (0.1, "0.1"), (-2.5, "-2.5"), (0.5, "0.5"),
      (1e-4, "0.0001"), (1e-5, "1e-05"), (-1.5e-7, "-1.5e-07"), (.leastNonzeroMagnitude, "5e-324"), (1e15, "1000000000000000.0"),
      (999_999_999_999_999, "999999999999999"), (123_456_789_012_345.67, "123456789012345.67"), (1e16, "1e+16"),
      (1.0 / 3, "0.3333333333333333"), (66.99999999999999, "66.99999999999999"), (1e300, "1e+300"),
    ]
    for (v, t) in expected { #expect(text(v) == t, "\(v)") }
  }

  /// Random doubles over every binade of the fast path's range, either sign.
  @Test func fastPathEqualsDescriptionInEveryBinade() {
    var rng = SplitMix(seed: 11)
    for binade in -13..<48 {
      for _ in 0..<1500 {
        let v = Double(
          sign: rng.next() & 1 == 0 ? .plus : .minus, exponentBitPattern: UInt(1023 + binade),
          significandBitPattern: rng.next() >> 12)
        let whole = v == v.rounded(.towardZero)
        guard let t = fast(v) else {
          #expect(whole || v.significandBitPattern == 0, "\(v) left to description")
          continue
        }
        #expect(!whole && t == v.description, "\(v.bitPattern)")
      }
    }
  }

  /// Short decimals (few digits, the hard case for "shortest") and their neighbours, and
  /// dyadic fractions n + k/2^j (exact decimals, ties between candidates).
  @Test func shortDecimalsNeighboursAndDyadicFractionsEqualDescription() {
    var rng = SplitMix(seed: 12)
    var values: [Double] = []
    for _ in 0..<20_000 {
      var m: UInt64 = 0
      for _ in 0...(rng.next() % 17) { m = m * 10 + rng.next() % 10 }
      guard let v = Double("\(m)e-\(rng.next() % 20)") else { continue }
      values += [v, -v, v.nextUp, v.nextDown]
      let j = 1 + Int(rng.next() % 20)
      let whole = Double(rng.next() >> (16 + rng.next() % 48))
      values.append(whole + Double(1 + rng.next() % (1 << UInt64(j) - 1)) / Double(1 << j))
    }
    for v in values where v.isFinite {
      let reference = v == v.rounded(.towardZero) && abs(v) < 1e15 ? (v == 0 ? "0" : String(Int(v))) : v.description
      #expect(text(v) == reference, "\(v.bitPattern)")
    }
  }
}
