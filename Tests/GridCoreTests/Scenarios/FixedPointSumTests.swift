import Foundation
import Testing

@testable import GridCore

/// The order-independent sum behind every energy and mean of a scenario run (and so behind
/// byte-identical merges of shards).
struct FixedPointSumTests {
  /// A deterministic mix of magnitudes and signs (MW-like values, tiny and large ones).
  static func terms(_ n: Int, seed: UInt64 = 42) -> [Double] {
    var state = seed
    return (0..<n).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Double(state >> 11) * 0x1p-53
      let magnitude = [1e-9, 0.37, 12.5, 1234.567, 9.9e5, 3.3e8][i % 6]
      return (i % 3 == 0 ? -1 : 1) * u * magnitude
    }
  }

  /// Any order, any split into parts merged in any order: the same bits.
  @Test func orderAndSplitDoNotMatter() {
    let values = Self.terms(5000)
    var forward = FixedPointSum()
    for v in values { forward += v }
    var backward = FixedPointSum()
    for v in values.reversed() { backward += v }
    #expect(forward == backward)
    for parts in [2, 3, 7, 64] {
      var sums = [FixedPointSum](repeating: FixedPointSum(), count: parts)
      for (i, v) in values.enumerated() { sums[i * parts / values.count] += v }
      let merged = sums.reversed().reduce(FixedPointSum()) { $0.adding($1) }
      #expect(merged == forward && merged.value == forward.value, "\(parts) parts")
    }
    // v and −v cancel exactly (terms are cut toward zero, symmetrically).
    var cancel = FixedPointSum()
    for v in values { cancel += v }
    for v in values { cancel += -v }
    #expect(cancel.value == 0 && cancel.exactText == "0x0.0000000000000000")
  }

  /// The value is the exact sum of the cut terms rounded once: checked against a sum in
  /// integer units of 2⁻⁶⁴ done with Foundation's Decimal-free arithmetic (UInt128 pieces).
  @Test func valueIsTheRoundedExactSum() {
    // Terms that are multiples of 2⁻⁶⁴ are not cut: the sum is exact, then rounded.
    // Two terms that are multiples of 2⁻⁶⁴: the correctly rounded sum, as IEEE addition gives it.
    let values = Self.terms(2000).map { $0.magnitude < 0x1p-11 ? 0x1p-11 : $0 }
    for (a, b) in zip(values, values.dropFirst()) { #expect(sum([a, b]) == a + b, "\(a) + \(b)") }
    #expect(sum([0.1, 0.2]) == 0.1 + 0.2)
    #expect(sum([1e16, 1, -1e16]) == 1, "naive summation gives 0")
    #expect(sum([0x1p60, 1, 1, -0x1p60]) == 2)
    #expect(sum([-2.5, 1.25]) == -1.25)
    #expect(sum([0x1p-64, 0x1p-64]) == 0x1p-63)
    #expect(sum([0x1p-65]) == 0, "below 2⁻⁶⁴: cut")
    #expect(sum([0x1p100, 0x1p100]) == 0x1p101)
    #expect(sum([-0x1p125, 3]) == -0x1p125)
    #expect(sum([1, .infinity]) == .infinity && sum([.infinity, -.infinity]).isNaN && sum([.nan, 1]).isNaN)
    // Compared with a compensated (Kahan–Babuška) sum of the same terms: far closer than the naive sum.
    let many = Self.terms(20000)
    var kahan = 0.0, c = 0.0
    for v in many {
      let t = kahan + v
      c += abs(kahan) >= abs(v) ? (kahan - t) + v : (v - t) + kahan
      kahan = t
    }
    #expect(isClose(sum(many), kahan + c, absolute: 0, relative: 1e-15))
  }

  /// The exact text reads back to the same sum, and other text does not read.
  @Test func exactTextRoundTrips() {
    for values in [[1.5], [-1.5], [0.0], [0x1p-64], [-0x1p-64], [3e8, 0.125, -7.75], Self.terms(300), [0x1p120]] {
      let s = values.reduce(into: FixedPointSum()) { $0 += $1 }
      let text = s.exactText
      #expect(FixedPointSum(exact: text) == s, "\(text)")
    }
    #expect(sumText([1.5]) == "0x1.8000000000000000")
    #expect(sumText([-1.5]) == "-0x1.8000000000000000")
    #expect(FixedPointSum(exact: "inf")?.value == .infinity && FixedPointSum(exact: "nan")?.value.isNaN == true)
    for bad in ["", "1.5", "0x1.8", "0x.8000000000000000", "0xg.0000000000000000", "--0x1.0000000000000000", "0x1.00000000000000000"] {
      #expect(FixedPointSum(exact: bad) == nil, "\(bad)")
    }
  }

  private func sum(_ values: [Double]) -> Double { values.reduce(into: FixedPointSum()) { $0 += $1 }.value }
  private func sumText(_ values: [Double]) -> String { values.reduce(into: FixedPointSum()) { $0 += $1 }.exactText }
}

/// SHA-256 against the FIPS 180-4 examples.
struct SHA256Tests {
  @Test func knownDigests() {
    func digest(_ text: String, pieces: Int = 1) -> String {
      var h = SHA256()
      let bytes = Array(text.utf8)
      let size = max(1, (bytes.count + pieces - 1) / pieces)
      for start in stride(from: 0, to: bytes.count, by: size) { h.update(bytes[start..<min(bytes.count, start + size)]) }
      return h.hexDigest
    }
    #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    for pieces in [1, 3, 7] {
      #expect(digest(two, pieces: pieces) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
    #expect(digest(String(repeating: "a", count: 1_000_000), pieces: 13) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

/// Shards cut the period at chunk boundaries and cover it once, for any N.
struct ScenarioShardTests {
  @Test(arguments: [(8784, 512), (8784, 24), (100, 7), (5, 512), (0, 10)])
  func shardsCoverThePeriodAtChunkBoundaries(period: Int, chunk: Int) {
    for n in [1, 2, 3, 4, 7, 40] {
      var next = 0
      for k in 0..<n {
        let shard = ScenarioShard(index: k, count: n)!
        let r = shard.hours(period: period, chunkHours: chunk)
        #expect(r.lowerBound == next, "\(k)/\(n)")
        #expect(r.lowerBound % chunk == 0 && (r.upperBound % chunk == 0 || r.upperBound == period))
        next = r.upperBound
      }
      #expect(next == period)
    }
  }

  @Test func parsing() {
    #expect(ScenarioShard(parsing: "0/4") == ScenarioShard(index: 0, count: 4))
    #expect(ScenarioShard(parsing: "3/4")?.description == "3/4")
    for bad in ["4/4", "-1/4", "1/0", "1", "1/2/3", "a/4", "1/ 4", "١/4", ""] { #expect(ScenarioShard(parsing: bad) == nil, "\(bad)") }
  }
}
