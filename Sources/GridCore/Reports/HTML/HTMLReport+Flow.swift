extension HTMLReport {
  /// Adds the network view of a solved power flow (`gridtool solve`, or an OPF's flows): key
  /// figures, the map (lines coloured by loading, as wide as their flow, arrows the way
  /// power flows, rings and corridors, HVDC links with sent / delivered / loss, overloads
  /// marked, and the N-1 worst cases when `contingency` is given), and the tables of
  /// corridors, rings, HVDC links, the most loaded branches and the overloads.
  /// - Parameters:
  ///   - report: the solved flow; its numbers are those of ``FlowReport/json()``.
  ///   - contingency: an N-1 screen of the same operating point, to mark on the map.
  ///   - layout: bus positions (default: ``MapLayout/init(network:)``); pass one to share
  ///     it between views.
  ///   - top: rows of the most-loaded table.
  public mutating func addFlow(_ report: FlowReport, contingency: ContingencyResult? = nil, layout: MapLayout? = nil, top: Int = 15) {
    let network = report.network
    let layout = layout ?? MapLayout(network: network)
    let flows = report.result.branchFlowMW
    var w = HTMLWriter(capacity: 256 * network.branches.count + 100 * network.buses.count + 1 << 16)
    w.openSection("network", "Power flow")
    w.openFigures(json: "summary")
    var inService = 0
    for b in network.branches where b.inService { inService += 1 }
    w.figure("buses", Double(network.buses.count), digits: 0, field: "buses")
    w.figure("branches in service", Double(inService), digits: 0, field: "branches_in_service")
    w.figure("generation", report.totals.generationMW, unit: "MW", field: "total_generation_mw")
    w.figure("load", report.totals.loadMW, unit: "MW", field: "total_load_mw")
    if report.totals.unservedLoadMW > 0 { w.figure("unserved", report.totals.unservedLoadMW, unit: "MW", field: "unserved_load_mw") }
    if !network.hvdcLinks.isEmpty {
      w.figure("HVDC sent", report.totals.hvdcSendMW, unit: "MW", field: "hvdc_send_mw")
      w.figure("HVDC delivered", report.totals.hvdcReceiveMW, unit: "MW", field: "hvdc_receive_mw")
      w.figure("HVDC losses", report.totals.hvdcLossMW, unit: "MW", field: "hvdc_loss_mw")
    }
    w.figure("highest loading", report.loadingPct.compactMap { $0 }.max(), unit: "%", field: "max_loading_pct")
    w.figure("overloads", Double(report.overloads.count), digits: 0, field: "overloads")
    if let s = contingency?.summary {
      w.figure("worst N-1 loading", s.worstLoadingPct, unit: "%")
    }
    w.raw("</dl>\n")

    var content = MapContent(
      id: "flow", caption: "Map of \(network.name): line loading and flows",
      colourTitle: "Loading, % of rating", widthTitle: "Width: |flow|",
      colourPct: report.loadingPct, widthMW: flows, direction: { flows[$0] >= 0 },
      branchData: { w, k in Self.writeFlowData(report, contingency, k, &w) },
      branchTitle: { k in Self.flowTitle(report, k) },
      busData: { w, p in
        w.attribute("data-a", exact: report.result.angleDeg[p])
        w.attribute("data-j", exact: report.result.busInjectionMW[p])
      })
    // Overloads are worst first: the ten worst are labelled.
    content.marks = report.overloads.enumerated().map { i, k in
      MapMark(branch: k, kind: .overload, label: i < 10 ? DisplayNumber.fixed(report.loadingPct[k], 1) + " %" : nil)
    }
    if !report.overloads.isEmpty { content.legendMarks.insert(.overload) }
    if let contingency {
      content.marks += Self.n1Marks(contingency)
      content.legendMarks.insert(.n1)
    }
    for c in report.corridors where c.ratingMW > 0 {
      content.groupNotes[c.name] = DisplayNumber.fixed(c.sendMW, 1) + " of " + DisplayNumber.fixed(c.ratingMW, 0) + " MW"
    }
    for r in report.rings { content.groupNotes[r.name] = "highest loading " + DisplayNumber.fixed(r.maxLoadingPct, 1) + " %" }
    content.hvdcNote = { k in
      let t = report.result.hvdc[k]
      return [
        "sent " + DisplayNumber.fixed(t.sendMW, 1) + " MW, loss " + DisplayNumber.fixed(t.lossMW, 1),
        "delivered " + DisplayNumber.fixed(t.receiveMW, 1) + " MW",
      ]
    }
    content.hvdcData = { w, k in
      let t = report.result.hvdc[k]
      w.attribute("data-s", exact: t.sendMW)
      w.attribute("data-d", exact: t.receiveMW)
      w.attribute("data-x", exact: t.lossMW)
    }
    MapSVG(network: network, layout: layout, content: content).writeFigure(
      caption:
        "Every in-service branch is one line, coloured by loading (|flow| / RATE_A) and as wide as its flow, "
          + "with an arrow the way power flows; hover for its figures, scroll to zoom, drag to pan, double-click to reset. ",
      to: &w)
    FlowTables(report: report, top: top).write(to: &w)
    w.raw("</section>\n")
    add(id: "network", heading: "Power flow", markup: w.take(), toggles: Self.toggles(network))
  }

  /// The map's toggles that apply to `network`.
  static func toggles(_ network: Network) -> Set<String> {
    var t: Set<String> = ["marks"]
    if !network.groups(ofKind: .ring).isEmpty { t.insert("rings") }
    if !network.groups(ofKind: .corridor).isEmpty { t.insert("corridors") }
    if network.buses.count <= 150 { t.insert("labels") }
    return t
  }

  /// How the map was drawn, for its caption.
  static func layoutNote(_ layout: MapLayout) -> String {
    switch layout.method {
    case .geographic(let phi, let lambda):
      return "Projection: equirectangular, standard parallel " + DisplayNumber.fixed(phi, 1) + "° N, central meridian "
        + DisplayNumber.fixed(lambda, 1) + "° E (distances true along that parallel and along meridians); "
        + "bus positions as the network file gives them."
    case .stress:
      return "The network has no coordinates: positions are computed from its topology (PivotMDS, then sparse "
        + "stress majorization on hop distances; deterministic) and carry no geographic meaning."
    }
  }

  /// The `data-*` of a branch on the flow map: ends, flow, rating, loading (the JSON's
  /// `from`, `to`, `p_from_mw`, `rating_mw`, `loading_pct`) and its worst N-1 case.
  static func writeFlowData(_ report: FlowReport, _ contingency: ContingencyResult?, _ k: Int, _ w: inout HTMLWriter) {
    let branch = report.network.branches[k]
    w.raw(" data-from=\"")
    w.integer(branch.from.rawValue)
    w.raw("\" data-to=\"")
    w.integer(branch.to.rawValue)
    w.raw("\"")
    w.attribute("data-p", exact: report.result.branchFlowMW[k])
    w.attribute("data-r", exact: branch.ratingMW)
    w.attribute("data-l", exact: report.loadingPct[k])
    if let contingency, let m = contingency.monitoredBranch(k) {
      w.attribute("data-w", exact: m.worstLoadingPct)
      if let c = m.worstContingency { w.attribute("data-o", contingency.contingencies[c].label(in: report.network)) }
    }
  }

  static func flowTitle(_ report: FlowReport, _ k: Int) -> String {
    let b = report.network.branches[k]
    var s = "branch \(k + 1)" + (b.name.isEmpty ? "" : " " + b.name) + ": " + DisplayNumber.fixed(report.result.branchFlowMW[k], 1) + " MW"
    if let l = report.loadingPct[k] { s += ", " + DisplayNumber.fixed(l, 1) + " % of " + DisplayNumber.fixed(b.ratingMW, 0) + " MW" }
    return s
  }

  /// N-1 marks: every branch above the limit after some outage; the three worst labelled.
  static func n1Marks(_ result: ContingencyResult) -> [MapMark] {
    let limit = result.options.limitPct + 1e-9
    let critical = result.branches.filter { ($0.worstLoadingPct ?? 0) > limit }
      .sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) || (($0.worstLoadingPct ?? 0) == ($1.worstLoadingPct ?? 0) && $0.branch < $1.branch) }
    return critical.enumerated().map { i, m in
      let label = i < 3 ? "N-1 " + DisplayNumber.fixed(m.worstLoadingPct, 1) + " %" : nil
      return MapMark(branch: m.branch, kind: .n1, label: label)
    }
  }
}

extension ContingencyResult {
  /// The monitored record of branch `k` (input position); nil when it is not monitored.
  func monitoredBranch(_ k: Int) -> MonitoredBranch? {
    // `monitored` is in input order: binary search.
    var low = 0, high = monitored.count
    while low < high {
      let mid = (low + high) / 2
      if monitored[mid] < k { low = mid + 1 } else { high = mid }
    }
    return low < monitored.count && monitored[low] == k ? branches[low] : nil
  }
}
