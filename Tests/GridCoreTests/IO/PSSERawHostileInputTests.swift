import Foundation
import Testing

@testable import GridCore

/// Hostile and mangled RAW input: an error or a network, never a crash, a hang or a
/// non-finite number in what is read; work stays linear in the size of the input.
/// `GRIDTOOL_RAW_MUTATIONS=20000 swift test --filter PSSERawHostileInputTests` runs a longer campaign.
struct PSSERawHostileInputTests {
  /// Reads `bytes`; when they read, checks the network's numbers and that solving and
  /// writing it do not trap either.
  func survive(_ bytes: [UInt8]) {
    guard let network = try? PSSERawReader.parse(bytes: bytes, file: "m.raw").network else { return }
    for bus in network.buses {
      let values = [bus.loadMW, bus.loadMVAr, bus.shuntMW, bus.shuntMVAr, bus.voltagePU, bus.angleDeg, bus.baseKV]
      #expect(values.allSatisfy { $0.isFinite }, "bus \(bus.id)")
    }
    for branch in network.branches {
      let values = [branch.resistancePU, branch.reactancePU, branch.tapRatio, branch.phaseShiftDeg, branch.ratingMW]
      #expect(values.allSatisfy { $0.isFinite }, "branch \(branch.name)")
    }
    #expect(network.generators.allSatisfy { $0.outputMW.isFinite && $0.machineBaseMVA.isFinite })
    #expect(network.hvdcLinks.allSatisfy { $0.setpointMW.isFinite && $0.matpowerExtra.allSatisfy { $0.isFinite } })
    if let system = try? DCSystem(network) { _ = try? system.solve() }
    _ = MatpowerWriter.text(for: network)
  }

  /// Byte edits, deleted and repeated stretches and cut-off ends of the feature case (in the
  /// layouts of revisions 33 and 35).
  @Test(arguments: ["features_v33.raw", "features_v35.raw"])
  func mutatedFilesNeverCrash(file: String) throws {
    let path = PSSERawFeatureTests.fixture(file)
    let seed = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var rng = SplitMix(seed: file.hasSuffix("33.raw") ? 2026 : 2027)
    let interesting = Array(",'\"/0 9-.eEQ\n\t@!1".utf8)
    func random(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
    let rounds = ProcessInfo.processInfo.environment["GRIDTOOL_RAW_MUTATIONS"].flatMap { Int($0) } ?? 300
    for round in 0..<rounds {
      var bytes = seed
      for _ in 0..<(1 + random(4)) {
        let p = random(bytes.count)
        switch random(6) {
        case 0: bytes[p] = interesting[random(interesting.count)]
        case 1: bytes.removeSubrange(p..<min(bytes.count, p + random(200)))
        case 2: bytes.insert(contentsOf: bytes[p..<min(bytes.count, p + random(300))], at: random(bytes.count))
        case 3: bytes.insert(contentsOf: Array(["1e308", "-1", "0", "999999999", "Inf", "'", "1e-308"][random(7)].utf8), at: p)
        case 4: bytes.removeSubrange(p...)
        default: bytes[p] = UInt8(truncatingIfNeeded: rng.next())
        }
        if bytes.isEmpty { break }
      }
      if round % 2 == 0 { bytes.removeAll { $0 == 0 } }
      survive(bytes)
    }
  }

  @Test func largeCountsAndLongLinesStayBounded() throws {
    // A bus record of a million fields: only the first few are split.
    let wide = "0, 100, 33\n\n\n1,'A',230,3" + String(repeating: ",1", count: 1_000_000) + "\n0\nQ\n"
    #expect(try PSSERawReader.parse(wide, file: "w.raw").network.buses.count == 1)
    // A number of a hundred thousand digits, and one that overflows.
    let digits = String(repeating: "7", count: 100_000)
    #expect(rawError(rawText(loads: ["2,'1',1,1,1,\(digits),1"])) != nil)
    #expect(rawError(rawText(loads: ["2,'1',1,1,1,1\(String(repeating: "0", count: 400)),1"])) != nil)
    // Thousands of three-winding transformers on the highest bus numbers: star buses stay in range.
    let n = 2000
    var buses = ["999999990,'A',230,3", "999999991,'B',115,1", "999999992,'C',13.8,1"]
    buses.append("999999999,'D',13.8,1")
    let transformer = [
      "999999990,999999991,999999992,'1',1,1,1,0,0,2,'T',1", "0,0.1,100,0,0.1,100,0,0.1,100,1,0", "1,230,0", "1,115,0",
      "1,13.8,0",
    ]
    let text = rawText(
      buses: buses, loads: [], generators: ["999999990,'1',0"], branches: [],
      transformers: Array([[String]](repeating: transformer, count: n).joined()))
    let network = try PSSERawReader.parse(text, file: "big.raw").network
    #expect(network.buses.count == 4 + n && network.branches.count == 3 * n)
    #expect(network.buses.last?.id == BusID(1_000_000_000 + n))
    // Many empty sections and terminators.
    let sections = "0, 100, 33\n\n\n1,'A',230,3\n" + String(repeating: "0\n", count: 100_000)
    let (_, diagnostics) = try PSSERawReader.parse(sections, file: "s.raw")
    #expect(diagnostics.count == 1 && diagnostics[0].message.contains("more sections"))
  }
}
