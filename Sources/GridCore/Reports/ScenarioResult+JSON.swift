extension ScenarioResult {
  /// The JSON contract of `gridtool scenario --format json` (docs/scenarios.md, "JSON").
  /// MWh, MW, % of rating, hours; arrays in input order; `index` is 1-based.
  public func json() -> String {
    var w = JSONWriter(capacity: 600 * branches.count + 4096)
    w.beginObject()
    w.field("format", "gridtool-scenario/1")
    w.field("scenario", scenarioName)
    w.field("network", networkName)
    w.field("start", start.description)
    w.field("hours", hours)
    w.field("months", strings: months)
    w.field("topologies", topologies)
    w.field("percentile_resolution_pct", percentileResolutionPct)
    writeTotals(&w)

    w.beginArray("corridors")
    for c in corridors { write(c, to: &w) }
    w.endArray()
    w.beginArray("hvdc")
    for link in hvdc { write(link, to: &w) }
    w.endArray()

    w.beginArray("branches")
    for b in branches {
      w.beginObject()
      w.field("index", b.index + 1)
      w.field("name", b.name)
      w.field("from", b.from.rawValue)
      w.field("to", b.to.rawValue)
      w.field("rating_mw", b.ratingMW)
      w.field("hours_in_service", b.hoursInService)
      w.field("max_loading_pct", b.maxLoadingPct)
      w.field("mean_loading_pct", b.meanLoadingPct)
      w.field("p95_loading_pct", b.p95LoadingPct)
      w.field("hours_over_80", b.hoursOver80)
      w.field("hours_over_100", b.hoursOver100)
      w.field("max_flow_mw", b.maxFlowMW)
      w.field("mean_abs_flow_mw", b.meanAbsFlowMW)
      w.endObject()
    }
    w.endArray()

    w.beginArray("regions")
    for r in regions {
      w.beginObject()
      w.field("name", r.name)
      w.field("demand_mwh", r.demandMWh)
      w.field("unserved_mwh", r.unservedMWh)
      w.field("curtailed_mwh", r.curtailedMWh)
      w.field("wind_available_mwh", r.windAvailableMWh)
      w.field("wind_mwh", r.windMWh)
      w.field("curtailed_wind_mwh", r.windAvailableMWh - r.windMWh)
      w.field("solar_available_mwh", r.solarAvailableMWh)
      w.field("solar_mwh", r.solarMWh)
      w.field("curtailed_solar_mwh", r.solarAvailableMWh - r.solarMWh)
      w.field("peak_demand_mw", r.peakDemandMW)
      w.field("peak_time", r.peakTime?.description)
      w.endObject()
    }
    w.endArray()

    if let e = exportLimit {
      w.beginObject("export_limit")
      w.field("link", e.linkName)
      w.field("supply_buses", strings: e.supplyBuses)
      w.field("rating_mw", e.ratingMW)
      e.writeEnergyAndHours(to: &w)
      w.beginArray("binding_branches")
      for b in e.bindingBranches {
        w.beginObject()
        w.field("index", b.index + 1)
        w.field("name", b.name)
        w.field("hours", b.hours)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }

    w.field("dispatch", opf?.mode.rawValue ?? DispatchMode.rule.rawValue)
    if let o = opf { writeOPF(o, to: &w) }

    w.beginArray("diagnostics")
    for d in diagnostics { w.element(d.description) }
    w.endArray()
    w.endObject()
    return w.text + "\n"
  }

  /// The `opf` object: binding limits with their prices, slack hours, free links.
  private func writeOPF(_ o: ScenarioOPFSummary, to w: inout JSONWriter) {
    func constraint(_ c: ScenarioOPFSummary.Constraint) {
      w.field("kind", c.kind)
      w.field("element", c.element)
      if let outage = c.outage { w.field("outage", outage) }
      w.field("description", c.description)
    }
    w.beginObject("opf")
    w.field("mode", o.mode.rawValue)
    w.field("objective", o.objective)
    w.field("export_cut_mwh", o.exportCutMWh)
    w.field("hours_export_cut", o.hoursExportCut)
    w.field("hours_with_slack", o.slackHours.count)
    w.field("security_rounds", o.securityRounds)
    w.field("hours_with_security_rounds", o.hoursWithSecurityRounds)
    w.beginArray("binding")
    for b in o.binding {
      w.beginObject()
      constraint(b.constraint)
      w.field("hours", b.hours)
      w.field("mean_shadow_price_per_mwh", b.meanPricePerMWh)
      w.field("max_shadow_price_per_mwh", b.maxPricePerMWh)
      w.endObject()
    }
    w.endArray()
    w.beginArray("slack_hours")
    for h in o.slackHours {
      w.beginObject()
      w.field("time", h.time.description)
      w.field("unserved_mw", h.unservedMW)
      w.field("export_cut_mw", h.exportCutMW)
      w.field("must_run_cut_mw", h.mustRunCutMW)
      w.field("cause", strings: h.cause.map(\.description))
      w.endObject()
    }
    w.endArray()
    w.beginArray("free_links")
    for f in o.freeLinks {
      w.beginObject()
      w.field("name", f.name)
      w.field("rating_mw", f.ratingMW)
      w.field("sent_mwh", f.sentMWh)
      w.beginArray("limiting")
      for (c, hours) in f.limitingHours {
        w.beginObject()
        constraint(c)
        w.field("hours", hours)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  private func writeTotals(_ w: inout JSONWriter) {
    let t = totals
    w.beginObject("totals")
    w.field("demand_mwh", t.demandMWh)
    w.field("unserved_mwh", t.unservedMWh)
    w.field("hours_unserved", t.hoursUnserved)
    w.field("peak_demand_mw", t.peakDemandMW)
    w.field("generation_mwh", t.generationTotalMWh)
    w.field("curtailed_mwh", t.curtailedMWh(.wind) + t.curtailedMWh(.solar))
    w.field("hours_curtailed", t.hoursCurtailed)
    w.field("hvdc_sent_mwh", t.hvdcSentMWh)
    w.field("hvdc_delivered_mwh", t.hvdcDeliveredMWh)
    w.field("must_run_cut_mwh", t.mustRunCutMWh)
    w.field("slack_abs_mwh", t.slackAbsMWh)
    w.field("max_abs_slack_mw", t.maxAbsSlackMW)
    w.beginArray("technologies")
    for tech in Technology.allCases where t.generationMWh[tech] != nil || t.installedAtEndMW[tech] != nil {
      w.beginObject()
      w.field("technology", tech.rawValue)
      w.field("installed_at_end_mw", t.installedAtEndMW[tech] ?? 0)
      w.field("available_mwh", t.availableMWh[tech] ?? 0)
      w.field("generation_mwh", t.generationMWh[tech] ?? 0)
      w.field("curtailed_mwh", DispatchRule.variableTechnologies.contains(tech) ? t.curtailedMWh(tech) : 0)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  private func write(_ s: TransferStatistics, to w: inout JSONWriter) {
    w.beginObject()
    w.field("name", s.name)
    w.field("display_name", s.displayName)
    w.field("rating_mw", s.ratingMW)
    w.field("energy_sent_mwh", s.sentMWh)
    w.field("energy_delivered_mwh", s.deliveredMWh)
    w.field("energy_loss_mwh", s.lossMWh)
    w.field("loss_pct", s.sentMWh != 0 ? 100 * s.lossMWh / s.sentMWh : nil)
    w.field("utilization_hours", s.utilizationHours)
    w.field("hours_in_use", s.hoursInUse)
    w.field("hours_over_rating", s.hoursOverRating)
    w.field("max_p_send_mw", s.maxSendMW)
    w.field("monthly_sent_mwh", numbers: s.monthlySentMWh)
    w.field("monthly_delivered_mwh", numbers: s.monthlyDeliveredMWh)
    w.field("max_daily_sent_mwh", s.maxDailySentMWh)
    w.field("max_daily_sent_day", s.maxDailySentDay.map { String($0.description.prefix(10)) })
    w.endObject()
  }
}

extension ExportLimitResult {
  /// The export-limit figures that `scenario` and `validate` both report, in one place.
  func writeEnergyAndHours(to w: inout JSONWriter) {
    w.field("scheduled_mwh", scheduledMWh)
    w.field("max_export_mwh", maxExportMWh)
    w.field("hours_schedule_above_limit", hoursScheduleAboveLimit)
    w.field("energy_above_limit_mwh", energyAboveLimitMWh)
    w.field("hours_overloaded_at_schedule", hoursOverloadedAtSchedule)
    w.field("hours_infeasible", hoursInfeasible)
    w.field("hours_limited_by_rating", hoursLimitedByRating)
    w.field("hours_limited_by_generation", hoursLimitedByGeneration)
  }
}
