/// The LP/QP of a ``DCOPFProblem`` and where each element sits in it: column of each angle,
/// generator and DC line, row of each balance, flow limit and angle limit.
///
/// In `.feasibility` mode the costs are dropped and every balance, flow-limit and angle-limit
/// row gets two non-negative slack columns (1 per MW of overload, base MVA per radian of angle,
/// 1000 per MW of demand not served), so the problem is always feasible and its optimum is the
/// cheapest relaxation; that names what cannot be met.
struct DCOPFLayout {
  enum Mode { case optimize, feasibility }

  var model = OptimizationModel()
  /// Column of each internal bus's angle (rad): column i is bus i.
  let busCount: Int
  /// Per input generator / HVDC link / branch; −1 when not in the problem.
  var generatorColumn: [Int]
  var generatorCostColumn: [Int]
  var hvdcFromColumn: [Int]
  var hvdcToColumn: [Int]
  var hvdcCostColumn: [Int]
  var hvdcRow: [Int]
  var flowRow: [Int]
  var angleRow: [Int]
  // The balance row of internal bus i is row i.
  /// Slack columns (feasibility mode) of each relaxed row: (row, column adding, column removing).
  var slacks: [(row: Int, up: Int, down: Int)] = []
  /// Post-contingency flow limits added so far (preventive N-1).
  var securityRows: [SecurityRow] = []
  /// Column of each internal bus's shed demand (−1: none), when the problem prices load
  /// shedding (``DCOPFProblem/loadSheddingPricePerMWh``).
  var shedColumn: [Int] = []
  /// The columns and rows of a transfer maximization (``DCOPFProblem/maximizeTransfer(_:options:)``).
  var transfer: TransferColumns?
  /// Cost of a MW of unserved demand (or surplus) in feasibility mode; limits cost 1 per MW.
  static let balanceSlackWeight = 1000.0
  /// Fixed injection per internal bus, MW: −PD − GS − loads ± scheduled HVDC.
  let fixedInjectionMW: [Double]
  /// Internal buses whose angle is fixed: each island's references (first bus where it has none).
  let referenceBuses: [Int]

  /// The model of `problem`; with `transfer`, also the columns and rows of a transfer
  /// maximization (the target's links leave the fixed injections).
  ///
  /// With `lazyFlowLimits` the RATE_A rows are left out, to be added by ``addFlowLimitRows(violatedAt:system:toleranceMW:)``
  /// as the solutions break them (optimize mode only).
  init(problem: DCOPFProblem, mode: Mode, transfer request: TransferRequest? = nil, lazyFlowLimits: Bool = false) {
    let system = problem.system, network = system.network, base = system.baseMVA
    let n = system.internalBusCount
    busCount = n
    let feasibility = mode == .feasibility
    fixedInjectionMW = DCOPFLayout.fixedInjections(system, dispatched: Set(request?.target.hvdcLinks ?? []))

    // Angles: free, but one (or each REF) bus per island fixed at the case's angle.
    var fixed = [Double?](repeating: nil, count: n)
    var references: [Int] = []
    for island in system.islands {
      for r in island.isSolvable ? island.referenceBuses : Array(island.buses.prefix(1)) {
        fixed[r] = network.buses[system.busPositions[r]].angleDeg * .pi / 180
        references.append(r)
      }
    }
    referenceBuses = references
    for i in 0..<n {
      _ = model.addColumn(cost: 0, lower: fixed[i] ?? -.infinity, upper: fixed[i] ?? .infinity)
    }

    // Generators, their costs, and the generators of each bus.
    let gens = network.generators
    generatorColumn = [Int](repeating: -1, count: gens.count)
    generatorCostColumn = generatorColumn
    var atBus = [[(column: Int, value: Double)]](repeating: [], count: n)
    var pwlRows: [(column: Int, costColumn: Int, cost: GeneratorCost)] = []
    for k in gens.indices where gens[k].inService {
      let i = system.internalBus(of: gens[k].bus)
      guard i >= 0 else { continue }
      let cost = problem.generatorCosts[k]
      let (quadratic, linear, constant) = feasibility ? (0, 0, 0) : cost.quadraticLinearConstant ?? (0, 0, 0)
      let c = model.addColumn(cost: linear, lower: gens[k].minMW, upper: gens[k].maxMW, quadratic: 2 * quadratic)
      model.offset += constant
      generatorColumn[k] = c
      atBus[i].append((c, 1))
      if !feasibility, case .piecewiseLinear = cost {
        generatorCostColumn[k] = model.addColumn(cost: 1, lower: -.infinity, upper: .infinity)
        pwlRows.append((c, generatorCostColumn[k], cost))
      }
    }

    // Dispatchable DC lines: PF drawn at the from bus, PT injected at the to bus.
    let links = network.hvdcLinks
    hvdcFromColumn = [Int](repeating: -1, count: links.count)
    hvdcToColumn = hvdcFromColumn
    hvdcCostColumn = hvdcFromColumn
    hvdcRow = hvdcFromColumn
    var lossRows: [(k: Int, from: Int, to: Int, loss0: Double, loss1: Double)] = []
    for k in links.indices {
      guard system.linkInModel(links[k]), let limits = DCOPFProblem.dispatchLimits(links[k]), let toID = links[k].to,
        case .matpower(let loss0, let loss1) = links[k].losses
      else { continue }
      // toggle_dcline's bounds: a non-negative PMIN/PMAX limits PF, a negative one PT.
      let pf = model.addColumn(
        cost: 0, lower: limits.min >= 0 ? limits.min : -.infinity, upper: limits.max >= 0 ? limits.max : .infinity)
      let pt = model.addColumn(
        cost: 0, lower: limits.min < 0 ? limits.min : -.infinity, upper: limits.max < 0 ? limits.max : .infinity)
      hvdcFromColumn[k] = pf
      hvdcToColumn[k] = pt
      atBus[system.internalBus(of: links[k].from)].append((pf, -1))
      atBus[system.internalBus(of: toID)].append((pt, 1))
      lossRows.append((k, pf, pt, loss0, loss1))
      if !feasibility, let cost = problem.hvdcCosts[k] {
        if let (a, b, c) = cost.quadraticLinearConstant {
          model.cost[pf] = b
          model.hessianDiagonal[pf] = 2 * a
          model.offset += c
        } else {
          hvdcCostColumn[k] = model.addColumn(cost: 1, lower: -.infinity, upper: .infinity)
          pwlRows.append((pf, hvdcCostColumn[k], cost))
        }
      }
    }

    let branches = network.branches
    flowRow = [Int](repeating: -1, count: branches.count)
    angleRow = flowRow

    if let request { addTransferColumns(request, system: system, atBus: &atBus) }

    // Shed demand: injected at its bus, up to the bus's demand, at the value of lost load.
    shedColumn = [Int](repeating: -1, count: n)
    if !feasibility, let price = problem.loadSheddingPricePerMWh {
      let demand = DCOPFLayout.sheddableDemandMW(system)
      for i in 0..<n where demand[i] > 0 {
        shedColumn[i] = model.addColumn(cost: price, lower: 0, upper: demand[i])
        atBus[i].append((shedColumn[i], 1))
      }
    }

    // Balance rows, one per internal bus: B is symmetric, so column i of B is row i.
    let b = system.busSusceptance
    for i in 0..<n {
      var entries = atBus[i]
      for p in b.columnStarts[i]..<b.columnStarts[i + 1] { entries.append((b.rowIndices[p], -base * b.values[p])) }
      let rhs = base * system.busShiftInjection[i] - fixedInjectionMW[i]
      // Unserved demand costs more than an overload, so that a relaxation names the limits
      // that stand in the way before it drops demand.
      addRow(entries, lower: rhs, upper: rhs, relaxed: feasibility, weight: Self.balanceSlackWeight)
    }

    // Flow limits and angle-difference limits of in-service branches.
    for k in branches.indices where branches[k].inService {
      let f = system.branchFrom[k], t = system.branchTo[k]
      guard f >= 0, t >= 0 else { continue }
      if let rate = DCOPFProblem.flowLimit(branches[k]), feasibility || !lazyFlowLimits {
        let bk = base * system.branchSusceptance[k], shift = base * system.branchShiftInjection[k]
        flowRow[k] = addRow([(f, bk), (t, -bk)], lower: -rate - shift, upper: rate - shift, relaxed: feasibility)
      }
      if let (low, high) = DCOPFProblem.angleLimits(branches[k]) {
        // Per radian, scaled to MW on the system base (1 p.u. of b·Δθ).
        angleRow[k] = addRow([(f, 1), (t, -1)], lower: low, upper: high, relaxed: feasibility, weight: base)
      }
    }

    // DC line losses: PT = PF − (LOSS0 + LOSS1·PF).
    for row in lossRows {
      hvdcRow[row.k] = model.addRow([(row.to, 1), (row.from, -(1 - row.loss1))], lower: -row.loss0, upper: -row.loss0)
    }

    // Piecewise-linear costs (MATPOWER's constrained cost variable): y ≥ mⱼ·(P − xⱼ) + cⱼ.
    for pwl in pwlRows {
      guard case .piecewiseLinear(let points) = pwl.cost else { continue }
      for (j, slope) in pwl.cost.segmentSlopes.enumerated() {
        _ = model.addRow(
          [(pwl.column, slope), (pwl.costColumn, -1)], lower: -.infinity, upper: slope * points[j].mw - points[j].costPerHour)
      }
    }
    if let request { addTransferRows(request, system: system) }
  }

  /// Adds `−L ≤ f_l + factor·f_k ≤ L`, the flow of branch l after the outage of branch k
  /// (l may be k: the remaining circuits of a branch that lost one), with
  /// `f = base·(b·(θf − θt) + Pfinj)`, and records it in `securityRows`. With `slackCost` the
  /// limit is soft: two columns σ⁺, σ⁻ ≥ 0 costing `slackCost` per MW widen it,
  /// `−L ≤ f_l + factor·f_k − σ⁺ + σ⁻ ≤ L` (a priced overload, or the feasibility relaxation).
  @discardableResult
  mutating func addSecurityRow(
    monitored l: Int, outage k: Int, factor: Double, limitMW: Double, system: DCSystem, slackCost: Double? = nil
  ) -> Int {
    let base = system.baseMVA
    let bl = base * system.branchSusceptance[l], bk = factor * base * system.branchSusceptance[k]
    let shift = base * (system.branchShiftInjection[l] + factor * system.branchShiftInjection[k])
    // A column may appear twice (the branches share a bus, or l = k): HiGHS wants each once.
    var merged: [(column: Int, value: Double)] = []
    for e in [(system.branchFrom[l], bl), (system.branchTo[l], -bl), (system.branchFrom[k], bk), (system.branchTo[k], -bk)] {
      if let i = merged.firstIndex(where: { $0.column == e.0 }) { merged[i].value += e.1 } else { merged.append((e.0, e.1)) }
    }
    let row = addRow(merged, lower: -limitMW - shift, upper: limitMW - shift, relaxed: slackCost != nil, weight: slackCost ?? 1)
    securityRows.append(SecurityRow(row: row, monitored: l, outage: k, factor: factor, limitMW: limitMW))
    return row
  }

  /// Lazy flow limits: when the flow of some rated branch without a RATE_A row is above its
  /// rating at `x` by more than `toleranceMW`, adds the rows of every such branch loaded above
  /// `(1 − margin)` of its rating (a branch close to its limit now is likely to pass it after the
  /// next solve, and each round costs a factorization: case9241pegase 3 rounds → 2 with 5 %).
  /// Returns how many rows it added; 0 when no limit is broken.
  mutating func addFlowLimitRows(violatedAt x: [Double], system: DCSystem, toleranceMW: Double, margin: Double = 0.05) -> Int {
    let base = system.baseMVA, branches = system.network.branches
    let flows = flowsMW(x, system: system)
    var near: [(branch: Int, rate: Double)] = []
    var broken = false
    for k in branches.indices where flowRow[k] < 0 && system.branchFrom[k] >= 0 && system.branchTo[k] >= 0 {
      guard let rate = DCOPFProblem.flowLimit(branches[k]), abs(flows[k]) > rate * (1 - margin) else { continue }
      near.append((k, rate))
      if abs(flows[k]) > rate + toleranceMW { broken = true }
    }
    guard broken else { return 0 }
    for (k, rate) in near {
      let bk = base * system.branchSusceptance[k], shift = base * system.branchShiftInjection[k]
      flowRow[k] = model.addRow(
        [(system.branchFrom[k], bk), (system.branchTo[k], -bk)], lower: -rate - shift, upper: rate - shift)
    }
    return near.count
  }

  /// From-end flow of every input branch at the angles in `x`, MW (0 outside the model).
  func flowsMW(_ x: [Double], system: DCSystem) -> [Double] {
    let base = system.baseMVA
    return system.network.branches.indices.map { k in
      let f = system.branchFrom[k], t = system.branchTo[k]
      guard f >= 0, t >= 0 else { return 0 }
      return base * (system.branchSusceptance[k] * (x[f] - x[t]) + system.branchShiftInjection[k])
    }
  }

  /// Adds a row; in feasibility mode with two slack columns (+1 and −1) costing `weight` each.
  @discardableResult
  private mutating func addRow(
    _ entries: [(column: Int, value: Double)], lower: Double, upper: Double, relaxed: Bool, weight: Double = 1
  ) -> Int {
    guard relaxed else { return model.addRow(entries, lower: lower, upper: upper) }
    let up = model.addColumn(cost: weight, lower: 0, upper: .infinity)
    let down = model.addColumn(cost: weight, lower: 0, upper: .infinity)
    let row = model.addRow(entries + [(up, 1), (down, -1)], lower: lower, upper: upper)
    slacks.append((row, up, down))
    return row
  }

  /// Demand of each internal bus that load shedding may cut, MW: PD plus the in-service named
  /// loads, when positive (GS, a shunt, and HVDC schedules are not shed).
  static func sheddableDemandMW(_ system: DCSystem) -> [Double] {
    let network = system.network
    var demand = system.busPositions.map { network.buses[$0].loadMW }
    for load in network.loads where load.inService {
      let i = system.internalBus(of: load.bus)
      if i >= 0 { demand[i] += load.demandMW }
    }
    return demand.map { max(0, $0) }
  }

  /// Injection per internal bus that the OPF does not choose, MW: −PD − GS − named loads, and
  /// the scheduled transfers of HVDC links it does not dispatch.
  /// Links in `dispatched` are decided by the OPF (a transfer maximization's target).
  static func fixedInjections(_ system: DCSystem, dispatched: Set<Int> = []) -> [Double] {
    let network = system.network
    let point = OperatingPoint(base: network)
    let transfers = network.hvdcLinks.enumerated().map { k, link -> HVDCTransfer in
      guard system.linkInModel(link), DCOPFProblem.dispatchLimits(link) == nil, !dispatched.contains(k) else {
        return HVDCTransfer(fromMW: 0, toMW: 0)
      }
      return link.transfer(at: point.hvdcSetpointMW[k])
    }
    return system.injectionsMW(point, hvdc: transfers, generatorMW: [Double](repeating: 0, count: network.generators.count))
  }
}

/// A post-contingency flow limit in the model: its row, the monitored branch l, the outaged
/// branch k (input positions), the outage factor F(l, k) (LODF) and the limit L, MW.
struct SecurityRow: Sendable {
  var row: Int
  var monitored: Int
  var outage: Int
  var factor: Double
  var limitMW: Double
}
