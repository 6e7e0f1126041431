extension PartialJSON {
  /// Turns a decoded partial result into tallies, checking every count and range (the file
  /// names itself in every error).
  struct Reader {
    let source: String
    let start: ClockHour
    let periodHours: Int
    let hours: Range<Int>

    func bad(_ what: String) -> PartialResultError { PartialResultError(message: "\(source): \(what)") }

    func sum(_ text: String, _ field: String) throws(PartialResultError) -> FixedPointSum {
      guard let s = FixedPointSum(exact: text) else { throw bad("\(field): \(text.prefix(40)) is not an exact sum (0x<hex>.<16 hex digits>)") }
      return s
    }

    func sums(_ texts: [String], _ field: String) throws(PartialResultError) -> [FixedPointSum] {
      var list: [FixedPointSum] = []
      for t in texts { list.append(try sum(t, field)) }
      return list
    }

    func count(_ n: Int, _ field: String) throws(PartialResultError) -> Int {
      guard n >= 0, n <= hours.count else { throw bad("\(field) \(n) is not a count of the part's \(hours.count) hours") }
      return n
    }

    func hour(_ h: Int?, _ field: String) throws(PartialResultError) -> Int? {
      guard let h else { return nil }
      guard hours.contains(h) else { throw bad("\(field) \(h) is not an hour of the part (\(hours.lowerBound)..<\(hours.upperBound))") }
      return h
    }

    func histogram(_ h: Histogram?, lower: Double, upper: Double, _ field: String) throws(PartialResultError) -> LoadingHistogram? {
      guard let h else { return nil }
      let binCount = LoadingHistogram.binCount(lower: lower, upper: upper, width: BranchAccumulator.resolutionPct)
      guard h.firstBin >= 0, h.firstBin + h.counts.count <= binCount + 2, h.counts.allSatisfy({ $0 >= 0 && $0 <= UInt32.max }),
        h.counts.reduce(0, +) == h.total, try count(h.total, "\(field).total") == h.total,
        h.total == 0 || (h.minimum != nil && h.maximum != nil)
      else { throw bad("\(field): the histogram's counts do not fit its bins or total") }
      var counts = [UInt32](repeating: 0, count: binCount + 2)
      for (i, c) in h.counts.enumerated() { counts[h.firstBin + i] = UInt32(c) }
      return LoadingHistogram(
        lower: lower, width: BranchAccumulator.resolutionPct, binCount: binCount, counts: counts, total: h.total,
        minimum: h.minimum ?? .infinity, maximum: h.maximum ?? -.infinity)
    }

    func contingency(_ kind: String, _ element: Int, _ field: String) throws(PartialResultError) -> GridCore.Contingency {
      guard element >= 0 else { throw bad("\(field): element \(element)") }
      switch kind {
      case "branch": return .branch(element)
      case "circuit": return .circuit(element)
      case "hvdc_pole": return .hvdcPole(element)
      case "hvdc_link": return .hvdcLink(element)
      case "generator": return .generator(element)
      default: throw bad("\(field): kind \(kind) is not a contingency")
      }
    }

    func constraint(_ kind: String, _ element: String, _ outage: String?) -> ScenarioOPFSummary.Constraint {
      ScenarioOPFSummary.Constraint(kind: kind, element: element, outage: outage)
    }

    // MARK: - Scenario run

    func part(_ run: Run) throws(PartialResultError) -> ScenarioRunPart {
      var branches: [BranchTally] = []
      for (i, b) in run.branches.enumerated() {
        let field = "branches[\(i)]"
        var t = BranchTally()
        t.hoursInService = try count(b.hoursInService, "\(field).hours_in_service")
        t.ratedHours = try count(b.ratedHours, "\(field).rated_hours")
        t.over80 = try count(b.hoursOver80, "\(field).hours_over_80")
        t.over100 = try count(b.hoursOver100, "\(field).hours_over_100")
        t.maxAbsFlow = b.maxAbsFlowMw
        t.maxLoading = b.maxLoadingPct
        t.sumAbsFlow = try sum(b.sumAbsFlowMwh, "\(field).sum_abs_flow_mwh")
        t.sumLoading = try sum(b.sumLoadingPctH, "\(field).sum_loading_pct_h")
        t.histogram = try histogram(b.histogram, lower: 0, upper: 200, "\(field).histogram")
        branches.append(t)
      }
      var links: [TransferTally] = []
      for (i, t) in run.hvdc.enumerated() { links.append(try transfer(t, "hvdc[\(i)]")) }
      var corridors: [TransferTally] = []
      for (i, t) in run.corridors.enumerated() { corridors.append(try transfer(t, "corridors[\(i)]")) }
      var diagnostics: [Int: [Diagnostic]] = [:]
      for t in run.topologyDiagnostics {
        guard t.topology >= 0 else { throw bad("topology_diagnostics: topology \(t.topology)") }
        diagnostics[t.topology] = t.diagnostics.map { d in
          Diagnostic(d.message, at: d.file.map { SourceLocation(file: $0, line: d.line ?? 1, column: d.column) })
        }
      }
      return ScenarioRunPart(
        hours: hours, branches: branches, links: links, corridors: corridors, system: try system(run.system),
        opf: try run.opf.map { o throws(PartialResultError) in try opf(o) }, topologyDiagnostics: diagnostics)
    }

    /// Months and calendar days of the period, as ``ScenarioRun`` counts them.
    var calendar: (months: Int, days: Int) {
      let last = start.adding(hours: max(0, periodHours - 1))
      return (last.monthNumber - start.monthNumber + 1, last.index / 24 - start.index / 24 + 1)
    }

    func transfer(_ t: Run.Transfer, _ field: String) throws(PartialResultError) -> TransferTally {
      let (months, days) = calendar
      guard t.monthlySentMwh.count == months, t.monthlyDeliveredMwh.count == months,
        t.dailySentMwh.count == t.dailyDeliveredMwh.count, t.firstDay >= 0, t.firstDay + t.dailySentMwh.count <= days
      else { throw bad("\(field): monthly or daily energies do not fit the period (\(months) months, \(days) days)") }
      var tally = TransferTally(
        months: months, days: days, histogram: try histogram(t.histogram, lower: -200, upper: 200, "\(field).histogram"))
      tally.sent = try sum(t.sentMwh, "\(field).sent_mwh")
      tally.delivered = try sum(t.deliveredMwh, "\(field).delivered_mwh")
      tally.maxSendMW = t.maxSendMw
      tally.hoursInUse = try count(t.hoursInUse, "\(field).hours_in_use")
      tally.hoursOver = try count(t.hoursOverRating, "\(field).hours_over_rating")
      tally.monthlySent = try sums(t.monthlySentMwh, "\(field).monthly_sent_mwh")
      tally.monthlyDelivered = try sums(t.monthlyDeliveredMwh, "\(field).monthly_delivered_mwh")
      let daily = try sums(t.dailySentMwh, "\(field).daily_sent_mwh"), delivered = try sums(t.dailyDeliveredMwh, "\(field).daily_delivered_mwh")
      for (i, (s, d)) in zip(daily, delivered).enumerated() {
        tally.dailySent[t.firstDay + i] = s
        tally.dailyDelivered[t.firstDay + i] = d
      }
      if !daily.isEmpty {
        tally.firstTouchedDay = t.firstDay
        tally.lastTouchedDay = t.firstDay + daily.count - 1
      }
      return tally
    }

    func system(_ s: Run.System) throws(PartialResultError) -> SystemTally {
      var t = SystemTally(regions: s.regions.count)
      for (i, r) in s.regions.enumerated() {
        let field = "system.regions[\(i)]"
        t.regions[i].demand = try sum(r.demandMwh, "\(field).demand_mwh")
        t.regions[i].unserved = try sum(r.unservedMwh, "\(field).unserved_mwh")
        t.regions[i].windAvailable = try sum(r.windAvailableMwh, "\(field).wind_available_mwh")
        t.regions[i].wind = try sum(r.windMwh, "\(field).wind_mwh")
        t.regions[i].solarAvailable = try sum(r.solarAvailableMwh, "\(field).solar_available_mwh")
        t.regions[i].solar = try sum(r.solarMwh, "\(field).solar_mwh")
        t.regions[i].peakMW = r.peakDemandMw
        t.regions[i].peakHour = try hour(r.peakHour, "\(field).peak_hour")
      }
      t.demand = try sum(s.demandMwh, "system.demand_mwh")
      t.unserved = try sum(s.unservedMwh, "system.unserved_mwh")
      t.mustRunCut = try sum(s.mustRunCutMwh, "system.must_run_cut_mwh")
      t.hvdcSent = try sum(s.hvdcSentMwh, "system.hvdc_sent_mwh")
      t.hvdcDelivered = try sum(s.hvdcDeliveredMwh, "system.hvdc_delivered_mwh")
      t.slackAbs = try sum(s.slackAbsMwh, "system.slack_abs_mwh")
      t.peakDemandMW = s.peakDemandMw
      t.maxAbsSlackMW = s.maxAbsSlackMw
      t.hoursCurtailed = try count(s.hoursCurtailed, "system.hours_curtailed")
      t.hoursUnserved = try count(s.hoursUnserved, "system.hours_unserved")
      guard s.technologies.map(\.technology) == Technology.allCases.map(\.rawValue) else {
        throw bad("system.technologies: not the technologies of this gridtool (\(Technology.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      for (i, tech) in s.technologies.enumerated() {
        t.generation[i] = try sum(tech.generationMwh, "system.technologies[\(i)].generation_mwh")
        t.available[i] = try sum(tech.availableMwh, "system.technologies[\(i)].available_mwh")
        t.installed[i] = try sum(tech.installedMwh, "system.technologies[\(i)].installed_mwh")
      }
      return t
    }

    func opf(_ o: OPF) throws(PartialResultError) -> OPFTally {
      var t = OPFTally(freeLinks: o.freeLinks.count)
      t.objective = try sum(o.objective, "opf.objective")
      t.exportCut = try sum(o.exportCutMwh, "opf.export_cut_mwh")
      t.hoursExportCut = try count(o.hoursExportCut, "opf.hours_export_cut")
      guard o.securityRounds >= 0 else { throw bad("opf.security_rounds \(o.securityRounds)") }
      t.rounds = o.securityRounds
      t.hoursWithRounds = try count(o.hoursWithSecurityRounds, "opf.hours_with_security_rounds")
      for h in o.slackHours {
        guard let hour = try hour(h.hour, "opf.slack_hours[].hour") else { continue }
        t.slackHours.append(
          ScenarioOPFSummary.SlackHour(
            time: start.adding(hours: hour), hour: hour, unservedMW: h.unservedMw, exportCutMW: h.exportCutMw,
            mustRunCutMW: h.mustRunCutMw, cause: h.cause.map { constraint($0.kind, $0.element, $0.outage) }))
      }
      for b in o.binding {
        t.binding[constraint(b.kind, b.element, b.outage)] = OPFTally.Prices(
          hours: try count(b.hours, "opf.binding[].hours"), sum: try sum(b.sumPricePerMwh, "opf.binding[].sum_price_per_mwh"),
          max: b.maxPricePerMwh)
      }
      for (i, f) in o.freeLinks.enumerated() {
        t.sent[i] = try sum(f.sentMwh, "opf.free_links[\(i)].sent_mwh")
        for l in f.limiting { t.limiting[i][constraint(l.kind, l.element, l.outage)] = try count(l.hours, "opf.free_links[\(i)].limiting[].hours") }
      }
      return t
    }

    // MARK: - N-1 screen

    func part(_ screen: Screen) throws(PartialResultError) -> ScenarioSecurityPart {
      var topologies: [TopologyScreenTally] = []
      for (i, t) in screen.topologies.enumerated() {
        let field = "contingency.topologies[\(i)]"
        guard t.topology >= 0, topologies.last.map({ $0.topology < t.topology }) ?? true else {
          throw bad("\(field): topology \(t.topology) out of order")
        }
        var contingencies: [GridCore.Contingency] = []
        var outcomes: [ScreenedContingency] = []
        for (c, o) in t.contingencies.enumerated() {
          contingencies.append(try contingency(o.kind, o.element, "\(field).contingencies[\(c)]"))
          guard o.violationPeriods.count % 2 == 0 else { throw bad("\(field).contingencies[\(c)].violation_periods: an odd count") }
          var violation: [Int] = []
          for p in stride(from: 0, to: o.violationPeriods.count, by: 2) {
            let a = o.violationPeriods[p], b = o.violationPeriods[p + 1]
            guard hours.contains(a), hours.contains(b), a <= b else {
              throw bad("\(field).contingencies[\(c)].violation_periods: \(a)–\(b) is not in the part's hours")
            }
            violation += Array(a...b)
          }
          outcomes.append(
            ScreenedContingency(
              index: c, violationHours: violation, worstLoadingPct: o.worstLoadingPct,
              worstHour: try hour(o.worstHour, "\(field).contingencies[\(c)].worst_hour")))
        }
        var branches: [ScreenedBranch] = []
        for b in t.branches {
          guard b.branch >= 0 else { throw bad("\(field).branches[]: branch \(b.branch)") }
          guard b.worstContingency.map({ (0..<contingencies.count).contains($0) }) ?? true else {
            throw bad("\(field).branches[]: worst_contingency \(b.worstContingency ?? -1) is not one of the topology's")
          }
          branches.append(
            ScreenedBranch(
              branch: b.branch, worstLoadingPct: b.worstLoadingPct, worstHour: try hour(b.worstHour, "\(field).branches[].worst_hour"),
              worstContingency: b.worstContingency, insecureHours: try count(b.insecureHours, "\(field).branches[].insecure_hours")))
        }
        let result = SecurityScreenResult(
          hours: try count(t.hoursScreened, "\(field).hours_screened"), insecureHours: try count(t.insecureHours, "\(field).insecure_hours"),
          baseInsecureHours: try count(t.baseInsecureHours, "\(field).base_insecure_hours"), branches: branches, contingencies: outcomes)
        topologies.append(
          TopologyScreenTally(
            topology: t.topology, hours: try count(t.hours, "\(field).hours"), contingencies: contingencies,
            inactive: t.contingencies.map(\.inactive), result: result))
      }
      return ScenarioSecurityPart(hours: hours, topologies: topologies)
    }

    // MARK: - Transfer study

    func part(_ transfer: Transfer) throws(PartialResultError) -> ScenarioTransferPart {
      guard transfer.hours.count == hours.count else {
        throw bad("transfer.hours: \(transfer.hours.count) hours for a part of \(hours.count)")
      }
      var hourly: [TransferHourTally] = []
      hourly.reserveCapacity(hours.count)
      for (i, h) in transfer.hours.enumerated() {
        var limit: TransferHourTally.Limit? = nil
        if let l = h.limiting {
          guard let kind = TransferCapability.Limiting(rawValue: l.kind) else { throw bad("transfer.hours[\(i)].limiting.kind \(l.kind)") }
          limit = TransferHourTally.Limit(
            kind: kind, branch: l.branch,
            contingency: try l.contingency.map { c throws(PartialResultError) in
              try contingency(c.kind, c.element, "transfer.hours[\(i)].limiting.contingency")
            }, link: l.link)
        }
        hourly.append(
          TransferHourTally(
            transferMW: h.transferMw, networkLimitMW: h.networkLimitMw, hvdcRatingLimitMW: h.hvdcRatingLimitMw,
            sourceCapacityLimitMW: h.sourceCapacityLimitMw, limiting: limit))
      }
      return ScenarioTransferPart(hours: hours, hourly: hourly)
    }
  }
}
