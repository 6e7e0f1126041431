import Testing

@testable import GridCore

/// The streaming year screen against brute force: one full N-1 analysis per hour.
struct SecurityScreenTests {
  /// Random hours, stressed so that some are insecure.
  func hours(_ network: Network, count: Int, seed: UInt64, low: Double, high: Double) -> [OperatingPoint] {
    var rng = SplitMix(seed: seed)
    return (0..<count).map { _ in
      var p = OperatingPoint(base: network)
      let level = low + (high - low) * rng.uniform()
      p.generatorMW = p.generatorMW.map { $0 * level * (0.85 + 0.3 * rng.uniform()) }
      p.busDemandMW = p.busDemandMW.map { $0 * level * (0.85 + 0.3 * rng.uniform()) }
      p.loadMW = p.loadMW.map { $0 * level * (0.85 + 0.3 * rng.uniform()) }
      p.hvdcSetpointMW = p.hvdcSetpointMW.map { $0 * level * (0.85 + 0.3 * rng.uniform()) }
      return p
    }
  }

  @Test(arguments: [("case9.m", false), ("xinjiang-2024.yaml", false), ("xinjiang-2024.yaml", true)])
  func streamingEqualsBruteForce(file: String, perCircuit: Bool) throws {
    let s = try bundledSensitivity(file)
    let system = s.system, network = s.network
    let options = ContingencyOptions(perCircuit: perCircuit)
    // The Xinjiang base point is N-1 insecure: lighter hours give a mix.
    let points = file == "case9.m" ? hours(network, count: 9, seed: 3, low: 0.8, high: 1.3) : hours(network, count: 9, seed: 3, low: 0.3, high: 1.0)
    // Two blocks of hours, labelled from hour 100, and a screen that recomputes factors per block.
    var screen = try SecurityScreen(s, options: options)
    var uncached = try SecurityScreen(s, options: options, cacheBudgetBytes: 0)
    for (first, part) in [(0, Array(points[0..<4])), (4, Array(points[4...]))] {
      let injections = part.flatMap { system.internalInjectionsMW($0) }
      let flows = system.branchFlowsMW(angles: try system.solveAngles(injectionsMW: injections, columns: part.count), columns: part.count)
      try screen.add(flowsMW: flows, hours: part.count, firstHour: 100 + first, points: part)
      try uncached.add(flowsMW: flows, hours: part.count, firstHour: 100 + first, points: part)
    }
    // Cached and recomputed factors: the same counts and hours, loadings within round-off.
    let cached = screen.result, recomputed = uncached.result
    #expect(cached.hours == recomputed.hours && cached.insecureHours == recomputed.insecureHours)
    #expect(cached.baseInsecureHours == recomputed.baseInsecureHours)
    for (a, b) in zip(cached.branches, recomputed.branches) {
      #expect(isClose(a.worstLoadingPct ?? -1, b.worstLoadingPct ?? -1, absolute: 1e-9), "\(file): branch \(a.branch + 1)")
      #expect(a.insecureHours == b.insecureHours, "\(file): branch \(a.branch + 1)")
    }
    for (a, b) in zip(cached.contingencies, recomputed.contingencies) {
      #expect(a.violationHours == b.violationHours && isClose(a.worstLoadingPct ?? -1, b.worstLoadingPct ?? -1, absolute: 1e-9))
    }

    let analysis = try ContingencyAnalysis(s, options: options)
    var insecure = 0
    var worst = [Double](repeating: -1, count: screen.monitored.count)
    // Every (hour, contingency) loading per monitored branch: the worst case may be any within
    // round-off of the maximum (parallel circuits tie, and the two paths round differently).
    var loadings = [[Int?: [Int: Double]]](repeating: [:], count: screen.monitored.count)
    var branchHours = [Int](repeating: 0, count: screen.monitored.count)
    var contingencyHours = [[Int]](repeating: [], count: analysis.contingencies.count)
    let row = Dictionary(uniqueKeysWithValues: screen.monitored.enumerated().map { ($1, $0) })
    for (h, point) in points.enumerated() {
      let r = try analysis.forEachOutcome(at: point) { outcome, flows in
        forEachPostContingencyLoading(analysis, network, outcome, flows) { l, loading in
          if let i = row[l] { loadings[i][outcome.index, default: [:]][100 + h] = loading }
        }
      }
      if !r.summary.secure { insecure += 1 }
      for (i, b) in r.branches.enumerated() {
        let base = b.baseRatingMW > 0 ? b.baseLoadingPct : -1
        if b.baseRatingMW > 0 { loadings[i][nil, default: [:]][100 + h] = base }
        worst[i] = max(worst[i], base, b.worstLoadingPct ?? -1)
        let baseViolated = r.baseViolations.contains { $0.branch == b.branch }
        if baseViolated || b.violationCount > 0 { branchHours[i] += 1 }
      }
      for o in r.outcomes where !o.violations.isEmpty { contingencyHours[o.index].append(100 + h) }
    }
    #expect(insecure > 0 && insecure < points.count, "\(file): the test wants a mix of secure and insecure hours (\(insecure))")
    let result = screen.result
    #expect(result.hours == points.count)
    #expect(result.insecureHours == insecure)
    for (i, b) in result.branches.enumerated() {
      #expect(isClose(b.worstLoadingPct ?? -1, worst[i], absolute: 1e-9), "\(file): branch \(b.branch + 1)")
      let picked = b.worstHour.flatMap { loadings[i][b.worstContingency]?[$0] }
      #expect(isClose(picked ?? -2, worst[i], absolute: 1e-9), "\(file): branch \(b.branch + 1): the worst case picked is not a maximum")
      #expect(b.insecureHours == branchHours[i], "\(file): branch \(b.branch + 1)")
    }
    for c in result.contingencies { #expect(c.violationHours == contingencyHours[c.index], "\(file): \(analysis.contingencies[c.index])") }
  }

  /// Several tiles of hours per block, on one and on several threads, added in two blocks:
  /// the same result, each record a maximum of the brute force; and with the two identical
  /// parallel circuits as the only outages, every other branch's worst case is a tie, which
  /// goes to the first circuit (the screen's order: the base case, then contingency by
  /// contingency, hour by hour).
  @Test(arguments: [("two islands", true), ("two islands", false), ("case9.m", false), ("xinjiang-2024.yaml", false)])
  func tilesThreadsAndTies(network name: String, parallelOutagesOnly: Bool) throws {
    let network = name == "two islands" ? try twoIslandsWithParallelCircuits() : try NetworkFile.read(TestPaths.network(name)).network
    let s = DCSensitivity(try DCSystem(network))
    let system = s.system
    let options = ContingencyOptions(
      contingencies: parallelOutagesOnly ? [.branch(0), .branch(1)] : nil, limitPct: name == "xinjiang-2024.yaml" ? 100 : 60)
    let points = hours(network, count: 300, seed: 5, low: name == "xinjiang-2024.yaml" ? 0.3 : 0.5, high: 1.1)
    var screens = [
      try SecurityScreen(s, options: options, parallelism: .serial), try SecurityScreen(s, options: options, parallelism: Parallelism(threads: 3)),
    ]
    #expect(screens[0].tileHours() < 150, "the test wants several tiles per block")
    for (first, part) in [(0, Array(points[0..<150])), (150, Array(points[150...]))] {
      let injections = part.flatMap { system.internalInjectionsMW($0) }
      let flows = system.branchFlowsMW(angles: try system.solveAngles(injectionsMW: injections, columns: part.count), columns: part.count)
      for i in screens.indices { try screens[i].add(flowsMW: flows, hours: part.count, firstHour: first, points: part) }
    }
    #expect(screens[0].result == screens[1].result, "\(name): 1 and 3 threads")
    // Brute force: every loading of every hour.
    let analysis = try ContingencyAnalysis(s, options: options)
    let row = Dictionary(uniqueKeysWithValues: screens[0].monitored.enumerated().map { ($1, $0) })
    var cases = [[Int?: [Int: Double]]](repeating: [:], count: row.count)
    for (h, point) in points.enumerated() {
      let r = try analysis.forEachOutcome(at: point) { outcome, flows in
        forEachPostContingencyLoading(analysis, network, outcome, flows) { l, loading in
          if let i = row[l] { cases[i][outcome.index, default: [:]][h] = loading }
        }
      }
      for b in r.branches where b.baseRatingMW > 0 { cases[row[b.branch]!][nil, default: [:]][h] = b.baseLoadingPct }
    }
    for (i, b) in screens[0].result.branches.enumerated() {
      let worst = cases[i].values.flatMap(\.values).max() ?? -1
      #expect(isClose(b.worstLoadingPct ?? -1, worst, absolute: 1e-9), "\(name): branch \(b.branch + 1)")
      let picked = b.worstHour.flatMap { cases[i][b.worstContingency]?[$0] }
      #expect(isClose(picked ?? -2, worst, absolute: 1e-9), "\(name): branch \(b.branch + 1): the worst case picked is not a maximum")
      if parallelOutagesOnly, b.branch >= 2, b.worstContingency != nil {
        #expect(b.worstContingency == 0, "\(name): branch \(b.branch + 1): a tie goes to the first circuit")
      }
    }
    if parallelOutagesOnly {
      #expect(screens[0].result.branches.contains { $0.branch >= 2 && $0.worstContingency == 0 }, "the test wants a tie")
    }
  }
}
