/// The post-contingency limits of a ``DCOPFContingencies`` that a model enforces by constraint
/// generation: branch and islanding outages (rows on the angles, `f_l + F(l, c)·f_k`) and HVDC
/// trips (rows on the angles and on the columns that make up a link's sending power and, under
/// the curtail rule, the generation that trips with it; see ``DCOPFHVDCTrips``), each added
/// when it is found violated. Shared by ``DCOPFSequence``, the transfer maximization and
/// ``DCOPFProblem/solve(security:)``.
struct ContingencyCuts {
  let contingencies: DCOPFContingencies
  /// Per HVDC link: the variable part of its sending power, `Σ coefficient·x[column]` (the
  /// constant part comes with each solve); nil when HVDC trips are not enforced.
  let sendingColumns: [[(column: Int, coefficient: Double)]]?
  /// Per HVDC link: the columns of the generation at its sending end that trips with it.
  let trippedColumns: [[Int]]
  /// HVDC-trip rows added so far: the row, its link, d·α (MW of flow per MW sent), the limit
  /// side (+1: upper), the limit without the constant part of the sending power, the
  /// monitored row of the kernel, and the contingency.
  private(set) var tripRows: [(row: Int, link: Int, weight: Double, side: Double, boundMW: Double, monitored: Int, contingency: Int)] = []
  private var added = Set<Int>()
  private var addedTrips = Set<Int>()

  init(contingencies: DCOPFContingencies, sendingColumns: [[(column: Int, coefficient: Double)]]?, trippedColumns: [[Int]]) {
    self.contingencies = contingencies
    self.sendingColumns = sendingColumns
    self.trippedColumns = trippedColumns
  }

  /// Adds the limits violated at `x` by more than `toleranceMW` and not yet in the model: per
  /// monitored branch the worst branch or islanding outage, and the worst HVDC trip. One row
  /// per branch and round: the rows of one branch for different outages are nearly parallel,
  /// and many at once stall the simplex (``DCOPFProblem/solve(security:)``). `constant` is
  /// the constant part of each link's sending power, MW. Returns the number of rows added.
  mutating func addViolated(_ x: [Double], layout: inout DCOPFLayout, constant: [Double], toleranceMW: Double) -> Int {
    let system = contingencies.kernel.sensitivity.system
    let flows = layout.flowsMW(x, system: system)
    let count = contingencies.kernel.contingencies.count
    var worst: [Int: DCOPFContingencies.Violation] = [:]
    for v in contingencies.violations(flowsMW: flows, toleranceMW: toleranceMW)
    where !added.contains(v.row * count + v.contingency) && v.excessMW > (worst[v.row]?.excessMW ?? -.infinity) {
      worst[v.row] = v
    }
    let trips = tripViolations(x, flows: flows, constant: constant, toleranceMW: toleranceMW)
    let first = layout.model.rowCount
    for v in trips { addTripRow(v, constant: constant, layout: &layout) }
    let monitored = contingencies.kernel.rows
    for r in worst.keys.sorted() {
      guard let v = worst[r], let k = contingencies.kernel.effects[v.contingency].driver else { continue }
      layout.addSecurityRow(monitored: monitored[v.row], outage: k, factor: v.factor, limitMW: v.limitMW, system: system)
      added.insert(v.row * count + v.contingency)
    }
    return layout.model.rowCount - first
  }

  /// The bounds of the HVDC-trip rows for the sending constants `constant` (MW per link).
  func tripBounds(constant: [Double]) -> (rows: [Int], lower: [Double], upper: [Double]) {
    let bounds = tripRows.map { $0.boundMW - $0.weight * constant[$0.link] }
    return (
      tripRows.map(\.row), zip(tripRows, bounds).map { $0.side > 0 ? -.infinity : $1 },
      zip(tripRows, bounds).map { $0.side > 0 ? $1 : .infinity }
    )
  }

  /// The binding HVDC-trip limits at the row duals `y`: monitored branch, tripped link (input
  /// positions) and shadow price (|dual|).
  func tripBinding(_ y: [Double]) -> [(branch: Int, link: Int, shadowPrice: Double)] {
    tripRows.filter { abs(y[$0.row]) > 1e-6 }.map { (contingencies.kernel.rows[$0.monitored], $0.link, abs(y[$0.row])) }
  }

  /// The binding HVDC-trip limits at the solution `x` with row duals `y`: the monitored branch
  /// (input position), the trip, the limit side (+1: from → to), the limit and the post-trip
  /// from-end flow (MW), and the shadow price (|dual|, $/MWh). `constant`: as ``addViolated(_:layout:constant:toleranceMW:)``.
  func tripBindingDetails(_ x: [Double], _ y: [Double], flowsMW: [Double], constant: [Double])
    -> [(branch: Int, trip: Contingency, side: Double, limitMW: Double, postMW: Double, shadowPrice: Double)]
  {
    let kernel = contingencies.kernel
    return tripRows.filter { abs(y[$0.row]) > 1e-6 }.map { t in
      let l = kernel.rows[t.monitored], contingency = kernel.contingencies[t.contingency]
      return (
        l, contingency, t.side, contingencies.limitMW[t.monitored], postTripFlow(t.contingency, row: t.monitored, x, flows: flowsMW, constant: constant),
        abs(y[t.row])
      )
    }
  }

  /// The post-trip from-end flow of monitored row `r` for HVDC-trip contingency `c` at `x`, MW,
  /// by the N-1 screen's rule (``HVDCOutageRule``).
  func postTripFlow(_ c: Int, row r: Int, _ x: [Double], flows: [Double], constant: [Double]) -> Double {
    let kernel = contingencies.kernel, system = kernel.sensitivity.system
    let l = kernel.rows[r]
    guard let trip = contingencies.hvdcTrip[c], let column = kernel.busColumns[system.internalBus(of: system.network.hvdcLinks[trip.link].from)]
    else { return flows[l] }
    return flows[l] + column[r] * rest(trip, x, constant: constant).value
  }

  /// The power a trip leaves to the island's reference at `x`, MW: `max(0, α·P − G)` when the
  /// generation at the sending end trips with it (curtail rule, power sent from the from end),
  /// else `α·P`.
  private func rest(_ trip: (link: Int, fraction: Double), _ x: [Double], constant: [Double]) -> (value: Double, curtails: Bool) {
    let sent = trip.fraction * sending(trip.link, x, constant: constant)
    guard contingencies.options.hvdcRule == .curtail, sent > 0 else { return (sent, false) }
    let tripped = trippedColumns[trip.link].reduce(0.0) { $0 + max(0, x[$1]) }
    return (max(0, sent - tripped), true)
  }

  /// An HVDC trip's limit exceeded: monitored row r, contingency c, the side (+1 upper),
  /// whether the generation at the sending end trips with the link.
  private struct TripViolation {
    var row: Int
    var contingency: Int
    var side: Double
    var excessMW: Double
    var curtails: Bool
  }

  /// The sending power of `link` at `x`: its constant part and its columns.
  private func sending(_ link: Int, _ x: [Double], constant: [Double]) -> Double {
    (sendingColumns?[link] ?? []).reduce(constant[link]) { $0 + $1.coefficient * x[$1.column] }
  }

  /// The HVDC trips whose post-trip flows exceed a limit at `x`: the worst per monitored
  /// branch, not yet in the model.
  private func tripViolations(_ x: [Double], flows: [Double], constant: [Double], toleranceMW: Double) -> [TripViolation] {
    guard sendingColumns != nil else { return [] }
    let kernel = contingencies.kernel, system = kernel.sensitivity.system
    var worst: [Int: TripViolation] = [:]
    for (c, trip) in contingencies.hvdcTrip.enumerated() {
      guard let trip, let column = kernel.busColumns[system.internalBus(of: system.network.hvdcLinks[trip.link].from)] else { continue }
      let (rest, curtails) = rest(trip, x, constant: constant)
      guard rest != 0 else { continue }
      for (r, l) in kernel.rows.enumerated() where contingencies.limitMW[r] > 0 {
        let post = flows[l] + column[r] * rest, limit = contingencies.limitMW[r]
        let excess = abs(post) - limit
        guard excess > toleranceMW, !addedTrips.contains(r * kernel.contingencies.count + c) else { continue }
        // With generation tripping, the side the trip pushes the flow to: d·R has the sign of
        // the violation (else the flow was already above its limit in the intact network,
        // which its own row prevents). Without, the post-trip flow is linear: either side.
        let side: Double = post > 0 ? 1 : -1
        guard !curtails || column[r] * side > 0 else { continue }
        if excess > (worst[r]?.excessMW ?? -.infinity) {
          worst[r] = TripViolation(row: r, contingency: c, side: side, excessMW: excess, curtails: curtails)
        }
      }
    }
    return worst.keys.sorted().compactMap { worst[$0] }
  }

  /// Adds `f_l + d·(α·(P_const + Σ coef·x) − Σ tripped x) ≤ L` (or ≥ −L; without the tripped
  /// generation when it does not trip); its bound moves with the constant part of the sending
  /// power (``tripBounds(constant:)``).
  private mutating func addTripRow(_ v: TripViolation, constant: [Double], layout: inout DCOPFLayout) {
    guard let trip = contingencies.hvdcTrip[v.contingency] else { return }
    let kernel = contingencies.kernel, system = kernel.sensitivity.system, base = system.baseMVA
    guard let column = kernel.busColumns[system.internalBus(of: system.network.hvdcLinks[trip.link].from)] else { return }
    let l = kernel.rows[v.row], d = column[v.row], weight = d * trip.fraction
    var entries: [Int: Double] = [:]
    let bl = base * system.branchSusceptance[l]
    entries[system.branchFrom[l], default: 0] += bl
    entries[system.branchTo[l], default: 0] -= bl
    for (c, coefficient) in sendingColumns?[trip.link] ?? [] { entries[c, default: 0] += weight * coefficient }
    if v.curtails { for c in trippedColumns[trip.link] { entries[c, default: 0] -= d } }
    let boundMW = v.side * contingencies.limitMW[v.row] - base * system.branchShiftInjection[l]
    let bound = boundMW - weight * constant[trip.link]
    let list = entries.keys.sorted().map { (column: $0, value: entries[$0] ?? 0) }
    let row = layout.model.addRow(list, lower: v.side > 0 ? -.infinity : bound, upper: v.side > 0 ? bound : .infinity)
    tripRows.append((row, trip.link, weight, v.side, boundMW, v.row, v.contingency))
    addedTrips.insert(v.row * kernel.contingencies.count + v.contingency)
  }
}

extension DCOPFLayout {
  /// Adds `−limit ≤ Σ sign·f ≤ limit` over the interface's branches (f the from-end flows,
  /// MW) and returns the row.
  mutating func addInterfaceRow(_ interface: DCOPFInterfaceLimit, system: DCSystem) -> Int {
    let (entries, shift) = interfaceFlow(branches: interface.branches, signs: interface.signs, system: system)
    return model.addRow(entries, lower: -interface.limitMW - shift, upper: interface.limitMW - shift)
  }

  /// `Σ sign·f` as `Σ entries·θ + shift` (MW): the entries on the angle columns and the
  /// constant part of the phase shifters.
  func interfaceFlow(branches: [Int], signs: [Double], system: DCSystem) -> (entries: [(column: Int, value: Double)], shift: Double) {
    let base = system.baseMVA
    var entries: [Int: Double] = [:]
    var shift = 0.0
    for (b, sign) in zip(branches, signs) {
      let f = system.branchFrom[b], t = system.branchTo[b]
      guard f >= 0, t >= 0 else { continue }
      let bk = sign * base * system.branchSusceptance[b]
      entries[f, default: 0] += bk
      entries[t, default: 0] -= bk
      shift += sign * base * system.branchShiftInjection[b]
    }
    return (entries.keys.sorted().map { (column: $0, value: entries[$0] ?? 0) }, shift)
  }
}
