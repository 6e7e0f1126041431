/// A DC optimal power flow with MATPOWER `rundcopf` semantics: the dispatch of least cost that
/// meets every bus's demand within generator limits, branch flow limits (RATE_A) and
/// angle-difference limits, solved by HiGHS.
///
/// B-θ formulation, as MATPOWER's: the variables are the bus angles θ (rad), the output P of
/// each in-service generator (MW), the power PF into and PT out of each dispatchable DC line
/// (MW), and one cost variable per piecewise-linear cost ($/h):
///
///     minimize    Σ (a·P² + b·P + c) + Σ y                  over polynomial and pwl costs
///     subject to  Σ P(at i) − PF(from i) + PT(to i) − base·(B·θ)ᵢ = base·Pbusinjᵢ − Pfixedᵢ   (λᵢ)
///                 −RATE_A ≤ base·b·(θf − θt) + base·Pfinj ≤ RATE_A          (μ_St, μ_Sf)
///                 ANGMIN ≤ θf − θt ≤ ANGMAX
///                 PT − (1 − LOSS1)·PF = −LOSS0                                (DC lines)
///                 mⱼ·P − y ≤ mⱼ·xⱼ − cⱼ          for each segment j of a pwl cost
///                 PMIN ≤ P ≤ PMAX,   θ(reference) = its case angle
///
/// `Pfixed` is what no one dispatches: −PD − GS − named loads ± scheduled HVDC links. λᵢ is
/// the LMP of bus i ($/MWh). See docs/opf.md for the differences from MATPOWER.
public struct DCOPFProblem: Sendable {
  /// The DC model: B, Bf, shift injections, islands and their reference buses.
  public let system: DCSystem
  /// Cost of each generator (input order); out-of-service generators' costs are not used.
  public let generatorCosts: [GeneratorCost]
  /// Cost of each HVDC link as a function of the power PF sent into it; nil costs nothing.
  public let hvdcCosts: [GeneratorCost?]
  /// Warnings found while setting up the problem (e.g. a non-convex piecewise-linear cost).
  public let diagnostics: [Diagnostic]
  /// The value of lost load, $/MWh: when set, the demand of every bus (PD and named loads,
  /// not GS or HVDC schedules) may be shed at this price, `0 ≤ shed_i ≤ demand_i`, a soft
  /// balance that keeps an otherwise infeasible problem solvable and says where demand cannot
  /// be served (``DCOPFResult/loadShedMW``). nil: every demand is met or the problem is infeasible.
  public var loadSheddingPricePerMWh: Double? = nil

  /// A problem with the given costs.
  /// - Throws: ``DCOPFError/invalidLimits(_:)`` when an element's limits admit no value,
  ///   ``DCOPFError/invalidCost(_:)`` when a cost list does not match the network.
  public init(system: DCSystem, generatorCosts: [GeneratorCost], hvdcCosts: [GeneratorCost?] = []) throws(DCOPFError) {
    let network = system.network
    guard generatorCosts.count == network.generators.count else {
      throw .invalidCost("\(generatorCosts.count) generator costs for \(network.generators.count) generators")
    }
    guard hvdcCosts.isEmpty || hvdcCosts.count == network.hvdcLinks.count else {
      throw .invalidCost("\(hvdcCosts.count) HVDC costs for \(network.hvdcLinks.count) links")
    }
    var diagnostics: [Diagnostic] = []
    for (k, gen) in network.generators.enumerated() where gen.inService && system.internalBus(of: gen.bus) >= 0 {
      let label = "generator \(k + 1) (bus \(gen.bus))"
      if !(gen.minMW <= gen.maxMW) || gen.minMW == .infinity || gen.maxMW == -.infinity {
        throw .invalidLimits("\(label): PMIN \(messageMW(gen.minMW)) MW is above PMAX \(messageMW(gen.maxMW)) MW; no output meets both")
      }
      if !Self.isConvex(generatorCosts[k]) {
        diagnostics.append(
          Diagnostic(
            "\(label): its piecewise-linear cost is not convex; the OPF uses the largest of its segments (MATPOWER's formulation)",
            at: gen.source))
      }
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      guard let limits = Self.dispatchLimits(link), system.linkInModel(link) else { continue }
      if !(limits.min <= limits.max) {
        throw .invalidLimits("\(link.name.isEmpty ? "DC line \(k + 1)" : link.name): PMIN \(messageMW(limits.min)) MW is above PMAX \(messageMW(limits.max)) MW")
      }
    }
    for (k, branch) in network.branches.enumerated() where branch.inService {
      if let (low, high) = Self.angleLimits(branch), low > high {
        throw .invalidLimits("branch \(k + 1) (\(branch.from)–\(branch.to)): ANGMIN \(branch.minAngleDiffDeg)° is above ANGMAX \(branch.maxAngleDiffDeg)°")
      }
    }
    self.system = system
    self.generatorCosts = generatorCosts
    self.hvdcCosts = hvdcCosts.isEmpty ? [GeneratorCost?](repeating: nil, count: network.hvdcLinks.count) : hvdcCosts
    self.diagnostics = diagnostics
  }

  /// A problem with the costs of a MATPOWER case (``GeneratorCost/matpowerCosts(of:)``).
  public init(system: DCSystem) throws(DCOPFError) {
    let costs = try GeneratorCost.matpowerCosts(of: system.network)
    try self.init(system: system, generatorCosts: costs.generators, hvdcCosts: costs.hvdc)
  }

  /// Solves the OPF.
  ///
  /// Before solving, each island's demand is checked against the PMIN and PMAX sums of its
  /// generators, so that a short island is named; an infeasible problem is then solved again
  /// with every limit and balance relaxed at a cost, to name the limits that cannot be met.
  /// - Throws: ``DCOPFError/islandImbalance(_:)``, ``DCOPFError/infeasible(violations:)``,
  ///   ``DCOPFError/unbounded(causes:)``, ``DCOPFError/solverFailed(_:)``.
  public func solve() throws(DCOPFError) -> DCOPFResult {
    try checkIslandBalances()
    // An LP takes its RATE_A rows only where a solution breaks them: most limits never bind, and
    // the LP without them is smaller (case2383wp: half the simplex iterations). The optimum of a
    // relaxation that meets every limit is the optimum. A QP keeps them all: HiGHS's QP solver
    // lost accuracy on the relaxation of case_ACTIVSg2000 (1.4 MW of primal infeasibility, then
    // a solve error) and cannot start from a basis after rows are added.
    let quadratic = hasQuadraticCosts
    var layout = DCOPFLayout(problem: self, mode: .optimize, lazyFlowLimits: !quadratic)
    let session: HiGHSSession
    var solution: OptimizationSolution
    (session, solution) = try HiGHSSession.started(layout.model)
    var iterations = solution.iterations
    while !quadratic, solution.status == .optimal {
      let first = layout.model.rowCount
      guard layout.addFlowLimitRows(violatedAt: solution.columnValues, system: system, toleranceMW: 1e-6) > 0 else { break }
      solution = try session.solveAgain(layout.model, addedRowsFrom: first)
      iterations += solution.iterations
    }
    solution.iterations = iterations
    switch solution.status {
    case .optimal:
      return DCOPFResult(problem: self, layout: layout, solution: solution)
    case .infeasible:
      throw .infeasible(violations: try relaxationReport())
    case .unbounded, .unboundedOrInfeasible:
      // Without its flow limits the relaxation may be unbounded where the problem is not.
      let full = DCOPFLayout(problem: self, mode: .optimize)
      let (_, again) = try HiGHSSession.started(full.model)
      if again.status == .optimal { return DCOPFResult(problem: self, layout: full, solution: again) }
      let violations = try relaxationReport()
      if violations.isEmpty || again.status == .unbounded { throw .unbounded(causes: unboundedCauses()) }
      throw .infeasible(violations: violations)
    case .other(let code):
      throw .solverFailed("HiGHS model status \(code)")
    }
  }

  /// Whether some cost is quadratic (the problem is a QP).
  var hasQuadraticCosts: Bool {
    generatorCosts.contains { ($0.quadraticLinearConstant?.0 ?? 0) != 0 }
      || hvdcCosts.contains { ($0?.quadraticLinearConstant?.0 ?? 0) != 0 }
  }

  // MARK: - Element rules shared by the layout and the checks

  /// Whether a piecewise-linear cost's slopes never decrease (polynomials are checked when read).
  static func isConvex(_ cost: GeneratorCost) -> Bool {
    let slopes = cost.segmentSlopes
    return zip(slopes, slopes.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 * max(1, abs($1)) }
  }

  /// Power limits of a DC line the OPF dispatches, MW at the from end (MATPOWER `dcline`
  /// PMIN, PMAX); nil for a link kept at its schedule (no MATPOWER limits, physical losses,
  /// or an external receiver).
  static func dispatchLimits(_ link: HVDCLink) -> (min: Double, max: Double)? {
    guard case .matpower = link.losses, link.to != nil, link.matpowerExtra.count >= 6 else { return nil }
    return (link.matpowerExtra[4], link.matpowerExtra[5])
  }

  /// Angle-difference limits of a branch in radians, as MATPOWER's `makeAang` applies them: a
  /// limit counts when it is non-zero and inside ±360°; nil when neither does.
  static func angleLimits(_ branch: Branch) -> (Double, Double)? {
    let low = branch.minAngleDiffDeg, high = branch.maxAngleDiffDeg
    let hasLow = low != 0 && low > -360, hasHigh = high != 0 && high < 360
    guard hasLow || hasHigh else { return nil }
    return (hasLow ? low * .pi / 180 : -.infinity, hasHigh ? high * .pi / 180 : .infinity)
  }

  /// RATE_A as a flow limit: MATPOWER leaves out 0 (unlimited) and values of 1e10 and more.
  static func flowLimit(_ branch: Branch) -> Double? {
    branch.ratingMW > 0 && branch.ratingMW < 1e10 ? branch.ratingMW : nil
  }
}
