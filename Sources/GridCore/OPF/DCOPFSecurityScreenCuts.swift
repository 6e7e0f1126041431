/// The contingencies of the N-1 screen that ``DCOPFProblem/solve(security:)`` secures beyond
/// the branch outages of its LODF screen, by the cut machinery of the scenario and transfer
/// OPFs (``ContingencyCuts``, ``DCOPFContingencies``), so that `gridtool contingency` finds
/// the dispatch secure against them too:
///
/// - islanding outages (``N1Security/islandingOutages``): the power the cut-off part sent over
///   the bridge k is taken up by the surviving part's reference,
///   `−L_l ≤ f_l − sign·PTDF(l, s→ref)·f_k ≤ L_l` for the monitored branches of the surviving
///   part (docs/sensitivity.md); bridges whose cut-off part holds an HVDC converter stay skipped;
/// - HVDC pole and link trips (``N1Security/hvdcTrips``) of the screen's default list, by its
///   rule (``N1Security/hvdcRule``): each link's sending power is its schedule (a constant: the
///   OPF does not move native-format links), the in-service generators at its sending
///   converter bus are the generation that trips with it. For a trip of link q (α = 1, or
///   1/poles for one pole), P the scheduled sending power, G the output of those generators
///   and d_l the flow change of l per MW injected at the sending bus (taken up by the
///   island's reference):
///
///       curtail rule, P > 0:   −L_l ≤ f_l + d_l·max(0, α·P − G) ≤ L_l
///       slack rule, or P < 0:  −L_l ≤ f_l + d_l·α·P ≤ L_l
///
///   The first is convex on the side d_l·R pushes the flow to and is added as its linear
///   piece `f_l + d_l·(α·P − G)`; the other side holds when the base case does. Trips of
///   links whose receiving end is inside the model are not secured (listed).
struct SecurityScreenCuts {
  private(set) var cuts: ContingencyCuts
  /// Per HVDC link: the constant part of its sending power, MW.
  let constantMW: [Double]
  /// HVDC trips secured; nil when HVDC trips are left out (or there are none).
  let hvdcTripsConsidered: Int?
  /// Links (0-based) whose trips are in the screen's list but not secured (their receiving
  /// end is inside the model).
  let hvdcTripsSkipped: [Int]
  /// Islanding outages (0-based branches) secured, and those left skipped.
  let islandingSecured: [Int]
  let islandingSkipped: [Int]
  private let problem: DCOPFProblem

  /// The contingencies on `problem`'s network; nil when there is nothing to secure (no HVDC
  /// link in the model with a non-zero set-point or trips left out, and no islanding outage
  /// to secure) or nothing is monitored.
  /// - Parameter bridges: the islanding outages among the candidate branch outages.
  init?(problem: DCOPFProblem, layout: DCOPFLayout, security: N1Security, monitored: [Int], bridges: [Int]) throws(DCOPFError) {
    let system = problem.system, network = system.network
    guard !monitored.isEmpty else { return nil }
    var options = ContingencyOptions(monitored: monitored, hvdcRule: security.hvdcRule, rating: security.rating)
    let trips =
      security.hvdcTrips && !network.hvdcLinks.isEmpty
      ? ContingencyAnalysis.defaultContingencies(DCSensitivity(system), options: options).filter { $0.link != nil } : []
    let islanding = security.islandingOutages ? bridges : []
    guard !trips.isEmpty || !islanding.isEmpty else { return nil }
    let list = islanding.map { Contingency.branch($0) } + trips
    options.contingencies = list
    let contingencies = try DCOPFContingencies(system: system, options: options)
    let point = OperatingPoint(base: network)
    var constant = [Double](repeating: 0, count: network.hvdcLinks.count)
    var sending = [[(column: Int, coefficient: Double)]](repeating: [], count: network.hvdcLinks.count)
    var tripped = [[Int]](repeating: [], count: network.hvdcLinks.count)
    for (q, link) in network.hvdcLinks.enumerated() where system.linkInModel(link) {
      if layout.hvdcFromColumn[q] >= 0 {
        sending[q] = [(layout.hvdcFromColumn[q], 1)]
      } else {
        constant[q] = link.transfer(at: point.hvdcSetpointMW[q]).fromMW
      }
      let bus = system.internalBus(of: link.from)
      tripped[q] = network.generators.indices.filter {
        network.generators[$0].inService && layout.generatorColumn[$0] >= 0 && system.internalBus(of: network.generators[$0].bus) == bus
      }.map { layout.generatorColumn[$0] }
    }
    cuts = ContingencyCuts(contingencies: contingencies, sendingColumns: sending, trippedColumns: tripped)
    constantMW = constant
    let secured = islanding.indices.filter { contingencies.enforced[$0] }.map { islanding[$0] }
    let securedSet = Set(secured)
    islandingSecured = secured
    islandingSkipped = bridges.filter { !securedSet.contains($0) }
    let tripRange = islanding.count..<list.count
    hvdcTripsConsidered = trips.isEmpty ? nil : tripRange.filter { contingencies.hvdcTrip[$0] != nil }.count
    hvdcTripsSkipped = Set(tripRange.filter { contingencies.hvdcTrip[$0] == nil }.compactMap { list[$0].link }).sorted()
    self.problem = problem
  }

  /// HVDC-trip rows in the model (islanding rows are among the layout's security rows).
  var tripRowCount: Int { cuts.tripRows.count }

  /// Adds, per monitored branch, the limit of its worst islanding outage and of its worst
  /// HVDC trip violated at `x` by more than `toleranceMW` and not yet in the model.
  mutating func addViolated(_ x: [Double], layout: inout DCOPFLayout, toleranceMW: Double) {
    _ = cuts.addViolated(x, layout: &layout, constant: constantMW, toleranceMW: toleranceMW)
  }

  /// The binding HVDC-trip limits of a solution, with the post-trip flow as the value.
  func tripBinding(_ solution: OptimizationSolution, flowsMW: [Double]) -> [DCOPFResult.BindingConstraint] {
    cuts.tripBindingDetails(solution.columnValues, solution.rowDuals, flowsMW: flowsMW, constant: constantMW).map { b in
      DCOPFResult.BindingConstraint(
        kind: b.side > 0 ? .postContingencyHVDCTripFrom : .postContingencyHVDCTripTo, element: b.branch, trip: b.trip,
        limit: b.limitMW, value: b.side > 0 ? b.postMW : -b.postMW, shadowPrice: b.shadowPrice)
    }.filter { $0.shadowPrice > 1e-6 }
  }

  /// The HVDC-trip limits in the model, for messages: "branch 7 (4–5) after the trip of one
  /// pole of HVDC jiquan (limit 5800 MW)".
  func tripLimitNames() -> [String] {
    let kernel = cuts.contingencies.kernel, network = problem.system.network
    return cuts.tripRows.map { t in
      let l = kernel.rows[t.monitored]
      return "\(problem.branchLabel(l)) after the trip of \(kernel.contingencies[t.contingency].label(in: network)) "
        + "(limit \(messageMW(cuts.contingencies.limitMW[t.monitored])) MW)"
    }
  }
}
