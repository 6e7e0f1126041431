extension HTMLReport {
  /// Adds the contingency view of an N-1 screen (`gridtool contingency`): key figures, the
  /// map of every monitored branch's worst post-contingency loading (hover: the outage that
  /// causes it), the table of those worst cases, and the contingencies that cause violations.
  /// - Parameters:
  ///   - result: the screen; its numbers are those of `gridtool contingency --format json`.
  ///   - layout: bus positions (default: ``MapLayout/init(network:)``).
  ///   - top: rows of each table.
  public mutating func addContingency(_ result: ContingencyResult, layout: MapLayout? = nil, top: Int = 25) {
    let network = result.network
    let layout = layout ?? MapLayout(network: network)
    var w = HTMLWriter(capacity: 200 * network.branches.count + 1 << 16)
    w.openSection("contingency", "N-1 contingencies")
    let s = result.summary
    w.openFigures(json: "summary")
    w.figure("contingencies", Double(s.contingencies), digits: 0, field: "contingencies")
    w.figure("solved", Double(s.solved), digits: 0, field: "solved")
    w.figure("islanding", Double(s.islanding), digits: 0, field: "islanding")
    w.figure("monitored", Double(s.monitored), digits: 0, field: "monitored")
    w.figure("with violations", Double(s.contingenciesWithViolations), digits: 0, field: "contingencies_with_violations")
    w.figure("worst loading", s.worstLoadingPct, unit: "%", field: "worst_loading_pct")
    w.figure("largest load cut off", s.largestLoadLostMW, unit: "MW", field: "largest_load_lost_mw")
    w.figure("result", text: s.secure ? "secure" : "NOT secure")
    w.raw("</dl>\n")
    if let b = s.worstBranch, let c = s.worstContingency {
      w.note(
        "Worst case: " + DisplayNumber.fixed(s.worstLoadingPct, 1) + " % on branch \(b + 1) " + network.branches[b].name
          + " after the loss of " + result.contingencies[c].label(in: network) + ".")
    }

    var colour = [Double?](repeating: nil, count: network.branches.count)
    var width = result.baseFlowMW.map { abs($0) }
    for m in result.branches {
      colour[m.branch] = m.worstLoadingPct
      if let f = m.worstFlowMW { width[m.branch] = abs(f) }
    }
    var content = MapContent(
      id: "n1", caption: "Worst post-contingency loading of every monitored branch",
      colourTitle: "Worst loading after an outage", widthTitle: "Width: |flow| then",
      colourPct: colour, widthMW: width, direction: nil,
      branchData: { w, k in
        w.attribute("data-p", exact: result.baseFlowMW[k])
        guard let m = result.monitoredBranch(k) else { return }
        w.attribute("data-r", exact: m.ratingMW)
        w.attribute("data-w", exact: m.worstLoadingPct)
        w.attribute("data-wp", exact: m.worstFlowMW)
        if let c = m.worstContingency { w.attribute("data-o", result.contingencies[c].label(in: network)) }
      },
      branchTitle: { k in
        guard let m = result.monitoredBranch(k) else { return "branch \(k + 1): not monitored" }
        let after = m.worstContingency.map { " after the loss of " + result.contingencies[$0].label(in: network) } ?? ""
        return "branch \(k + 1) " + network.branches[k].name + ": worst " + DisplayNumber.fixed(m.worstLoadingPct, 1) + " %" + after
      }, busData: nil)
    content.marks = Self.n1Marks(result)
    content.legendMarks = [.n1]
    MapSVG(network: network, layout: layout, content: content).writeFigure(
      caption:
        "Each monitored branch coloured by its highest loading after any one outage (% of its post-contingency rating), "
          + "as wide as its flow then; marked: above the limit after some outage. Hover for the outage that causes it. ",
      to: &w)
    ContingencyTables(result: result, top: top).write(to: &w)
    w.raw("</section>\n")
    add(id: "contingency", heading: "N-1 contingencies", markup: w.take(), toggles: Self.toggles(network))
  }
}

/// The contingency view's tables: each branch's worst case, and the outages with violations.
struct ContingencyTables {
  let result: ContingencyResult
  let top: Int

  func write(to w: inout HTMLWriter) {
    let network = result.network
    let worst = result.branches.filter { $0.worstLoadingPct != nil }
      .sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) || (($0.worstLoadingPct ?? 0) == ($1.worstLoadingPct ?? 0) && $0.branch < $1.branch) }
    if top > 0, !worst.isEmpty {
      w.openTable(
        "Worst post-contingency loading of the \(min(top, worst.count)) most loaded of \(worst.count) monitored branches",
        ["#", "branch", "rating MW", "base %", "worst %", "flow then MW", "after the loss of", "violations"], numericFrom: 2,
        json: "branches")
      for m in worst.prefix(top) {
        w.openRow(key: String(m.branch + 1))
        w.cell(String(m.branch + 1))
        w.cell(network.branches[m.branch].name)
        w.cell(m.ratingMW, digits: 0, field: "rating_mw")
        w.cell(m.baseLoadingPct, field: "base_loading_pct")
        w.cell(m.worstLoadingPct, field: "worst_loading_pct")
        w.cell(m.worstFlowMW, field: "worst_p_from_mw")
        w.cell(m.worstContingency.map { result.contingencies[$0].label(in: network) } ?? "–")
        w.cell(integer: m.violationCount, field: "violations")
        w.closeRow()
      }
      w.closeTable()
    }
    let violating = result.outcomes.filter { !$0.violations.isEmpty }
      .sorted { ($0.maxLoadingPct ?? 0) > ($1.maxLoadingPct ?? 0) || (($0.maxLoadingPct ?? 0) == ($1.maxLoadingPct ?? 0) && $0.index < $1.index) }
    if violating.isEmpty {
      w.note("No contingency puts a monitored branch above the limit.")
    } else {
      w.openTable(
        "Contingencies with violations (\(violating.count); worst first)",
        ["#", "outage", "status", "worst loading %", "on branch", "violations"], numericFrom: 3, json: "outages")
      for o in violating.prefix(top) {
        w.openRow(key: String(o.index + 1))
        w.cell(String(o.index + 1))
        w.cell(o.contingency.label(in: network))
        w.cell(o.status.rawValue)
        w.cell(o.maxLoadingPct, field: "max_loading_pct")
        w.cell(o.maxLoadingBranch.map { "\($0 + 1) " + network.branches[$0].name } ?? "–")
        w.cell(integer: o.violations.count)
        w.closeRow()
      }
      w.closeTable()
    }
    let islanding = result.outcomes.filter { ($0.islanding?.loadLostMW ?? 0) > 0 }
      .sorted { ($0.islanding?.loadLostMW ?? 0) > ($1.islanding?.loadLostMW ?? 0) || $0.index < $1.index && ($0.islanding?.loadLostMW ?? 0) == ($1.islanding?.loadLostMW ?? 0) }
    if !islanding.isEmpty {
      w.openTable("Islanding outages that cut off load (largest first)", ["#", "outage", "buses cut off", "load lost MW", "generation lost MW"], numericFrom: 2, json: "outages")
      for o in islanding.prefix(top) {
        guard let i = o.islanding else { continue }
        w.openRow(key: String(o.index + 1))
        w.cell(String(o.index + 1))
        w.cell(o.contingency.label(in: network))
        w.cell(integer: i.busesCutOff.count)
        w.cell(i.loadLostMW, field: "load_lost_mw")
        w.cell(i.generationLostMW, field: "generation_lost_mw")
        w.closeRow()
      }
      w.closeTable()
    }
  }
}
