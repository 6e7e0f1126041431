import Foundation
import Testing

@testable import GridCore

/// The distributed slack of `DCSystem.solve(_:slack:)`: shares that sum to the island's balance,
/// pro rata to the rule, within PMAX/PMIN (water filling), the remainder on the reference with a
/// warning; and the warnings for a single slack generator past its limits.
struct SlackPolicyTests {
  /// Four buses in a ring, 400 MW of demand at bus 3, generators at buses 1 (the reference),
  /// 2 and 4 with the given set-points, PMAX and (optional) APF (MATPOWER gen column 21).
  static func ring(setpoints: [Double], pmax: [Double], apf: [Double]? = nil, demand: Double = 400) -> String {
    let buses = [1, 2, 4]
    let gens = buses.indices.map { k -> String in
      let base = "\(buses[k]) \(num(setpoints[k])) 0 100 -100 1 100 1 \(num(pmax[k])) 0"
      guard let apf else { return base }
      return base + " 0 0 0 0 0 0 0 0 0 0 \(num(apf[k]))"
    }
    return caseText(
      bus: [busRow(1, type: 3), busRow(2, type: 2), busRow(3, pd: demand), busRow(4, type: 2)], gen: gens,
      branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.2), branchRow(3, 4, x: 0.1), branchRow(4, 1, x: 0.3)])
  }

  /// A solve at the shared outputs with the reference slack: it must take nothing, and the
  /// flows must be those of the distributed solve.
  private func checkConsistent(_ system: DCSystem, _ r: DCFlowResult) throws {
    var point = OperatingPoint(base: system.network)
    point.generatorMW = r.generatorMW
    let again = try system.solve(point)
    #expect(abs(again.slackMW[0]) < 1e-9)
    #expect(maxAbsDifference(again.branchFlowMW, r.branchFlowMW) < 1e-9)
  }

  @Test func capacitySharesProRataToPMax() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [500, 300, 200])))
    let r = try system.solve(slack: .distributed(.capacity))
    // 100 MW short, shared 5 : 3 : 2.
    #expect(isClose(r.slackMW[0], 100, absolute: 1e-9))
    #expect(isClose(r.generatorMW[0], 150, absolute: 1e-9) && isClose(r.generatorMW[1], 130, absolute: 1e-9))
    #expect(isClose(r.generatorMW[2], 120, absolute: 1e-9))
    #expect(isClose(r.generatorMW.reduce(0, +), 400, absolute: 1e-9))
    #expect(r.slackGenerators[0] == [0, 1, 2] && r.diagnostics.isEmpty && r.slackPolicy == .distributed(.capacity))
    try checkConsistent(system, r)
  }

  /// A unit whose pro-rata share would pass PMAX is held there; the others share the rest.
  @Test func capacityHoldsUnitsAtPMaxAndSharesTheRest() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [50, 50, 190], pmax: [500, 300, 200])))
    let r = try system.solve(slack: .distributed(.capacity))
    // 110 MW short: unit 3 (20 %, 22 MW) has room for 10 MW only; 100 MW go 5 : 3.
    #expect(isClose(r.generatorMW[2], 200, absolute: 1e-9))
    #expect(isClose(r.generatorMW[0], 50 + 62.5, absolute: 1e-9) && isClose(r.generatorMW[1], 50 + 37.5, absolute: 1e-9))
    #expect(r.diagnostics.isEmpty)
    try checkConsistent(system, r)
  }

  @Test func headroomSharesToTheRoomLeftAndFallsToPMin() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [400, 100, 100], pmax: [500, 300, 200])))
    // 200 MW surplus: shared by output above PMIN (0) 4 : 1 : 1.
    let down = try system.solve(slack: .distributed(.headroom))
    #expect(isClose(down.slackMW[0], -200, absolute: 1e-9))
    #expect(isClose(down.generatorMW[0], 400 - 200 * 4 / 6, absolute: 1e-9))
    #expect(isClose(down.generatorMW[1], 100 - 200.0 / 6, absolute: 1e-9))
    try checkConsistent(system, down)
    // Short by 200 MW with room 100, 200, 100 → shares 50, 100, 50.
    let short = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 0], pmax: [200, 300, 100])))
    let up = try short.solve(slack: .distributed(.headroom))
    #expect(isClose(up.generatorMW[0], 150, absolute: 1e-9) && isClose(up.generatorMW[1], 200, absolute: 1e-9))
    #expect(isClose(up.generatorMW[2], 50, absolute: 1e-9) && up.diagnostics.isEmpty)
  }

  /// MATPOWER's APF column: units with 0 take no part.
  @Test func weightsComeFromTheAPFColumn() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [500, 300, 200], apf: [0, 1, 3])))
    #expect(system.network.generators.map(\.participationFactor) == [0, 1, 3])
    let r = try system.solve(slack: .distributed(.weights))
    #expect(isClose(r.generatorMW[0], 100, absolute: 1e-9) && isClose(r.generatorMW[1], 125, absolute: 1e-9))
    #expect(isClose(r.generatorMW[2], 175, absolute: 1e-9) && r.slackGenerators[0] == [1, 2])
    try checkConsistent(system, r)
  }

  /// Weights without any APF: the reference takes the whole balance, and the warning says why.
  @Test func weightsWithoutAnyAPFFallBackToTheReference() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [500, 300, 200], apf: [0, 0, 0])))
    let r = try system.solve(slack: .distributed(.weights))
    #expect(isClose(r.generatorMW[0], 200, absolute: 1e-9) && isClose(r.generatorMW[1], 100, absolute: 1e-9))
    let text = r.diagnostics.map(\.message).joined(separator: "\n")
    #expect(text.contains("no generator can take part in the distributed slack (weights: no participation factor above 0"), "\(text)")
    try checkConsistent(system, r)
  }

  /// More than all the headroom: every unit at PMAX, the reference takes the rest and both the
  /// shortage and the reference past its PMAX are reported.
  @Test func balanceBeyondAllHeadroomWarns() throws {
    let system = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [150, 120, 110])))
    let r = try system.solve(slack: .distributed(.headroom))
    #expect(isClose(r.generatorMW[1], 120, absolute: 1e-9) && isClose(r.generatorMW[2], 110, absolute: 1e-9))
    #expect(isClose(r.generatorMW[0], 170, absolute: 1e-9))
    #expect(isClose(r.generatorMW.reduce(0, +), 400, absolute: 1e-9))
    let text = r.diagnostics.map(\.message).joined(separator: "\n")
    #expect(text.contains("needs 20.0 MW more generation than its 3 participating generators can give within PMAX"), "\(text)")
    #expect(text.contains("produces 170.0 MW") && text.contains("20.0 MW above its PMAX of 150.0 MW"), "\(text)")
  }

  /// MATPOWER's single slack: a warning when the balance takes it past PMAX or PMIN, none within.
  @Test func referenceSlackPastItsLimitsWarns() throws {
    let over = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [150, 300, 300])))
    let r = try over.solve()
    #expect(isClose(r.generatorMW[0], 200, absolute: 1e-9) && r.slackPolicy == .reference && r.slackGenerators.allSatisfy(\.isEmpty))
    #expect(r.diagnostics.count == 1)
    #expect(r.diagnostics.first?.message.contains("slack generator 1 (bus 1) produces 200.0 MW after taking up 100.0 MW") == true)
    #expect(r.diagnostics.first?.message.contains("50.0 MW above its PMAX of 150.0 MW") == true)
    let within = try DCSystem(try parseCase(Self.ring(setpoints: [100, 100, 100], pmax: [250, 300, 300])))
    #expect(try within.solve().diagnostics.isEmpty)
    // The report carries the warning with the model's own diagnostics.
    #expect(FlowReport(system: over, result: r).diagnostics.count == 1)
    // And `gridtool info` finds it without solving.
    let findings = NetworkInfo(over.network).findings.map(\.message)
    #expect(findings.contains { $0.contains("slack generator 1 (bus 1) must produce 200.0 MW") }, "\(findings)")
    #expect(!NetworkInfo(within.network).findings.contains(where: { $0.message.contains("slack generator") }))
  }

  /// The bundled Xinjiang network with Jiquan at 12 GW, Tianzhong at 8 GW and 4 GW more AC
  /// export (issue #13): the reference unit would produce 10,969 MW on 9,000 MW.
  @Test func xinjiangExportWhatIfWarnsAndHeadroomStaysWithinLimits() throws {
    var network = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml")).network
    for k in network.hvdcLinks.indices { network.hvdcLinks[k].setpointMW = network.hvdcLinks[k].name == "jiquan" ? 12000 : 8000 }
    let export = try #require(network.loads.firstIndex { $0.name == "northwest-ac-export" })
    network.loads[export].demandMW += 4000
    let system = try DCSystem(network)
    let single = try system.solve()
    #expect(isClose(single.generatorMW[0], 10969, absolute: 1e-6))
    #expect(single.diagnostics.contains(where: { $0.message.contains("1,969.0 MW above its PMAX of 9,000.0 MW") }))
    let shared = try system.solve(slack: .distributed(.headroom))
    #expect(shared.diagnostics.isEmpty)
    #expect(isClose(shared.slackMW[0], 6000, absolute: 1e-6))
    for (g, gen) in network.generators.enumerated() where gen.inService {
      #expect(shared.generatorMW[g] <= gen.maxMW + 1e-6 && shared.generatorMW[g] >= gen.minMW - 1e-6)
    }
    let total = network.generators.indices.reduce(0.0) { $0 + shared.generatorMW[$1] - network.generators[$1].outputMW }
    #expect(isClose(total, 6000, absolute: 1e-6))
  }
}

/// The native format's `participation` key: read as MATPOWER's APF, written back, and used by
/// the weights rule.
struct NativeParticipationTests {
  @Test func participationKeyRoundTrips() throws {
    let original = try String(contentsOfFile: TestPaths.network("xinjiang-2024.yaml"), encoding: .utf8)
    let text = original.replacingOccurrences(
      of: "{id: changji-coal, bus: changji, technology: coal, capacity_mw: 8000, p_mw: 6800,",
      with: "{id: changji-coal, bus: changji, technology: coal, capacity_mw: 8000, p_mw: 6800, participation: 2.5,")
    #expect(text != original)
    let network = try NativeNetworkReader.parse(text, file: "x.yaml").network
    let k = try #require(network.generators.firstIndex { $0.name == "changji-coal" })
    #expect(network.generators[k].participationFactor == 2.5)
    #expect(network.generators.filter { $0.participationFactor != 0 }.count == 1)
    let written = NativeNetworkWriter.yaml(for: network)
    #expect(written.contains("participation: 2.5"))
    let again = try NativeNetworkReader.parse(written, file: "y.yaml").network
    #expect(again.generators[k].participationFactor == 2.5)
    let bad = text.replacingOccurrences(of: "participation: 2.5", with: "participation: -1")
    #expect(throws: ParseError.self) { try NativeNetworkReader.parse(bad, file: "x.yaml") }
  }
}
