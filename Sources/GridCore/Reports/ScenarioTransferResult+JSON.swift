extension ScenarioTransferResult {
  /// The JSON contract of `gridtool transfer SCENARIO --format json`
  /// (`gridtool-scenario-transfer/1`, docs/sensitivity.md): MW, MWh, hours; rows 1-based.
  /// - Parameter top: how many limiting elements to list (most hours first).
  public func json(top: Int = 10) -> String {
    var w = JSONWriter(capacity: 8192)
    w.beginObject()
    w.field("format", "gridtool-scenario-transfer/1")
    w.field("scenario", scenarioName)
    w.field("network", network.name)
    w.field("start", start.description)
    w.field("hours", hours)
    w.field("topologies", topologies)
    w.beginObject("direction")
    w.field("name", direction.name)
    w.field("source", direction.source.name)
    w.field("sink", direction.sink?.name)
    w.field("hvdc", strings: direction.links.map { network.hvdcLinks[$0.link].name })
    w.field("corridor_rating_mw", direction.corridorRatingMW)
    w.endObject()
    let o = options.contingency
    w.beginObject("options")
    w.field("rating", o.rating.rawValue)
    w.field("limit_pct", o.limitPct)
    w.field("hvdc_rule", o.hvdcRule.rawValue)
    w.field("per_circuit", o.perCircuit)
    w.field("n1", o.contingencies.map { !$0.isEmpty } ?? true)
    w.field("min_sensitivity", options.minimumSensitivity)
    w.field("ignore_pre_existing", options.ignorePreExisting)
    w.endObject()
    w.beginObject("headroom")
    w.field("energy_mwh", energyHeadroomMWh)
    w.field("mean_mw", meanHeadroomMW)
    w.field("hours_unlimited", hoursUnlimited)
    w.field("hours_without_headroom", hoursWithoutHeadroom)
    percentiles(\.transferMW, into: &w)
    w.endObject()
    w.beginObject("network_limit")
    percentiles(\.networkLimitMW, into: &w)
    w.endObject()
    w.beginArray("limiting")
    for e in elementsByHours.prefix(top) { element(e, into: &w) }
    w.endArray()
    w.endObject()
    return w.text + "\n"
  }

  private func percentiles(_ values: KeyPath<Hour, Double?>, into w: inout JSONWriter) {
    w.beginObject("percentiles_mw")
    for p in Self.reportedPercentiles { w.field(named: "p\(Int(p))", percentile(p, of: values)) }
    w.endObject()
  }

  private func element(_ e: LimitingElement, into w: inout JSONWriter) {
    w.beginObject()
    w.field("kind", e.kind.rawValue)
    w.field("branch", integer: e.branch.map { $0 + 1 })
    w.field("name", e.branch.map { network.branches[$0].name }.flatMap { $0.isEmpty ? nil : $0 })
    w.field("contingency", e.kind == .branch ? (e.contingency.map { $0.label(in: network) } ?? "base case") : nil)
    w.field("link", e.link.map { network.hvdcLinks[$0].name })
    w.field("hours", e.hours)
    w.field("mean_headroom_mw", e.meanHeadroomMW)
    w.field("min_headroom_mw", e.minHeadroomMW)
    w.endObject()
  }

  /// A label for a limiting element: `branch 33 changji-jijihu after branch 6 (santanghu-hami)`,
  /// `HVDC rating of jiquan`, `source capacity`.
  public func label(_ e: LimitingElement) -> String {
    switch e.kind {
    case .branch:
      guard let b = e.branch else { return "branch" }
      let name = network.branches[b].name
      let branch = name.isEmpty ? "branch \(b + 1)" : "branch \(b + 1) \(name)"
      return branch + (e.contingency.map { " after " + $0.label(in: network) } ?? " in the base case")
    case .hvdcRating: return "HVDC rating of " + (e.link.map { network.hvdcLinks[$0].name } ?? "the link")
    case .sourceCapacity: return "source capacity"
    }
  }

  /// The duration curve (`--format csv`): `rank,hours_pct,headroom_mw`, headroom from largest
  /// to smallest; rank r: the headroom is at least this in r hours (`hours_pct` = 100·r/N).
  public func durationCurveCSV() -> String {
    let curve = durationCurveMW
    var out = "rank,hours_pct,headroom_mw\n"
    out.reserveCapacity(32 * curve.count)
    let n = Double(hours)
    for (i, v) in curve.enumerated() { out += "\(i + 1),\(100 * Double(i + 1) / n),\(v)\n" }
    return out
  }

  /// Every hour (`--hourly`): `time,headroom_mw,network_limit_mw,hvdc_rating_limit_mw,
  /// source_capacity_limit_mw,limiting,branch,contingency,link`; empty cells where a limit does not exist.
  public func hourlyCSV() -> String {
    var out = "time,headroom_mw,network_limit_mw,hvdc_rating_limit_mw,source_capacity_limit_mw,limiting,branch,contingency,link\n"
    out.reserveCapacity(96 * hours)
    func cell(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
    for (h, hour) in hourly.enumerated() {
      out += "\(time(ofHour: h)),\(cell(hour.transferMW)),\(cell(hour.networkLimitMW)),\(cell(hour.hvdcRatingLimitMW)),"
      out += "\(cell(hour.sourceCapacityLimitMW)),"
      if let e = hour.limitingElement.map({ elements[$0] }) {
        out += "\(e.kind.rawValue),\(e.branch.map { String($0 + 1) } ?? ""),"
        out += "\(CSV.field(e.kind == .branch ? (e.contingency.map { $0.label(in: network) } ?? "base case") : "")),"
        out += "\(e.link.map { CSV.field(network.hvdcLinks[$0].name) } ?? "")\n"
      } else {
        out += ",,,\n"
      }
    }
    return out
  }
}
