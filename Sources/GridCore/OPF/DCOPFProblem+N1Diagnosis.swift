import Foundation
extension DCOPFProblem {
  /// Which outages cannot be secured on their own, when the N-1 problem is infeasible.
  ///
  /// An outage k is securable on its own when the OPF with only k's post-contingency limits,
  /// `|f_l + LODF(l, k)·f_k| ≤ L_l` for every monitored l, has a solution. Only an outage that
  /// overloads some branch at the least-cost dispatch (`flowsMW`, the N-0 optimum) can fail
  /// this; those are tested, the largest overloads first (at most
  /// ``N1Security/outagesTestedAlone``), in one HiGHS instance: add k's violated limits, solve
  /// from the last basis, repeat until k is secure or the problem infeasible, then free k's
  /// rows again for the next outage. The relaxation that makes an infeasible outage securable
  /// is found as for the whole problem (``relaxationReport(securityRows:ratingName:)``).
  func outagesInfeasibleAlone(
    screen: PostContingencyScreen, flowsMW: [Double], security: N1Security
  ) throws(DCOPFError) -> N1Infeasibility {
    var worst: [Int: Double] = [:]
    for v in try screen.violations(flowsMW: flowsMW, toleranceMW: security.toleranceMW) {
      worst[v.outage] = max(worst[v.outage] ?? 0, v.excessMW)
    }
    let candidates = worst.keys.sorted { (worst[$0] ?? 0, $1) > (worst[$1] ?? 0, $0) }
    let tested = Array(candidates.prefix(max(0, security.outagesTestedAlone)))
    var layout = DCOPFLayout(problem: self, mode: .optimize)
    let (session, start) = try HiGHSSession.started(layout.model)
    guard start.status == .optimal else {
      throw .solverFailed("the OPF without post-contingency limits did not solve again (HiGHS status \(start.status))")
    }
    var infeasible: [(outage: Int, rows: [SecurityRow])] = []
    var restart = false
    var undetermined: [Int] = []
    for k in tested {
      let factors = try screen.factors(outage: k)
      var x = start.columnValues
      var rows: [SecurityRow] = []
      var added = Set<Int>()
      var verdict: Bool? = nil  // true: securable alone
      for _ in 0..<security.maxRounds {
        let f = layout.flowsMW(x, system: system)
        let first = layout.model.rowCount
        for (r, l) in screen.monitored.enumerated() where l != k && !added.contains(l) {
          guard abs(f[l] + factors[r] * f[k]) - screen.limitMW[l] > security.toleranceMW else { continue }
          layout.addSecurityRow(monitored: l, outage: k, factor: factors[r], limitMW: screen.limitMW[l], system: system)
          added.insert(l)
        }
        if layout.model.rowCount == first {
          verdict = true
          break
        }
        rows += layout.securityRows.suffix(layout.model.rowCount - first)
        do {
          try session.append(layout.model, firstRow: first, firstColumn: layout.model.columnCount)
        } catch {
          throw .solverFailed(error.description)
        }
        // From the last basis; after a run that ended without an optimum (HiGHS "unknown" on a
        // nearly infeasible problem leaves a basis it cannot restart from), and when that fails,
        // from scratch with presolve.
        var solution = try? session.run(fromScratch: restart)
        if solution?.status != .optimal && solution?.status != .infeasible {
          solution = try? session.run(fromScratch: true)
        }
        // Restart from scratch after a failure or an "unknown" (an infeasible end leaves a basis to go on from).
        switch solution?.status {
        case .optimal?, .infeasible?: restart = false
        default: restart = true
        }
        guard let solution else { break }
        if solution.status == .infeasible || solution.status == .unboundedOrInfeasible {
          verdict = false
          break
        }
        guard solution.status == .optimal else { break }
        x = solution.columnValues
      }
      switch verdict {
      case true?: break
      case false?: infeasible.append((k, rows))
      case nil: undetermined.append(k)
      }
      // Free k's limits (the rows stay, unbounded) before the next outage.
      do {
        let free = [Double](repeating: .infinity, count: rows.count)
        try session.changeRowBounds(rows: rows.map(\.row), lower: free.map { -$0 }, upper: free)
      } catch {
        throw .solverFailed(error.description)
      }
    }
    var outages: [N1Infeasibility.Outage] = []
    for (k, rows) in infeasible {
      let limits = try securityRelaxation(rows).map { item in
        N1Infeasibility.Outage.Limit(
          branch: item.row.monitored, name: branchLabel(item.row.monitored), limitMW: item.row.limitMW, neededMW: item.neededMW)
      }
      outages.append(
        N1Infeasibility.Outage(
          branch: k, name: branchLabel(k), limits: limits, relaxationMW: limits.reduce(0) { $0 + $1.neededMW }))
    }
    outages.sort { ($0.relaxationMW, $1.branch) > ($1.relaxationMW, $0.branch) }
    return N1Infeasibility(
      ratingName: security.ratingName, candidateOutages: candidates.count, testedOutages: tested.count,
      infeasibleAlone: outages, undetermined: undetermined, relaxation: [])
  }
}
