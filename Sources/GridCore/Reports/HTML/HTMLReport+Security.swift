extension HTMLReport {
  /// Adds the N-1 view of a year (`gridtool contingency SCENARIO`): key figures, the hours in
  /// which some outage puts a branch above its limit (a heat map of how many outages do),
  /// the map of every branch's worst loading over the year, and the tables of the
  /// contingencies causing violations and of the branches' worst cases.
  /// - Parameters:
  ///   - result: the screen; its numbers are those of `ScenarioSecurityResult.json()`.
  ///   - layout: bus positions (default: ``MapLayout/init(network:)``).
  ///   - top: rows of each table.
  public mutating func addSecurity(_ result: ScenarioSecurityResult, layout: MapLayout? = nil, top: Int = 15) {
    let network = result.network
    let layout = layout ?? MapLayout(network: network)
    var w = HTMLWriter(capacity: 1 << 18)
    w.openSection("security", "N-1 over the year")
    let s = result.summary
    w.openFigures(json: "summary")
    w.figure("hours", Double(s.hours), digits: 0, field: "hours")
    w.figure("insecure hours (N-0 or N-1)", Double(s.insecureHours), digits: 0, field: "insecure_hours")
    w.figure("N-0 insecure hours", Double(s.baseInsecureHours), digits: 0, field: "base_insecure_hours")
    w.figure("contingencies", Double(s.contingencies), digits: 0, field: "contingencies")
    w.figure("with violations", Double(s.contingenciesWithViolations), digits: 0, field: "contingencies_with_violations")
    w.figure("worst loading", s.worstLoadingPct, unit: "%", field: "worst_loading_pct")
    w.raw("</dl>\n")
    if let b = s.worstBranch, let h = s.worstHour {
      w.note(
        "Worst case: " + DisplayNumber.fixed(s.worstLoadingPct, 1) + " % on branch \(b + 1) " + network.branches[b].name + " at "
          + result.time(ofHour: h).description + " after " + (result.worstLabel(h, s.worstContingency) ?? "–") + ".")
    }
    // Per hour: how many contingencies put a monitored branch above the limit.
    var count = [Double](repeating: 0, count: result.hours)
    for o in result.outcomes { for h in o.violationHours where h < count.count { count[h] += 1 } }
    let most = count.reduce(0, max)
    w.raw("<figure>")
    HeatMapSVG.write(
      &w, id: "heat-n1", label: "Hours with N-1 violations, hour of day × day of year", start: result.start, values: count,
      unit: "outages", classTop: HeatMapSVG.countClasses(maximum: most))
    w.raw("<figcaption>")
    w.text(
      "Each hour coloured by the number of outages after which some monitored branch is above \(DisplayNumber.fixed(result.options.limitPct, 0)) % "
        + "of its rating; grey: N-1 secure (\(DisplayNumber.grouped(Int64(s.baseInsecureHours))) hours are insecure before any outage, N-0).")
    w.raw("</figcaption></figure>\n")

    var colour = [Double?](repeating: nil, count: network.branches.count)
    var record = [ScenarioScreenedBranch?](repeating: nil, count: network.branches.count)
    for b in result.branches where b.branch < network.branches.count {
      colour[b.branch] = b.worstLoadingPct
      record[b.branch] = b
    }
    var content = MapContent(
      id: "yearn1", caption: "Worst loading of every monitored branch over the year, N-0 or N-1",
      colourTitle: "Worst loading over the year", widthTitle: "Width: rating",
      colourPct: colour, widthMW: network.branches.map(\.ratingMW), direction: nil,
      branchData: { w, k in
        guard let b = record[k] else { return }
        w.attribute("data-r", exact: b.ratingMW)
        w.attribute("data-w", exact: b.worstLoadingPct)
        if let h = b.worstHour {
          w.attribute("data-o", result.worstLabel(h, b.worstContingency) ?? "")
          w.attribute("data-wt", result.time(ofHour: h).description)
        }
        w.attribute("data-ih", integer: b.insecureHours)
      },
      branchTitle: { k in
        guard let b = record[k] else { return "branch \(k + 1): not monitored" }
        return "branch \(k + 1) " + network.branches[k].name + ": worst " + DisplayNumber.fixed(b.worstLoadingPct, 1) + " %, "
          + String(b.insecureHours) + " insecure hours"
      }, busData: nil)
    let limit = result.options.limitPct + 1e-9
    let critical = result.branches.filter { ($0.worstLoadingPct ?? 0) > limit }
      .sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) || (($0.worstLoadingPct ?? 0) == ($1.worstLoadingPct ?? 0) && $0.branch < $1.branch) }
    content.marks = critical.enumerated().map { i, b in
      MapMark(branch: b.branch, kind: .n1, label: i < 3 ? DisplayNumber.fixed(b.worstLoadingPct, 1) + " %, \(b.insecureHours) h" : nil)
    }
    content.legendMarks = [.n1]
    MapSVG(network: network, layout: layout, content: content).writeFigure(
      caption:
        "Each monitored branch coloured by its worst loading of the year (base case or after an outage, % of the hour's rating); "
          + "marked: above the limit in some hour. Hover for the hour and the outage. ",
      to: &w)
    writeSecurityTables(result, top: top, to: &w)
    w.raw("</section>\n")
    add(id: "security", heading: "N-1 over the year", markup: w.take(), toggles: Self.toggles(network))
  }

  private func writeSecurityTables(_ result: ScenarioSecurityResult, top: Int, to w: inout HTMLWriter) {
    let network = result.network
    let causing = result.outcomes.filter { !$0.violationHours.isEmpty }
      .sorted { $0.violationHours.count > $1.violationHours.count || ($0.violationHours.count == $1.violationHours.count && $0.index < $1.index) }
    if !causing.isEmpty {
      w.openTable(
        "Contingencies causing violations (\(causing.count); most hours first)",
        ["#", "outage", "hours", "worst loading %", "at", "first", "last"], numericFrom: 2, json: "contingencies")
      for o in causing.prefix(top) {
        w.openRow(key: String(o.index + 1))
        w.cell(String(o.index + 1))
        w.cell(result.contingencies[o.index].label(in: network))
        w.cell(integer: o.violationHours.count, field: "violation_hours")
        w.cell(o.worstLoadingPct, field: "worst_loading_pct")
        w.cell(o.worstHour.map { result.time(ofHour: $0).description } ?? "–")
        w.cell(o.violationHours.first.map { result.time(ofHour: $0).description } ?? "–")
        w.cell(o.violationHours.last.map { result.time(ofHour: $0).description } ?? "–")
        w.closeRow()
      }
      w.closeTable()
    }
    let worst = result.branches.filter { $0.worstLoadingPct != nil }
      .sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) || (($0.worstLoadingPct ?? 0) == ($1.worstLoadingPct ?? 0) && $0.branch < $1.branch) }
    guard !worst.isEmpty else { return }
    w.openTable(
      "Worst loading of the \(min(top, worst.count)) most loaded monitored branches over the year",
      ["#", "branch", "rating MW", "worst %", "at", "case", "insecure hours"], numericFrom: 2, json: "branches")
    for b in worst.prefix(top) {
      w.openRow(key: String(b.branch + 1))
      w.cell(String(b.branch + 1))
      w.cell(network.branches[b.branch].name)
      w.cell(b.ratingMW, digits: 0, field: "rating_mw")
      w.cell(b.worstLoadingPct, field: "worst_loading_pct")
      w.cell(b.worstHour.map { result.time(ofHour: $0).description } ?? "–")
      w.cell(result.worstLabel(b.worstHour, b.worstContingency) ?? "–")
      w.cell(integer: b.insecureHours, field: "insecure_hours")
      w.closeRow()
    }
    w.closeTable()
  }
}
