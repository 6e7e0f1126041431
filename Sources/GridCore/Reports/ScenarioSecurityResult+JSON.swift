extension ScenarioSecurityResult {
  /// The JSON contract of `gridtool contingency SCENARIO --format json`
  /// (`gridtool-scenario-contingency/1`, docs/sensitivity.md): rows and elements 1-based,
  /// hours as clock times (`2024-04-09T08:00`), loadings in %, ratings in MW.
  public func json() -> String {
    var w = JSONWriter(capacity: 4096 + 256 * (branches.count + outcomes.count))
    w.beginObject()
    w.field("format", "gridtool-scenario-contingency/1")
    w.field("scenario", scenarioName)
    w.field("network", network.name)
    w.field("start", start.description)
    w.field("hours", hours)
    w.beginObject("options")
    w.field("rating", options.rating.rawValue)
    w.field("limit_pct", options.limitPct)
    w.field("hvdc_rule", options.hvdcRule.rawValue)
    w.field("per_circuit", options.perCircuit)
    w.field("monitored", branches.count)
    w.endObject()
    w.beginArray("topologies")
    for t in topologies {
      w.beginObject()
      w.field("index", t.index)
      w.field("description", t.description)
      w.field("hours", t.hours)
      w.field("contingencies", t.contingencies)
      w.field("monitored", t.monitored)
      w.endObject()
    }
    w.endArray()
    w.beginArray("branches")
    for b in branches {
      w.beginObject()
      w.field("branch", b.branch + 1)
      w.field("name", network.branches[b.branch].name.isEmpty ? nil : network.branches[b.branch].name)
      w.field("rating_mw", b.ratingMW)
      w.field("hours_monitored", b.hoursMonitored)
      w.field("worst_loading_pct", b.worstLoadingPct)
      w.field("worst_time", b.worstHour.map { time(ofHour: $0).description })
      w.field("worst_outage", integer: b.worstContingency.map { $0 + 1 })
      w.field("worst_contingency", worstLabel(b.worstHour, b.worstContingency))
      w.field("insecure_hours", b.insecureHours)
      w.endObject()
    }
    w.endArray()
    w.beginArray("contingencies")
    for o in outcomes {
      let c = contingencies[o.index]
      w.beginObject()
      w.field("index", o.index + 1)
      w.field("kind", c.kind)
      w.field("branch", integer: c.branch.map { $0 + 1 })
      w.field("link", integer: c.link.map { $0 + 1 })
      w.field("label", c.label(in: network))
      w.field("hours_screened", o.hoursScreened)
      w.field("violation_hours", o.violationHours.count)
      w.beginArray("violation_periods")
      for run in o.violationPeriods {
        w.beginObject()
        w.field("from", time(ofHour: run.lowerBound).description)
        w.field("to", time(ofHour: run.upperBound).description)
        w.field("hours", run.count)
        w.endObject()
      }
      w.endArray()
      w.field("worst_loading_pct", o.worstLoadingPct)
      w.field("worst_time", o.worstHour.map { time(ofHour: $0).description })
      w.endObject()
    }
    w.endArray()
    let s = summary
    w.beginObject("summary")
    w.field("secure", s.secure)
    w.field("hours", s.hours)
    w.field("insecure_hours", s.insecureHours)
    w.field("base_insecure_hours", s.baseInsecureHours)
    w.field("contingencies", s.contingencies)
    w.field("contingencies_with_violations", s.contingenciesWithViolations)
    w.field("monitored", s.monitored)
    w.field("worst_loading_pct", s.worstLoadingPct)
    w.field("worst_branch", integer: s.worstBranch.map { $0 + 1 })
    w.field("worst_time", s.worstHour.map { time(ofHour: $0).description })
    w.field("worst_outage", integer: s.worstContingency.map { $0 + 1 })
    w.field("worst_contingency", worstLabel(s.worstHour, s.worstContingency))
    w.endObject()
    w.endObject()
    return w.text + "\n"
  }

  /// The contingency label of a worst case; "base case" when it occurs before any outage.
  func worstLabel(_ hour: Int?, _ contingency: Int?) -> String? {
    guard hour != nil else { return nil }
    return contingency.map { contingencies[$0].label(in: network) } ?? "base case"
  }

  /// One row per contingency (`gridtool contingency SCENARIO --format csv`):
  /// `index,kind,element,label,hours_screened,violation_hours,worst_loading_pct,worst_time,violation_periods`,
  /// the periods as `from/to` clock times separated by spaces.
  public func csv() -> String {
    var out = "index,kind,element,label,hours_screened,violation_hours,worst_loading_pct,worst_time,violation_periods\n"
    for o in outcomes {
      let c = contingencies[o.index]
      let element = (c.branch ?? c.link).map { String($0 + 1) } ?? ""
      let periods = o.violationPeriods.map { "\(time(ofHour: $0.lowerBound))/\(time(ofHour: $0.upperBound))" }.joined(separator: " ")
      out += "\(o.index + 1),\(c.kind),\(element),\(CSV.field(c.label(in: network))),\(o.hoursScreened),\(o.violationHours.count),"
      out += "\(o.worstLoadingPct.map { "\($0)" } ?? ""),\(o.worstHour.map { time(ofHour: $0).description } ?? ""),\(periods)\n"
    }
    return out
  }
}
