import Testing

@testable import GridCore

/// The OPF dispatch modes: a scenario hour equals one DCOPFProblem solve of that hour's
/// network, SCOPF hours pass the N-1 screen, results do not depend on threads.
struct ScenarioOPFTests {
  /// 72 hours of the SCOPF year around the Wubei–Wucaiwan maintenance (two topologies).
  static func window(mode: DispatchMode, corridors: Bool = true) throws -> Scenario {
    var s = try ScenarioFixtures.xinjiang(start: "2024-05-13T00:00", hours: 72, file: ScenarioFixtures.xinjiangSecure)
    s.dispatchMode = mode
    s.opf.corridorLimits = corridors
    return s
  }

  @Test func fileSelectsSCOPF() throws {
    let s = try ScenarioReader.read(contentsOf: ScenarioFixtures.xinjiangSecure)
    #expect(s.dispatchMode == .scopf)
    #expect(s.opf.exportLoads.map { s.network.loads[$0].name } == ["northwest-ac-export"])
    #expect(s.opf.costPerMWh[.coal] == 30 && s.opf.unservedCostPerMWh == 1000)
    #expect(try ScenarioReader.read(contentsOf: ScenarioFixtures.xinjiang).dispatchMode == .rule)
  }

  /// Every hour of an `opf` run has the flows of `ScenarioRunner.opfProblem(_:hour:).solve()`
  /// (a fresh model and solver per hour, no warm start), and the run's dispatch balances.
  @Test func opfHourEqualsSingleSolve() throws {
    let scenario = try Self.window(mode: .opf, corridors: false)
    let (result, records) = try ScenarioFixtures.runWithRecords(scenario)
    #expect(result.opf?.mode == .opf && records.count == 72)
    var worst = 0.0
    for h in stride(from: 0, to: 72, by: 5) {
      let single = try ScenarioRunner.opfProblem(scenario, hour: h).solve()
      worst = max(worst, maxAbsDifference(Array(records[h].branchFlowsMW), single.flow.branchFlowMW))
      // Generation = demand served + HVDC sent.
      let served = records[h].demandMW - records[h].unservedMW
      #expect(abs(records[h].generationMW - served - records[h].hvdcFromMW.reduce(0, +)) < 1e-3)
    }
    #expect(worst < 1e-3, "largest flow difference \(worst) MW")
    #expect(result.totals.maxAbsSlackMW < 1e-3)
    #expect(result.branches.allSatisfy { $0.hoursOver100 == 0 })
  }

  /// SCOPF hours are N-1 secure by the screen of `gridtool contingency` (whole branches,
  /// islanding outages, HVDC trips), also in the maintenance hours.
  @Test func scopfHoursPassTheScreen() throws {
    let scopf = try Self.window(mode: .scopf)
    let screened = try ScenarioSecurityScreen.run(scopf)
    #expect(screened.summary.insecureHours == 0)
    let rule = try ScenarioSecurityScreen.run(try Self.window(mode: .rule))
    #expect(rule.summary.insecureHours > 0, "the rule's window is insecure, so the test means something")
    let result = try ScenarioRunner.run(scopf)
    let summary = try #require(result.opf)
    #expect(summary.mode == .scopf && summary.securityRounds > 0)
    #expect(summary.binding.contains { $0.constraint.kind == "post_contingency_flow" })
  }

  /// Per-circuit security is enforced when asked for, and the per-circuit screen agrees.
  @Test func perCircuitSecurity() throws {
    var scopf = try Self.window(mode: .scopf)
    scopf.opf.contingency.perCircuit = true
    var options = ScenarioSecurityScreen.Options()
    options.contingency.perCircuit = true
    #expect(try ScenarioSecurityScreen.run(scopf, options: options).summary.insecureHours == 0)
  }

  /// The same bits on one thread and on several (runs of hours are fixed by the period).
  @Test func threadsDoNotChangeTheResult() throws {
    let scenario = try Self.window(mode: .scopf)
    let serial = try ScenarioRunner.run(scenario, options: ScenarioRunner.Options(parallelism: .serial))
    let parallel = try ScenarioRunner.run(scenario, options: ScenarioRunner.Options(parallelism: Parallelism(threads: 3)))
    #expect(serial.json() == parallel.json())
  }

  /// A free export link goes to its rating where nothing stops it, and what stops it is named.
  @Test func freeLinkIsDecidedAndItsLimitsNamed() throws {
    var scenario = try Self.window(mode: .scopf)
    let jiquan = try #require(scenario.network.hvdcLinks.firstIndex { $0.name == "jiquan" })
    scenario.opf.freeLinks = [jiquan]
    let result = try ScenarioRunner.run(scenario)
    let free = try #require(result.opf?.freeLinks.first)
    #expect(free.name == "jiquan" && free.limitingHours.reduce(0) { $0 + $1.hours } == 72)
    let scheduled = try ScenarioRunner.run(try Self.window(mode: .scopf))
    let sent = try #require(result.hvdc.first { $0.name == "jiquan" }).sentMWh
    let scheduledSent = try #require(scheduled.hvdc.first { $0.name == "jiquan" }).sentMWh
    #expect(sent >= scheduledSent - 1e-6)
    #expect(sent <= 12_000 * 72 + 1e-6)
  }

  /// A DCOPFSequence gives DCOPFProblem.solve()'s optimum snapshot after snapshot.
  @Test func sequenceEqualsSingleSolves() throws {
    let scenario = try Self.window(mode: .opf, corridors: false)
    let first = try ScenarioRunner.opfProblem(scenario, hour: 20)
    let sequence = try DCOPFSequence(problem: first)
    for h in [20, 21, 27, 20] {  // one topology (the maintenance starts at hour 32)
      let problem = try ScenarioRunner.opfProblem(scenario, hour: h)
      let network = problem.system.network
      let fixed = DCOPFLayout.fixedInjections(problem.system)
      var byPosition = [Double](repeating: 0, count: network.buses.count)
      for (i, p) in problem.system.busPositions.enumerated() { byPosition[p] = fixed[i] }
      let snap = try sequence.solve(
        generatorMinMW: network.generators.map(\.minMW), generatorMaxMW: network.generators.map(\.maxMW), fixedInjectionMW: byPosition)
      let single = try problem.solve()
      #expect(isClose(snap.objectivePerHour, single.objectivePerHour, relative: 1e-9))
      #expect(maxAbsDifference(snap.branchFlowMW, single.flow.branchFlowMW) < 1e-3)
    }
  }

  /// `ScenarioRunner.operatingPoint` of an OPF hour, solved as a power flow, has the run's flows.
  @Test func operatingPointOfAnOPFHour() throws {
    let scenario = try Self.window(mode: .scopf)
    let (_, records) = try ScenarioFixtures.runWithRecords(scenario)
    for h in [3, 40, 71] {
      let point = try ScenarioRunner.operatingPoint(scenario, hour: h)
      let flows = try DCSystem(ScenarioRunner.network(scenario, hour: h), backend: .dense).solve(point).branchFlowMW
      #expect(maxAbsDifference(flows, Array(records[h].branchFlowsMW)) < 1e-3, "hour \(h)")
    }
  }

  @Test func readerRejectsAnUnknownMode() throws {
    var text = try String(contentsOfFile: ScenarioFixtures.xinjiangSecure, encoding: .utf8)
    text = text.replacingOccurrences(of: "mode: scopf", with: "mode: optimal")
    #expect {
      _ = try ScenarioReader.parse(text, file: ScenarioFixtures.xinjiangSecure)
    } throws: { error in
      "\(error)".contains("rule, opf or scopf") && "\(error)".contains("xinjiang-2024.yaml:")
    }
  }
}
