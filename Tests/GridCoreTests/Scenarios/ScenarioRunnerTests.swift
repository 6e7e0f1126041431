import Testing

@testable import GridCore

/// The engine against hour-by-hour single solves (a fresh DCSystem per hour, DCSystem.solve).
struct ScenarioRunnerTests {
  /// 120 hours of Xinjiang around the Turpan–Hami maintenance (two topologies), and case9 with its outage.
  static func windows() throws -> [Scenario] {
    [try ScenarioFixtures.xinjiang(start: "2024-04-08T00:00", hours: 120), try ScenarioReader.read(contentsOf: ScenarioFixtures.case9)]
  }

  /// 200 hours of January on one topology: chunks of 64 hours or more are solved in two
  /// halves, side by side (the usual path of a long run).
  static func oneTopology() throws -> Scenario { try ScenarioFixtures.xinjiang(start: "2024-01-10T00:00", hours: 200) }

  @Test(arguments: [7, 96, 512])
  func batchedSolveEqualsSingleSolves(chunk: Int) throws {
    for scenario in try Self.windows() + [Self.oneTopology()] {
      let (result, flows) = try ScenarioFixtures.run(scenario, chunk: chunk)
      let single = try ScenarioFixtures.singleSolves(scenario)
      #expect(result.topologies == (scenario.hours == 200 ? 1 : 2) && flows.count == scenario.hours)
      var worst = 0.0
      for h in 0..<scenario.hours {
        worst = max(worst, maxAbsDifference(flows[h], single[h].result.branchFlowMW))
        #expect(abs(single[h].result.slackMW.reduce(0, +)) < 1e-6)
      }
      #expect(worst < 1e-8, "\(scenario.name): largest flow difference \(worst) MW")
      #expect(result.totals.maxAbsSlackMW < 1e-6)
    }
  }

  /// Sent = delivered + losses, link by link from the loss model; a corridor = the sum of its elements;
  /// generation = served demand + HVDC sent.
  @Test func energiesAddUp() throws {
    let scenario = try ScenarioFixtures.xinjiang(start: "2024-04-08T00:00", hours: 120)
    let (result, _) = try ScenarioFixtures.run(scenario)
    let single = try ScenarioFixtures.singleSolves(scenario)
    let network = scenario.network
    for (k, link) in network.hvdcLinks.enumerated() {
      var sent = 0.0, delivered = 0.0, lost = 0.0
      for h in 0..<scenario.hours {
        let p = try ScenarioRunner.operatingPoint(scenario, hour: h).hvdcSetpointMW[k]
        let t = link.transfer(at: p)
        sent += p
        delivered += t.receiveMW
        lost += t.lossMW
      }
      let s = try #require(result.hvdc.first { $0.name == link.name })
      #expect(isClose(s.sentMWh, sent, relative: 1e-12) && isClose(s.deliveredMWh, delivered, relative: 1e-12))
      #expect(isClose(s.lossMWh, lost, relative: 1e-9) && isClose(s.sentMWh, s.deliveredMWh + s.lossMWh, relative: 1e-12))
      #expect(isClose(s.monthlySentMWh.reduce(0, +), s.sentMWh, relative: 1e-12))
    }
    for (c, group) in network.groups(ofKind: .corridor).enumerated() {
      var sent = 0.0, delivered = 0.0
      for (_, r) in single {
        for b in group.branches {
          let out = group.buses.contains(network.branches[b].to) ? r.branchFlowMW[b] : -r.branchFlowMW[b]
          sent += out
          delivered += out
        }
        for k in group.hvdcLinks {
          sent += r.hvdc[k].fromMW
          delivered += r.hvdc[k].toMW
        }
      }
      let s = result.corridors[c]
      #expect(isClose(s.sentMWh, sent, absolute: 1e-6, relative: 1e-9), "\(group.name)")
      #expect(isClose(s.deliveredMWh, delivered, absolute: 1e-6, relative: 1e-9), "\(group.name)")
      if group.branches.isEmpty { #expect(s.sentMWh == result.hvdc[group.hvdcLinks[0]].sentMWh) }
    }
    let ac = result.corridors.filter { ["hami-dunhuang", "yandun-shazhou"].contains($0.name) }.reduce(0) { $0 + $1.sentMWh }
    let acLoad = try (0..<scenario.hours).reduce(0.0) { sum, h in
      sum + (try ScenarioRunner.operatingPoint(scenario, hour: h).loadMW[network.loads.count - 1])
    }
    #expect(isClose(ac, acLoad, relative: 1e-9))  // what the ties carry is what the Northwest takes
    let t = result.totals
    #expect(isClose(t.generationTotalMWh, t.demandMWh - t.unservedMWh + t.hvdcSentMWh, relative: 1e-12))
    #expect(isClose(result.regions.reduce(0) { $0 + $1.demandMWh }, t.demandMWh, relative: 1e-12))
  }

  /// Every branch statistic against the same numbers computed from the stored single solves.
  @Test(arguments: [16, 96])
  func accumulatorsMatchBruteForce(chunk: Int) throws {
    for scenario in try Self.windows() + [Self.oneTopology()] {
      let (result, _) = try ScenarioFixtures.run(scenario, chunk: chunk)
      let single = try ScenarioFixtures.singleSolves(scenario)
      for (b, stats) in result.branches.enumerated() {
        var loadings: [Double] = [], flows: [Double] = []
        for (net, r) in single where net.branches[b].inService {
          flows.append(abs(r.branchFlowMW[b]))
          if net.branches[b].ratingMW > 0 { loadings.append(100 * abs(r.branchFlowMW[b]) / net.branches[b].ratingMW) }
        }
        #expect(stats.hoursInService == flows.count)
        #expect(isClose(stats.maxFlowMW, flows.max() ?? 0, absolute: 1e-8))
        #expect(isClose(stats.meanAbsFlowMW, flows.reduce(0, +) / Double(max(1, flows.count)), absolute: 1e-8))
        guard !loadings.isEmpty else { continue }
        let sorted = loadings.sorted()
        let p95 = sorted[Int((0.95 * Double(sorted.count)).rounded(.up)) - 1]
        let reported = try #require(stats.p95LoadingPct)
        #expect(reported >= p95 - 1e-9 && reported <= p95 + result.percentileResolutionPct, "\(stats.name): \(reported) vs \(p95)")
        #expect(isClose(stats.maxLoadingPct ?? -1, sorted.last ?? 0, absolute: 1e-8))
        #expect(isClose(stats.meanLoadingPct ?? -1, loadings.reduce(0, +) / Double(loadings.count), absolute: 1e-8))
        #expect(stats.hoursOver80 == loadings.filter { $0 > 80 + 1e-9 }.count)
        #expect(stats.hoursOver100 == loadings.filter { $0 > 100 + 1e-9 }.count)
        let curve = try #require(stats.durationCurvePct)
        #expect(curve.first == stats.maxLoadingPct && isClose(curve[100], sorted[0], absolute: 1e-8))
      }
    }
  }

  /// Any network can run a year of load scaling: every demand × profile, generation pro rata to set-points.
  @Test func loadScalingOfAMatpowerCase() throws {
    let network = try NetworkFile.read(TestPaths.network("case9.m")).network
    let start = try #require(ClockHour(parsing: "2024-01-01T00:00"))
    let scenario = try Scenario.loadScaling(network: network, profile: [0.5, 1.0, 1.2], start: start)
    let point = try ScenarioRunner.operatingPoint(scenario, hour: 2)
    #expect(point.busDemandMW == network.buses.map { $0.loadMW * 1.2 })
    let total = 315 * 1.2, setpoints = [71.6, 163, 85]
    for (g, p) in point.generatorMW.enumerated() { #expect(isClose(p, total * setpoints[g] / 319.6, absolute: 1e-9)) }
    let result = try ScenarioRunner.run(scenario)
    #expect(isClose(result.totals.demandMWh, 315 * 2.7, relative: 1e-12) && result.totals.unservedMWh == 0)
    #expect(result.months == ["2024-01"] && result.topologies == 1)
  }
}
