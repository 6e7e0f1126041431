/// The post-contingency limits of one network that a ``DCOPFSequence`` enforces: for every
/// monitored branch l and every contingency c whose effect is linear in the base-case flows,
///
///     −L_l(c) ≤ f_l + F(l, c)·f_k(c) ≤ L_l(c)
///
/// with f the base-case from-end flows (MW), k(c) the branch the contingency trips, F the
/// outage factor of `gridtool contingency` (docs/sensitivity.md) and L the post-contingency
/// rating × ``ContingencyOptions/limitPct``. The contingencies and ratings are exactly those of
/// the N-1 screen with the same ``ContingencyOptions``:
/// - a branch outage (all circuits; one circuit with ``ContingencyOptions/perCircuit``, the
///   remaining circuits then monitored against their share of the rating): F is the LODF;
/// - an islanding outage (a bridge): the power the cut-off part exchanged over the bridge is
///   taken up by the surviving reference, `F = −sign·PTDF(l, s→ref)`; branches inside the
///   cut-off part are not monitored.
///
/// HVDC pole and link trips of links whose receiving end is outside the model are kept apart
/// (`hvdcTrip`): their effect depends on the sending power and, under the curtail rule, on
/// the sending end's dispatch (which generation trips), not on the flows alone; `ContingencyCuts`
/// enforces them given how the sending power depends on the dispatch (``DCOPFHVDCTrips``).
/// Trips of links that end inside the model are not enforced; the N-1 screen still checks them.
///
/// Built once per topology (one set of factors from the topology's factored ``DCSystem``)
/// and shared, read-only, by every sequence on that topology.
public struct DCOPFContingencies: Sendable {
  /// The contingency settings (contingency list, monitored branches, rating set, limit %).
  public let options: ContingencyOptions
  let kernel: OutageKernel
  let blocks: [OutageKernel.FactorBlock]
  /// Per monitored row: its post-contingency limit, MW (rating × limit %).
  let limitMW: [Double]
  /// Per contingency: whether the sequence enforces it (branch and islanding outages with factors).
  let enforced: [Bool]
  /// Per contingency: the HVDC link it trips and the share of its sending power lost (a pole:
  /// 1/poles), for HVDC trips of links whose receiving end is outside the model; nil otherwise.
  let hvdcTrip: [(link: Int, fraction: Double)?]

  /// The factors of every contingency of `options` on `system`.
  /// - Throws: ``DCOPFError/solverFailed(_:)`` when a listed branch or link is unknown or a
  ///   sensitivity solve fails.
  public init(system: DCSystem, options: ContingencyOptions = ContingencyOptions()) throws(DCOPFError) {
    self.options = options
    do throws(SensitivityError) {
      let sensitivity = DCSensitivity(system)
      let plan = try ContingencyAnalysis.Plan(sensitivity, options: options)
      let kernel = try OutageKernel(
        sensitivity: sensitivity, rows: plan.monitored, contingencies: plan.contingencies, hvdcRule: options.hvdcRule)
      var blocks: [OutageKernel.FactorBlock] = []
      for range in kernel.blockRanges() { blocks.append(try kernel.factorBlock(range)) }
      self.kernel = kernel
      self.blocks = blocks
      limitMW = plan.monitored.map { plan.postRating[$0] * options.limitPct / 100 }
      var enforced = [Bool](repeating: false, count: plan.contingencies.count)
      for block in blocks {
        for c in block.range where !block.singular[c - block.range.lowerBound] {
          switch kernel.effects[c].kind {
          case .branch: enforced[c] = kernel.effects[c].driver != nil
          case .islanding(let topology): enforced[c] = kernel.effects[c].driver != nil && topology.blockedLinks.isEmpty
          case .inactive, .hvdc, .generator: enforced[c] = false
          }
        }
      }
      self.enforced = enforced
      let network = system.network
      hvdcTrip = kernel.effects.map { effect in
        guard case .hvdc(let q, let pole) = effect.kind, network.hvdcLinks[q].to == nil else { return nil }
        var fraction = 1.0
        if pole, case .physical(let d) = network.hvdcLinks[q].losses, d.poles >= 2 { fraction = 1 / Double(d.poles) }
        return (q, fraction)
      }
    } catch {
      throw .solverFailed("post-contingency factors: \(error)")
    }
  }

  /// The contingencies, in the N-1 screen's order.
  public var contingencies: [Contingency] { kernel.contingencies }
  /// Monitored branches (input positions).
  public var monitored: [Int] { kernel.rows }

  /// A post-contingency limit exceeded at some base-case flows.
  struct Violation {
    var row: Int
    var contingency: Int
    var factor: Double
    var limitMW: Double
    var excessMW: Double
  }

  /// Every (monitored row, enforced contingency) pair above its limit by more than `toleranceMW`.
  func violations(flowsMW f: [Double], toleranceMW: Double) -> [Violation] {
    var found: [Violation] = []
    let rows = kernel.rows, count = rows.count
    for block in blocks {
      for c in block.range where enforced[c] {
        let effect = kernel.effects[c]
        guard let k = effect.driver else { continue }
        let fk = f[k], o = (c - block.range.lowerBound) * count
        for r in 0..<count where limitMW[r] > 0 {
          if effect.removedRows.contains(r) { continue }
          let l = rows[r]
          var limit = limitMW[r]
          if let derated = effect.derated, derated.row == r { limit *= derated.remaining } else if l == k { continue }
          let factor = block.values[o + r]
          let excess = abs(f[l] + factor * fk) - limit
          if excess > toleranceMW { found.append(Violation(row: r, contingency: c, factor: factor, limitMW: limit, excessMW: excess)) }
        }
      }
    }
    return found
  }
}

/// How the HVDC trips of ``DCOPFContingencies`` depend on a sequence's dispatch, so that a
/// ``DCOPFSequence`` can enforce them too: per HVDC link, its sending power as a constant (given
/// per snapshot) plus generator outputs (e.g. minus an export cut, or a free export variable),
/// and the generators at its sending end that trip with it.
///
/// The N-1 screen's rule (``HVDCOutageRule/curtail``): a trip loses `α·P` at the sending end
/// (α = 1 for the link, 1/poles for a pole), the generation there trips up to that amount, and
/// the island's reference takes up the rest, `R = max(0, α·P − G)`. A limit
/// `f_l + d_l·R ≤ L` (d_l the flow change per MW injected at the sending bus) is convex in the
/// dispatch, so the violated side is added exactly as `f_l + d_l·(α·P − G) ≤ L`. Under
/// ``HVDCOutageRule/slack`` (and for power sent into the model, P < 0) no generation trips,
/// `R = α·P`, and the limit is linear: `f_l + d_l·α·P ≤ L` (or ≥ −L).
public struct DCOPFHVDCTrips: Sendable {
  /// Per HVDC link (input order): the generators whose outputs add to its sending power, with
  /// their coefficients (MW per MW).
  public var sendingTerms: [[(generator: Int, coefficient: Double)]]
  /// Per HVDC link: the generators at its sending end that the curtail rule trips with it.
  public var trippedGenerators: [[Int]]

  /// The terms of every link (one entry per `Network.hvdcLinks`).
  public init(sendingTerms: [[(generator: Int, coefficient: Double)]], trippedGenerators: [[Int]]) {
    precondition(sendingTerms.count == trippedGenerators.count)
    self.sendingTerms = sendingTerms
    self.trippedGenerators = trippedGenerators
  }
}

/// A limit on the sum of several branch flows (a transfer interface, e.g. an AC export
/// corridor of several lines): `−limitMW ≤ Σ sign·f ≤ limitMW`, f the from-end flows in MW.
public struct DCOPFInterfaceLimit: Sendable, Hashable {
  /// Member branches (input positions) and the sign of each one's from-end flow in the sum.
  public var branches: [Int]
  /// +1 or −1 per member branch: the sign of its from-end flow in the sum.
  public var signs: [Double]
  /// The limit, MW, in both directions.
  public var limitMW: Double
  /// Name, for reports.
  public var name: String

  /// An interface of `branches` (with their signs) limited to ±`limitMW`.
  public init(name: String, branches: [Int], signs: [Double], limitMW: Double) {
    precondition(branches.count == signs.count)
    self.name = name
    self.branches = branches
    self.signs = signs
    self.limitMW = limitMW
  }
}

extension DCOPFInterfaceLimit {
  /// The rated AC corridors of a network file (`groups: corridors` with lines and a
  /// `rating_mw`), each limiting its sending flow: the sign of a line's from-end flow is +1
  /// where its to end is a receiving bus of the corridor.
  public static func corridors(of network: Network) -> [DCOPFInterfaceLimit] {
    network.groups(ofKind: .corridor).filter { $0.ratingMW > 0 && !$0.branches.isEmpty }.map { group in
      let receiving = Set(group.buses)
      return DCOPFInterfaceLimit(
        name: group.name, branches: group.branches,
        signs: group.branches.map { receiving.contains(network.branches[$0].to) ? 1 : -1 }, limitMW: group.ratingMW)
    }
  }
}

/// One snapshot's optimum from a ``DCOPFSequence``.
public struct DCOPFSnapshot: Sendable {
  /// Output of every generator, MW (input order; 0 when out of service).
  public var generatorMW: [Double]
  /// From-end flow of every branch, MW (input order).
  public var branchFlowMW: [Double]
  /// Total cost, $/h.
  public var objectivePerHour: Double
  /// LMP of every bus, $/MWh (input order; nil outside the model).
  public var lmpPerMWh: [Double?]
  /// Limits with a shadow price above 1e-6 $/MWh, largest first: branch flow limits,
  /// post-contingency limits (``DCOPFResult/BindingConstraint/outage`` is the tripped branch)
  /// and generator limits.
  public var binding: [DCOPFResult.BindingConstraint]
  /// Shadow price of each interface limit, $/MWh (≥ 0; 0 when not binding).
  public var interfacePricePerMWh: [Double]
  /// Rounds of adding post-contingency limits in this snapshot (0 when the limits already in
  /// the model from earlier snapshots sufficed).
  public var securityRounds: Int
  /// Post-contingency limits in the model after this snapshot (kept from snapshot to snapshot).
  public var securityConstraints: Int
  /// Simplex iterations of this snapshot.
  public var iterations: Int
  /// Binding post-trip limits of HVDC trips (``DCOPFHVDCTrips``): the monitored branch, the
  /// tripped link (input positions) and the shadow price, $/MWh.
  public var hvdcTripBinding: [(branch: Int, link: Int, shadowPrice: Double)] = []
}

/// A DC OPF of one network solved for many snapshots: the generator limits and the fixed
/// injections (demand, scheduled transfers) change from snapshot to snapshot, the network and
/// the costs do not. The hours of a year on one topology, for example.
///
/// One HiGHS model is built once and re-solved from the last simplex basis (a warm start):
/// each ``solve(generatorMinMW:generatorMaxMW:fixedInjectionMW:hvdcSendingMW:)`` changes column and row
/// bounds only. With ``DCOPFContingencies``, preventive N-1 security by constraint generation
/// as ``DCOPFProblem/solve(security:)``, but the post-contingency limits added for one
/// snapshot stay in the model for the next (they depend on the network only), so later
/// snapshots rarely need a round. Not thread-safe: one sequence per thread.
///
/// The optimum of a snapshot is that of ``DCOPFProblem/solve()`` on the network with those
/// limits and injections (where the optimum is unique; a degenerate optimum may differ by
/// the basis it was reached from).
public final class DCOPFSequence {
  /// The problem whose network and costs every snapshot shares; its generator limits and
  /// fixed injections are replaced by each snapshot's.
  public let problem: DCOPFProblem
  /// The post-contingency limits enforced, if any.
  public let contingencies: DCOPFContingencies?
  /// Interface limits enforced in the base case.
  public let interfaces: [DCOPFInterfaceLimit]
  /// A post-contingency flow more than this above its limit adds a constraint, MW.
  public var toleranceMW = 1e-3
  /// Rounds of constraint generation per snapshot before giving up.
  public var maxRounds = 50

  /// How the HVDC trips depend on the dispatch; nil: HVDC trips are not enforced.
  public let hvdcTrips: DCOPFHVDCTrips?

  private var layout: DCOPFLayout
  private let session: HiGHSSession
  /// The post-contingency and HVDC-trip limits added so far.
  private var cuts: ContingencyCuts?
  private var interfaceRows: [Int] = []
  /// Columns of the generators (−1 when not in the problem).
  private let generatorColumns: [Int]

  /// Builds the model (the problem's network and costs, the interface rows) and the solver.
  /// - Throws: ``DCOPFError/solverFailed(_:)`` when HiGHS cannot take the model.
  public init(
    problem: DCOPFProblem, contingencies: DCOPFContingencies? = nil, interfaces: [DCOPFInterfaceLimit] = [],
    hvdcTrips: DCOPFHVDCTrips? = nil
  ) throws(DCOPFError) {
    self.problem = problem
    self.hvdcTrips = hvdcTrips
    self.contingencies = contingencies
    self.interfaces = interfaces
    var layout = DCOPFLayout(problem: problem, mode: .optimize)
    let system = problem.system
    interfaceRows = interfaces.map { layout.addInterfaceRow($0, system: system) }
    self.layout = layout
    let columns = layout.generatorColumn
    generatorColumns = columns
    cuts = contingencies.map { contingencies in
      ContingencyCuts(
        contingencies: contingencies,
        sendingColumns: hvdcTrips.map { trips in
          trips.sendingTerms.map { terms in terms.filter { columns[$0.generator] >= 0 }.map { (columns[$0.generator], $0.coefficient) } }
        },
        trippedColumns: hvdcTrips?.trippedGenerators.map { $0.filter { columns[$0] >= 0 }.map { columns[$0] } }
          ?? [[Int]](repeating: [], count: system.network.hvdcLinks.count))
    }
    do {
      session = try HiGHSSession(layout.model)
      try session.disablePresolve()
    } catch {
      throw .solverFailed(error.description)
    }
  }

  /// Solves one snapshot.
  /// - Parameters:
  ///   - generatorMinMW: PMIN of every generator this snapshot (input order), MW.
  ///   - generatorMaxMW: PMAX of every generator, MW (≥ PMIN).
  ///   - fixedInjectionMW: per bus (input order), the net injection no one dispatches, MW:
  ///     −demand − GS − scheduled HVDC sending + receiving (the problem's `Pfixed`).
  ///   - hvdcSendingMW: per HVDC link, the constant part of its sending power this snapshot
  ///     (its schedule), MW, for the HVDC trips of ``hvdcTrips``; empty: 0.
  /// - Throws: ``DCOPFError/infeasible(violations:)`` when HiGHS finds no feasible dispatch,
  ///   ``DCOPFError/solverFailed(_:)`` on a solver failure or when constraint generation does
  ///   not settle within ``maxRounds``.
  public func solve(
    generatorMinMW: [Double], generatorMaxMW: [Double], fixedInjectionMW: [Double], hvdcSendingMW: [Double] = []
  ) throws(DCOPFError) -> DCOPFSnapshot {
    let sendingConstant = hvdcSendingMW.isEmpty ? [Double](repeating: 0, count: problem.system.network.hvdcLinks.count) : hvdcSendingMW
    let system = problem.system, network = system.network
    precondition(generatorMinMW.count == network.generators.count && generatorMaxMW.count == network.generators.count)
    precondition(fixedInjectionMW.count == network.buses.count)
    var lower = layout.model.columnLower, upper = layout.model.columnUpper
    for (g, c) in generatorColumns.enumerated() where c >= 0 {
      lower[c] = generatorMinMW[g]
      upper[c] = max(generatorMinMW[g], generatorMaxMW[g])
    }
    let n = layout.busCount, base = system.baseMVA
    var rowLower = [Double](repeating: 0, count: n)
    for i in 0..<n { rowLower[i] = base * system.busShiftInjection[i] - fixedInjectionMW[system.busPositions[i]] }
    var solution: OptimizationSolution
    do {
      try session.changeColumnBounds(first: 0, lower: lower, upper: upper)
      try session.changeRowBounds(first: 0, lower: rowLower, upper: rowLower)
      if let cuts, !cuts.tripRows.isEmpty {
        let bounds = cuts.tripBounds(constant: sendingConstant)
        try session.changeRowBounds(rows: bounds.rows, lower: bounds.lower, upper: bounds.upper)
      }
      solution = try session.run()
    } catch {
      throw .solverFailed(error.description)
    }
    var rounds = 0, iterations = solution.iterations
    while true {
      guard solution.status == .optimal else {
        throw .infeasible(violations: ["HiGHS status \(solution.status) for this snapshot (no dispatch meets every limit)"])
      }
      guard cuts != nil else { break }
      let first = layout.model.rowCount
      guard let count = cuts?.addViolated(solution.columnValues, layout: &layout, constant: sendingConstant, toleranceMW: toleranceMW),
        count > 0
      else { break }
      rounds += 1
      guard rounds <= maxRounds else {
        throw .solverFailed("N-1 constraint generation still finds violations after \(maxRounds) rounds")
      }
      solution = try session.solveAgain(layout.model, addedRowsFrom: first)
      iterations += solution.iterations
    }
    return snapshot(solution, rounds: rounds, iterations: iterations, lower: lower, upper: upper)
  }

  /// The snapshot's values and prices from HiGHS's solution.
  private func snapshot(_ solution: OptimizationSolution, rounds: Int, iterations: Int, lower: [Double], upper: [Double])
    -> DCOPFSnapshot
  {
    let system = problem.system, network = system.network
    let x = solution.columnValues, d = solution.columnDuals, y = solution.rowDuals
    var generatorMW = [Double](repeating: 0, count: network.generators.count)
    var binding: [DCOPFResult.BindingConstraint] = []
    for (g, c) in generatorColumns.enumerated() where c >= 0 {
      generatorMW[g] = x[c]
      if -d[c] > 1e-6 { binding.append(.init(kind: .generatorPMax, element: g, limit: upper[c], value: x[c], shadowPrice: -d[c])) }
      if d[c] > 1e-6 { binding.append(.init(kind: .generatorPMin, element: g, limit: lower[c], value: x[c], shadowPrice: d[c])) }
    }
    let flows = layout.flowsMW(x, system: system)
    for (k, row) in layout.flowRow.enumerated() where row >= 0 {
      let rate = network.branches[k].ratingMW
      if -y[row] > 1e-6 { binding.append(.init(kind: .branchFlowFrom, element: k, limit: rate, value: flows[k], shadowPrice: -y[row])) }
      if y[row] > 1e-6 { binding.append(.init(kind: .branchFlowTo, element: k, limit: rate, value: -flows[k], shadowPrice: y[row])) }
    }
    for s in layout.securityRows {
      let dual = y[s.row], post = flows[s.monitored] + s.factor * flows[s.outage]
      let limit = s.limitMW
      if dual < -1e-6 {
        binding.append(.init(kind: .postContingencyFlowFrom, element: s.monitored, outage: s.outage, limit: limit, value: post, shadowPrice: -dual))
      } else if dual > 1e-6 {
        binding.append(.init(kind: .postContingencyFlowTo, element: s.monitored, outage: s.outage, limit: limit, value: -post, shadowPrice: dual))
      }
    }
    binding.sort { $0.shadowPrice > $1.shadowPrice }
    let tripBinding = cuts?.tripBinding(y) ?? []
    var lmp = [Double?](repeating: nil, count: network.buses.count)
    for i in 0..<layout.busCount { lmp[system.busPositions[i]] = y[i] }
    return DCOPFSnapshot(
      generatorMW: generatorMW, branchFlowMW: flows, objectivePerHour: solution.objective, lmpPerMWh: lmp, binding: binding,
      interfacePricePerMWh: interfaceRows.map { abs(y[$0]) }, securityRounds: rounds,
      securityConstraints: layout.securityRows.count + (cuts?.tripRows.count ?? 0), iterations: iterations,
      hvdcTripBinding: tripBinding)
  }
}
