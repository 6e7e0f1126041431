import Testing

@testable import GridCore

/// The single-snapshot screen's block pass (no flow vectors: `run()`, `forEachOutcome(withFlows: false)`)
/// against its general path (every outage's flow vector, `forEachOutcome(withFlows: true)`),
/// and against itself on one and on several threads.
struct ContingencySweepTests {
  /// Every outcome and every branch record of two screens, with loadings and flows within `tolerance`.
  func expectSame(_ a: ContingencyResult, _ b: ContingencyResult, _ label: String, tolerance: Double = 1e-9) {
    #expect(a.outcomes.count == b.outcomes.count, "\(label)")
    #expect(a.summary.contingencies == b.summary.contingencies && a.summary.violations == b.summary.violations, "\(label)")
    #expect(a.summary.secure == b.summary.secure && a.summary.worstContingency == b.summary.worstContingency, "\(label)")
    #expect(isClose(a.summary.worstLoadingPct ?? -1, b.summary.worstLoadingPct ?? -1, absolute: tolerance), "\(label)")
    for (x, y) in zip(a.outcomes, b.outcomes) {
      let what = "\(label): \(x.contingency)"
      #expect(x.index == y.index && x.status == y.status && x.islanding == y.islanding && x.hvdc == y.hvdc, "\(what)")
      #expect(isClose(x.maxLoadingPct ?? -1, y.maxLoadingPct ?? -1, absolute: tolerance), "\(what)")
      #expect(x.maxLoadingBranch == y.maxLoadingBranch, "\(what)")
      #expect(x.violations.map(\.branch) == y.violations.map(\.branch), "\(what)")
      for (v, w) in zip(x.violations, y.violations) {
        #expect(isClose(v.flowMW, w.flowMW, absolute: tolerance) && isClose(v.loadingPct, w.loadingPct, absolute: tolerance), "\(what)")
        #expect(v.ratingMW == w.ratingMW && v.baseFlowMW == w.baseFlowMW && v.baseLoadingPct == w.baseLoadingPct, "\(what)")
      }
    }
    for (x, y) in zip(a.branches, b.branches) {
      let what = "\(label): branch \(x.branch + 1)"
      #expect(x.branch == y.branch && x.violationCount == y.violationCount && x.worstContingency == y.worstContingency, "\(what)")
      #expect(isClose(x.worstLoadingPct ?? -1, y.worstLoadingPct ?? -1, absolute: tolerance), "\(what)")
      #expect(isClose(x.worstFlowMW ?? 0, y.worstFlowMW ?? 0, absolute: tolerance), "\(what)")
    }
  }

  /// The general path's result (every flow vector formed).
  func withFlows(_ analysis: ContingencyAnalysis, at point: OperatingPoint? = nil) throws -> ContingencyResult {
    try analysis.forEachOutcome(at: point, withFlows: true) { _, _ in }
  }

  func check(_ s: DCSensitivity, options: ContingencyOptions, label: String, point: OperatingPoint? = nil) throws {
    let serial = try ContingencyAnalysis(s, options: options, parallelism: .serial)
    let threaded = try ContingencyAnalysis(s, options: options, parallelism: Parallelism(threads: 3))
    let reference = try withFlows(serial, at: point)
    let fast = try serial.run(at: point)
    expectSame(fast, reference, "\(label), block pass vs flow vectors")
    // Blocks merged in order: the same numbers whatever the number of threads.
    expectSame(try threaded.run(at: point), fast, "\(label), 3 threads vs 1", tolerance: 0)
    var streamed: [ContingencyOutcome] = []
    var flowCount = 0
    let r = try threaded.forEachOutcome(at: point, withFlows: false) { outcome, flows in
      flowCount += flows.count
      streamed.append(outcome)
    }
    #expect(flowCount == 0)
    expectSame(r, fast, "\(label), streamed", tolerance: 0)
    #expect(streamed.map(\.index) == fast.outcomes.map(\.index))
  }

  @Test(arguments: [("case9.m", false), ("xinjiang-2024.yaml", false), ("xinjiang-2024.yaml", true)])
  func bundledNetworks(file: String, perCircuit: Bool) throws {
    let s = try bundledSensitivity(file)
    // A limit low enough that most outages have violations.
    try check(s, options: ContingencyOptions(perCircuit: perCircuit, limitPct: 60), label: file)
    try check(s, options: ContingencyOptions(perCircuit: perCircuit, hvdcRule: .slack, rating: .b), label: "\(file), rating b")
  }

  /// Two islands, a radial branch (an islanding outage), parallel circuits (exact ties) and a
  /// monitored branch without a rating.
  @Test func islandsBridgesAndTies() throws {
    let network = try twoIslandsWithParallelCircuits()
    let s = DCSensitivity(try DCSystem(network))
    #expect(s.islandingBranches == [4])
    try check(s, options: ContingencyOptions(monitored: Array(network.branches.indices), limitPct: 50), label: "two islands")
    let fast = try ContingencyAnalysis(s, options: ContingencyOptions(limitPct: 50)).run()
    // The parallel circuits tie after every outage but their own: the first is reported.
    #expect(fast.outcomes[2].maxLoadingBranch != 1)
  }

  /// The dense backend, and the sparse ones (row-major solves from CHOLMOD's and KLU's factors).
  @Test(
    .enabled(if: TestPaths.haveSharedCases, "../shared/cases not present"),
    arguments: [("case118", LinearSolverBackend.dense), ("case118", .sparse), ("case300", .dense), ("case300", .sparse)])
  func matpowerCases(name: String, backend: LinearSolverBackend) throws {
    guard TestPaths.shared("\(name).m") != nil else { return }
    let s = try sharedSensitivity(name, backend: backend)
    try check(s, options: ContingencyOptions(), label: "\(name), \(backend)")
  }
}
