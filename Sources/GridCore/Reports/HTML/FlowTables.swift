/// The tables of the network view: export corridors, rings, HVDC links, the most loaded
/// branches and the overloads. Each numeric cell names its JSON field (`data-f`) and each row
/// its element (`data-key`: a name, or the 1-based `index`), so that the browser check can
/// compare the page with `gridtool solve --format json` number by number.
struct FlowTables {
  let report: FlowReport
  let top: Int
  private let positionOf: [BusID: Int]

  init(report: FlowReport, top: Int) {
    self.report = report
    self.top = top
    var map: [BusID: Int] = [:]
    for (p, b) in report.network.buses.enumerated() { map[b.id] = p }
    positionOf = map
  }

  func write(to w: inout HTMLWriter) {
    let network = report.network
    if !report.corridors.isEmpty {
      w.openTable(
        "Export corridors", ["corridor", "sent MW", "delivered MW", "losses MW", "rating MW", "utilization %"], json: "corridors")
      for c in report.corridors {
        w.openRow(key: c.name)
        w.cell(c.displayName ?? c.name)
        w.cell(c.sendMW, field: "p_send_mw")
        w.cell(c.receiveMW, field: "p_recv_mw")
        w.cell(c.lossMW, field: "loss_mw")
        w.cell(c.ratingMW, field: "rating_mw")
        w.cell(c.utilizationPct, field: "utilization_pct")
        w.closeRow()
      }
      w.closeTable()
    }
    if !report.rings.isEmpty {
      w.openTable("Rings", ["ring", "branches", "highest loading %"], json: "rings")
      for r in report.rings {
        w.openRow(key: r.name)
        w.cell(r.displayName ?? r.name)
        w.cell(integer: r.branches.count)
        w.cell(r.maxLoadingPct, field: "max_loading_pct")
        w.closeRow()
      }
      w.closeTable()
    }
    if !network.hvdcLinks.isEmpty {
      w.openTable("HVDC links", ["link", "from", "to", "sent MW", "delivered MW", "loss MW", "rating MW"], numericFrom: 3, json: "hvdc")
      for (k, link) in network.hvdcLinks.enumerated() {
        let t = report.result.hvdc[k]
        w.openRow(key: link.name)
        w.cell(link.name)
        w.cell(busName(link.from))
        w.cell(link.to.map(busName) ?? (link.externalReceiver ?? "outside the model"))
        w.cell(t.sendMW, field: "p_send_mw")
        w.cell(t.receiveMW, field: "p_recv_mw")
        w.cell(t.lossMW, field: "loss_mw")
        w.cell(link.ratingMW, field: "rating_mw")
        w.closeRow()
      }
      w.closeTable()
    }
    let rated = report.loadingPct.indices.filter { report.loadingPct[$0] != nil }
      .sorted { (report.loadingPct[$0] ?? 0) > (report.loadingPct[$1] ?? 0) || (report.loadingPct[$0] == report.loadingPct[$1] && $0 < $1) }
    if top > 0, !rated.isEmpty {
      branchTable("Most loaded branches (\(min(top, rated.count)) of \(rated.count) with a rating)", Array(rated.prefix(top)), to: &w)
    }
    if report.overloads.isEmpty {
      w.note("Overloads: none (no branch above 100 % of its rating).")
    } else {
      branchTable("Overloads (above 100 % of the rating)", report.overloads, to: &w)
    }
  }

  private func branchTable(_ caption: String, _ rows: [Int], to w: inout HTMLWriter) {
    w.openTable(caption, ["#", "branch", "from", "to", "flow MW", "rating MW", "loading %"], numericFrom: 4, json: "branches")
    for k in rows {
      let b = report.network.branches[k]
      w.openRow(key: String(k + 1))
      w.cell(String(k + 1))
      w.cell(b.name)
      w.cell(busName(b.from))
      w.cell(busName(b.to))
      w.cell(report.result.branchFlowMW[k], field: "p_from_mw")
      w.cell(b.ratingMW, field: "rating_mw")
      w.cell(report.loadingPct[k], field: "loading_pct")
      w.closeRow()
    }
    w.closeTable()
  }

  private func busName(_ id: BusID) -> String {
    if let p = positionOf[id] {
      let bus = report.network.buses[p]
      let name = bus.info?.displayName ?? bus.name
      if !name.isEmpty { return name }
    }
    return String(id.rawValue)
  }
}
