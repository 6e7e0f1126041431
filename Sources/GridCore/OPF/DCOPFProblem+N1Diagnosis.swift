extension DCOPFProblem {
  /// Which outages cannot be secured on their own, when the N-1 problem is infeasible.
  ///
  /// An outage k is securable on its own when the OPF with only k's post-contingency limits,
  /// `|f_l + LODF(l, k)·f_k| ≤ L_l` for every monitored l, has a solution. Only an outage that
  /// overloads some branch at the least-cost dispatch (`flowsMW`, the N-0 optimum) can fail
  /// this; those are tested, the largest overloads first (at most
  /// ``N1Security/outagesTestedAlone``), in one HiGHS instance holding the OPF's constraints
  /// without its costs: add k's violated limits as soft rows (1 per MW of slack), solve from the
  /// last basis, repeat until no limit of k is broken beyond its slack; k cannot be secured on
  /// its own when slack is still needed, and the slack is the smallest relaxation that would
  /// secure it. Then k's rows are freed for the next outage.
  func outagesInfeasibleAlone(
    screen: PostContingencyScreen, flowsMW: [Double], security: N1Security
  ) throws(DCOPFError) -> N1Infeasibility {
    var worst: [Int: Double] = [:]
    for v in try screen.violations(flowsMW: flowsMW, toleranceMW: security.toleranceMW) {
      worst[v.outage] = max(worst[v.outage] ?? 0, v.excessMW)
    }
    let candidates = worst.keys.sorted { (worst[$0] ?? 0, $1) > (worst[$1] ?? 0, $0) }
    let budget = security.outagesTestedAlone ?? min(100, max(10, 100_000 / max(1, system.internalBusCount)))
    let tested = Array(candidates.prefix(max(0, budget)))
    // A feasibility problem: no costs (an LP, whatever the costs), and each outage's limits soft
    // at 1 per MW above the limit, so that one LP per outage gives both the verdict (no slack
    // needed: securable) and the smallest relaxation that makes it securable.
    var layout = DCOPFLayout(problem: self, mode: .optimize)
    layout.model.cost = [Double](repeating: 0, count: layout.model.columnCount)
    layout.model.hessianDiagonal = layout.model.cost
    layout.model.offset = 0
    let (session, start) = try HiGHSSession.started(layout.model)
    guard start.status == .optimal else {
      throw .solverFailed("the OPF without post-contingency limits did not solve again (HiGHS status \(start.status))")
    }
    var outages: [N1Infeasibility.Outage] = []
    var undetermined: [Int] = []
    for k in tested {
      let factors = try screen.factors(outage: k)
      var x = start.columnValues
      var rows: [SecurityRow] = []
      var added = Set<Int>()
      var settled = false
      for _ in 0..<security.maxRounds {
        let f = layout.flowsMW(x, system: system)
        let first = layout.model.rowCount, firstColumn = layout.model.columnCount
        for (r, l) in screen.monitored.enumerated() where l != k && !added.contains(l) {
          guard abs(f[l] + factors[r] * f[k]) - screen.limitMW[l] > security.toleranceMW else { continue }
          layout.addSecurityRow(monitored: l, outage: k, factor: factors[r], limitMW: screen.limitMW[l], system: system, slackCost: 1)
          added.insert(l)
        }
        if layout.model.rowCount == first {
          settled = true
          break
        }
        rows += layout.securityRows.suffix(layout.model.rowCount - first)
        do {
          try session.append(layout.model, firstRow: first, firstColumn: firstColumn)
        } catch {
          throw .solverFailed("\(error.description) (testing the outage of \(branchLabel(k)) alone)")
        }
        // From the last basis; when HiGHS stops without an optimum there, from scratch.
        var solution = try? session.run()
        if solution?.status != .optimal { solution = try? session.run(fromScratch: true) }
        guard let solution, solution.status == .optimal else { break }
        x = solution.columnValues
      }
      if settled {
        // The slack each of k's limits needs at the least total relaxation.
        var slack: [Int: (up: Int, down: Int)] = [:]
        for s in layout.slacks { slack[s.row] = (s.up, s.down) }
        var limits: [N1Infeasibility.Outage.Limit] = []
        for r in rows {
          guard let (up, down) = slack[r.row] else { continue }
          let needed = x[up] + x[down]
          if needed > 1e-5 {
            limits.append(.init(branch: r.monitored, name: branchLabel(r.monitored), limitMW: r.limitMW, neededMW: needed))
          }
        }
        if !limits.isEmpty {
          limits.sort { ($0.neededMW, $1.branch) > ($1.neededMW, $0.branch) }
          outages.append(
            N1Infeasibility.Outage(branch: k, name: branchLabel(k), limits: limits, relaxationMW: limits.reduce(0) { $0 + $1.neededMW }))
        }
      } else {
        undetermined.append(k)
      }
      // Free k's limits (the rows stay, unbounded; their slack then costs nothing) for the next outage.
      do {
        let free = [Double](repeating: .infinity, count: rows.count)
        try session.changeRowBounds(rows: rows.map(\.row), lower: free.map { -$0 }, upper: free)
      } catch {
        throw .solverFailed("\(error.description) (testing the outage of \(branchLabel(k)) alone)")
      }
    }
    outages.sort { ($0.relaxationMW, $1.branch) > ($1.relaxationMW, $0.branch) }
    return N1Infeasibility(
      ratingName: security.ratingName, candidateOutages: candidates.count, testedOutages: tested.count,
      infeasibleAlone: outages, undetermined: undetermined, relaxation: [])
  }
}
