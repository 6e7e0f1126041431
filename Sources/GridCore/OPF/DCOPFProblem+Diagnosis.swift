extension DCOPFProblem {
  /// Islands whose demand lies outside [Σ PMIN, Σ PMAX] of their in-service generators: no
  /// dispatch can balance them. Islands joined by a dispatchable DC line are left to the solver
  /// (the line's losses and limits decide what it can carry).
  func islandImbalances() -> [DCOPFError.IslandImbalance] {
    let network = system.network
    let fixed = DCOPFLayout.fixedInjections(system)
    var linked = Set<Int>()
    for link in network.hvdcLinks where system.linkInModel(link) && Self.dispatchLimits(link) != nil {
      linked.insert(system.islandOfBus[system.internalBus(of: link.from)])
      if let to = link.to { linked.insert(system.islandOfBus[system.internalBus(of: to)]) }
    }
    var maxMW = [Double](repeating: 0, count: system.islands.count), minMW = maxMW
    for gen in network.generators where gen.inService {
      let i = system.internalBus(of: gen.bus)
      guard i >= 0 else { continue }
      maxMW[system.islandOfBus[i]] += gen.maxMW
      minMW[system.islandOfBus[i]] += gen.minMW
    }
    var short: [DCOPFError.IslandImbalance] = []
    for island in system.islands where !linked.contains(island.index) {
      let demand = -island.buses.reduce(0) { $0 + fixed[$1] }
      // Round-off of the sums is no shortage: a relative margin of 1e-9.
      let margin = 1e-9 * max(1, abs(demand))
      guard demand > maxMW[island.index] + margin || demand < minMW[island.index] - margin else { continue }
      short.append(
        DCOPFError.IslandImbalance(
          islands: [island.index + 1], buses: island.buses.prefix(8).map { network.buses[system.busPositions[$0]].id },
          busCount: island.buses.count, demandMW: demand, maxGenerationMW: maxMW[island.index],
          minGenerationMW: minMW[island.index]))
    }
    return short
  }

  /// Solves the problem with every balance, flow limit and angle limit relaxed at a cost
  /// (``DCOPFLayout``'s feasibility mode: limits first, demand last) and names the relaxations
  /// the optimum needs; empty when none (the problem is feasible).
  /// `securityRows` are post-contingency limits to include (relaxed like the others).
  /// `ratingName` names their limit in the messages (RATE_A, or the emergency rating).
  /// With `interiorPointFallback`, a simplex that fails is followed by HiGHS's interior-point method.
  func relaxationReport(
    securityRows: [SecurityRow] = [], ratingName: String = "RATE_A", interiorPointFallback: Bool = true
  ) throws(DCOPFError) -> [String] {
    try relaxationItems(securityRows: securityRows, ratingName: ratingName, interiorPointFallback: interiorPointFallback).map(\.text)
  }

  /// The post-contingency limits of `securityRows` that the smallest relaxation widens, and by
  /// how much (MW), largest first.
  func securityRelaxation(_ securityRows: [SecurityRow]) throws(DCOPFError) -> [(row: SecurityRow, neededMW: Double)] {
    try relaxationItems(securityRows: securityRows).compactMap { item in item.security.map { ($0, item.amount) } }
  }

  /// ``relaxationReport(securityRows:ratingName:)`` with each relaxation's amount (MW, or
  /// degrees for an angle limit), largest first.
  func relaxationItems(
    securityRows: [SecurityRow] = [], ratingName: String = "RATE_A", interiorPointFallback: Bool = true
  ) throws(DCOPFError) -> [(amount: Double, text: String, security: SecurityRow?)] {
    var layout = DCOPFLayout(problem: self, mode: .feasibility)
    for s in securityRows {
      layout.addSecurityRow(
        monitored: s.monitored, outage: s.outage, factor: s.factor, limitMW: s.limitMW, system: system, slackCost: 1)
    }
    var solution: OptimizationSolution
    do {
      solution = try HiGHS.solve(layout.model)
    } catch {
      // The simplex may fail on a large relaxation with post-contingency rows; the interior
      // point method (with crossover) is the other way in.
      guard interiorPointFallback else { throw .solverFailed("\(error.description) (finding the smallest relaxation)") }
      do {
        solution = try HiGHS.solve(layout.model, interiorPoint: true)
      } catch {
        throw .solverFailed("\(error.description) (finding the smallest relaxation)")
      }
    }
    guard solution.status == .optimal else {
      // Only the generator and DC line bounds are left hard, and they were checked.
      return [(.infinity, "no relaxation of balances, flow limits or angle limits makes it feasible (HiGHS status \(solution.status))", nil)]
    }
    let network = system.network
    var rowToBranch: [Int: (branch: Int, isFlow: Bool)] = [:]
    for k in network.branches.indices {
      if layout.flowRow[k] >= 0 { rowToBranch[layout.flowRow[k]] = (k, true) }
      if layout.angleRow[k] >= 0 { rowToBranch[layout.angleRow[k]] = (k, false) }
    }
    var rowToOutage: [Int: SecurityRow] = [:]
    for s in layout.securityRows { rowToOutage[s.row] = s }
    var found: [(amount: Double, text: String, security: SecurityRow?)] = []
    for slack in layout.slacks {
      let up = solution.columnValues[slack.up], down = solution.columnValues[slack.down]
      let amount = up - down
      if slack.row < layout.busCount {
        guard abs(amount) > 1e-6 else { continue }
        let bus = network.buses[system.busPositions[slack.row]].id
        // `up` adds injection: demand that nothing supplies; `down` removes it: surplus.
        found.append(
          amount > 0
            ? (amount, "bus \(bus): \(messageMW(amount)) MW of demand cannot be supplied", nil)
            : (-amount, "bus \(bus): \(messageMW(-amount)) MW of generation (PMIN or scheduled injections) has nowhere to go", nil))
      } else if let s = rowToOutage[slack.row] {
        guard abs(amount) > 1e-6 else { continue }
        found.append(
          (abs(amount), "\(branchLabel(s.monitored)) after the outage of \(branchLabel(s.outage)) needs \(messageMW(abs(amount))) MW above its \(ratingName) of \(messageMW(s.limitMW)) MW", s))
      } else if let (k, isFlow) = rowToBranch[slack.row] {
        let branch = network.branches[k]
        let name = branchLabel(k)
        if isFlow {
          guard abs(amount) > 1e-6 else { continue }
          found.append((abs(amount), "\(name) needs \(messageMW(abs(amount))) MW above its RATE_A of \(messageMW(branch.ratingMW)) MW", nil))
        } else {
          let degrees = abs(amount) * 180 / .pi
          guard degrees > 1e-6 else { continue }
          let limit = amount > 0 ? branch.minAngleDiffDeg : branch.maxAngleDiffDeg
          found.append((degrees, "\(name) needs its angle difference \(messageMW(degrees))° beyond its \(amount > 0 ? "ANGMIN" : "ANGMAX") of \(messageMW(limit))°", nil))
        }
      }
    }
    return found.sorted { $0.amount > $1.amount }
  }

  /// Generators and DC lines whose cost falls without limit in a direction they may move.
  func unboundedCauses() -> [String] {
    let network = system.network
    var causes: [String] = []
    func check(_ cost: GeneratorCost, min: Double, max: Double, name: String) {
      let slopeUp: Double, slopeDown: Double  // cost slope far above and far below
      if let (a, b, _) = cost.quadraticLinearConstant {
        guard a == 0 else { return }  // a > 0 grows in both directions
        (slopeUp, slopeDown) = (b, b)
      } else {
        let slopes = cost.segmentSlopes
        (slopeUp, slopeDown) = (slopes.last ?? 0, slopes.first ?? 0)
      }
      if max == .infinity, slopeUp < 0 { causes.append("\(name): cost \(slopeUp) $/MWh with PMAX unlimited") }
      if min == -.infinity, slopeDown > 0 { causes.append("\(name): cost \(slopeDown) $/MWh with PMIN unlimited (−∞)") }
    }
    for (k, gen) in network.generators.enumerated() where gen.inService && system.internalBus(of: gen.bus) >= 0 {
      check(generatorCosts[k], min: gen.minMW, max: gen.maxMW, name: "generator \(k + 1) (bus \(gen.bus))")
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      guard system.linkInModel(link), let limits = Self.dispatchLimits(link), let cost = hvdcCosts[k] else { continue }
      check(cost, min: limits.min, max: limits.max, name: link.name.isEmpty ? "DC line \(k + 1)" : link.name)
    }
    if causes.isEmpty {
      causes.append("generators with unlimited PMAX (or PMIN of −∞) whose costs differ, so that one can always displace another")
    }
    return causes
  }

  /// "branch 7 (4–5)", or "branch NAME" for a named branch, for messages.
  func branchLabel(_ k: Int) -> String {
    let b = system.network.branches[k]
    return b.name.isEmpty ? "branch \(k + 1) (\(b.from)–\(b.to))" : "branch \(b.name)"
  }
}
