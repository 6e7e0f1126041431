import Testing

@testable import GridCore

/// HVDC pole and link trips against fresh power flows of the changed network.
struct HVDCContingencyTests {
  /// The Xinjiang model with both UHVDC links (external receivers).
  func xinjiang() throws -> DCSensitivity { try bundledSensitivity("xinjiang-2024.yaml") }

  /// Rule `slack`: a link trip equals solving again with the link out of service; a pole trip
  /// equals the link on one pole fewer at (p − 1)/p of its set-point.
  @Test func slackRuleEqualsAFreshSolve() throws {
    let s = try xinjiang()
    let network = s.network
    let options = ContingencyOptions(contingencies: network.hvdcLinks.indices.flatMap { [Contingency.hvdcPole($0), .hvdcLink($0)] }, hvdcRule: .slack)
    let result = try ContingencyAnalysis(s, options: options).run(keepFlows: true)
    for outcome in result.outcomes {
      let q = try #require(outcome.contingency.link)
      var changed = network
      if case .hvdcPole = outcome.contingency {
        guard case .physical(var data) = changed.hvdcLinks[q].losses else { Issue.record("not physical"); continue }
        data.poles -= 1
        changed.hvdcLinks[q].losses = .physical(data)
        changed.hvdcLinks[q].setpointMW /= 2
      } else {
        changed.hvdcLinks[q].inService = false
      }
      let fresh = try DCSystem(changed).solve()
      #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh.branchFlowMW) <= 1e-7, "\(outcome.contingency)")
      let h = try #require(outcome.hvdc)
      #expect(h.curtailedMW == 0)
      #expect(isClose(h.slackChangeMW, fresh.slackMW[0] - (try s.system.solve().slackMW[0]), absolute: 1e-7))
    }
  }

  /// Rule `curtail`: the generators at the sending converter bus drop the lost power pro rata;
  /// the remainder goes to the slack. Equals a fresh solve with those outputs reduced.
  @Test func curtailRuleEqualsAFreshSolveWithGenerationTripped() throws {
    let s = try xinjiang()
    let network = s.network
    let options = ContingencyOptions(contingencies: network.hvdcLinks.indices.flatMap { [Contingency.hvdcPole($0), .hvdcLink($0)] })
    let result = try ContingencyAnalysis(s, options: options).run(keepFlows: true)
    for outcome in result.outcomes {
      let q = try #require(outcome.contingency.link)
      let h = try #require(outcome.hvdc)
      let link = network.hvdcLinks[q]
      var changed = network
      var point = OperatingPoint(base: network)
      if case .hvdcPole = outcome.contingency {
        guard case .physical(var data) = changed.hvdcLinks[q].losses else { continue }
        data.poles -= 1
        changed.hvdcLinks[q].losses = .physical(data)
        changed.hvdcLinks[q].setpointMW /= 2
        point.hvdcSetpointMW[q] /= 2
        #expect(isClose(h.lostMW, link.setpointMW / 2, absolute: 1e-9))
      } else {
        changed.hvdcLinks[q].inService = false
        #expect(isClose(h.lostMW, link.setpointMW, absolute: 1e-9))
      }
      let atBus = network.generators.indices.filter { network.generators[$0].bus == link.from && network.generators[$0].inService }
      let output = atBus.reduce(0.0) { $0 + max(0, network.generators[$1].outputMW) }
      #expect(isClose(h.curtailedMW, min(h.lostMW, output), absolute: 1e-9))
      for g in atBus { point.generatorMW[g] -= h.curtailedMW * max(0, network.generators[g].outputMW) / output }
      let fresh = try DCSystem(changed).solve(point).branchFlowMW
      #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh) <= 1e-7, "\(outcome.contingency)")
    }
  }

  /// A link inside the model (MATPOWER dcline semantics): both ends change.
  @Test func internalLinkTrip() throws {
    var network = try NetworkFile.read(TestPaths.network("case5.m")).network
    network.hvdcLinks = [HVDCLink(name: "dc", from: BusID(1), to: BusID(4), setpointMW: 120, losses: .matpower(fixedMW: 2, fraction: 0.02))]
    let s = DCSensitivity(try DCSystem(network))
    for rule in HVDCOutageRule.allCases {
      let result = try ContingencyAnalysis(s, options: ContingencyOptions(contingencies: [.hvdcLink(0)], hvdcRule: rule)).run(keepFlows: true)
      let outcome = result.outcomes[0]
      let h = try #require(outcome.hvdc)
      var changed = network
      changed.hvdcLinks[0].inService = false
      var point = OperatingPoint(base: network)
      // Bus 1 holds two generators (40 and 170 MW): curtailment shares 120 MW pro rata.
      if rule == .curtail {
        #expect(isClose(h.curtailedMW, 120, absolute: 1e-9))
        point.generatorMW[0] -= 120 * 40 / 210
        point.generatorMW[1] -= 120 * 170 / 210
      }
      let fresh = try DCSystem(changed).solve(point).branchFlowMW
      #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh) <= 1e-7, "\(rule)")
    }
  }

  /// Pole trips exist only for physical links with two or more poles.
  @Test func matpowerLinksHaveNoPoleContingency() throws {
    var network = try NetworkFile.read(TestPaths.network("case5.m")).network
    network.hvdcLinks = [HVDCLink(name: "dc", from: BusID(1), to: BusID(4), setpointMW: 50)]
    let s = DCSensitivity(try DCSystem(network))
    let list = ContingencyAnalysis.defaultContingencies(s, options: ContingencyOptions())
    #expect(list.last == .hvdcLink(0) && !list.contains(.hvdcPole(0)))
    #expect(ContingencyAnalysis.defaultContingencies(s, options: ContingencyOptions(includeHVDC: false)).count == 6)
  }
}
