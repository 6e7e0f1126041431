import GridCore

/// The human report of `gridtool transfer SCENARIO`: hourly headroom summarized.
struct ScenarioTransferTable {
  let result: ScenarioTransferResult
  let top: Int

  func render() -> String {
    let r = result, d = r.direction, n = r.network
    var out = "Transfer headroom of every hour: \(d.name) — \(r.scenarioName) (\(n.name))\n\n"
    var t = TextTable(["", ""], leftAligned: [0, 1])
    t.add(["period", "\(r.start) + \(Fmt.groupThousands(String(r.hours))) h (\(r.topologies) topolog\(r.topologies == 1 ? "y" : "ies"))"])
    t.add(["source", d.source.name])
    t.add(["sink", d.sink?.name ?? (d.links.isEmpty ? "slack" : "outside the model (HVDC receiving end)")])
    if !d.links.isEmpty { t.add(["HVDC raised", d.links.map { n.hvdcLinks[$0.link].name }.joined(separator: ", ")]) }
    let o = r.options.contingency
    t.add(["limits", "\(o.contingencies?.isEmpty == true ? "N-0" : "N-0 and N-1") (rating \(o.rating.rawValue.uppercased()), limit \(Fmt.pct(o.limitPct)) %)"])
    t.add(["annual energy headroom", "\(Fmt.fixed(r.energyHeadroomMWh / 1000, 1)) GWh"])
    t.add(["mean headroom", r.meanHeadroomMW.map { "\(Fmt.mw($0)) MW" } ?? "-"])
    t.add(["hours without headroom", Fmt.groupThousands(String(r.hoursWithoutHeadroom))])
    if r.hoursUnlimited > 0 { t.add(["hours unlimited", Fmt.groupThousands(String(r.hoursUnlimited))]) }
    out += t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    out += "\nHeadroom duration (MW available in at least the given share of hours)\n"
    var curve = TextTable(["hours %", "headroom MW", "branch limit MW"])
    for p in [100.0, 99, 95, 90, 75, 50, 25, 10, 5, 1, 0] {
      // Available in at least p % of the hours: the (100 − p)-th percentile.
      curve.add([Fmt.pct(p), r.percentile(100 - p).map(Fmt.mw) ?? "-", r.percentile(100 - p, of: \.networkLimitMW).map(Fmt.mw) ?? "-"])
    }
    out += curve.render()

    out += "\nMost frequent limiting elements\n"
    let elements = r.elementsByHours
    if elements.isEmpty { return out + "none\n" }
    var limits = TextTable(["limiting element", "hours", "mean headroom MW", "min headroom MW"], leftAligned: [0])
    for e in elements.prefix(top) {
      limits.add([r.label(e), Fmt.groupThousands(String(e.hours)), Fmt.mw(e.meanHeadroomMW), Fmt.mw(e.minHeadroomMW)])
    }
    out += limits.render()
    if elements.count > top { out += "… \(elements.count - top) more (see --format json)\n" }
    return out
  }
}
