/// The solution of a ``DCOPFProblem``, in input order and engineering units, with MATPOWER's
/// multipliers: the bus LMP (λ of the balance), the flow-limit prices μ_Sf and μ_St, and the
/// generator bound prices μ_PMAX and μ_PMIN, all in $/MWh and ≥ 0 (the LMP may be any sign).
public struct DCOPFResult: Sendable {
  /// Angles, flows, dispatch and HVDC transfers, in the form of a power flow (its `slackMW`
  /// are 0: no generator takes up a balance in an OPF). Feed it to ``FlowReport``.
  public var flow: DCFlowResult
  /// Total cost, $/h, constant terms included (MATPOWER's `f`).
  public var objectivePerHour: Double
  /// Cost of each generator at its dispatch, $/h; 0 when out of service.
  public var generatorCostPerHour: [Double]
  /// Locational marginal price of each bus, $/MWh: the change of the total cost per MW of
  /// demand added at the bus. nil for isolated (type 4) buses.
  public var lmpPerMWh: [Double?]
  /// Price of each generator's upper limit (μ_PMAX), $/MWh (0 when not binding or out of service).
  public var muPMaxPerMWh: [Double]
  /// Price of each generator's lower limit (μ_PMIN), $/MWh (0 when not binding or out of service).
  public var muPMinPerMWh: [Double]
  /// Price of each branch's flow limit in the from → to direction (μ_Sf), $/MWh; 0 for
  /// unlimited branches.
  public var muFromPerMWh: [Double]
  /// Price of each branch's flow limit in the to → from direction (μ_St), $/MWh; 0 for
  /// unlimited branches.
  public var muToPerMWh: [Double]
  /// Price of each HVDC link's lower power limit, $/MWh (MATPOWER's `dcline` MU_PMIN: the
  /// limit on PF and, for a negative PMIN, on PT together); 0 for links the OPF does not dispatch.
  public var hvdcMuPMinPerMWh: [Double]
  /// Price of each HVDC link's upper power limit, $/MWh (MATPOWER's `dcline` MU_PMAX); 0 for
  /// links the OPF does not dispatch.
  public var hvdcMuPMaxPerMWh: [Double]
  /// Constraints whose price is not zero, largest first.
  public var binding: [BindingConstraint]
  /// How HiGHS solved it.
  public var solver: SolverSummary
  /// The N-1 constraint generation, when the problem was solved with security.
  public var security: SecuritySummary?
  /// Post-contingency limits that used their priced overload (``N1Security/overloadPricePerMWh``),
  /// largest overload first; empty when the limits are hard or none needed it.
  public var overloads: [PostContingencyOverload] = []
  /// Demand shed at each bus (input order), MW (``DCOPFProblem/loadSheddingPricePerMWh``); all 0 without it.
  public var loadShedMW: [Double] = []
  /// The value of lost load the problem was solved with, $/MWh; nil: no demand could be shed.
  public var loadSheddingPricePerMWh: Double? = nil
  /// Cost of the shed demand and of the post-contingency overloads, $/h (in ``objectivePerHour``).
  public var penaltyCostPerHour = 0.0

  /// A post-contingency flow above its limit, paid for at the overload price.
  public struct PostContingencyOverload: Sendable, Hashable {
    /// 0-based input position of the monitored branch.
    public var branch: Int
    /// 0-based input position of the outaged branch.
    public var outage: Int
    /// The post-contingency limit, MW.
    public var limitMW: Double
    /// The flow after the outage, MW (signed, at the from end).
    public var flowMW: Double
    /// The flow above the limit, MW.
    public var overloadMW: Double
  }

  /// A limit that holds the dispatch back.
  public struct BindingConstraint: Sendable, Hashable {
    /// Which limit it is; the raw value is the `kind` of the JSON's `binding` section.
    public enum Kind: String, Sendable, Hashable {
      /// RATE_A of a branch in the from → to direction, or in the to → from direction.
      case branchFlowFrom = "branch_flow_from", branchFlowTo = "branch_flow_to"
      /// ANGMAX or ANGMIN of a branch.
      case angleDifferenceMax = "angle_difference_max", angleDifferenceMin = "angle_difference_min"
      /// PMAX or PMIN of a generator.
      case generatorPMax = "generator_pmax", generatorPMin = "generator_pmin"
      /// The upper and lower limit of the power PF sent into a DC line (or of PT for negative limits).
      case hvdcMax = "hvdc_pmax", hvdcMin = "hvdc_pmin"
      /// RATE_A of a branch after the outage of another (``outage``), in either direction.
      case postContingencyFlowFrom = "post_contingency_flow_from", postContingencyFlowTo = "post_contingency_flow_to"
      /// The post-contingency limit of a branch after an HVDC pole or link trip (``trip``), in
      /// either direction (``N1Security/hvdcTrips``).
      case postContingencyHVDCTripFrom = "post_contingency_hvdc_trip_from"
      /// The same in the to → from direction.
      case postContingencyHVDCTripTo = "post_contingency_hvdc_trip_to"
    }
    /// Which limit it is.
    public var kind: Kind
    /// 0-based input position of the branch, generator or HVDC link.
    public var element: Int
    /// For a post-contingency limit: the 0-based input position of the outaged branch.
    public var outage: Int? = nil
    /// For an HVDC-trip limit: the trip (``Contingency/hvdcPole(_:)`` or ``Contingency/hvdcLink(_:)``).
    public var trip: Contingency? = nil
    /// The limit, MW (degrees for angles).
    public var limit: Double
    /// The value reached at the optimum, in the limit's unit.
    public var value: Double
    /// Change of the total cost per unit of relaxation: $/MWh, or $/h per degree for angles.
    public var shadowPrice: Double
  }

  /// What preventive N-1 constraint generation did.
  public struct SecuritySummary: Sendable, Hashable {
    /// Branch outages screened.
    public var outagesConsidered: Int
    /// Rated branches monitored after each outage.
    public var monitoredBranches: Int
    /// Outages left out because they split an island (bridges), 0-based branches.
    public var skippedIslanding: [Int]
    /// Outages left out because they leave a singular network, 0-based branches.
    public var skippedSingular: [Int]
    /// Islanding outages secured (``N1Security/islandingOutages``), 0-based branches.
    public var securedIslanding: [Int] = []
    /// The skipped islanding outages after which, at the optimal dispatch, a monitored branch
    /// is above its post-contingency rating by the N-1 screen's rule for them (what `gridtool
    /// contingency` reports on the dispatched case), worst first; empty when none is, or
    /// when load was shed (the screen would not see the same demand).
    public var skippedIslandingOverloads: [IslandingOverload] = []
    /// Rounds of adding constraints.
    public var rounds: Int
    /// Post-contingency limits added in all.
    public var constraintsAdded: Int
    /// The post-contingency rating (RATE_A, B or C; 0 falls back to RATE_A).
    public var rating: RatingSet = .a
    /// Price of a MW of post-contingency overload, $/MWh; nil when the limits are hard.
    public var overloadPricePerMWh: Double? = nil
    /// The rule of the HVDC trips secured; nil when none were (``N1Security/hvdcTrips`` off,
    /// or no HVDC link in the model with a non-zero set-point).
    public var hvdcRule: HVDCOutageRule? = nil
    /// HVDC pole and link trips secured.
    public var hvdcTripsConsidered = 0
    /// HVDC links (0-based) whose trips are not secured: their receiving end is inside the model.
    public var hvdcTripsSkipped: [Int] = []
    /// Post-trip limits added (included in ``constraintsAdded``).
    public var hvdcTripConstraints = 0
  }

  /// A skipped islanding outage that overloads a monitored branch at the dispatch.
  public struct IslandingOverload: Sendable, Hashable {
    /// The outaged branch, 0-based.
    public var outage: Int
    /// Its most loaded monitored branch, 0-based.
    public var branch: Int
    /// The branch's post-contingency flow, MW.
    public var flowMW: Double
    /// The branch's post-contingency loading, % of its post-contingency rating.
    public var loadingPct: Double
  }

  /// What solved the problem.
  public struct SolverSummary: Sendable, Hashable {
    /// e.g. "HiGHS 1.15.1".
    public var name: String
    /// "LP" or "QP" (some cost is quadratic).
    public var problemClass: String
    /// Iterations the solver reported: simplex, interior-point and QP together.
    public var iterations: Int
    /// Variables of the problem passed to the solver.
    public var columns: Int
    /// Constraints of the problem passed to the solver.
    public var rows: Int
  }

  init(problem: DCOPFProblem, layout: DCOPFLayout, solution: OptimizationSolution, security: SecuritySummary? = nil) {
    let system = problem.system, network = system.network, base = system.baseMVA
    let x = solution.columnValues, d = solution.columnDuals, y = solution.rowDuals
    let theta = Array(x.prefix(layout.busCount))
    let gens = network.generators

    var generatorMW = [Double](repeating: 0, count: gens.count)
    var cost = generatorMW, muMax = generatorMW, muMin = generatorMW
    var binding: [BindingConstraint] = []
    for k in gens.indices where layout.generatorColumn[k] >= 0 {
      let c = layout.generatorColumn[k]
      generatorMW[k] = x[c]
      cost[k] = problem.generatorCosts[k].costPerHour(atMW: x[c])
      // The reduced cost is c'(P) − λ: negative at PMAX, positive at PMIN.
      muMax[k] = max(0, -d[c])
      muMin[k] = max(0, d[c])
      if muMax[k] > 0 { binding.append(.init(kind: .generatorPMax, element: k, limit: gens[k].maxMW, value: x[c], shadowPrice: muMax[k])) }
      if muMin[k] > 0 { binding.append(.init(kind: .generatorPMin, element: k, limit: gens[k].minMW, value: x[c], shadowPrice: muMin[k])) }
    }

    let fixed = layout.fixedInjectionMW
    var hvdc = [HVDCTransfer](repeating: HVDCTransfer(fromMW: 0, toMW: 0), count: network.hvdcLinks.count)
    var hvdcMuMin = [Double](repeating: 0, count: network.hvdcLinks.count), hvdcMuMax = hvdcMuMin
    let point = OperatingPoint(base: network)
    for (k, link) in network.hvdcLinks.enumerated() where system.linkInModel(link) {
      let pf = layout.hvdcFromColumn[k], pt = layout.hvdcToColumn[k]
      guard pf >= 0 else {
        hvdc[k] = link.transfer(at: point.hvdcSetpointMW[k])
        continue
      }
      hvdc[k] = HVDCTransfer(fromMW: x[pf], toMW: x[pt])
      // A limit on PF (or, when negative, on PT) binds with the sign of its reduced cost.
      for column in [pf, pt] where d[column] != 0 {
        let atUpper = d[column] < 0
        if atUpper { hvdcMuMax[k] += -d[column] } else { hvdcMuMin[k] += d[column] }
        let limit = atUpper ? layout.model.columnUpper[column] : layout.model.columnLower[column]
        binding.append(.init(kind: atUpper ? .hvdcMax : .hvdcMin, element: k, limit: limit, value: x[column], shadowPrice: abs(d[column])))
      }
    }

    var angles = [Double?](repeating: nil, count: network.buses.count)
    var lmp = [Double?](repeating: nil, count: network.buses.count)
    var injection = [Double](repeating: 0, count: network.buses.count)
    for i in 0..<layout.busCount {
      let p = system.busPositions[i]
      angles[p] = theta[i] * 180 / .pi
      lmp[p] = y[i]
      injection[p] = fixed[i]
    }
    for r in layout.referenceBuses { angles[system.busPositions[r]] = network.buses[system.busPositions[r]].angleDeg }
    for k in gens.indices where layout.generatorColumn[k] >= 0 { injection[system.busPositions[system.internalBus(of: gens[k].bus)]] += generatorMW[k] }
    for (k, link) in network.hvdcLinks.enumerated() where layout.hvdcFromColumn[k] >= 0 {
      if let p = system.position(ofBus: link.from) { injection[p] -= hvdc[k].fromMW }
      if let to = link.to, let p = system.position(ofBus: to) { injection[p] += hvdc[k].toMW }
    }
    if let t = layout.transfer, t.export >= 0 {
      // The AC export of a transfer maximization leaves at the receiving buses, equal shares.
      for p in t.target.receivingBuses { injection[p] -= x[t.export] / Double(t.target.receivingBuses.count) }
    }
    var shed = [Double](repeating: 0, count: network.buses.count)
    var penalty = 0.0
    for (i, c) in layout.shedColumn.enumerated() where c >= 0 && x[c] > 0 {
      let p = system.busPositions[i]
      shed[p] = x[c]
      injection[p] += x[c]
      penalty += layout.model.cost[c] * x[c]
    }

    let branches = network.branches
    var flows = [Double](repeating: 0, count: branches.count)
    var muFrom = flows, muTo = flows
    for k in branches.indices {
      let f = system.branchFrom[k], t = system.branchTo[k]
      guard f >= 0, t >= 0 else { continue }
      flows[k] = base * (system.branchSusceptance[k] * (theta[f] - theta[t]) + system.branchShiftInjection[k])
      if layout.flowRow[k] >= 0 {
        let dual = y[layout.flowRow[k]]
        // ∂cost/∂(upper bound) ≤ 0 at the from → to limit; ∂cost/∂(lower bound) ≥ 0 at the other.
        muFrom[k] = max(0, -dual)
        muTo[k] = max(0, dual)
        let rate = branches[k].ratingMW
        if muFrom[k] > 0 { binding.append(.init(kind: .branchFlowFrom, element: k, limit: rate, value: flows[k], shadowPrice: muFrom[k])) }
        if muTo[k] > 0 { binding.append(.init(kind: .branchFlowTo, element: k, limit: rate, value: -flows[k], shadowPrice: muTo[k])) }
      }
      if layout.angleRow[k] >= 0, y[layout.angleRow[k]] != 0 {
        let dual = y[layout.angleRow[k]], atMax = dual < 0
        let difference = (theta[f] - theta[t]) * 180 / .pi
        binding.append(
          .init(
            kind: atMax ? .angleDifferenceMax : .angleDifferenceMin, element: k,
            limit: atMax ? branches[k].maxAngleDiffDeg : branches[k].minAngleDiffDeg, value: difference,
            shadowPrice: abs(dual) * .pi / 180))
      }
    }
    var softSlack: [Int: (up: Int, down: Int)] = [:]
    for slack in layout.slacks { softSlack[slack.row] = (slack.up, slack.down) }
    var overloads: [PostContingencyOverload] = []
    for s in layout.securityRows {
      let dual = y[s.row], post = flows[s.monitored] + s.factor * flows[s.outage], rate = s.limitMW
      if let (up, down) = softSlack[s.row] {
        let excess = x[up] + x[down]
        penalty += layout.model.cost[up] * x[up] + layout.model.cost[down] * x[down]
        if excess > 1e-6 {
          overloads.append(.init(branch: s.monitored, outage: s.outage, limitMW: rate, flowMW: post, overloadMW: excess))
        }
      }
      if dual < 0 {
        binding.append(.init(kind: .postContingencyFlowFrom, element: s.monitored, outage: s.outage, limit: rate, value: post, shadowPrice: -dual))
      } else if dual > 0 {
        binding.append(.init(kind: .postContingencyFlowTo, element: s.monitored, outage: s.outage, limit: rate, value: -post, shadowPrice: dual))
      }
    }
    // Prices below HiGHS's dual tolerance (1e-7) are round-off, not binding limits.
    binding = binding.filter { $0.shadowPrice > 1e-6 }.sorted { $0.shadowPrice > $1.shadowPrice }

    flow = DCFlowResult(
      angleDeg: angles, branchFlowMW: flows, generatorMW: generatorMW, hvdc: hvdc, busInjectionMW: injection,
      slackMW: [Double](repeating: 0, count: system.islands.count))
    objectivePerHour = solution.objective
    generatorCostPerHour = cost
    lmpPerMWh = lmp
    muPMaxPerMWh = muMax
    muPMinPerMWh = muMin
    muFromPerMWh = muFrom
    muToPerMWh = muTo
    hvdcMuPMinPerMWh = hvdcMuMin
    hvdcMuPMaxPerMWh = hvdcMuMax
    self.binding = binding
    self.security = security
    self.overloads = overloads.sorted { ($0.overloadMW, $1.branch) > ($1.overloadMW, $0.branch) }
    loadShedMW = shed
    loadSheddingPricePerMWh = problem.loadSheddingPricePerMWh
    penaltyCostPerHour = penalty
    solver = SolverSummary(
      name: "HiGHS \(HiGHS.version)", problemClass: layout.model.hessianDiagonal.contains { $0 != 0 } ? "QP" : "LP",
      iterations: solution.iterations, columns: layout.model.columnCount, rows: layout.model.rowCount)
  }
}
