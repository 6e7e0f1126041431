import Testing

@testable import GridCore

/// The year screen against brute force: one full ``ContingencyAnalysis`` per hour, on the
/// hour's own network (maintenance outages applied) at the hour's operating point.
struct ScenarioSecurityScreenTests {
  /// What brute force finds over the hours of a scenario, keyed like the merged result.
  struct Expected {
    var insecureHours = 0
    var baseInsecureHours = 0
    var worst: [Int: (loading: Double, hour: Int, outage: OutageElement?)] = [:]
    /// Every (hour, outage) with its loading, per branch: the worst case may be any within
    /// round-off of the maximum (an outage that leaves a branch's flow unchanged ties with the base case).
    var loadings: [Int: [(loading: Double, hour: Int, outage: OutageElement?)]] = [:]
    var branchInsecure: [Int: Int] = [:]
    var branchHours: [Int: Int] = [:]
    var violationHours: [OutageElement: [Int]] = [:]
    var screenedHours: [OutageElement: Int] = [:]
  }

  func bruteForce(_ scenario: Scenario, options: ContingencyOptions) throws -> Expected {
    var e = Expected()
    for h in 0..<scenario.hours {
      let network = ScenarioRunner.network(scenario, hour: h)
      let point = try ScenarioRunner.operatingPoint(scenario, hour: h)
      let analysis = try ContingencyAnalysis(DCSensitivity(try DCSystem(network)), options: options)
      let r = try analysis.forEachOutcome(at: point) { outcome, flows in
        forEachPostContingencyLoading(analysis, network, outcome, flows) { l, loading in
          e.loadings[l, default: []].append((loading, h, OutageElement(outcome.contingency)))
        }
      }
      if !r.summary.secure { e.insecureHours += 1 }
      if !r.baseViolations.isEmpty { e.baseInsecureHours += 1 }
      for b in r.branches {
        e.branchHours[b.branch, default: 0] += 1
        if b.baseRatingMW > 0 { e.loadings[b.branch, default: []].append((b.baseLoadingPct, h, nil)) }
        var worst = e.worst[b.branch]
        if b.baseRatingMW > 0, b.baseLoadingPct > (worst?.loading ?? -1) { worst = (b.baseLoadingPct, h, nil) }
        if let w = b.worstLoadingPct, let c = b.worstContingency, w > (worst?.loading ?? -1) {
          worst = (w, h, OutageElement(r.contingencies[c]))
        }
        e.worst[b.branch] = worst
        let baseViolated = r.baseViolations.contains { $0.branch == b.branch }
        if baseViolated || b.violationCount > 0 { e.branchInsecure[b.branch, default: 0] += 1 }
      }
      for o in r.outcomes {
        let key = OutageElement(o.contingency)
        if o.status != .inactive { e.screenedHours[key, default: 0] += 1 }
        if !o.violations.isEmpty { e.violationHours[key, default: []].append(h) }
      }
    }
    return e
  }

  func check(_ scenario: Scenario, options: ContingencyOptions, chunk: Int, label: String) throws -> ScenarioSecurityResult {
    let result = try ScenarioSecurityScreen.run(
      scenario, options: ScenarioSecurityScreen.Options(contingency: options, chunkHours: chunk, backend: .dense))
    let e = try bruteForce(scenario, options: options)
    #expect(result.hours == scenario.hours, "\(label)")
    #expect(result.summary.insecureHours == e.insecureHours, "\(label)")
    #expect(result.summary.baseInsecureHours == e.baseInsecureHours, "\(label)")
    #expect(result.summary.secure == (e.insecureHours == 0), "\(label)")
    #expect(result.branches.map(\.branch) == e.branchHours.keys.sorted(), "\(label)")
    for b in result.branches {
      let expected = try #require(e.worst[b.branch], "\(label): branch \(b.branch + 1)")
      #expect(isClose(b.worstLoadingPct ?? -1, expected.loading, absolute: 1e-9), "\(label): branch \(b.branch + 1)")
      let outage = b.worstContingency.map { OutageElement(result.contingencies[$0]) }
      let ties = e.loadings[b.branch, default: []].filter { $0.loading >= expected.loading - 1e-9 }
      #expect(ties.contains { $0.hour == b.worstHour && $0.outage == outage }, "\(label): branch \(b.branch + 1)")
      #expect(b.insecureHours == e.branchInsecure[b.branch, default: 0], "\(label): branch \(b.branch + 1)")
      #expect(b.hoursMonitored == e.branchHours[b.branch], "\(label): branch \(b.branch + 1)")
    }
    #expect(Set(result.contingencies.map(OutageElement.init)) == Set(e.screenedHours.keys), "\(label)")
    for o in result.outcomes {
      let key = OutageElement(result.contingencies[o.index])
      #expect(o.violationHours == e.violationHours[key, default: []], "\(label): \(result.contingencies[o.index])")
      #expect(o.hoursScreened == e.screenedHours[key, default: 0], "\(label): \(result.contingencies[o.index])")
    }
    return result
  }

  /// case9, 48 hours: branch 5 out for six hours makes other lines bridges (islanding outages
  /// in those hours only).
  @Test func case9ScenarioEqualsBruteForce() throws {
    let scenario = try ScenarioReader.read(contentsOf: ScenarioFixtures.case9)
    let result = try check(scenario, options: ContingencyOptions(), chunk: 512, label: "case9-48h")
    #expect(result.topologies.count == 2)
    #expect(result.summary.insecureHours > 0 && result.summary.insecureHours < 48, "a mix of secure and insecure hours")
    // Branch 5 is out in hours 10-15: monitored and a contingency in the other 42 hours only.
    #expect(result.branches.first { $0.branch == 4 }?.hoursMonitored == 42)
    let outage5 = try #require(result.contingencies.firstIndex(of: .branch(4)))
    #expect(result.outcomes[outage5].hoursScreened == 42)
    #expect(result.outcomes[outage5].violationHours.allSatisfy { !(10..<16).contains($0) })
  }

  /// Xinjiang windows with a planned outage: one circuit of turpan-hami (partial outage:
  /// reduced rating), and yili-kuqa out (whole branch), with small chunks so that runs of a
  /// topology cross chunk boundaries.
  @Test(arguments: [("2024-04-12T00:00", 30, false), ("2024-04-12T00:00", 30, true), ("2024-09-10T00:00", 48, false)])
  func xinjiangWindowEqualsBruteForce(start: String, hours: Int, perCircuit: Bool) throws {
    let scenario = try ScenarioFixtures.xinjiang(start: start, hours: hours)
    let result = try check(scenario, options: ContingencyOptions(perCircuit: perCircuit), chunk: 7, label: "xinjiang \(start)")
    #expect(result.topologies.count == 2, "the window holds intact and maintenance hours")
    #expect(result.summary.insecureHours > 0)
  }

  /// A slice of the bundled case2383wp year (networks/scenarios/case2383wp-2024.yaml, the load
  /// peak of 2024-01-02 21:00 in the window), screened in chunks of 4 hours, against one
  /// single-snapshot N-1 per hour (what `gridtool contingency` does with the hour's network):
  /// the same worst loading per branch and per contingency, insecure hours and violation hours.
  @Test(.enabled(if: TestPaths.shared("case2383wp.m") != nil, "../shared/cases/case2383wp.m not present"))
  func case2383wpSliceEqualsPerHourRuns() throws {
    let file = TestPaths.network("scenarios/case2383wp-2024.yaml")
    let text = try String(contentsOfFile: file, encoding: .utf8)
      .replacingOccurrences(of: "start: \"2024-01-01T00:00\"", with: "start: \"2024-01-02T18:00\"")
      .replacingOccurrences(of: "hours: 8784", with: "hours: 6")
    let scenario = try ScenarioReader.parse(text, file: file)
    let options = ContingencyOptions()
    let result = try ScenarioSecurityScreen.run(
      scenario, options: ScenarioSecurityScreen.Options(contingency: options, chunkHours: 4, parallelism: Parallelism(threads: 2)))
    #expect(result.hours == 6 && result.topologies.count == 1)
    var worst: [Int: Double] = [:], insecure: [Int: Int] = [:]
    var violationHours = [[Int]](repeating: [], count: result.contingencies.count)
    var contingencyWorst = [Double](repeating: -1, count: result.contingencies.count)
    var insecureHours = 0
    var analyses: [(ContingencyAnalysis, OperatingPoint)] = []
    for h in 0..<scenario.hours {
      let point = try ScenarioRunner.operatingPoint(scenario, hour: h)
      let analysis = try ContingencyAnalysis(DCSensitivity(try DCSystem(ScenarioRunner.network(scenario, hour: h))), options: options)
      #expect(analysis.contingencies == result.contingencies)
      let r = try analysis.run(at: point)
      analyses.append((analysis, point))
      if !r.summary.secure { insecureHours += 1 }
      for b in r.branches {
        worst[b.branch] = max(worst[b.branch] ?? -1, b.baseRatingMW > 0 ? b.baseLoadingPct : -1, b.worstLoadingPct ?? -1)
        if b.violationCount > 0 || r.baseViolations.contains(where: { $0.branch == b.branch }) { insecure[b.branch, default: 0] += 1 }
      }
      for o in r.outcomes {
        if !o.violations.isEmpty { violationHours[o.index].append(h) }
        contingencyWorst[o.index] = max(contingencyWorst[o.index], o.maxLoadingPct ?? -1)
      }
    }
    #expect(result.summary.insecureHours == insecureHours && insecureHours > 0)
    for b in result.branches {
      let expected = try #require(worst[b.branch])
      #expect(isClose(b.worstLoadingPct ?? -1, expected, absolute: 1e-9), "branch \(b.branch + 1)")
      #expect(b.insecureHours == insecure[b.branch, default: 0], "branch \(b.branch + 1)")
    }
    for o in result.outcomes {
      #expect(o.violationHours == violationHours[o.index], "\(result.contingencies[o.index])")
      #expect(isClose(o.worstLoadingPct ?? -1, contingencyWorst[o.index], absolute: 1e-9), "\(result.contingencies[o.index])")
    }
    // The worst case named for the most loaded branches is one: its own loading is the maximum.
    for b in result.branches.sorted(by: { ($0.worstLoadingPct ?? -1) > ($1.worstLoadingPct ?? -1) }).prefix(10) {
      let (analysis, point) = analyses[try #require(b.worstHour)]
      guard let c = b.worstContingency else { continue }
      let one = try ContingencyAnalysis(
        analysis.sensitivity, options: ContingencyOptions(monitored: [b.branch], contingencies: [result.contingencies[c]]))
      let r = try one.run(at: point)
      #expect(isClose(r.branches[0].worstLoadingPct ?? -1, b.worstLoadingPct ?? -2, absolute: 1e-9), "branch \(b.branch + 1)")
    }
  }

  @Test func violationPeriodsAreRunsOfHours() {
    let c = ScenarioScreenedContingency(index: 0, hoursScreened: 10, violationHours: [1, 2, 3, 7, 9, 10])
    #expect(c.violationPeriods == [1...3, 7...7, 9...10])
  }
}
