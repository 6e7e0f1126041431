/// N-1 security of one operating point: every contingency's post-contingency flows from the
/// base-case flows and outage factors (LODF), with islanding outages and HVDC trips
/// evaluated by the rules of docs/sensitivity.md, never by skipping them.
///
/// Outages are processed in blocks sized to ``DCSensitivity/blockBudgetBytes``: memory is
/// O(branches × block), never branches × outages, whatever the case size.
///
/// ```swift
/// let analysis = try ContingencyAnalysis(DCSensitivity(system))
/// let result = try analysis.run()
/// print(result.summary.secure)
/// ```
public struct ContingencyAnalysis: Sendable {
  /// The model and its sensitivities.
  public let sensitivity: DCSensitivity
  /// The settings of the screen.
  public let options: ContingencyOptions
  /// The outages studied, in report order (``ContingencyOptions/contingencies`` or the default list).
  public let contingencies: [Contingency]
  /// Monitored branches (input positions, in input order).
  public let monitored: [Int]
  /// Threads for the blocks of outages; the result is the same for any value.
  public let parallelism: Parallelism
  let kernel: OutageKernel
  /// Post-contingency rating of every branch, MW (0: unlimited).
  let postRating: [Double]
  /// The monitored branches with a rating, as the block pass reads them.
  let passRows: PassRows

  /// Prepares the screen: the contingency list, the monitored branches and the outage
  /// factors' set-up (bridges and islanding topologies, HVDC effects). The factors themselves
  /// are computed block by block by ``run(at:keepFlows:)``. Throws
  /// ``SensitivityError/unknownBranch(_:)`` for a monitored position outside the network.
  /// - Parameters:
  ///   - sensitivity: the factored model.
  ///   - options: contingencies, monitored branches, rating set and limit.
  ///   - parallelism: threads for the blocks of outages (each block one multi-right-hand-side
  ///     solve and one pass over the monitored branches); the result is the same for any value.
  public init(
    _ sensitivity: DCSensitivity, options: ContingencyOptions = ContingencyOptions(), parallelism: Parallelism = .automatic
  ) throws(SensitivityError) {
    self.sensitivity = sensitivity
    self.options = options
    self.parallelism = parallelism
    let network = sensitivity.network
    let plan = try Plan(sensitivity, options: options)
    contingencies = plan.contingencies
    monitored = plan.monitored
    postRating = plan.postRating
    kernel = try OutageKernel(
      sensitivity: sensitivity, rows: Array(network.branches.indices), contingencies: contingencies, hvdcRule: options.hvdcRule)
    passRows = PassRows(sensitivity, monitored: monitored, rating: postRating)
  }

  /// The contingency list, monitored branches and post-contingency ratings of a screen.
  struct Plan: Sendable {
    let contingencies: [Contingency]
    let monitored: [Int]
    /// Per input branch, MW (0: unlimited).
    let postRating: [Double]

    init(_ sensitivity: DCSensitivity, options: ContingencyOptions) throws(SensitivityError) {
      let network = sensitivity.network
      contingencies = options.contingencies ?? ContingencyAnalysis.defaultContingencies(sensitivity, options: options)
      let rating = network.branches.map { options.rating.rating(of: $0) }
      postRating = rating
      if let chosen = options.monitored {
        for k in chosen where !network.branches.indices.contains(k) { throw .unknownBranch("\(k + 1)") }
        monitored = Array(Set(chosen)).sorted()
      } else {
        monitored = network.branches.indices.filter { sensitivity.isActive(branch: $0) && rating[$0] > 0 }
      }
    }
  }

  /// The default contingency list: every in-service branch in input order (one circuit of
  /// multi-circuit branches with `perCircuit`), then per in-service HVDC link with a non-zero
  /// set-point the trip of one pole (physical links with ≥ 2 poles) and of the whole link.
  public static func defaultContingencies(_ sensitivity: DCSensitivity, options: ContingencyOptions) -> [Contingency] {
    let network = sensitivity.network
    var list: [Contingency] = []
    for (k, branch) in network.branches.enumerated() where branch.inService {
      list.append(options.perCircuit && (branch.lineInfo?.circuits ?? 1) > 1 ? .circuit(k) : .branch(k))
    }
    guard options.includeHVDC else { return list }
    for (q, link) in network.hvdcLinks.enumerated() where sensitivity.system.linkInModel(link) && link.setpointMW != 0 {
      if case .physical(let d) = link.losses, d.poles >= 2 { list.append(.hvdcPole(q)) }
      list.append(.hvdcLink(q))
    }
    return list
  }

  /// Screens every contingency at `point` (default: the network's set-points).
  ///
  /// Post-contingency flows of a branch outage k: `pf + LODF[:, k]·pf_k`; islanding outages
  /// and HVDC trips by their own rules (``ContingencyOutcome/Status``, ``HVDCOutageRule``).
  /// - Parameters:
  ///   - point: the operating point of the base case; nil: the network's set-points.
  ///   - keepFlows: keep each contingency's post-contingency flows of every branch
  ///     in ``ContingencyOutcome/flowsMW`` (branches × contingencies numbers: mind large cases,
  ///     or use ``forEachOutcome(at:withFlows:_:)``).
  public func run(at point: OperatingPoint? = nil, keepFlows: Bool = false) throws(SensitivityError) -> ContingencyResult {
    try evaluate(at: point, keepFlows: keepFlows, withFlows: keepFlows) { _, _ in true }
  }

  /// Screens every contingency and hands each outcome with the post-contingency flows of
  /// every branch (MW; empty for singular outcomes) to `body`, in list order, as soon as its
  /// block is done — for writers that stream. An error thrown by `body` stops the screen.
  /// The flows are a `Span` over the screen's own buffer, valid only during the call: copy
  /// them (e.g. into an array) to keep them.
  /// - Parameters:
  ///   - point: the operating point of the base case; nil: the network's set-points.
  ///   - withFlows: false when `body` does not read the flows: they are then empty, and the
  ///     screen takes its fast path (outages in blocks, one pass per monitored branch over a
  ///     block, blocks on ``parallelism``'s threads) instead of forming every outage's flow
  ///     vector. The outcomes are the same.
  ///   - body: receives each outcome and its flows.
  public func forEachOutcome(
    at point: OperatingPoint? = nil, withFlows: Bool = true, _ body: (ContingencyOutcome, Span<Double>) throws -> Void
  ) throws -> ContingencyResult {
    var failure: (any Error)?
    let result = try evaluate(at: point, keepFlows: false, withFlows: withFlows) { outcome, flows in
      do {
        try body(outcome, flows)
        return true
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    return result
  }

  /// The screen; `body` returns false to stop.
  private func evaluate(
    at point: OperatingPoint?, keepFlows: Bool, withFlows: Bool, _ body: (ContingencyOutcome, Span<Double>) -> Bool
  ) throws(SensitivityError) -> ContingencyResult {
    let system = sensitivity.system, network = system.network
    let (point, solved) = try sensitivity.solveBase(at: point)
    let base = solved.branchFlowMW
    let state = OutageKernel.PointState(point, system: system)
    let (demand, generation) = busTotals(point: point, solved: solved)
    let limit = options.limitPct

    var baseViolations: [BranchViolation] = []
    var records: [MonitoredBranch] = monitored.map { l in
      let rateA = network.branches[l].ratingMW
      let loading = rateA > 0 ? 100 * abs(base[l]) / rateA : 0
      if loading > limit + 1e-9 {
        baseViolations.append(
          BranchViolation(branch: l, flowMW: base[l], ratingMW: rateA, loadingPct: loading, baseFlowMW: base[l], baseLoadingPct: loading))
      }
      return MonitoredBranch(
        branch: l, ratingMW: postRating[l], baseRatingMW: rateA, baseFlowMW: base[l], baseLoadingPct: loading, worstLoadingPct: nil,
        worstFlowMW: nil, worstContingency: nil, violationCount: 0)
    }
    baseViolations.sort { $0.loadingPct > $1.loadingPct }

    var outcomes: [ContingencyOutcome] = []
    outcomes.reserveCapacity(contingencies.count)
    if !withFlows && !keepFlows {
      let inputs = ScreenPoint(base: base, state: state, demand: demand, generation: generation)
      try screenInBlocks(inputs, records: &records, outcomes: &outcomes, body)
      return ContingencyResult(
        network: network, options: options, contingencies: contingencies, monitored: monitored, baseFlowMW: base,
        baseViolations: baseViolations, outcomes: outcomes, branches: records,
        summary: summarize(outcomes: outcomes, records: records, baseViolations: baseViolations.count))
    }
    var post = [Double](repeating: 0, count: network.branches.count)
    var stopped = false
    let empty: [Double] = []
    var block = OutageKernel.FactorBlock(range: 0..<0, values: [], singular: [])
    for range in kernel.blockRanges() where !stopped {
      try kernel.fill(&block, range: range)
      for c in range where !stopped {
        var outcome = ContingencyOutcome(
          index: c, contingency: contingencies[c], status: .solved, islanding: nil, hvdc: nil, maxLoadingPct: nil, maxLoadingBranch: nil,
          violations: [], flowsMW: nil)
        let effect = kernel.effects[c]
        if block.singular[c - range.lowerBound] {
          outcome.status = .singular
          stopped = !body(outcome, empty.span)
          outcomes.append(outcome)
          continue
        }
        let (entries, hvdc) = kernel.injections(c, at: state)
        outcome.hvdc = hvdc
        kernel.postFlows(c, block: block, base: base.span, injections: entries, into: &post)
        switch effect.kind {
        case .inactive: outcome.status = .inactive
        case .islanding(let topology):
          outcome.status = .islanding
          outcome.islanding = impact(topology, base: base, state: state, demand: demand, generation: generation)
        case .branch, .hvdc, .generator: break
        }
        monitor(&outcome, post: post, base: base, derated: effect.derated) { i, loading, flow, violated in
          if loading > (records[i].worstLoadingPct ?? -1) {
            records[i].worstLoadingPct = loading
            records[i].worstFlowMW = flow
            records[i].worstContingency = c
          }
          if violated { records[i].violationCount += 1 }
        }
        outcome.violations.sort { $0.loadingPct > $1.loadingPct }
        if keepFlows { outcome.flowsMW = post }
        stopped = !body(outcome, post.span)
        outcomes.append(outcome)
      }
    }
    return ContingencyResult(
      network: network, options: options, contingencies: contingencies, monitored: monitored, baseFlowMW: base,
      baseViolations: baseViolations, outcomes: outcomes, branches: records,
      summary: summarize(outcomes: outcomes, records: records, baseViolations: baseViolations.count))
  }

  /// Loading of every monitored branch after contingency `outcome`: the worst and the
  /// violations go into `outcome`; `note(i, loading, flow, violated)` (i: position in
  /// ``monitored``) keeps each branch's worst case.
  func monitor(
    _ outcome: inout ContingencyOutcome, post: [Double], base: [Double], derated: (row: Int, remaining: Double)?,
    note: (Int, Double, Double, Bool) -> Void
  ) {
    let network = sensitivity.network
    let limit = options.limitPct
    for (i, l) in monitored.enumerated() {
      var rating = postRating[l]
      if let derated, derated.row == l { rating *= derated.remaining }
      guard rating > 0 else { continue }
      let loading = 100 * abs(post[l]) / rating
      if loading > (outcome.maxLoadingPct ?? -1) {
        outcome.maxLoadingPct = loading
        outcome.maxLoadingBranch = l
      }
      let violated = loading > limit + 1e-9
      note(i, loading, post[l], violated)
      if violated {
        let rateA = network.branches[l].ratingMW
        outcome.violations.append(
          BranchViolation(
            branch: l, flowMW: post[l], ratingMW: rating, loadingPct: loading, baseFlowMW: base[l],
            baseLoadingPct: rateA > 0 ? 100 * abs(base[l]) / rateA : 0))
      }
    }
  }

  /// Demand (PD + GS + loads) and solved generation per internal bus, MW.
  private func busTotals(point: OperatingPoint, solved: DCFlowResult) -> (demand: [Double], generation: [Double]) {
    let system = sensitivity.system, network = system.network
    var demand = [Double](repeating: 0, count: system.internalBusCount)
    var generation = demand
    for (i, p) in system.busPositions.enumerated() { demand[i] = point.busDemandMW[p] + network.buses[p].shuntMW }
    for (k, load) in network.loads.enumerated() where load.inService {
      let i = system.internalBus(of: load.bus)
      if i >= 0 { demand[i] += point.loadMW[k] }
    }
    for (g, gen) in network.generators.enumerated() where gen.inService {
      let i = system.internalBus(of: gen.bus)
      if i >= 0 { generation[i] += solved.generatorMW[g] }
    }
    return (demand, generation)
  }

  func impact(
    _ topology: IslandingTopology, base: [Double], state: OutageKernel.PointState, demand: [Double],
    generation: [Double]
  ) -> IslandingImpact {
    let system = sensitivity.system, network = system.network
    var slackChange = topology.sign * base[topology.branch]
    for (q, survivor) in topology.blockedLinks {
      guard let survivor else { continue }
      let t = state.transfers[q]
      slackChange += survivor == system.internalBus(of: network.hvdcLinks[q].from) ? -t.fromMW : t.toMW
    }
    var newReference: BusID? = nil
    if case .newReference(let r) = topology.balance { newReference = network.buses[system.busPositions[r]].id }
    return IslandingImpact(
      busesCutOff: topology.cutOff.map { system.busPositions[$0] }.sorted().map { network.buses[$0].id },
      loadLostMW: topology.cutOff.reduce(0) { $0 + demand[$1] }, generationLostMW: topology.cutOff.reduce(0) { $0 + generation[$1] },
      hvdcBlocked: topology.blockedLinks.map(\.link), branchesOut: topology.removedBranches, newReference: newReference,
      slackChangeMW: slackChange)
  }

  private func summarize(outcomes: [ContingencyOutcome], records: [MonitoredBranch], baseViolations: Int) -> ContingencySummary {
    var s = ContingencySummary(
      contingencies: outcomes.count, solved: 0, islanding: 0, singular: 0, inactive: 0, monitored: monitored.count,
      contingenciesWithViolations: 0, violations: 0, baseViolations: baseViolations, secure: true, worstLoadingPct: nil, worstBranch: nil,
      worstContingency: nil, largestLoadLostMW: 0)
    for o in outcomes {
      switch o.status {
      case .solved: s.solved += 1
      case .islanding: s.islanding += 1
      case .singular: s.singular += 1
      case .inactive: s.inactive += 1
      }
      if !o.violations.isEmpty { s.contingenciesWithViolations += 1 }
      s.violations += o.violations.count
      if let loading = o.maxLoadingPct, loading > (s.worstLoadingPct ?? -1) {
        s.worstLoadingPct = loading
        s.worstBranch = o.maxLoadingBranch
        s.worstContingency = o.index
      }
      s.largestLoadLostMW = max(s.largestLoadLostMW, o.islanding?.loadLostMW ?? 0)
    }
    s.secure = baseViolations == 0 && s.contingenciesWithViolations == 0
    return s
  }
}
