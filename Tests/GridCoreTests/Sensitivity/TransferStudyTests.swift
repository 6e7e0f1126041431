import Testing

@testable import GridCore

/// The linear transfer capability: moving the found amount puts the limiting branch exactly
/// at its limit after the limiting contingency, and nothing else beyond it.
struct TransferStudyTests {
  /// The operating point after a transfer of `t` MW: source generators up pro rata to their
  /// output within each bus, HVDC set-points up, sink demand up.
  func apply(_ t: Double, _ d: TransferDirection, to network: Network) -> OperatingPoint {
    var p = OperatingPoint(base: network)
    for share in d.source.shares {
      let id = network.buses[share.bus].id
      let gens = network.generators.indices.filter { network.generators[$0].bus == id && network.generators[$0].inService }
      let total = gens.reduce(0.0) { $0 + max(0, network.generators[$1].outputMW) }
      for g in gens { p.generatorMW[g] += t * share.share * max(0, network.generators[g].outputMW) / total }
    }
    for share in d.links { p.hvdcSetpointMW[share.link] += t * share.share }
    for share in d.sink?.shares ?? [] { p.busDemandMW[share.bus] += t * share.share }
    return p
  }

  func check(_ s: DCSensitivity, _ direction: TransferDirection, options: ContingencyOptions) throws {
    let study = try TransferStudy(s, direction: direction, options: options)
    let capability = try study.capability()
    let limit = try #require(capability.limits.first)
    #expect(!limit.preExisting)
    #expect(limit.transferMW > 0)
    let after = try ContingencyAnalysis(s, options: options).run(at: apply(limit.transferMW, direction, to: s.network), keepFlows: true)
    let flow = try #require(limit.contingency.map { after.outcomes[$0].flowsMW?[limit.branch] } ?? after.baseFlowMW[limit.branch])
    #expect(isClose(100 * abs(flow) / limit.ratingMW, 100, absolute: 1e-7), "\(direction.name): \(flow) MW vs \(limit.ratingMW) MW")
    // Just below the limit, nothing new exceeds it (the Xinjiang base point already has
    // N-1 violations the transfer barely touches: those may remain).
    func violations(_ r: ContingencyResult) -> Set<[Int]> {
      Set(r.baseViolations.map { [-1, $0.branch] } + r.outcomes.flatMap { o in o.violations.map { [o.index, $0.branch] } })
    }
    let before = try ContingencyAnalysis(s, options: options).run()
    let below = try ContingencyAnalysis(s, options: options).run(at: apply(limit.transferMW - 1e-3, direction, to: s.network))
    #expect(violations(below).isSubset(of: violations(before)))
  }

  @Test func acTransferOnCase9() throws {
    let s = try bundledSensitivity("case9.m")
    let network = s.network
    let direction = TransferDirection(
      name: "2 → 5", source: InjectionPattern(name: "2", bus: 1), sink: InjectionPattern(name: "5", bus: 4))
    try check(s, direction, options: ContingencyOptions(limitPct: 120))
    #expect(network.buses[1].id == BusID(2) && network.buses[4].id == BusID(5))
  }

  /// The example: raise Jiquan, supplied pro rata by the Zhundong base's generation.
  @Test func jiquanCorridorFromZhundong() throws {
    let s = try bundledSensitivity("xinjiang-2024.yaml")
    let network = s.network
    let zhundong = try NetworkSelection.busGroup("tag:base:zhundong", in: network)
    #expect(zhundong.buses.map { network.buses[$0].name } == ["wucaiwan", "jijihu", "changji"])
    let source = try InjectionPattern(name: "zhundong", buses: zhundong.buses, rule: .generation, network: network)
    let direction = try TransferDirection.corridor("jiquan", in: s.system, source: source)
    #expect(direction.links.map(\.link) == [network.hvdcLinks.firstIndex { $0.name == "jiquan" }])
    #expect(direction.sink == nil)
    try check(s, direction, options: ContingencyOptions())
    let capability = try TransferStudy(s, direction: direction).capability()
    // Jiquan runs at 11,000 of 12,000 MW: its rating allows 1,000 MW more.
    #expect(capability.hvdcRatingLimitMW == 1000)
    #expect(capability.transferMW == min(1000, capability.networkLimitMW ?? .infinity))
    // The PTDF of the transfer: the Zhundong buses export, so changji–jijihu carries more toward changji.
    let changjiJijihu = try #require(network.branches.firstIndex { $0.name == "changji-jijihu" })
    #expect(capability.ptdf[changjiJijihu] < 0)
  }

  /// A branch already beyond its limit that the transfer loads further limits it to 0.
  @Test func preExistingViolationLimitsToZero() throws {
    let s = try bundledSensitivity("case9.m")
    let direction = TransferDirection(name: "2 → 5", source: InjectionPattern(name: "2", bus: 1), sink: InjectionPattern(name: "5", bus: 4))
    let tight = ContingencyOptions(limitPct: 50)
    let capability = try TransferStudy(s, direction: direction, options: tight).capability()
    #expect(capability.transferMW == 0 && capability.limits.first?.preExisting == true)
    let ignoring = try TransferStudy(s, direction: direction, options: tight).capability(ignorePreExisting: true)
    #expect(ignoring.limits.allSatisfy { !$0.preExisting })
  }
}
