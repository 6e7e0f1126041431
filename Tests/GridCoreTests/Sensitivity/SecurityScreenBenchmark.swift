import Foundation
import Testing

@testable import GridCore

/// Timings of the streaming N-1 screen (issue 5's benchmark; not a test of correctness, which
/// SecurityScreenTests covers). Runs only with `GRIDTOOL_BENCH=1` in a release build:
/// `GRIDTOOL_BENCH=1 swift test -c release --filter SecurityScreenBenchmark`. Prints its figures.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GRIDTOOL_BENCH"] != nil, "set GRIDTOOL_BENCH=1 to run"))
struct SecurityScreenBenchmark {
  func seconds(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// The 2024 Xinjiang scenario's 8,760 hours × every N-1 outage. The hours come from the
  /// scenario engine's flows; the screen uses the intact topology for every hour (the
  /// scenario's few planned-maintenance hours are screened as if the lines were in).
  @Test func xinjiangYear() throws {
    let scenario = try ScenarioReader.read(contentsOf: TestPaths.network("scenarios/xinjiang-2024.yaml"))
    let system = try DCSystem(scenario.network)
    let m = scenario.network.branches.count
    let startScreen = ContinuousClock.now
    var screen = try SecurityScreen(DCSensitivity(system), options: ContingencyOptions(includeHVDC: false))
    let setup = seconds(startScreen)
    var block: [Double] = []
    var first = 0, screening = 0.0
    let start = ContinuousClock.now
    let flush = { (block: inout [Double], first: inout Int) throws in
      let hours = block.count / m
      guard hours > 0 else { return }
      let t = ContinuousClock.now
      try screen.add(flowsMW: block, hours: hours, firstHour: first)
      screening += seconds(t)
      first += hours
      block.removeAll(keepingCapacity: true)
    }
    var failure: (any Error)?
    _ = try ScenarioRunner.run(
      scenario,
      options: ScenarioRunner.Options(flows: { _, flows in
        block.append(contentsOf: flows)
        if block.count >= 512 * m { do { try flush(&block, &first) } catch { failure = error } }
      }))
    try flush(&block, &first)
    if let failure { throw failure }
    let total = seconds(start)
    let r = screen.result
    print(
      "BENCH xinjiang-2024 year: \(r.hours) h × \(screen.contingencies.count) outages × \(screen.monitored.count) monitored;",
      "screen set-up \(String(format: "%.3f", setup)) s, screening \(String(format: "%.3f", screening)) s,",
      "scenario + screen \(String(format: "%.2f", total)) s; insecure hours \(r.insecureHours) (N-0: \(r.baseInsecureHours))")
    #expect(r.hours == scenario.hours)
  }

  /// A day (24 hours) of case2383wp × every N-1 outage; hours are the case's point scaled by
  /// a daily load shape (0.75–1.05) with ±5 % noise per bus.
  @Test(.enabled(if: TestPaths.haveSharedCases, "../shared/cases not present")) func case2383wpDay() throws {
    let path = try #require(TestPaths.shared("case2383wp.m"))
    let network = try MatpowerReader.read(contentsOf: path).network
    let start = ContinuousClock.now
    let system = try DCSystem(network)
    var rng = SplitMix(seed: 1)
    let points = (0..<24).map { h -> OperatingPoint in
      var p = OperatingPoint(base: network)
      let level = 0.9 - 0.15 * cos(Double(h) * .pi / 12)
      p.busDemandMW = p.busDemandMW.map { $0 * level * (0.95 + 0.1 * rng.uniform()) }
      p.generatorMW = p.generatorMW.map { $0 * level }
      return p
    }
    let injections = points.flatMap { system.internalInjectionsMW($0) }
    let flows = system.branchFlowsMW(angles: try system.solveAngles(injectionsMW: injections, columns: 24), columns: 24)
    let solved = seconds(start)
    let t = ContinuousClock.now
    var screen = try SecurityScreen(DCSensitivity(system))
    let setup = seconds(t)
    let t2 = ContinuousClock.now
    try screen.add(flowsMW: flows, hours: 24, firstHour: 0, points: points)
    let screening = seconds(t2)
    let r = screen.result
    print(
      "BENCH case2383wp day: 24 h × \(screen.contingencies.count) outages × \(screen.monitored.count) monitored;",
      "factor + 24 solves \(String(format: "%.3f", solved)) s, outage factors \(String(format: "%.3f", setup)) s,",
      "screening \(String(format: "%.3f", screening)) s; insecure hours \(r.insecureHours)")
  }
}
