/// How ``DCOPFProblem/maximizeTransfer(_:options:)`` chooses among the dispatches that all
/// reach the maximum transfer (the second stage).
public enum TransferTieBreak: String, Sendable, Hashable {
  /// The least cost (the problem's generator costs), with the transfer held at its maximum.
  case cost
  /// The least redispatch from the file's set-points P₀, `Σ (P − P₀)² / (PMAX − PMIN)` over the
  /// generators (a QP): the change is shared pro rata to each unit's range where the network
  /// allows, and the optimum is unique. For a network without costs.
  case leastRedispatch = "least_redispatch"
}

/// The settings of ``DCOPFProblem/maximizeTransfer(_:options:)``.
public struct TransferMaximization: Sendable, Hashable {
  /// Post-contingency limits, as `gridtool contingency` screens them (branch and islanding
  /// outages, HVDC pole and link trips by its ``ContingencyOptions/hvdcRule``, its rating set and limit %);
  /// nil: the intact network only (N-0).
  public var contingencies: ContingencyOptions?
  /// Pieces of each target HVDC link's loss model (``HVDCLossLinearization``).
  public var lossSegments: Int
  /// The second stage.
  public var tieBreak: TransferTieBreak
  /// Enforce every rated AC corridor of the network file as an interface limit (`|Σ sign·f| ≤
  /// rating` in the intact network), as the scenario OPF does.
  public var corridorLimits: Bool
  /// A post-contingency flow more than this above its limit adds a constraint, MW.
  public var toleranceMW: Double
  /// Rounds of constraint generation per stage before giving up.
  public var maxRounds: Int

  /// Options of a transfer study; every parameter is the property of the same name.
  public init(
    contingencies: ContingencyOptions? = nil, lossSegments: Int = 16, tieBreak: TransferTieBreak = .cost,
    corridorLimits: Bool = true, toleranceMW: Double = 1e-3, maxRounds: Int = 50
  ) {
    self.contingencies = contingencies
    self.lossSegments = lossSegments
    self.tieBreak = tieBreak
    self.corridorLimits = corridorLimits
    self.toleranceMW = toleranceMW
    self.maxRounds = maxRounds
  }
}

extension DCOPFProblem {
  /// The largest transfer on a corridor or HVDC link that the network can carry with
  /// redispatch: an LP in two stages (lexicographic).
  ///
  /// 1. maximize `T` = the power the target's HVDC links deliver (`Σ PT`, with `PT` below the
  ///    piecewise-linear loss model of each link) or an AC corridor's sending flow, over the
  ///    generator outputs within [PMIN, PMAX] and the target's own variables (``TransferTarget``),
  ///    subject to the DC network, branch ratings (RATE_A), angle limits, the corridors'
  ///    interface limits and, with ``TransferMaximization/contingencies``, every
  ///    post-contingency limit of the N-1 screen (added by constraint generation, as
  ///    ``DCOPFSequence`` does); other HVDC links and all demand keep their schedules;
  /// 2. with `T ≥ T* − max(10⁻⁶, 10⁻⁹·T*)`, minimize the cost (or the redispatch `Σ |P − P₀|`,
  ///    ``TransferTieBreak``), again N-1 secure.
  ///
  /// The duals of stage 1 say what holds the transfer back (``DCOPFTransferResult/limits``);
  /// the dispatch, flows and prices are those of stage 2.
  /// - Throws: ``DCOPFError/infeasible(violations:)`` when no dispatch meets the limits even
  ///   with no transfer, ``DCOPFError/unbounded(causes:)`` when nothing limits the transfer,
  ///   ``DCOPFError/solverFailed(_:)``.
  public func maximizeTransfer(_ target: TransferTarget, options: TransferMaximization = TransferMaximization())
    throws(DCOPFError) -> DCOPFTransferResult
  {
    let network = system.network
    for k in target.hvdcLinks where !system.linkInModel(network.hvdcLinks[k]) {
      throw .invalidTarget("HVDC link '\(network.hvdcLinks[k].name)' is out of service or outside the model")
    }
    var interfaces = options.corridorLimits ? DCOPFInterfaceLimit.corridors(of: network) : []
    if target.isAC, target.ratingMW > 0, !interfaces.contains(where: { $0.name == target.name }) {
      interfaces.append(DCOPFInterfaceLimit(name: target.name, branches: target.branches, signs: target.signs, limitMW: target.ratingMW))
    }
    let request = TransferRequest(target: target, lossSegments: options.lossSegments, interfaces: interfaces)
    var layout = DCOPFLayout(problem: self, mode: .optimize, transfer: request)
    guard let columns = layout.transfer else { preconditionFailure("the layout has the transfer's columns") }
    let stage2Cost = layout.model.cost, stage2Hessian = layout.model.hessianDiagonal, stage2Offset = layout.model.offset
    let (objective, constant) = columns.transferExpression(layout: layout, system: system)

    // Stage 1: maximize T (minimize −T), an LP.
    layout.model.cost = [Double](repeating: 0, count: layout.model.columnCount)
    layout.model.hessianDiagonal = layout.model.cost
    layout.model.offset = -constant
    for (c, v) in objective { layout.model.cost[c] -= v }
    var cuts = try options.contingencies.map { (options) throws(DCOPFError) in
      ContingencyCuts(
        contingencies: try DCOPFContingencies(system: system, options: options),
        sendingColumns: network.hvdcLinks.indices.map { k in
          target.hvdcLinks.firstIndex(of: k).map { [(columns.sending[$0], 1.0)] } ?? []
        },
        trippedColumns: network.hvdcLinks.map { link in
          network.generators.indices.filter { network.generators[$0].bus == link.from && layout.generatorColumn[$0] >= 0 }
            .map { layout.generatorColumn[$0] }
        })
    }
    // The constant part of each link's sending power: its schedule, 0 for the target's.
    let point = OperatingPoint(base: network)
    let constantSending = network.hvdcLinks.indices.map { k in
      target.hvdcLinks.contains(k) || !system.linkInModel(network.hvdcLinks[k]) ? 0 : network.hvdcLinks[k].transfer(at: point.hvdcSetpointMW[k]).fromMW
    }
    var rounds = 0
    let first = try secureOptimum(
      layout: &layout, cuts: &cuts, constant: constantSending, options: options, rounds: &rounds, stage: "maximizing the transfer")
    let best = -first.objective
    let limits = transferLimits(first, layout: layout, cuts: cuts)

    // Stage 2: the transfer held at its maximum, the least cost or redispatch.
    layout.model.cost = stage2Cost
    layout.model.hessianDiagonal = stage2Hessian
    layout.model.offset = stage2Offset
    if options.tieBreak == .leastRedispatch {
      for (g, c) in layout.generatorColumn.enumerated() where c >= 0 {
        let gen = network.generators[g], p0 = gen.outputMW
        let range = gen.maxMW - gen.minMW
        let w = range.isFinite && range > 0 ? range : max(1, abs(p0))
        layout.model.hessianDiagonal[c] += 2 / w
        layout.model.cost[c] -= 2 * p0 / w
        layout.model.offset += p0 * p0 / w
      }
    }
    // Within HiGHS's feasibility tolerance (1e-7) of the maximum, so that stage 2 stays feasible.
    let floor = best - max(1e-6, 1e-9 * abs(best))
    _ = layout.model.addRow(objective, lower: floor - constant, upper: .infinity)
    let second = try secureOptimum(
      layout: &layout, cuts: &cuts, constant: constantSending, options: options, rounds: &rounds,
      stage: "the least \(options.tieBreak == .cost ? "cost" : "redispatch") at the maximum transfer")

    let x = second.columnValues
    var summary: DCOPFResult.SecuritySummary? = nil
    if let cuts {
      let contingencies = cuts.contingencies
      summary = DCOPFResult.SecuritySummary(
        outagesConsidered: contingencies.enforced.filter { $0 }.count, monitoredBranches: contingencies.monitored.count,
        skippedIslanding: [], skippedSingular: [], rounds: rounds, constraintsAdded: layout.securityRows.count + cuts.tripRows.count,
        rating: contingencies.options.rating)
    }
    var result = DCOPFResult(problem: self, layout: layout, solution: second, security: summary)
    if options.tieBreak == .leastRedispatch {
      // The objective of stage 2 is MW moved, not money: report the costs of the dispatch.
      result.objectivePerHour = result.generatorCostPerHour.reduce(0, +)
    }
    let sent = target.isAC ? best : columns.sending.reduce(0) { $0 + x[$1] }
    var exact = 0.0
    for (j, k) in target.hvdcLinks.enumerated() {
      var link = network.hvdcLinks[k]
      link.inService = true
      exact += columns.losses[j].segments == 1 && columns.losses[j].maxErrorMW == 0 ? x[columns.delivered[j]] : link.transfer(at: x[columns.sending[j]]).toMW
    }
    var redispatch = 0.0
    for (g, gen) in network.generators.enumerated() where gen.inService && layout.generatorColumn[g] >= 0 {
      redispatch += abs(result.flow.generatorMW[g] - gen.outputMW)
    }
    return DCOPFTransferResult(
      target: target, result: result, sentMW: sent, deliveredMW: target.isAC ? best : columns.delivered.reduce(0) { $0 + x[$1] },
      deliveredExactMW: target.isAC ? best : exact, lossModels: columns.losses, scheduledMW: try scheduledTransfer(target),
      limits: limits, tieBreak: options.tieBreak, redispatchMW: redispatch,
      contingencies: options.contingencies, securityRounds: rounds,
      securityConstraints: layout.securityRows.count + (cuts?.tripRows.count ?? 0))
  }

  /// Solves the layout's model and adds the violated post-contingency limits until there are
  /// none: the optimum, N-1 secure when `cuts` is given.
  private func secureOptimum(
    layout: inout DCOPFLayout, cuts: inout ContingencyCuts?, constant: [Double], options: TransferMaximization, rounds: inout Int,
    stage: String
  ) throws(DCOPFError) -> OptimizationSolution {
    let session: HiGHSSession
    var solution: OptimizationSolution
    (session, solution) = try HiGHSSession.started(layout.model)
    var local = 0
    while true {
      switch solution.status {
      case .optimal: break
      case .unbounded, .unboundedOrInfeasible:
        if case .unboundedOrInfeasible = solution.status, !(try relaxationReport()).isEmpty {
          throw .infeasible(violations: try relaxationReport())
        }
        throw .unbounded(causes: ["nothing limits the transfer: give the corridor or its links a rating"])
      case .infeasible:
        let violations = try relaxationReport()
        throw .infeasible(violations: violations.isEmpty ? ["no dispatch meets the post-contingency limits (\(stage))"] : violations)
      case .other(let code):
        throw .solverFailed("HiGHS model status \(code) while \(stage)")
      }
      let first = layout.model.rowCount
      guard let added = cuts?.addViolated(solution.columnValues, layout: &layout, constant: constant, toleranceMW: options.toleranceMW),
        added > 0
      else { return solution }
      rounds += 1
      local += 1
      guard local <= options.maxRounds else {
        throw .solverFailed("N-1 constraint generation still finds violations after \(options.maxRounds) rounds (\(stage))")
      }
      solution = try session.solveAgain(layout.model, addedRowsFrom: first)
    }
  }

  /// The target's transfer at the file's set-points, MW: the schedules of its HVDC links, or
  /// the AC corridor's sending flow in the DC power flow of the file.
  private func scheduledTransfer(_ target: TransferTarget) throws(DCOPFError) -> Double {
    let network = system.network
    guard target.isAC else { return target.hvdcLinks.reduce(0) { $0 + network.hvdcLinks[$1].setpointMW } }
    do {
      let flows = try system.solve().branchFlowMW
      return zip(target.branches, target.signs).reduce(0) { $0 + $1.1 * flows[$1.0] }
    } catch {
      throw .model(error)
    }
  }

  /// What holds the transfer back at the stage-1 optimum: every limit with a non-zero dual, in
  /// MW of transfer per MW of limit, largest first.
  private func transferLimits(_ s: OptimizationSolution, layout: DCOPFLayout, cuts: ContingencyCuts?) -> [DCOPFTransferResult.Limit] {
    let network = system.network
    let y = s.rowDuals, d = s.columnDuals
    var limits: [DCOPFTransferResult.Limit] = []
    func add(_ kind: DCOPFTransferResult.Limit.Kind, _ element: Int, _ value: Double, outage: Int? = nil, name: String) {
      if abs(value) > 1e-6 { limits.append(.init(kind: kind, element: element, outage: outage, name: name, sensitivity: abs(value))) }
    }
    guard let columns = layout.transfer else { return [] }
    for (j, k) in columns.target.hvdcLinks.enumerated() {
      let link = network.hvdcLinks[k]
      add(.hvdcRating, k, d[columns.sending[j]], name: "HVDC \(link.name.isEmpty ? "\(k + 1)" : link.name) rating")
    }
    if columns.corridorRow >= 0 { add(.corridorRating, -1, y[columns.corridorRow], name: "corridor \(columns.target.name) rating") }
    for (row, name) in zip(columns.interfaceRows, columns.interfaceNames) { add(.corridorRating, -1, y[row], name: "corridor \(name) rating") }
    for (k, row) in layout.flowRow.enumerated() where row >= 0 { add(.branchRating, k, y[row], name: "\(branchLabel(k)) RATE_A") }
    for r in layout.securityRows {
      add(.postContingency, r.monitored, y[r.row], outage: r.outage, name: "\(branchLabel(r.monitored)) after the outage of \(branchLabel(r.outage))")
    }
    for trip in cuts?.tripBinding(y) ?? [] {
      let link = network.hvdcLinks[trip.link]
      limits.append(
        .init(
          kind: .hvdcTrip, element: trip.branch, outage: trip.link, name: "\(branchLabel(trip.branch)) after the trip of HVDC \(link.name)",
          sensitivity: trip.shadowPrice))
    }
    for (g, c) in layout.generatorColumn.enumerated() where c >= 0 {
      let gen = network.generators[g]
      let name = "generator \(gen.name.isEmpty ? "\(g + 1) (bus \(gen.bus))" : gen.name)"
      add(d[c] < 0 ? .generatorMax : .generatorMin, g, d[c], name: name + (d[c] < 0 ? " PMAX" : " PMIN"))
    }
    return limits.sorted { ($0.sensitivity, $1.name) > ($1.sensitivity, $0.name) }
  }
}

extension DCOPFProblem {
  /// The problem of a transfer maximization on `system` and its second stage: the file's costs
  /// and the least cost, or, for a network without costs (a native-format file, a MATPOWER case
  /// without `gencost`), no costs and the least redispatch.
  public static func transferProblem(system: DCSystem) throws(DCOPFError) -> (problem: DCOPFProblem, tieBreak: TransferTieBreak) {
    do {
      return (try DCOPFProblem(system: system), .cost)
    } catch .missingCosts {
      let none = [GeneratorCost](repeating: .zero, count: system.network.generators.count)
      return (try DCOPFProblem(system: system, generatorCosts: none), .leastRedispatch)
    }
  }
}

extension TransferTarget {
  /// `corridor:NAME`, `hvdc:NAME`, or a bare NAME (a corridor, else an HVDC link).
  public static func parse(_ text: String, in network: Network) throws(DCOPFError) -> TransferTarget {
    if text.hasPrefix("corridor:") { return try corridor(String(text.dropFirst(9)), in: network) }
    if text.hasPrefix("hvdc:") { return try hvdc(String(text.dropFirst(5)), in: network) }
    if network.groups(ofKind: .corridor).contains(where: { $0.name == text }) { return try corridor(text, in: network) }
    return try hvdc(text, in: network)
  }
}
