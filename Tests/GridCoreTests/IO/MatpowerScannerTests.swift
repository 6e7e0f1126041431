import Testing

@testable import GridCore

struct MatpowerScannerTests {
  private func number(_ text: String) -> Double? {
    var s = MatpowerScanner(bytes: Array((text + " ").utf8), file: "t")
    return s.number()
  }

  @Test(arguments: [
    ("1", 1.0), ("-2", -2), ("+5", 5), (".5", 0.5), ("-.25", -0.25), ("1e-3", 0.001), ("1E+3", 1000), ("2.5e2", 250),
    ("0.0576", 0.0576), ("1.", 1), ("007", 7),
  ])
  func readsMatlabLiterals(text: String, value: Double) {
    #expect(number(text) == value)
  }

  @Test func negativeZeroKeepsItsSign() throws {
    let v = try #require(number("-0"))
    #expect(v == 0 && v.sign == .minus)
  }

  @Test func infinityAndNaNInAnyCase() {
    #expect(number("Inf") == .infinity)
    #expect(number("-inf") == -.infinity)
    #expect(number("NaN")?.isNaN == true)
    #expect(number("nan")?.isNaN == true)
  }

  /// Long or extreme literals take the C library path; they must agree with Swift's own parser bit for bit.
  @Test(arguments: [
    "3.14159265358979323846", "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890",
    "0.1000000000000000055511151231257827", "9007199254740993", "1e23", "8.5e-23",
  ])
  func slowPathIsCorrectlyRounded(text: String) {
    #expect(number(text) == Double(text))
  }

  @Test func fastPathIsCorrectlyRoundedOnManyValues() {
    var rng = SplitMix(seed: 42)
    for _ in 0..<20_000 {
      let mantissa = rng.next() % 1_000_000_000_000
      let exponent = Int(rng.next() % 30) - 15
      let text = "\(mantissa)e\(exponent)"
      #expect(number(text) == Double(text), "\(text)")
    }
  }

  /// `1-2` is an expression in MATLAB and `1x` a typo: neither may be read as numbers.
  @Test(arguments: ["1-2", "1x", "1.5.3", "2e", "abc", "-", "."])
  func rejectsWhatIsNotALiteral(text: String) {
    #expect(number(text) == nil)
  }
}

/// A small deterministic generator for test data.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
