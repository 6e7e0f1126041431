/// The branches over a year: duration curves of the most loaded ones (small multiples, from
/// the run's loading histograms: the curves of `gridtool scenario --format csv`), their
/// table, and the map of the year's highest loadings.
struct ScenarioBranchViews {
  let result: ScenarioResult
  let network: Network
  let layout: MapLayout
  let top: Int

  func write(to w: inout HTMLWriter) {
    let ranked = result.branches.filter { $0.maxLoadingPct != nil }
      .sorted { ($0.maxLoadingPct ?? 0) > ($1.maxLoadingPct ?? 0) || (($0.maxLoadingPct ?? 0) == ($1.maxLoadingPct ?? 0) && $0.index < $1.index) }
    let shown = Array(ranked.prefix(top))
    if !shown.isEmpty {
      w.raw("<h3 id=\"branch-durations\">Most loaded branches</h3>\n")
      w.openTable(
        "The \(shown.count) most loaded branches over the year",
        ["#", "branch", "rating MW", "highest %", "p95 %", "mean %", "h > 80 %", "h > 100 %", "largest |flow| MW"], numericFrom: 2,
        json: "branches")
      for b in shown {
        w.openRow(key: String(b.index + 1))
        w.cell(String(b.index + 1))
        w.cell(b.name)
        w.cell(b.ratingMW, digits: 0, field: "rating_mw")
        w.cell(b.maxLoadingPct, field: "max_loading_pct")
        w.cell(b.p95LoadingPct, field: "p95_loading_pct")
        w.cell(b.meanLoadingPct, field: "mean_loading_pct")
        w.cell(integer: b.hoursOver80, field: "hours_over_80")
        w.cell(integer: b.hoursOver100, field: "hours_over_100")
        w.cell(b.maxFlowMW, field: "max_flow_mw")
        w.closeRow()
      }
      w.closeTable()
      w.raw("<div class=\"small3\">\n")
      for b in shown {
        guard let curve = b.durationCurvePct else { continue }
        w.raw("<figure>")
        DurationChart.write(
          &w, id: "branch-duration-\(b.index + 1)", label: "Loading duration curve of branch \(b.index + 1) \(b.name)", sorted: curve,
          unit: "% of rating", rating: 100, ratingLabel: "", percentiles: true, size: (340, 200))
        w.raw("<figcaption>")
        w.text("branch \(b.index + 1) \(b.name): loading reached or exceeded in a share of the hours in service")
        w.raw("</figcaption></figure>\n")
      }
      w.raw("</div>\n")
      w.note("Curves from the run's loading histograms (0.1 % of rating bins: a value is never understated, and overstated by less than 0.1 percentage point below 200 %).")
    }
    writeMap(to: &w)
  }

  private func writeMap(to w: inout HTMLWriter) {
    var colour = [Double?](repeating: nil, count: network.branches.count)
    var width = [Double](repeating: 0, count: network.branches.count)
    var stats = [BranchStatistics?](repeating: nil, count: network.branches.count)
    for b in result.branches where b.index < network.branches.count {
      colour[b.index] = b.maxLoadingPct
      width[b.index] = b.meanAbsFlowMW
      stats[b.index] = b
    }
    var content = MapContent(
      id: "year", caption: "Highest loading of every branch over the year", colourTitle: "Highest loading over the year",
      widthTitle: "Width: mean |flow|", colourPct: colour, widthMW: width, direction: nil,
      branchData: { w, k in
        guard let b = stats[k] else { return }
        w.attribute("data-r", exact: b.ratingMW)
        w.attribute("data-mx", exact: b.maxLoadingPct)
        w.attribute("data-p95", exact: b.p95LoadingPct)
        w.attribute("data-mean", exact: b.meanLoadingPct)
        w.attribute("data-h100", integer: b.hoursOver100)
        w.attribute("data-mf", exact: b.maxFlowMW)
      },
      branchTitle: { k in
        guard let b = stats[k] else { return "branch \(k + 1)" }
        return "branch \(k + 1) \(b.name): highest " + DisplayNumber.fixed(b.maxLoadingPct, 1) + " %, p95 "
          + DisplayNumber.fixed(b.p95LoadingPct, 1) + " %, " + String(b.hoursOver100) + " h above rating"
      }, busData: nil)
    content.marks = result.branches.filter { $0.hoursOver100 > 0 }.map {
      MapMark(branch: $0.index, kind: .overload, label: "\($0.hoursOver100) h > 100 %")
    }
    if !content.marks.isEmpty { content.legendMarks.insert(.overload) }
    for c in result.corridors where c.ratingMW > 0 {
      content.groupNotes[c.name] = DisplayNumber.fixed(c.sentMWh / 1000, 0) + " GWh sent, " + DisplayNumber.fixed(c.utilizationHours, 0) + " h"
    }
    let hvdc = result.hvdc
    content.hvdcNote = { k in
      guard k < hvdc.count else { return [] }
      let s = hvdc[k]
      return [
        "sent " + DisplayNumber.fixed(s.sentMWh / 1000, 0) + " GWh, loss " + DisplayNumber.fixed(s.lossMWh / 1000, 0),
        "delivered " + DisplayNumber.fixed(s.deliveredMWh / 1000, 0) + " GWh",
      ]
    }
    content.hvdcData = { w, k in
      guard k < hvdc.count else { return }
      w.attribute("data-se", exact: hvdc[k].sentMWh)
      w.attribute("data-de", exact: hvdc[k].deliveredMWh)
      w.attribute("data-xe", exact: hvdc[k].lossMWh)
    }
    w.raw("<h3 id=\"year-map\">The year on the map</h3>\n")
    MapSVG(network: network, layout: layout, content: content).writeFigure(
      caption:
        "Each branch coloured by its highest loading of the year (% of the hour's rating: a circuit out for maintenance halves it) "
          + "and as wide as its mean |flow|; marked: hours above the rating. ",
      to: &w)
  }
}
