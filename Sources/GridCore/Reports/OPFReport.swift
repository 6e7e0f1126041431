/// A solved DC OPF for people and programs: the power-flow figures of its dispatch (a
/// ``FlowReport``: loading, overloads, totals, HVDC, corridors) and its prices.
/// Formatted by ``writeJSON(parallelism:to:)`` (`gridtool-opf/1`) and ``csvBytes(table:)``.
public struct OPFReport: Sendable {
  /// The dispatch as a power flow.
  public let flow: FlowReport
  /// The optimum: dispatch, objective, prices and binding limits.
  public let result: DCOPFResult
  /// Warnings of the OPF set-up (the model's own are in `flow.diagnostics`).
  public let diagnostics: [Diagnostic]
  /// Lowest and highest LMP over the buses in the model, $/MWh; nil when there is none.
  public let lmpRangePerMWh: ClosedRange<Double>?
  /// The maximum transfer whose dispatch this is (`gridtool opf --maximize`), if any.
  public let transfer: DCOPFTransferResult?

  /// The tables `--format csv` can write.
  public enum Table: String, Sendable, CaseIterable {
    /// Per branch: flow, loading, limit prices.
    case branches
    /// Per bus: angle, injection, LMP.
    case buses
    /// Per generator: dispatch, cost, limit prices.
    case generators
  }

  /// The report of `result`, an optimum of `problem` (of the transfer study `transfer` when
  /// given).
  public init(problem: DCOPFProblem, result: DCOPFResult, transfer: DCOPFTransferResult? = nil) {
    flow = FlowReport(system: problem.system, result: result.flow)
    self.result = result
    self.transfer = transfer
    diagnostics = problem.diagnostics
    let prices = result.lmpPerMWh.compactMap { $0 }
    lmpRangePerMWh = prices.min().flatMap { low in prices.max().map { low...$0 } }
  }

  /// The network that was dispatched.
  public var network: Network { flow.network }

  /// The JSON of `gridtool opf --format json`: the `gridtool-solve/1` document (docs/json-output.md)
  /// with `"format": "gridtool-opf/1"`, the prices on its buses, branches and generators,
  /// the objective in its summary, and a `binding` section (docs/opf.md).
  public func writeJSON<Failure: Error>(
    parallelism: Parallelism = .automatic, to sink: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    try flow.writeJSON(extending: OPFJSONFields(report: self), parallelism: parallelism, to: sink)
  }

  /// The JSON as one string.
  public func json() -> String {
    var bytes: [UInt8] = []
    writeJSON(parallelism: .serial) { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One CSV row per branch (the solve columns and `mu_from_per_mwh,mu_to_per_mwh`), per bus
  /// (`id,name,island,angle_deg,lmp_per_mwh,injection_mw`) or per generator
  /// (`index,name,bus,p_mw,p_min_mw,p_max_mw,cost_per_h,mu_pmin_per_mwh,mu_pmax_per_mwh,in_service`).
  public func csvBytes(table: Table = .branches) -> [UInt8] {
    let n = network, r = result
    // Empty cells for missing or unlimited values (PMAX = Inf).
    var w = CSVWriter(capacity: 128 * max(n.branches.count, n.buses.count, n.generators.count) + 128)
    func header(_ names: [String]) {
      for name in names { w.cell(raw: name) }
      w.endRow()
    }
    switch table {
    case .branches:
      header([
        "index", "name", "from", "to", "p_from_mw", "p_to_mw", "rating_mw", "loading_pct", "in_service", "mu_from_per_mwh",
        "mu_to_per_mwh",
      ])
      for (k, b) in n.branches.enumerated() {
        let p = r.flow.branchFlowMW[k]
        w.cell(integer: k + 1)
        w.cell(b.name)
        w.cell(integer: b.from.rawValue)
        w.cell(integer: b.to.rawValue)
        w.cell(p)
        w.cell(-p)
        w.cell(b.ratingMW)
        w.cell(flow.loadingPct[k])
        w.cell(integer: b.inService ? 1 : 0)
        w.cell(r.muFromPerMWh[k])
        w.cell(r.muToPerMWh[k])
        w.endRow()
      }
    case .buses:
      header(["id", "name", "island", "angle_deg", "lmp_per_mwh", "injection_mw"])
      for p in n.buses.indices {
        w.cell(integer: n.buses[p].id.rawValue)
        w.cell(n.buses[p].name)
        w.cell(integer: flow.busIsland[p].map { $0 + 1 })
        w.cell(r.flow.angleDeg[p])
        w.cell(r.lmpPerMWh[p])
        w.cell(r.flow.busInjectionMW[p])
        w.endRow()
      }
    case .generators:
      header([
        "index", "name", "bus", "p_mw", "p_min_mw", "p_max_mw", "cost_per_h", "mu_pmin_per_mwh", "mu_pmax_per_mwh", "in_service",
      ])
      for (k, g) in n.generators.enumerated() {
        w.cell(integer: k + 1)
        w.cell(g.name)
        w.cell(integer: g.bus.rawValue)
        w.cell(r.flow.generatorMW[k])
        w.cell(g.minMW)
        w.cell(g.maxMW)
        w.cell(r.generatorCostPerHour[k])
        w.cell(r.muPMinPerMWh[k])
        w.cell(r.muPMaxPerMWh[k])
        w.cell(integer: g.inService ? 1 : 0)
        w.endRow()
      }
    }
    return w.take()
  }

  /// A short name of a branch: "branch 7 (4–5)", or "branch NAME".
  public func branchName(_ k: Int) -> String {
    let b = network.branches[k]
    return b.name.isEmpty ? "branch \(k + 1) (\(b.from)–\(b.to))" : "branch \(b.name)"
  }

  /// A short name of the element a binding constraint belongs to, e.g. "branch 7 (4–5)".
  public func elementName(_ c: DCOPFResult.BindingConstraint) -> String {
    let n = network
    switch c.kind {
    case .branchFlowFrom, .branchFlowTo, .angleDifferenceMax, .angleDifferenceMin, .postContingencyFlowFrom, .postContingencyFlowTo,
      .postContingencyHVDCTripFrom, .postContingencyHVDCTripTo:
      return branchName(c.element)
    case .generatorPMax, .generatorPMin:
      let g = n.generators[c.element]
      return g.name.isEmpty ? "generator \(c.element + 1) (bus \(g.bus))" : "generator \(g.name)"
    case .hvdcMax, .hvdcMin:
      let l = n.hvdcLinks[c.element]
      return l.name.isEmpty ? "HVDC \(c.element + 1)" : "HVDC \(l.name)"
    }
  }
}

/// The OPF's fields in the solve JSON.
private struct OPFJSONFields: FlowReportJSONFields {
  let report: OPFReport
  var format: String { "gridtool-opf/1" }
  var diagnostics: [Diagnostic] { report.diagnostics }

  func summary(_ w: inout JSONWriter) {
    let r = report.result
    w.field("objective_per_h", r.objectivePerHour)
    w.field("lmp_min_per_mwh", report.lmpRangePerMWh?.lowerBound)
    w.field("lmp_max_per_mwh", report.lmpRangePerMWh?.upperBound)
    w.field("binding_constraints", r.binding.count)
    w.field("solver", r.solver.name)
    w.field("problem_class", r.solver.problemClass)
    w.field("solver_iterations", r.solver.iterations)
    if let price = r.loadSheddingPricePerMWh {
      w.field("load_shed_price_per_mwh", price)
      w.field("load_shed_mw", r.loadShedMW.reduce(0, +))
    }
    if r.loadSheddingPricePerMWh != nil || r.security?.overloadPricePerMWh != nil {
      w.field("penalty_cost_per_h", r.penaltyCostPerHour)
    }
    if let security = r.security {
      w.field("security", "n-1")
      w.field("post_contingency_rating", "rate_" + security.rating.rawValue)
      if let price = security.overloadPricePerMWh {
        w.field("overload_price_per_mwh", price)
        w.field("post_contingency_overload_mw", r.overloads.reduce(0) { $0 + $1.overloadMW })
      }
      w.field("outages_considered", security.outagesConsidered)
      w.field("outages_skipped_islanding", integers: security.skippedIslanding.map { $0 + 1 })
      w.field("outages_islanding_secured", integers: security.securedIslanding.map { $0 + 1 })
      w.field("outages_skipped_islanding_overloading", integers: security.skippedIslandingOverloads.map { $0.outage + 1 })
      w.field("outages_skipped_singular", integers: security.skippedSingular.map { $0 + 1 })
      w.field("security_rounds", security.rounds)
      w.field("post_contingency_constraints", security.constraintsAdded)
      w.field("hvdc_trips", security.hvdcRule != nil)
      w.field("hvdc_rule", security.hvdcRule?.rawValue)
      w.field("hvdc_trips_considered", security.hvdcTripsConsidered)
      w.field("hvdc_trips_skipped", integers: security.hvdcTripsSkipped.map { $0 + 1 })
      w.field("hvdc_trip_constraints", security.hvdcTripConstraints)
    }
  }

  func bus(_ p: Int, _ w: inout JSONWriter) {
    w.field("lmp_per_mwh", report.result.lmpPerMWh[p])
    if report.result.loadSheddingPricePerMWh != nil { w.field("load_shed_mw", report.result.loadShedMW[p]) }
  }

  func branch(_ k: Int, _ w: inout JSONWriter) {
    w.field("mu_from_per_mwh", report.result.muFromPerMWh[k])
    w.field("mu_to_per_mwh", report.result.muToPerMWh[k])
  }

  func generator(_ k: Int, _ w: inout JSONWriter) {
    let g = report.network.generators[k], r = report.result
    w.field("p_min_mw", g.minMW)
    w.field("p_max_mw", g.maxMW)
    w.field("cost_per_h", r.generatorCostPerHour[k])
    w.field("mu_pmin_per_mwh", r.muPMinPerMWh[k])
    w.field("mu_pmax_per_mwh", r.muPMaxPerMWh[k])
  }

  func hvdc(_ k: Int, _ w: inout JSONWriter) {
    w.field("mu_pmin_per_mwh", report.result.hvdcMuPMinPerMWh[k])
    w.field("mu_pmax_per_mwh", report.result.hvdcMuPMaxPerMWh[k])
  }

  func sections(_ w: inout JSONWriter) {
    w.beginArray("binding")
    for c in report.result.binding {
      w.beginObject()
      w.field("kind", c.kind.rawValue)
      w.field("index", c.element + 1)
      w.field("element", report.elementName(c))
      if let k = c.outage {
        w.field("outage", k + 1)
        w.field("outage_element", report.branchName(k))
      }
      if let trip = c.trip, let q = trip.link {
        w.field("trip", trip.kind)
        w.field("link", q + 1)
        w.field("link_name", report.network.hvdcLinks[q].name)
      }
      let angle = c.kind == .angleDifferenceMax || c.kind == .angleDifferenceMin
      w.field("unit", angle ? "deg" : "MW")
      w.field("limit", c.limit)
      w.field("value", c.value)
      w.field("shadow_price", c.shadowPrice)
      w.field("shadow_price_unit", angle ? "$/h per deg" : "$/MWh")
      w.endObject()
    }
    w.endArray()
    if let t = report.transfer { writeTransfer(t, &w) }
    guard report.result.security?.overloadPricePerMWh != nil else { return }
    w.beginArray("post_contingency_overloads")
    for o in report.result.overloads {
      w.beginObject()
      w.field("index", o.branch + 1)
      w.field("element", report.branchName(o.branch))
      w.field("outage", o.outage + 1)
      w.field("outage_element", report.branchName(o.outage))
      w.field("limit_mw", o.limitMW)
      w.field("flow_mw", o.flowMW)
      w.field("overload_mw", o.overloadMW)
      w.endObject()
    }
    w.endArray()
  }
}

extension OPFJSONFields {
  /// The `transfer` section of `gridtool opf --maximize` (docs/opf.md).
  fileprivate func writeTransfer(_ t: DCOPFTransferResult, _ w: inout JSONWriter) {
    w.beginObject("transfer")
    w.field("target", t.target.name)
    w.field("kind", t.target.isAC ? "ac_corridor" : "hvdc")
    w.field("security", t.contingencies == nil ? "n-0" : "n-1")
    w.field("sent_mw", t.sentMW)
    w.field("delivered_mw", t.deliveredMW)
    w.field("delivered_exact_mw", t.deliveredExactMW)
    w.field("scheduled_mw", t.scheduledMW)
    w.field("increase_mw", t.sentMW - t.scheduledMW)
    w.field("rating_mw", t.target.ratingMW > 0 ? t.target.ratingMW : nil)
    w.field("loss_model_segments", t.lossModels.map(\.segments).max() ?? 0)
    w.field("loss_model_max_error_mw", t.lossModelMaxErrorMW)
    w.field("tie_break", t.tieBreak.rawValue)
    w.field("redispatch_mw", t.redispatchMW)
    w.field("security_rounds", t.securityRounds)
    w.field("post_contingency_constraints", t.securityConstraints)
    w.beginArray("limits")
    for limit in t.limits {
      w.beginObject()
      w.field("kind", limit.kind.rawValue)
      w.field("index", integer: limit.element >= 0 ? limit.element + 1 : nil)
      w.field("outage", integer: limit.outage.map { $0 + 1 })
      w.field("element", limit.name)
      w.field("mw_per_mw", limit.sensitivity)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}
