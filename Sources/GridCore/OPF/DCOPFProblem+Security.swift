/// Preventive N-1 security for a DC OPF: one dispatch that keeps every monitored branch within
/// its post-contingency rating in the intact network and after the outage of any one branch,
/// `|f_l + LODF(l, k)·f_k| ≤ L_l` for every monitored l and every outage k (the base case keeps
/// RATE_A).
///
/// `L_l` is RATE_A, or with ``rating`` an emergency rating (RATE_B, RATE_C). MATPOWER reads a
/// rating of 0 as unlimited; here an emergency rating of 0 on a branch with a RATE_A falls back
/// to RATE_A (as `gridtool contingency --rating b|c` does): a branch rated for normal operation
/// is not unlimited after an outage. A branch with RATE_A = 0 and an emergency rating is
/// monitored after outages only.
///
/// Outages that split an island (bridges: a radial line, a generator's step-up transformer)
/// are skipped and reported (MATPOWER-style SCOPF), unless ``islandingOutages``: then they
/// are secured by the N-1 screen's rule (the surviving part's reference takes up what the
/// cut-off part exchanged over the bridge; docs/sensitivity.md), as `gridtool contingency`
/// checks them. Outages whose post-outage network is singular are skipped and reported.
///
/// With ``hvdcTrips`` (the default) the HVDC pole and link trips of the N-1 screen's default
/// list are contingencies too, by the screen's rule ``hvdcRule``: a trip loses `α·P` at the
/// sending converter bus (α = 1 for the link, 1/poles for a pole, P the scheduled sending
/// power), the generation at that bus trips up to that amount (curtail rule; none under the
/// slack rule) and the island's reference takes up the rest `R`, so that every monitored branch
/// keeps `|f_l + d_l·R| ≤ L_l` (d_l the flow change per MW injected at the sending bus). Trips
/// of links whose receiving end is inside the model are not enforced (listed in
/// ``DCOPFResult/SecuritySummary/hvdcTripsSkipped``). Islanding outages and HVDC trips are
/// secured by the cuts of ``DCOPFSequence`` (`SecurityScreenCuts`).
///
/// With ``overloadPricePerMWh`` the post-contingency limits of branch outages are soft: an
/// overload costs that price per MW, and the result lists the limits that used it
/// (``DCOPFResult/overloads``). The limits of HVDC trips and islanding outages stay hard.
public struct N1Security: Sendable, Hashable {
  /// Branches whose outage is considered (input positions); nil for every in-service branch.
  public var outages: [Int]?
  /// The post-contingency rating: RATE_A (``RatingSet/a``), RATE_B or RATE_C (0 falls back to RATE_A).
  public var rating: RatingSet
  /// Price of a MW of post-contingency flow above its rating, $/MWh; nil: the limits are hard.
  public var overloadPricePerMWh: Double?
  /// A post-contingency flow more than this above its rating adds a constraint, MW.
  public var toleranceMW: Double
  /// Most constraints added per round, the largest violations first.
  public var maxConstraintsPerRound: Int
  /// Rounds before giving up.
  public var maxRounds: Int
  /// When no dispatch is secure: how many outages (those with the largest overloads at the
  /// least-cost dispatch first) are tested on their own, to name those that cannot be secured;
  /// nil: 100, fewer on large networks (10⁵ / buses, at least 10: each test is an LP of the
  /// whole network; case9241pegase tests 10, about 2 s each).
  public var outagesTestedAlone: Int?
  /// Also secure the HVDC pole and link trips of `gridtool contingency`'s default list (every
  /// link in the model with a non-zero set-point: one pole of a link with ≥ 2 poles, the whole
  /// link); false: branch outages only (`--no-hvdc`).
  public var hvdcTrips: Bool
  /// What happens to the power a tripped link no longer takes (`--hvdc-rule`), as in the N-1 screen.
  public var hvdcRule: HVDCOutageRule
  /// Secure the islanding outages too, by the N-1 screen's rule; false (the default, as
  /// MATPOWER-style SCOPFs do): skip and list them.
  public var islandingOutages: Bool

  /// Preventive N-1 options; every parameter is the property of the same name (`outages` nil:
  /// every in-service branch outage).
  public init(
    outages: [Int]? = nil, rating: RatingSet = .a, overloadPricePerMWh: Double? = nil, toleranceMW: Double = 1e-6,
    maxConstraintsPerRound: Int = 4000, maxRounds: Int = 100, outagesTestedAlone: Int? = nil, hvdcTrips: Bool = true,
    hvdcRule: HVDCOutageRule = .curtail, islandingOutages: Bool = false
  ) {
    self.hvdcTrips = hvdcTrips
    self.hvdcRule = hvdcRule
    self.islandingOutages = islandingOutages
    self.outages = outages
    self.rating = rating
    self.overloadPricePerMWh = overloadPricePerMWh
    self.toleranceMW = toleranceMW
    self.maxConstraintsPerRound = maxConstraintsPerRound
    self.maxRounds = maxRounds
    self.outagesTestedAlone = outagesTestedAlone
  }

  /// The post-contingency limit of a branch, MW; nil when unlimited (0, or 1e10 and more).
  func limitMW(_ branch: Branch) -> Double? {
    let r = rating.rating(of: branch)
    return r > 0 && r < 1e10 ? r : nil
  }

  /// "RATE_A", "RATE_B" or "RATE_C", for messages.
  var ratingName: String { "RATE_" + rating.rawValue.uppercased() }
}

extension DCOPFProblem {
  /// Solves the OPF with preventive N-1 security by constraint generation: solve, find the
  /// post-contingency flows above their ratings (LODF, computed once and kept when it fits in
  /// ``DCSensitivity/blockBudgetBytes``, else in blocks each round) and the post-trip flows of
  /// the HVDC trips above them, add the limit of each overloaded branch's worst outage and
  /// worst trip as rows, solve again, until none is violated.
  ///
  /// The LMPs then include the price of the post-contingency limits; each binding one is in
  /// ``DCOPFResult/binding`` with its outage (or its HVDC trip).
  /// - Throws: as ``solve()``, and ``DCOPFError/infeasible(violations:)`` naming the
  ///   post-contingency limits that cannot be met.
  public func solve(security: N1Security) throws(DCOPFError) -> DCOPFResult {
    try checkIslandBalances()
    let network = system.network
    // An LP takes its base-case RATE_A rows lazily, as solve() does (a QP all at once).
    let lazy = !hasQuadraticCosts
    var layout = DCOPFLayout(problem: self, mode: .optimize, lazyFlowLimits: lazy)
    var limit = [Double](repeating: 0, count: network.branches.count)
    for k in network.branches.indices where network.branches[k].inService && system.branchFrom[k] >= 0 {
      limit[k] = security.limitMW(network.branches[k]) ?? 0
    }
    let monitored = network.branches.indices.filter { limit[$0] > 0 }
    let candidates = (security.outages ?? Array(network.branches.indices)).filter {
      network.branches[$0].inService && system.branchFrom[$0] >= 0
    }
    let screen = PostContingencyScreen(system: system, monitored: monitored, outages: candidates, limitMW: limit)
    var extra = try SecurityScreenCuts(problem: self, layout: layout, security: security, monitored: monitored, bridges: screen.islanding)

    var iterations = 0, rounds = 0
    var added = Set<Int>()  // l · branches + k
    var leastCostFlows: [Double]? = nil
    let session: HiGHSSession
    var solution: OptimizationSolution
    (session, solution) = try HiGHSSession.started(layout.model)
    while true {
      iterations += solution.iterations
      guard solution.status == .optimal else {
        try fail(
          solution.status, layout: layout, security: security, screen: screen, leastCostFlows: leastCostFlows,
          tripLimits: extra?.tripLimitNames() ?? [])
      }
      let baseRow = layout.model.rowCount
      if lazy, layout.addFlowLimitRows(violatedAt: solution.columnValues, system: system, toleranceMW: 1e-6) > 0 {
        do {
          try session.append(layout.model, firstRow: baseRow, firstColumn: layout.model.columnCount)
          // From the last basis before any post-contingency row, from scratch after them (as
          // the rounds below; a warm start there failed on case9241pegase).
          solution = try session.run(fromScratch: rounds > 0)
        } catch {
          throw .solverFailed("\(error.description) (adding base-case flow limits)")
        }
        continue
      }
      let flows = layout.flowsMW(solution.columnValues, system: system)
      // The first solution within every base-case limit is the N-0 optimum (no post-contingency row yet).
      if leastCostFlows == nil { leastCostFlows = flows }
      var violations = try screen.violations(flowsMW: flows, toleranceMW: security.toleranceMW)
      violations.removeAll { added.contains($0.monitored * network.branches.count + $0.outage) }
      let first = layout.model.rowCount, firstColumn = layout.model.columnCount
      // The worst islanding outage and HVDC trip per monitored branch (the cuts of DCOPFSequence).
      extra?.addViolated(solution.columnValues, layout: &layout, toleranceMW: security.toleranceMW)
      if violations.isEmpty, layout.model.rowCount == first { break }
      rounds += 1
      guard rounds <= security.maxRounds else {
        throw .solverFailed("N-1 constraint generation still finds violations after \(security.maxRounds) rounds")
      }
      // One limit per monitored branch and round, its worst outage: the rows of one branch for
      // different outages are nearly parallel (f_l + small·f_k), and many of them at once stall
      // the simplex; the next round adds another outage where it is still needed.
      var worst: [Int: PostContingencyScreen.Violation] = [:]
      for v in violations where v.excessMW > (worst[v.monitored]?.excessMW ?? -.infinity) { worst[v.monitored] = v }
      violations = worst.values.sorted { a, b in a.excessMW > b.excessMW || (a.excessMW == b.excessMW && a.monitored < b.monitored) }
      for v in violations.prefix(security.maxConstraintsPerRound) {
        layout.addSecurityRow(
          monitored: v.monitored, outage: v.outage, factor: v.factor, limitMW: limit[v.monitored], system: system,
          slackCost: security.overloadPricePerMWh)
        added.insert(v.monitored * network.branches.count + v.outage)
      }
      do {
        try session.append(layout.model, firstRow: first, firstColumn: firstColumn)
        // From scratch, presolve included, not from the last basis: on case9241pegase the warm
        // start stalled (165 s, then a HiGHS error) where presolve finds the infeasibility at
        // once; on small cases a round costs a few milliseconds either way.
        solution = try session.run(fromScratch: true)
      } catch {
        throw .solverFailed("\(error.description) (N-1 round \(rounds))")
      }
    }
    solution.iterations = iterations
    var summary = DCOPFResult.SecuritySummary(
      outagesConsidered: screen.outages.count, monitoredBranches: monitored.count,
      skippedIslanding: extra?.islandingSkipped ?? screen.islanding, skippedSingular: screen.singular, rounds: rounds,
      constraintsAdded: layout.securityRows.count + (extra?.tripRowCount ?? 0), rating: security.rating,
      overloadPricePerMWh: security.overloadPricePerMWh)
    if let extra {
      summary.securedIslanding = extra.islandingSecured
      if let considered = extra.hvdcTripsConsidered {
        summary.hvdcRule = security.hvdcRule
        summary.hvdcTripsConsidered = considered
        summary.hvdcTripsSkipped = extra.hvdcTripsSkipped
        summary.hvdcTripConstraints = extra.tripRowCount
      }
    }
    var result = DCOPFResult(problem: self, layout: layout, solution: solution, security: summary)
    if let extra {
      result.binding += extra.tripBinding(solution, flowsMW: result.flow.branchFlowMW)
      result.binding.sort { $0.shadowPrice > $1.shadowPrice }
    }
    if !summary.skippedIslanding.isEmpty, !result.loadShedMW.contains(where: { $0 > 0 }) {
      result.security?.skippedIslandingOverloads = islandingOverloads(
        summary.skippedIslanding, monitored: monitored, security: security, flow: result.flow)
    }
    return result
  }

  /// The error for a non-optimal status: for an infeasible problem, the outages that cannot be
  /// secured on their own and the relaxation report of the problem as it stands
  /// (post-contingency rows included).
  /// `tripLimits` names the HVDC-trip limits in the model: they are listed apart (the tests
  /// and the relaxation cover the branch outages).
  private func fail(
    _ status: OptimizationStatus, layout: DCOPFLayout, security: N1Security, screen: PostContingencyScreen,
    leastCostFlows: [Double]?, tripLimits: [String]
  ) throws(DCOPFError) -> Never {
    if case .unbounded = status { throw .unbounded(causes: unboundedCauses()) }
    if case .optimal = status { preconditionFailure("not a failure") }
    if status == .infeasible, !tripLimits.isEmpty, layout.securityRows.isEmpty || leastCostFlows == nil {
      throw .n1Infeasible(
        N1Infeasibility(
          ratingName: security.ratingName, candidateOutages: 0, testedOutages: 0, infeasibleAlone: [], undetermined: [],
          relaxation: [], hvdcTripLimits: tripLimits))
    }
    if status == .infeasible, let leastCostFlows, !layout.securityRows.isEmpty {
      // The outages that cannot be secured on their own first; then the relaxation of all the
      // limits together, which on a large case (case9241pegase) HiGHS's simplex may fail to
      // solve: its interior-point method then tries, unless the outages already say enough.
      var report = try outagesInfeasibleAlone(screen: screen, flowsMW: leastCostFlows, security: security)
      do {
        report.relaxation = try relaxationReport(
          securityRows: layout.securityRows, ratingName: security.ratingName, interiorPointFallback: report.infeasibleAlone.isEmpty)
      } catch .solverFailed(let why) {
        report.relaxation = report.infeasibleAlone.isEmpty ? ["(the relaxation of all the limits together was not found: \(why))"] : []
      }
      report.hvdcTripLimits = tripLimits
      throw .n1Infeasible(report)
    }
    // Infeasible before any post-contingency row, or HiGHS gave up ("unknown", 15) on a nearly
    // infeasible problem: the relaxation tells.
    let violations = try relaxationReport(securityRows: layout.securityRows, ratingName: security.ratingName)
    if violations.isEmpty {
      if case .other(let code) = status { throw .solverFailed("HiGHS model status \(code)") }
      throw .unbounded(causes: unboundedCauses())
    }
    throw .infeasible(violations: violations)
  }

  /// The islands whose generation limits cannot balance their demand (with load shedding, only
  /// those whose minimum generation exceeds it).
  func checkIslandBalances() throws(DCOPFError) {
    var imbalances = islandImbalances()
    if loadSheddingPricePerMWh != nil { imbalances.removeAll { $0.demandMW > $0.maxGenerationMW } }
    if !imbalances.isEmpty { throw .islandImbalance(imbalances) }
  }
}

/// The LODF of the monitored branches for the outages, and the post-contingency flows above
/// their limits at a given base flow.
struct PostContingencyScreen {
  let sensitivity: DCSensitivity
  let monitored: [Int]
  /// Outages with distribution factors; the bridges and singular ones are set aside.
  let outages: [Int]
  let islanding: [Int]
  let singular: [Int]
  /// Post-contingency limit of every branch (input order), MW; 0 where not monitored.
  let limitMW: [Double]
  /// The whole LODF (monitored × outages) when it fits in the block budget.
  private let whole: LODFMatrix?

  struct Violation {
    var monitored: Int
    var outage: Int
    var factor: Double
    var excessMW: Double
  }

  init(system: DCSystem, monitored: [Int], outages candidates: [Int], limitMW: [Double]) {
    sensitivity = DCSensitivity(system)
    self.monitored = monitored
    self.limitMW = limitMW
    let bridges = Set(sensitivity.islandingBranches)
    islanding = candidates.filter { bridges.contains($0) }
    let kept = candidates.filter { !bridges.contains($0) }
    let fits = monitored.count * kept.count * MemoryLayout<Double>.stride <= DCSensitivity.blockBudgetBytes
    let lodf = fits && !monitored.isEmpty ? try? sensitivity.lodf(monitored: monitored, outaged: kept) : nil
    var singular: [Int] = []
    if let lodf { for (c, kind) in lodf.columns.enumerated() where kind == .singular { singular.append(kept[c]) } }
    self.singular = singular
    outages = kept.filter { !singular.contains($0) }
    whole = lodf
  }

  /// Pairs (monitored l, outage k ≠ l) with `|f_l + LODF(l, k)·f_k| > L_l + tolerance`.
  func violations(flowsMW f: [Double], toleranceMW: Double) throws(DCOPFError) -> [Violation] {
    guard !monitored.isEmpty, !outages.isEmpty else { return [] }
    var found: [Violation] = []
    func scan(_ block: LODFMatrix) {
      for c in block.outaged.indices where block.columns[c] == .factors {
        let k = block.outaged[c], fk = f[k]
        for r in block.monitored.indices where block.monitored[r] != k {
          let l = block.monitored[r], factor = block.values[r, c]
          let excess = abs(f[l] + factor * fk) - limitMW[l]
          if excess > toleranceMW { found.append(Violation(monitored: l, outage: k, factor: factor, excessMW: excess)) }
        }
      }
    }
    if let whole {
      scan(whole)
      return found
    }
    do {
      try sensitivity.forEachLODFRowBlock(monitored: monitored, outaged: outages) { block, _ in scan(block) }
    } catch {
      throw .solverFailed("LODF for the N-1 screen: \(error)")
    }
    return found
  }

  /// LODF(l, k) of every monitored branch l (``monitored`` order) for one outage k (not a
  /// bridge): one solve, the flow change Δf of a unit transfer between k's ends, and
  /// `LODF(l, k) = Δf_l / (1 − Δf_k)`.
  func factors(outage k: Int) throws(DCOPFError) -> [Double] {
    if let whole, let c = whole.outaged.firstIndex(of: k) {
      return monitored.indices.map { whole.values[$0, c] }
    }
    return try Self.lodfColumn(sensitivity, monitored: monitored, outage: k)
  }

  /// ``factors(outage:)`` without the stored matrix.
  static func lodfColumn(_ sensitivity: DCSensitivity, monitored: [Int], outage k: Int) throws(DCOPFError) -> [Double] {
    let network = sensitivity.network
    guard let f = network.buses.firstIndex(where: { $0.id == network.branches[k].from }),
      let t = network.buses.firstIndex(where: { $0.id == network.branches[k].to })
    else { return [Double](repeating: 0, count: monitored.count) }
    do {
      let change = try sensitivity.flowChanges(rows: monitored + [k], injections: [[(f, 1), (t, -1)]])
      let divisor = 1 - change[monitored.count]
      return monitored.indices.map { monitored[$0] == k ? -1 : change[$0] / divisor }
    } catch {
      throw .solverFailed("LODF of the outage of branch \(k + 1): \(error)")
    }
  }
}

extension HiGHSSession {
  /// A session holding `model`, and its first solution; a HiGHS failure as ``DCOPFError/solverFailed(_:)``.
  static func started(_ model: OptimizationModel) throws(DCOPFError) -> (HiGHSSession, OptimizationSolution) {
    do {
      let session = try HiGHSSession(model)
      return (session, try session.run())
    } catch {
      throw .solverFailed(error.description)
    }
  }
}
