extension HTMLReport {
  /// Adds the scenario view of a year (`gridtool scenario`): key figures; per export corridor
  /// the duration curve of its hourly sending power with the rating, monthly energy bars
  /// (delivered and losses, stacked to the energy sent) and an hour-of-day × day-of-year
  /// heat map; curtailment (heat map, by technology and region); the duration curves of the
  /// most loaded branches; and a map of the year's highest loadings. With `security` (the
  /// year's N-1 screen) the N-1 view follows (``addSecurity(_:layout:top:)``).
  /// - Parameters:
  ///   - result: the run's summary; its numbers are those of ``ScenarioResult/json()``.
  ///   - network: the scenario's network as read (positions, names, groups).
  ///   - hourly: the run's hourly series (``ScenarioHourlySeries/run(_:options:)``); without
  ///     it the corridors' duration curves are the result's (0.1 % of rating resolution) and
  ///     there are no heat maps.
  ///   - security: the year's N-1 screen, when it was run.
  ///   - layout: bus positions on the map.
  ///   - top: branches whose duration curves are drawn.
  public mutating func addScenario(
    _ result: ScenarioResult, network: Network, hourly: ScenarioHourlySeries? = nil, security: ScenarioSecurityResult? = nil,
    layout: MapLayout? = nil, top: Int = 12
  ) {
    let layout = layout ?? MapLayout(network: network)
    var w = HTMLWriter(capacity: 1 << 20)
    w.openSection("scenario", "The year")
    w.note(
      "\(result.scenarioName): \(DisplayNumber.grouped(Int64(result.hours))) hours from \(result.start) on \(result.networkName) "
        + "(\(result.topologies) topolog\(result.topologies == 1 ? "y" : "ies")). Energies in GWh (1 GWh = 1,000 MWh; "
        + "exact MWh in the data attributes, as in the JSON).")
    let t = result.totals
    w.openFigures(json: "totals")
    w.figure("demand", t.demandMWh, unit: "GWh", field: "demand_mwh", scale: 1000)
    w.figure("peak demand", t.peakDemandMW, unit: "MW", field: "peak_demand_mw")
    w.figure("generation", t.generationTotalMWh, unit: "GWh", field: "generation_mwh", scale: 1000)
    w.figure("curtailed", t.curtailedMWh(.wind) + t.curtailedMWh(.solar), unit: "GWh", field: "curtailed_mwh", scale: 1000)
    w.figure("hours curtailed", Double(t.hoursCurtailed), digits: 0, field: "hours_curtailed")
    w.figure("unserved", t.unservedMWh, unit: "GWh", field: "unserved_mwh", scale: 1000)
    if !result.hvdc.isEmpty || t.hvdcSentMWh != 0 {
      w.figure("HVDC sent", t.hvdcSentMWh, unit: "GWh", field: "hvdc_sent_mwh", scale: 1000)
      w.figure("HVDC delivered", t.hvdcDeliveredMWh, unit: "GWh", field: "hvdc_delivered_mwh", scale: 1000)
    }
    if let s = security?.summary {
      w.figure("N-1 insecure hours", Double(s.insecureHours), digits: 0)
    }
    w.raw("</dl>\n")
    if hourly == nil {
      w.note("No hourly series (a JSON result holds none): the duration curves and heat maps need the report of the scenario file itself.")
    }
    ScenarioCorridorViews(result: result, hourly: hourly).write(to: &w)
    ScenarioCurtailmentView(result: result, hourly: hourly).write(to: &w)
    ScenarioBranchViews(result: result, network: network, layout: layout, top: top).write(to: &w)
    w.raw("</section>\n")
    add(id: "scenario", heading: "The year", markup: w.take(), toggles: Self.toggles(network))
    if let security { addSecurity(security, layout: layout) }
  }
}

/// Per export corridor: duration curve, monthly energies, heat map, and the corridor table.
struct ScenarioCorridorViews {
  let result: ScenarioResult
  let hourly: ScenarioHourlySeries?
  static let sentAttribute: StaticString = "data-sent"

  func write(to w: inout HTMLWriter) {
    guard !result.corridors.isEmpty else { return }
    w.raw("<h3>Export corridors</h3>\n")
    w.openTable(
      "Export corridors over the year",
      ["corridor", "sent GWh", "delivered GWh", "losses GWh", "loss %", "rating MW", "utilization h", "max MW", "h > rating"],
      json: "corridors")
    for c in result.corridors {
      w.openRow(key: c.name)
      w.cell(c.displayName ?? c.name)
      w.cell(c.sentMWh, field: "energy_sent_mwh", scale: 1000)
      w.cell(c.deliveredMWh, field: "energy_delivered_mwh", scale: 1000)
      w.cell(c.lossMWh, field: "energy_loss_mwh", scale: 1000)
      w.cell(c.sentMWh != 0 ? 100 * c.lossMWh / c.sentMWh : nil, digits: 2, field: "loss_pct")
      w.cell(c.ratingMW, digits: 0, field: "rating_mw")
      w.cell(c.utilizationHours, digits: 0, field: "utilization_hours")
      w.cell(c.maxSendMW, field: "max_p_send_mw")
      w.cell(integer: c.hoursOverRating, field: "hours_over_rating")
      w.closeRow()
    }
    w.closeTable()
    for (i, c) in result.corridors.enumerated() {
      let name = c.displayName ?? c.name
      w.raw("<div class=\"corridorblock\" data-json=\"corridors\"")
      w.attribute("data-key", c.name)
      w.attribute("id", "corridor-" + c.name)
      w.raw(">\n<h3>")
      w.text(name)
      w.raw("</h3>\n<div class=\"grid2\">\n")
      let series = hourly.flatMap { i < $0.corridorSendMW.count ? $0.corridorSendMW[i] : nil }
      if series != nil || (c.durationCurvePct != nil && c.ratingMW > 0) { w.raw("<figure>") }
      if let series {
        let sorted = series.sorted(by: >)
        DurationChart.write(
          &w, id: "duration-" + c.name, label: "Duration curve of the hourly sending power of \(name)", sorted: sorted,
          unit: "MW", rating: c.ratingMW > 0 ? c.ratingMW : nil, ratingLabel: "rating"
        ) { w in w.attribute("data-f", "max_p_send_mw") }
        w.raw("<figcaption>Duration curve: the hourly sending power, largest first, against the share of the ")
        w.raw(DisplayNumber.grouped(Int64(sorted.count)))
        w.raw(" hours in which it is reached or exceeded; dashed: the corridor's rating.</figcaption>")
      } else if let curve = c.durationCurvePct, c.ratingMW > 0 {
        DurationChart.write(
          &w, id: "duration-" + c.name, label: "Duration curve of \(name), % of rating", sorted: curve, unit: "% of rating",
          rating: 100, percentiles: true)
        w.raw("<figcaption>Duration curve of the sending power, % of the rating (0.1 % bins).</figcaption>")
      }
      if series != nil || (c.durationCurvePct != nil && c.ratingMW > 0) { w.raw("</figure>\n") }
      w.raw("<figure>")
      let losses = zip(c.monthlySentMWh, c.monthlyDeliveredMWh).map { $0 - $1 }
      MonthlyBars.write(
        &w, id: "monthly-" + c.name, label: "Monthly energy of \(name)", months: result.months,
        series: [
          .init(cssClass: "delivered", name: "delivered", values: c.monthlyDeliveredMWh, field: "monthly_delivered_mwh"),
          .init(cssClass: "losses", name: "losses", values: losses, extra: [(name: Self.sentAttribute, values: c.monthlySentMWh)]),
        ], unit: "GWh", scale: 1000)
      w.raw("<figcaption>Monthly energy: delivered, and the losses on top, together the energy sent.</figcaption></figure>\n</div>\n")
      if let series {
        w.raw("<figure>")
        let top = series.reduce(0) { max($0, $1) }
        HeatMapSVG.write(
          &w, id: "heat-" + c.name, label: "Hourly sending power of \(name), hour of day × day of year", start: result.start,
          values: series, unit: "MW", classTop: HeatMapSVG.equalClasses(maximum: top))
        w.raw("<figcaption>Sending power, MW, by hour of the day (down) and day of the year (across); grey: nothing sent.</figcaption></figure>\n")
      }
      w.raw("</div>\n")
    }
  }
}

/// Curtailment: the hourly heat map, monthly energies, and the table by technology and region.
struct ScenarioCurtailmentView {
  let result: ScenarioResult
  let hourly: ScenarioHourlySeries?

  func write(to w: inout HTMLWriter) {
    let t = result.totals
    w.raw("<h3 id=\"curtailment\">Curtailment</h3>\n")
    if let hourly, hourly.hours > 0 {
      w.raw("<figure>")
      let top = hourly.curtailedMW.reduce(0) { max($0, $1) }
      HeatMapSVG.write(
        &w, id: "heat-curtailment", label: "Hourly curtailment of wind and solar, hour of day × day of year", start: result.start,
        values: hourly.curtailedMW, unit: "MW", classTop: HeatMapSVG.equalClasses(maximum: top))
      w.raw("<figcaption>Wind and solar available but not dispatched, MW, by hour of the day and day of the year; grey: none.</figcaption></figure>\n")
    }
    w.openTable("Wind and solar over the year", ["technology", "installed at the end MW", "available GWh", "generation GWh", "curtailed GWh"], json: "totals.technologies")
    for tech in Technology.allCases where DispatchRule.variableTechnologies.contains(tech) && t.generationMWh[tech] != nil {
      w.openRow(key: tech.rawValue)
      w.cell(tech.rawValue)
      w.cell(t.installedAtEndMW[tech] ?? 0, digits: 0, field: "installed_at_end_mw")
      w.cell(t.availableMWh[tech] ?? 0, field: "available_mwh", scale: 1000)
      w.cell(t.generationMWh[tech] ?? 0, field: "generation_mwh", scale: 1000)
      w.cell(t.curtailedMWh(tech), field: "curtailed_mwh", scale: 1000)
      w.closeRow()
    }
    w.closeTable()
    let regions = result.regions.filter { $0.windAvailableMWh + $0.solarAvailableMWh > 0 || $0.unservedMWh > 0 }
    guard !regions.isEmpty else { return }
    w.openTable("Regions", ["region", "demand GWh", "unserved GWh", "wind + solar available GWh", "curtailed GWh", "curtailed %"], json: "regions")
    for r in regions {
      let available = r.windAvailableMWh + r.solarAvailableMWh
      w.openRow(key: r.name)
      w.cell(r.name)
      w.cell(r.demandMWh, field: "demand_mwh", scale: 1000)
      w.cell(r.unservedMWh, field: "unserved_mwh", scale: 1000)
      w.cell(available, scale: 1000)
      w.cell(r.curtailedMWh, field: "curtailed_mwh", scale: 1000)
      w.cell(available > 0 ? 100 * r.curtailedMWh / available : nil)
      w.closeRow()
    }
    w.closeTable()
  }
}
