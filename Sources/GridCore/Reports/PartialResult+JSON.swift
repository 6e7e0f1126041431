extension PartialResult {
  /// The partial result file (`"format": "gridtool-partial/1"`, docs/scale-out.md): the
  /// study's identity, the shard and its hours, and the tallies. Sums are exact text
  /// (fixed-point sums: `0x<hex>.<16 hex digits>`), other numbers the shortest decimal that
  /// reads back to the same double; the file reads back (``init(json:source:)``) to the same bits.
  public func json() -> String {
    var w = JSONWriter(capacity: 1 << 16)
    w.beginObject()
    w.field("format", Self.formatVersion)
    w.field("tool", tool)
    w.field("command", content.command)
    w.field("identity", identity)
    w.field("arguments", strings: arguments)
    w.beginArray("inputs")
    for input in inputs {
      w.beginObject()
      w.field("role", input.role)
      w.field("path", input.path)
      w.field("bytes", input.bytes)
      w.field("sha256", input.sha256)
      w.endObject()
    }
    w.endArray()
    w.field("scenario", scenarioName)
    w.field("start", start.description)
    w.field("period_hours", periodHours)
    w.field("chunk_hours", chunkHours)
    w.beginObject("shard")
    w.field("index", shard.index)
    w.field("count", shard.count)
    w.endObject()
    w.beginObject("hours")
    w.field("first", hours.lowerBound)
    w.field("end", hours.upperBound)
    w.endObject()
    switch content {
    case .scenario(let part): part.write(to: &w)
    case .contingency(let part): part.write(to: &w)
    case .transfer(let part): part.write(to: &w)
    }
    w.endObject()
    return w.text + "\n"
  }
}

extension JSONWriter {
  /// `k` with an exact sum.
  mutating func field(_ k: StaticString, sum: FixedPointSum) { field(k, sum.exactText) }

  /// `k` with exact sums.
  mutating func field(_ k: StaticString, sums: [FixedPointSum]) { field(k, strings: sums.map(\.exactText)) }

  /// `k` with a histogram: its count, extremes, and the counts from the first non-empty bin
  /// (0: underflow) to the last.
  mutating func field(_ k: StaticString, histogram h: LoadingHistogram?) {
    guard let h else { return field(k, nil as String?) }
    beginObject(k)
    field("total", h.total)
    field("minimum", h.total > 0 ? h.minimum : nil)
    field("maximum", h.total > 0 ? h.maximum : nil)
    let first = h.counts.firstIndex { $0 != 0 } ?? 0, last = h.counts.lastIndex { $0 != 0 } ?? -1
    field("first_bin", first)
    field("counts", integers: first <= last ? h.counts[first...last].map { Int($0) } : [])
    endObject()
  }

  /// The fields of an OPF constraint.
  mutating func fields(_ c: ScenarioOPFSummary.Constraint) {
    field("kind", c.kind)
    field("element", c.element)
    field("outage", c.outage)
  }

  /// `kind` and `element` (0-based) of a contingency.
  mutating func fields(_ c: Contingency) {
    switch c {
    case .branch(let k): field("kind", "branch"); field("element", k)
    case .circuit(let k): field("kind", "circuit"); field("element", k)
    case .hvdcPole(let q): field("kind", "hvdc_pole"); field("element", q)
    case .hvdcLink(let q): field("kind", "hvdc_link"); field("element", q)
    case .generator(let g): field("kind", "generator"); field("element", g)
    }
  }
}

extension ScenarioRunPart {
  /// The `scenario_run` object of a partial result.
  func write(to w: inout JSONWriter) {
    w.beginObject("scenario_run")
    w.beginArray("branches")
    for b in branches {
      w.beginObject()
      w.field("hours_in_service", b.hoursInService)
      w.field("rated_hours", b.ratedHours)
      w.field("hours_over_80", b.over80)
      w.field("hours_over_100", b.over100)
      w.field("max_abs_flow_mw", b.maxAbsFlow)
      w.field("max_loading_pct", b.maxLoading)
      w.field("sum_abs_flow_mwh", sum: b.sumAbsFlow)
      w.field("sum_loading_pct_h", sum: b.sumLoading)
      w.field("histogram", histogram: b.histogram)
      w.endObject()
    }
    w.endArray()
    w.beginArray("hvdc")
    for t in links { t.write(to: &w) }
    w.endArray()
    w.beginArray("corridors")
    for t in corridors { t.write(to: &w) }
    w.endArray()
    system.write(to: &w)
    if let opf { opf.write(to: &w) }
    w.beginArray("topology_diagnostics")
    for t in topologyDiagnostics.keys.sorted() {
      w.beginObject()
      w.field("topology", t)
      w.beginArray("diagnostics")
      for d in topologyDiagnostics[t] ?? [] {
        w.beginObject()
        w.field("message", d.message)
        w.field("file", d.location?.file)
        w.field("line", integer: d.location?.line)
        w.field("column", integer: d.location?.column)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}

extension TransferTally {
  func write(to w: inout JSONWriter) {
    w.beginObject()
    w.field("sent_mwh", sum: sent)
    w.field("delivered_mwh", sum: delivered)
    w.field("max_send_mw", maxSendMW)
    w.field("hours_in_use", hoursInUse)
    w.field("hours_over_rating", hoursOver)
    w.field("monthly_sent_mwh", sums: monthlySent)
    w.field("monthly_delivered_mwh", sums: monthlyDelivered)
    let days = touchedDays
    w.field("first_day", days.lowerBound)
    w.field("daily_sent_mwh", sums: Array(dailySent[days]))
    w.field("daily_delivered_mwh", sums: Array(dailyDelivered[days]))
    w.field("histogram", histogram: histogram)
    w.endObject()
  }
}

extension SystemTally {
  func write(to w: inout JSONWriter) {
    w.beginObject("system")
    w.beginArray("regions")
    for r in regions {
      w.beginObject()
      w.field("demand_mwh", sum: r.demand)
      w.field("unserved_mwh", sum: r.unserved)
      w.field("wind_available_mwh", sum: r.windAvailable)
      w.field("wind_mwh", sum: r.wind)
      w.field("solar_available_mwh", sum: r.solarAvailable)
      w.field("solar_mwh", sum: r.solar)
      w.field("peak_demand_mw", r.peakMW)
      w.field("peak_hour", integer: r.peakHour)
      w.endObject()
    }
    w.endArray()
    w.field("demand_mwh", sum: demand)
    w.field("unserved_mwh", sum: unserved)
    w.field("must_run_cut_mwh", sum: mustRunCut)
    w.field("hvdc_sent_mwh", sum: hvdcSent)
    w.field("hvdc_delivered_mwh", sum: hvdcDelivered)
    w.field("slack_abs_mwh", sum: slackAbs)
    w.field("peak_demand_mw", peakDemandMW)
    w.field("max_abs_slack_mw", maxAbsSlackMW)
    w.field("hours_curtailed", hoursCurtailed)
    w.field("hours_unserved", hoursUnserved)
    w.beginArray("technologies")
    for (i, tech) in Technology.allCases.enumerated() {
      w.beginObject()
      w.field("technology", tech.rawValue)
      w.field("generation_mwh", sum: generation[i])
      w.field("available_mwh", sum: available[i])
      w.field("installed_mwh", sum: installed[i])
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}

extension OPFTally {
  func write(to w: inout JSONWriter) {
    w.beginObject("opf")
    w.field("objective", sum: objective)
    w.field("export_cut_mwh", sum: exportCut)
    w.field("hours_export_cut", hoursExportCut)
    w.field("security_rounds", rounds)
    w.field("hours_with_security_rounds", hoursWithRounds)
    w.beginArray("slack_hours")
    for h in slackHours {
      w.beginObject()
      w.field("hour", h.hour)
      w.field("unserved_mw", h.unservedMW)
      w.field("export_cut_mw", h.exportCutMW)
      w.field("must_run_cut_mw", h.mustRunCutMW)
      w.beginArray("cause")
      for c in h.cause {
        w.beginObject()
        w.fields(c)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.beginArray("binding")
    for c in binding.keys.sorted(by: OPFAccumulator.precedes) {
      guard let b = binding[c] else { continue }
      w.beginObject()
      w.fields(c)
      w.field("hours", b.hours)
      w.field("sum_price_per_mwh", sum: b.sum)
      w.field("max_price_per_mwh", b.max)
      w.endObject()
    }
    w.endArray()
    w.beginArray("free_links")
    for (i, sum) in sent.enumerated() {
      w.beginObject()
      w.field("sent_mwh", sum: sum)
      w.beginArray("limiting")
      for c in limiting[i].keys.sorted(by: OPFAccumulator.precedes) {
        w.beginObject()
        w.fields(c)
        w.field("hours", limiting[i][c] ?? 0)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}

extension ScenarioSecurityPart {
  /// The `contingency` object of a partial result.
  func write(to w: inout JSONWriter) {
    w.beginObject("contingency")
    w.beginArray("topologies")
    for t in topologies {
      w.beginObject()
      w.field("topology", t.topology)
      w.field("hours", t.hours)
      w.beginArray("contingencies")
      for (c, contingency) in t.contingencies.enumerated() {
        w.beginObject()
        w.fields(contingency)
        w.field("inactive", t.inactive[c])
        let o = t.result.contingencies[c]
        w.field("violation_periods", integers: Self.periods(o.violationHours))
        w.field("worst_loading_pct", o.worstLoadingPct)
        w.field("worst_hour", integer: o.worstHour)
        w.endObject()
      }
      w.endArray()
      w.field("hours_screened", t.result.hours)
      w.field("insecure_hours", t.result.insecureHours)
      w.field("base_insecure_hours", t.result.baseInsecureHours)
      w.beginArray("branches")
      for b in t.result.branches {
        w.beginObject()
        w.field("branch", b.branch)
        w.field("insecure_hours", b.insecureHours)
        w.field("worst_loading_pct", b.worstLoadingPct)
        w.field("worst_hour", integer: b.worstHour)
        w.field("worst_contingency", integer: b.worstContingency)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  /// Hours as `[first, last, first, last, …]` of their runs in the order given (runs of
  /// consecutive increasing hours; any order reads back as written).
  static func periods(_ hours: [Int]) -> [Int] {
    var flat: [Int] = []
    for h in hours {
      if flat.count >= 2, flat[flat.count - 1] + 1 == h {
        flat[flat.count - 1] = h
      } else {
        flat += [h, h]
      }
    }
    return flat
  }
}

extension ScenarioTransferPart {
  /// The `transfer` object of a partial result.
  func write(to w: inout JSONWriter) {
    w.beginObject("transfer")
    w.beginArray("hours")
    for h in hourly {
      w.beginObject()
      w.field("transfer_mw", h.transferMW)
      w.field("network_limit_mw", h.networkLimitMW)
      w.field("hvdc_rating_limit_mw", h.hvdcRatingLimitMW)
      w.field("source_capacity_limit_mw", h.sourceCapacityLimitMW)
      if let l = h.limiting {
        w.beginObject("limiting")
        w.field("kind", l.kind.rawValue)
        w.field("branch", integer: l.branch)
        w.field("link", integer: l.link)
        if let c = l.contingency {
          w.beginObject("contingency")
          w.fields(c)
          w.endObject()
        }
        w.endObject()
      }
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}
