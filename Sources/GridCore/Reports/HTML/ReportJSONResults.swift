/// Results rebuilt from their JSON documents (``ReportJSON``), for ``HTMLReport/init(json:source:network:)``.
extension ContingencyResult {
  /// The N-1 screen a `gridtool-contingency/1` document holds, on the network it was run on.
  init(json doc: ReportJSON.Contingency, network: Network, source: String) throws(ReportInputError) {
    func branch(_ row: Int?) throws(ReportInputError) -> Int? {
      guard let row else { return nil }
      guard row >= 1, row <= network.branches.count else {
        throw ReportInputError(message: "\(source): branch \(row) is not in the network given (\(network.branches.count) branches)")
      }
      return row - 1
    }
    var contingencies: [Contingency] = []
    var outcomes: [ContingencyOutcome] = []
    for o in doc.outages {
      let c: Contingency
      switch o.kind {
      case "branch": c = .branch(try branch(o.branch) ?? 0)
      case "circuit": c = .circuit(try branch(o.branch) ?? 0)
      case "hvdc_pole", "hvdc_link":
        guard let link = o.link, link >= 1, link <= network.hvdcLinks.count else {
          throw ReportInputError(message: "\(source): outage \(o.index) names an HVDC link the network given does not have")
        }
        c = o.kind == "hvdc_pole" ? .hvdcPole(link - 1) : .hvdcLink(link - 1)
      default: throw ReportInputError(message: "\(source): outage \(o.index) is of unknown kind '\(o.kind)'")
      }
      contingencies.append(c)
      var islanding: IslandingImpact?
      if o.islanding {
        islanding = IslandingImpact(
          busesCutOff: (o.busesCutOff ?? []).map { BusID(rawValue: $0) }, loadLostMW: o.loadLostMw ?? 0, generationLostMW: o.generationLostMw ?? 0,
          hvdcBlocked: [], branchesOut: (o.branchesOut ?? []).map { $0 - 1 }, newReference: nil, slackChangeMW: o.slackChangeMw ?? 0)
      }
      outcomes.append(
        ContingencyOutcome(
          index: o.index - 1, contingency: c, status: ContingencyOutcome.Status(rawValue: o.status) ?? .solved, islanding: islanding,
          hvdc: nil, maxLoadingPct: o.maxLoadingPct, maxLoadingBranch: try branch(o.maxLoadingBranch),
          violations: try o.violations.map { v throws(ReportInputError) in try Self.violation(v, branch) }, flowsMW: nil))
    }
    var baseFlow = [Double](repeating: 0, count: network.branches.count)
    var monitored: [Int] = []
    var records: [MonitoredBranch] = []
    for m in doc.branches {
      let k = try branch(m.branch) ?? 0
      baseFlow[k] = m.basePFromMw ?? 0
      monitored.append(k)
      records.append(
        MonitoredBranch(
          branch: k, ratingMW: m.ratingMw ?? 0, baseRatingMW: network.branches[k].ratingMW, baseFlowMW: m.basePFromMw ?? 0,
          baseLoadingPct: m.baseLoadingPct ?? 0, worstLoadingPct: m.worstLoadingPct, worstFlowMW: m.worstPFromMw,
          worstContingency: m.worstOutage.map { $0 - 1 }, violationCount: m.violations))
    }
    let s = doc.summary
    self.init(
      network: network,
      options: ContingencyOptions(
        perCircuit: doc.options.perCircuit, hvdcRule: HVDCOutageRule(rawValue: doc.options.hvdcRule) ?? .curtail,
        rating: RatingSet(rawValue: doc.options.rating) ?? .a, limitPct: doc.options.limitPct),
      contingencies: contingencies, monitored: monitored, baseFlowMW: baseFlow,
      baseViolations: try doc.base.violations.map { v throws(ReportInputError) in try Self.violation(v, branch) },
      outcomes: outcomes, branches: records,
      summary: ContingencySummary(
        contingencies: s.contingencies, solved: s.solved, islanding: s.islanding, singular: s.singular, inactive: s.inactive,
        monitored: s.monitored, contingenciesWithViolations: s.contingenciesWithViolations, violations: s.violations,
        baseViolations: s.baseViolations, secure: s.secure, worstLoadingPct: s.worstLoadingPct, worstBranch: try branch(s.worstBranch),
        worstContingency: s.worstOutage.map { $0 - 1 }, largestLoadLostMW: s.largestLoadLostMw ?? 0))
  }

  private static func violation(_ v: ReportJSON.Contingency.Violation, _ branch: (Int?) throws(ReportInputError) -> Int?)
    throws(ReportInputError) -> BranchViolation
  {
    BranchViolation(
      branch: try branch(v.branch) ?? 0, flowMW: v.pFromMw ?? 0, ratingMW: v.ratingMw ?? 0, loadingPct: v.loadingPct ?? 0,
      baseFlowMW: v.basePFromMw ?? 0, baseLoadingPct: v.baseLoadingPct ?? 0)
  }
}

extension ScenarioResult {
  /// The year a `gridtool-scenario/1` document holds (without duration curves: the JSON has none).
  init(json doc: ReportJSON.Scenario, source: String) throws(ReportInputError) {
    guard let start = ClockHour(parsing: doc.start) else {
      throw ReportInputError(message: "\(source): start '\(doc.start)' is not a time YYYY-MM-DDTHH:MM")
    }
    func transfer(_ t: ReportJSON.Scenario.Transfer) -> TransferStatistics {
      TransferStatistics(
        name: t.name, displayName: t.displayName, ratingMW: t.ratingMw ?? 0, sentMWh: t.energySentMwh ?? 0,
        deliveredMWh: t.energyDeliveredMwh ?? 0, hoursInUse: t.hoursInUse, hoursOverRating: t.hoursOverRating,
        maxSendMW: t.maxPSendMw ?? 0, monthlySentMWh: t.monthlySentMwh.map { $0 ?? 0 },
        monthlyDeliveredMWh: t.monthlyDeliveredMwh.map { $0 ?? 0 }, durationCurvePct: nil)
    }
    var generation: [Technology: Double] = [:], available: [Technology: Double] = [:], installed: [Technology: Double] = [:]
    for t in doc.totals.technologies {
      guard let tech = Technology(rawValue: t.technology) else { continue }
      generation[tech] = t.generationMwh ?? 0
      available[tech] = t.availableMwh ?? 0
      installed[tech] = t.installedAtEndMw ?? 0
    }
    let t = doc.totals
    self.init(
      scenarioName: doc.scenario, networkName: doc.network, start: start, hours: doc.hours, months: doc.months, topologies: doc.topologies,
      branches: doc.branches.map { b in
        BranchStatistics(
          index: b.index - 1, name: b.name, from: BusID(rawValue: b.from), to: BusID(rawValue: b.to), ratingMW: b.ratingMw ?? 0,
          hoursInService: b.hoursInService, maxLoadingPct: b.maxLoadingPct, meanLoadingPct: b.meanLoadingPct, p95LoadingPct: b.p95LoadingPct,
          hoursOver80: b.hoursOver80, hoursOver100: b.hoursOver100, maxFlowMW: b.maxFlowMw ?? 0, meanAbsFlowMW: b.meanAbsFlowMw ?? 0,
          durationCurvePct: nil)
      },
      hvdc: doc.hvdc.map(transfer), corridors: doc.corridors.map(transfer),
      regions: doc.regions.map { r in
        RegionStatistics(
          name: r.name, demandMWh: r.demandMwh ?? 0, unservedMWh: r.unservedMwh ?? 0, windAvailableMWh: r.windAvailableMwh ?? 0,
          windMWh: r.windMwh ?? 0, solarAvailableMWh: r.solarAvailableMwh ?? 0, solarMWh: r.solarMwh ?? 0)
      },
      totals: ScenarioTotals(
        demandMWh: t.demandMwh ?? 0, unservedMWh: t.unservedMwh ?? 0, peakDemandMW: t.peakDemandMw ?? 0, generationMWh: generation,
        availableMWh: available, installedAtEndMW: installed, hvdcSentMWh: t.hvdcSentMwh ?? 0, hvdcDeliveredMWh: t.hvdcDeliveredMwh ?? 0,
        mustRunCutMWh: t.mustRunCutMwh ?? 0, slackAbsMWh: t.slackAbsMwh ?? 0, maxAbsSlackMW: t.maxAbsSlackMw ?? 0,
        hoursCurtailed: t.hoursCurtailed, hoursUnserved: t.hoursUnserved,
        // Not in the JSON: the full-load hours it gives are left out of a report read back from one.
        installedMWh: [:]),
      exportLimit: nil, percentileResolutionPct: doc.percentileResolutionPct ?? 0.1, diagnostics: doc.diagnostics.map { Diagnostic($0) })
  }
}
