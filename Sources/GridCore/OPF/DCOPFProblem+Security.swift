/// Preventive N-1 security for a DC OPF: one dispatch that keeps every rated branch within
/// RATE_A in the intact network and after the outage of any one branch,
/// `|f_l + LODF(l, k)·f_k| ≤ RATE_A_l` for every rated l and every outage k.
///
/// Outages that split an island (bridges: a radial line, a generator's step-up transformer)
/// are skipped and reported, as `gridtool contingency` reports them; so are outages whose
/// post-outage network is singular.
public struct N1Security: Sendable, Hashable {
  /// Branches whose outage is considered (input positions); nil for every in-service branch.
  public var outages: [Int]?
  /// A post-contingency flow more than this above its rating adds a constraint, MW.
  public var toleranceMW: Double
  /// Most constraints added per round, the largest violations first.
  public var maxConstraintsPerRound: Int
  /// Rounds before giving up.
  public var maxRounds: Int

  public init(outages: [Int]? = nil, toleranceMW: Double = 1e-6, maxConstraintsPerRound: Int = 4000, maxRounds: Int = 100) {
    self.outages = outages
    self.toleranceMW = toleranceMW
    self.maxConstraintsPerRound = maxConstraintsPerRound
    self.maxRounds = maxRounds
  }
}

extension DCOPFProblem {
  /// Solves the OPF with preventive N-1 security by constraint generation: solve, find the
  /// post-contingency flows above their ratings (LODF, computed once and kept when it fits in
  /// ``DCSensitivity/blockBudgetBytes``, else in blocks each round), add the limit of each
  /// overloaded branch's worst outage as a row, solve again, until none is violated.
  ///
  /// The LMPs then include the price of the post-contingency limits; each binding one is in
  /// ``DCOPFResult/binding`` with its outage.
  /// - Throws: as ``solve()``, and ``DCOPFError/infeasible(violations:)`` naming the
  ///   post-contingency limits that cannot be met.
  public func solve(security: N1Security) throws(DCOPFError) -> DCOPFResult {
    let imbalances = islandImbalances()
    if !imbalances.isEmpty { throw .islandImbalance(imbalances) }
    let network = system.network
    var layout = DCOPFLayout(problem: self, mode: .optimize)
    let monitored = network.branches.indices.filter { layout.flowRow[$0] >= 0 }
    let candidates = (security.outages ?? Array(network.branches.indices)).filter {
      network.branches[$0].inService && system.branchFrom[$0] >= 0
    }
    let screen = PostContingencyScreen(system: system, monitored: monitored, outages: candidates)

    var iterations = 0, rounds = 0
    var added = Set<Int>()  // l · branches + k
    let session: HiGHSSession
    var solution: OptimizationSolution
    do {
      session = try HiGHSSession(layout.model)
      solution = try session.run()
    } catch {
      throw .solverFailed(error.description)
    }
    while true {
      iterations += solution.iterations
      guard solution.status == .optimal else { try fail(solution.status, layout: layout) }
      let flows = layout.flowsMW(solution.columnValues, system: system)
      var violations = try screen.violations(flowsMW: flows, toleranceMW: security.toleranceMW)
      violations.removeAll { added.contains($0.monitored * network.branches.count + $0.outage) }
      if violations.isEmpty { break }
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
      let first = layout.model.rowCount
      for v in violations.prefix(security.maxConstraintsPerRound) {
        layout.addPostContingencyRow(monitored: v.monitored, outage: v.outage, factor: v.factor, system: system, relaxed: false)
        added.insert(v.monitored * network.branches.count + v.outage)
      }
      let m = layout.model
      let starts = m.rowStarts[first...].map { $0 - m.rowStarts[first] }
      do {
        try session.addRows(
          lower: Array(m.rowLower[first...]), upper: Array(m.rowUpper[first...]), starts: starts,
          columnIndices: Array(m.columnIndices[m.rowStarts[first]...]), values: Array(m.values[m.rowStarts[first]...]))
        // From scratch, presolve included, not from the last basis: on case9241pegase the warm
        // start stalled (165 s, then a HiGHS error) where presolve finds the infeasibility at
        // once; on small cases a round costs a few milliseconds either way.
        solution = try session.run(fromScratch: true)
      } catch {
        throw .solverFailed(error.description)
      }
    }
    solution.iterations = iterations
    let summary = DCOPFResult.SecuritySummary(
      outagesConsidered: screen.outages.count, monitoredBranches: monitored.count, skippedIslanding: screen.islanding,
      skippedSingular: screen.singular, rounds: rounds, constraintsAdded: layout.securityRows.count)
    return DCOPFResult(problem: self, layout: layout, solution: solution, security: summary)
  }

  /// The error for a non-optimal status, with the relaxation report of the problem as it stands
  /// (post-contingency rows included).
  private func fail(_ status: OptimizationStatus, layout: DCOPFLayout) throws(DCOPFError) -> Never {
    switch status {
    case .optimal: preconditionFailure("not a failure")
    case .unbounded: throw .unbounded(causes: unboundedCauses())
    case .infeasible, .unboundedOrInfeasible:
      let violations = try relaxationReport(securityRows: layout.securityRows)
      if violations.isEmpty { throw .unbounded(causes: unboundedCauses()) }
      throw .infeasible(violations: violations)
    case .other(let code):
      // HiGHS may give up ("unknown", 15) on a nearly infeasible problem: the relaxation tells.
      let violations = try relaxationReport(securityRows: layout.securityRows)
      if !violations.isEmpty { throw .infeasible(violations: violations) }
      throw .solverFailed("HiGHS model status \(code)")
    }
  }
}

/// The LODF of the monitored branches for the outages, and the post-contingency flows above
/// their ratings at a given base flow.
struct PostContingencyScreen {
  let sensitivity: DCSensitivity
  let monitored: [Int]
  /// Outages with distribution factors; the bridges and singular ones are set aside.
  let outages: [Int]
  let islanding: [Int]
  let singular: [Int]
  /// The whole LODF (monitored × outages) when it fits in the block budget.
  private let whole: LODFMatrix?

  struct Violation {
    var monitored: Int
    var outage: Int
    var factor: Double
    var excessMW: Double
  }

  init(system: DCSystem, monitored: [Int], outages candidates: [Int]) {
    sensitivity = DCSensitivity(system)
    self.monitored = monitored
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

  /// Pairs (monitored l, outage k ≠ l) with `|f_l + LODF(l, k)·f_k| > RATE_A_l + tolerance`.
  func violations(flowsMW f: [Double], toleranceMW: Double) throws(DCOPFError) -> [Violation] {
    guard !monitored.isEmpty, !outages.isEmpty else { return [] }
    let branches = sensitivity.network.branches
    var found: [Violation] = []
    func scan(_ block: LODFMatrix, firstRow: Int) {
      for c in block.outaged.indices where block.columns[c] == .factors {
        let k = block.outaged[c], fk = f[k]
        for r in block.monitored.indices where block.monitored[r] != k {
          let l = block.monitored[r], factor = block.values[r, c]
          let excess = abs(f[l] + factor * fk) - branches[l].ratingMW
          if excess > toleranceMW { found.append(Violation(monitored: l, outage: k, factor: factor, excessMW: excess)) }
        }
      }
    }
    if let whole {
      scan(whole, firstRow: 0)
      return found
    }
    do {
      try sensitivity.forEachLODFRowBlock(monitored: monitored, outaged: outages) { block, first in scan(block, firstRow: first) }
    } catch {
      throw .solverFailed("LODF for the N-1 screen: \(error)")
    }
    return found
  }
}
