import Foundation
import Testing

@testable import GridCore

/// Every PSS/E RAW file of ../shared/cases/raw against MATPOWER's `rundcpf` of `psse2mpc`'s
/// conversion (same bar as ``MatpowerConformanceTests``), and the network read against that
/// conversion saved as a case (`*.from_raw.m`, written with 9 significant digits), element by
/// element. Skipped when ../shared is absent.
@Suite(.enabled(if: TestPaths.haveSharedCases, "../shared/cases not present"))
struct PSSERawConformanceTests {
  static let cases = [
    "t_psse_case2", "t_psse_case3", "t_case9_save2psse", "case14", "case30", "case118", "case300", "case2383wp",
    "case_ACTIVSg2000",
  ]

  @Test(arguments: cases)
  func matchesRundcpfOfPsse2mpc(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("raw/\(name).raw.dcpf.json"))
    let network = try PSSERawReader.read(contentsOf: try #require(TestPaths.shared("raw/\(name).raw"))).network
    #expect(network.buses.map(\.id.rawValue) == (reference["bus_i"] as? [Int]))
    #expect(network.branches.map(\.from.rawValue) == (reference["branch_from"] as? [Int]))
    #expect(network.branches.map(\.to.rawValue) == (reference["branch_to"] as? [Int]))
    #expect(network.generators.map(\.bus.rawValue) == (reference["gen_bus"] as? [Int]))
    let result = try DCSystem(network).solve()
    try MatpowerConformanceTests().compare(result, network, reference, name: name)
  }

  @Test(arguments: cases)
  func equalsPsse2mpcCase(name: String) throws {
    let raw = try PSSERawReader.read(contentsOf: try #require(TestPaths.shared("raw/\(name).raw"))).network
    let m = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared("raw/\(name).from_raw.m"))).network
    #expect(raw.baseMVA == m.baseMVA)
    try #require(raw.buses.count == m.buses.count && raw.branches.count == m.branches.count)
    try #require(raw.generators.count == m.generators.count && raw.hvdcLinks.count == m.hvdcLinks.count)
    func same(_ a: [Double], _ b: [Double], _ what: String) {
      for (k, (x, y)) in zip(a, b).enumerated() where x != y && !isClose(x, y, absolute: 1e-9, relative: 1e-8) {
        Issue.record("\(name): \(what) \(k + 1): \(x) vs \(y)")
        return
      }
    }
    for (a, b) in zip(raw.buses, m.buses) {
      #expect(a.id == b.id && a.type == b.type && a.area == b.area && a.zone == b.zone, "\(name): bus \(a.id)")
      #expect(a.name == b.name.trimmingCharacters(in: .whitespaces), "\(name): name of bus \(a.id)")
      same(
        [a.loadMW, a.loadMVAr, a.shuntMW, a.shuntMVAr, a.voltagePU, a.angleDeg, a.baseKV, a.maxVoltagePU, a.minVoltagePU],
        [b.loadMW, b.loadMVAr, b.shuntMW, b.shuntMVAr, b.voltagePU, b.angleDeg, b.baseKV, b.maxVoltagePU, b.minVoltagePU],
        "bus \(a.id) column")
    }
    for (k, (a, b)) in zip(raw.branches, m.branches).enumerated() {
      #expect(a.from == b.from && a.to == b.to && a.inService == b.inService, "\(name): branch \(k + 1)")
      same(
        [a.resistancePU, a.reactancePU, a.chargingPU, a.ratingMW, a.shortTermRatingMW, a.emergencyRatingMW, a.tapRatio, a.phaseShiftDeg],
        [b.resistancePU, b.reactancePU, b.chargingPU, b.ratingMW, b.shortTermRatingMW, b.emergencyRatingMW, b.tapRatio, b.phaseShiftDeg],
        "branch \(k + 1) column")
    }
    for (k, (a, b)) in zip(raw.generators, m.generators).enumerated() {
      #expect(a.bus == b.bus && a.inService == b.inService, "\(name): generator \(k + 1)")
      same(
        [a.outputMW, a.outputMVAr, a.maxMVAr, a.minMVAr, a.voltageSetpointPU, a.machineBaseMVA, a.maxMW, a.minMW],
        [b.outputMW, b.outputMVAr, b.maxMVAr, b.minMVAr, b.voltageSetpointPU, b.machineBaseMVA, b.maxMW, b.minMW],
        "generator \(k + 1) column")
    }
    for (k, (a, b)) in zip(raw.hvdcLinks, m.hvdcLinks).enumerated() {
      #expect(a.from == b.from && a.to == b.to && a.inService == b.inService && a.losses == b.losses, "\(name): dcline \(k + 1)")
      same([a.setpointMW, a.ratingMW] + a.matpowerExtra, [b.setpointMW, b.ratingMW] + b.matpowerExtra, "dcline \(k + 1) column")
    }
  }
}
