import Testing

@testable import GridCore

/// Invariants of the bundled Xinjiang models: they load, solve as one island with
/// no N-0 overload, their groups are consistent, and their export to MATPOWER
/// gives the same flows.
struct XinjiangModelTests {
  static let files = ["xinjiang-2024.yaml", "xinjiang-2025.yaml"]

  private func load(_ file: String) throws -> (Network, DCSystem, FlowReport) {
    let network = try NetworkFile.read(TestPaths.network(file)).network
    let system = try DCSystem(network)
    return (network, system, FlowReport(system: system, result: try system.solve()))
  }

  @Test(arguments: files)
  func solvesWithoutOverloads(file: String) throws {
    let (network, system, report) = try load(file)
    #expect(system.islands.count == 1 && system.islands[0].isSolvable)
    #expect(report.overloads.isEmpty, "overloaded: \(report.overloads.map { network.branches[$0].name })")
    // The slack unit stays within its capability.
    for island in report.islands {
      for g in island.slackGenerators {
        let p = report.result.generatorMW[g]
        #expect(p >= network.generators[g].minMW - 1e-6 && p <= network.generators[g].maxMW + 1e-6, "slack \(p) MW")
      }
    }
    try expectBalance(network, report.result, tolerance: 1e-9)
  }

  @Test(arguments: files)
  func setPointsRespectCapacities(file: String) throws {
    let network = try NetworkFile.read(TestPaths.network(file)).network
    for g in network.generators where g.inService {
      #expect(g.outputMW >= 0 && g.outputMW <= g.maxMW, "\(g.name)")
    }
    for link in network.hvdcLinks { #expect(abs(link.setpointMW) <= link.ratingMW, "\(link.name)") }
  }

  /// "Five internal rings, four export corridors" (2024); seven and five in 2025.
  @Test(arguments: [("xinjiang-2024.yaml", 5, 4), ("xinjiang-2025.yaml", 7, 5)])
  func ringsAndCorridors(file: String, rings: Int, corridors: Int) throws {
    let network = try NetworkFile.read(TestPaths.network(file)).network
    #expect(network.groups(ofKind: .ring).count == rings)
    #expect(network.groups(ofKind: .corridor).count == corridors)
    for ring in network.groups(ofKind: .ring) {
      #expect(Self.containsCycle(ring.branches.map { (network.branches[$0].from, network.branches[$0].to) }), "\(ring.name) is not a closed ring")
    }
  }

  /// Corridor sending = sum of its elements' sending power; delivered = sent − losses;
  /// the four 2024 corridors carry Jiquan, Tianzhong and the two AC ties.
  @Test func corridorAccounting() throws {
    let (network, _, report) = try load("xinjiang-2024.yaml")
    for (group, flow) in zip(network.groups(ofKind: .corridor), report.corridors) {
      var sent = 0.0
      for k in group.hvdcLinks { sent += report.result.hvdc[k].fromMW }
      let receiving = Set(group.buses)
      for k in group.branches {
        let br = network.branches[k]
        #expect(receiving.contains(br.to) != receiving.contains(br.from), "\(br.name) must cross the corridor")
        sent += receiving.contains(br.to) ? report.result.branchFlowMW[k] : -report.result.branchFlowMW[k]
      }
      #expect(isClose(flow.sendMW, sent, absolute: 1e-9))
      #expect(isClose(flow.receiveMW, flow.sendMW - flow.lossMW, absolute: 1e-9))
      #expect(flow.sendMW > 0, "\(group.name) should export in the base point")
    }
    let jiquan = try #require(report.corridors.first { $0.name == "jiquan" })
    #expect(jiquan.ratingMW == 12_000)
    // ±1100 kV, ~10 Ω per pole: a few per cent of line loss, plus the converter stations.
    #expect(jiquan.lossMW / jiquan.sendMW > 0.03 && jiquan.lossMW / jiquan.sendMW < 0.08)
  }

  /// Jiquan at its 12 GW rating: ±1100 kV, about 10 Ω per pole over 3,293 km lose about 5 %
  /// on the line (facts sheet §3: 4.7–5.3 %), and never more power comes out than goes in.
  @Test func jiquanLineLossAtRating() throws {
    let network = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml")).network
    var jiquan = try #require(network.hvdcLinks.first { $0.name == "jiquan" })
    guard case .physical(var d) = jiquan.losses else { Issue.record("Jiquan should use the physical model"); return }
    #expect(d.poles == 2 && d.poleVoltageKV == 1100)
    d.converterFixedMW = 0
    d.converterFraction = 0
    jiquan.losses = .physical(d)
    let lineLoss = jiquan.transfer(at: 12_000).lossMW / 12_000
    #expect(lineLoss > 0.047 && lineLoss < 0.053, "line loss \(lineLoss)")
    #expect(jiquan.transfer(at: -12_000).lossMW == jiquan.transfer(at: 12_000).lossMW)
  }

  /// Export to MATPOWER and back: the same AC flows and generator outputs (HVDC links
  /// become dcline rows or fixed demand, named loads become PD).
  @Test(arguments: files)
  func matpowerExportGivesTheSameFlows(file: String) throws {
    let (network, _, report) = try load(file)
    let exported = try MatpowerReader.parse(MatpowerWriter.text(for: network), file: "x.m").network
    let again = try DCSystem(exported).solve()
    #expect(maxAbsDifference(again.branchFlowMW, report.result.branchFlowMW) < 1e-7)
    #expect(maxAbsDifference(again.generatorMW, report.result.generatorMW) < 1e-7)
  }

  /// YAML → YAML round trip keeps the solution.
  @Test(arguments: files)
  func yamlRoundTripGivesTheSameFlows(file: String) throws {
    let (network, _, report) = try load(file)
    let again = try NativeNetworkReader.parse(NativeNetworkWriter.yaml(for: network), file: "x.yaml").network
    #expect(maxAbsDifference(try DCSystem(again).solve().branchFlowMW, report.result.branchFlowMW) < 1e-9)
  }

  /// True when the edges contain a cycle (a ring must be a loop, not a path).
  static func containsCycle(_ edges: [(BusID, BusID)]) -> Bool {
    var parent: [BusID: BusID] = [:]
    func find(_ x: BusID) -> BusID {
      var r = x
      while let p = parent[r], p != r { r = p }
      return r
    }
    for (a, b) in edges {
      if parent[a] == nil { parent[a] = a }
      if parent[b] == nil { parent[b] = b }
      let ra = find(a), rb = find(b)
      if ra == rb { return true }
      parent[ra] = rb
    }
    return false
  }
}
