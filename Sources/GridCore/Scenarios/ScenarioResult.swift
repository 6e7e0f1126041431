/// The annual (whole-period) summary of a scenario run. Energies are MWh
/// (hourly steps: 1 MW for one hour = 1 MWh), powers MW, loadings % of rating.
public struct ScenarioResult: Sendable {
  /// Name of the scenario (``Scenario/name``), for reports.
  public var scenarioName: String
  /// Name of its network (``Network/name``), for reports.
  public var networkName: String
  /// First hour of the period.
  public var start: ClockHour
  /// Number of hours in the period: every energy is Σ hourly MW × 1 h over these hours.
  public var hours: Int
  /// `2024-01`, … for each month the period touches; monthly arrays follow this order.
  public var months: [String]
  /// Distinct outage sets (factorizations) used.
  public var topologies: Int
  /// Every branch, in input order.
  public var branches: [BranchStatistics]
  /// Every HVDC link, in input order.
  public var hvdc: [TransferStatistics]
  /// Every export corridor (groups of kind corridor), in file order.
  public var corridors: [TransferStatistics]
  /// Every region: the network's region groups first, then bus regions / MATPOWER areas.
  public var regions: [RegionStatistics]
  /// Whole-system energies.
  public var totals: ScenarioTotals
  /// The export-limit study, when one was asked for (``ExportLimitStudy``).
  public var exportLimit: ExportLimitResult?
  /// Width of the histogram bins behind percentiles and duration curves, % of rating.
  public var percentileResolutionPct: Double
  /// Warnings of the scenario's files and of the topologies built.
  public var diagnostics: [Diagnostic]
  /// What the hourly OPF did (binding limits, slack hours, free links), in the OPF dispatch
  /// modes; nil under the rule.
  public var opf: ScenarioOPFSummary? = nil
}

/// Loading of one branch over the period. Loadings are |flow| / rating of the hour's topology
/// (a circuit out lowers the rating), over the hours the branch is in service.
public struct BranchStatistics: Sendable {
  /// 0-based position in `Network.branches`.
  public var index: Int
  /// The branch id, or `branch n` for unnamed (MATPOWER) branches.
  public var name: String
  /// From-end bus (external number).
  public var from: BusID
  /// To-end bus (external number).
  public var to: BusID
  /// Rating in the network as read, MW (0: unlimited).
  public var ratingMW: Double
  /// Hours the branch was in service (hours of whole-branch outages excluded).
  public var hoursInService: Int
  /// Largest loading, % of the hour's rating (100 × |flow| / rating); nil when the branch has no
  /// rating or never carried power in the model.
  public var maxLoadingPct: Double?
  /// Mean loading over the in-service hours with a rating, %: Σ 100 × |flow| / rating ÷ those
  /// hours; nil as for ``maxLoadingPct``.
  public var meanLoadingPct: Double?
  /// 95th percentile (nearest rank), an upper bound within ``ScenarioResult/percentileResolutionPct``.
  public var p95LoadingPct: Double?
  /// Hours with loading above 80 % of the hour's rating (exactly 80 % is not above).
  public var hoursOver80: Int
  /// Hours with loading above 100 % of the hour's rating: overloaded hours (exactly 100 % is not above).
  public var hoursOver100: Int
  /// Largest |from-end flow| over the hours in service, MW.
  public var maxFlowMW: Double
  /// Mean |from-end flow| over the hours in service, MW: Σ |flow| ÷ ``hoursInService``; 0 when
  /// the branch was never in service.
  public var meanAbsFlowMW: Double
  /// Loading reached or exceeded during p % of the in-service hours, p = 0…100; nil without a rating.
  public var durationCurvePct: [Double]?
}

/// Energy through an HVDC link or an export corridor.
public struct TransferStatistics: Sendable {
  /// The link's or corridor's id.
  public var name: String
  /// The corridor's display name when the network file gives one; nil otherwise (always nil
  /// for HVDC links).
  public var displayName: String?
  /// MW; 0 when none is stated.
  public var ratingMW: Double
  /// Energy at the sending end, MWh: Σ hourly sending MW × 1 h.
  public var sentMWh: Double
  /// Energy at the receiving end, MWh: Σ hourly receiving MW × 1 h (after the HVDC links'
  /// losses; AC branches are lossless in DC).
  public var deliveredMWh: Double
  /// Losses, MWh: sent − delivered (zero for AC corridors, lossless in DC).
  public var lossMWh: Double { sentMWh - deliveredMWh }
  /// Equivalent full-load hours: energy sent / rating (利用小时数); nil without a rating.
  public var utilizationHours: Double? { ratingMW > 0 ? sentMWh / ratingMW : nil }
  /// Hours with power sent (> 0).
  public var hoursInUse: Int
  /// Hours with the sending power above the rating.
  public var hoursOverRating: Int
  /// Largest hourly sending power, MW.
  public var maxSendMW: Double
  /// Energy sent in each month of ``ScenarioResult/months``, MWh.
  public var monthlySentMWh: [Double]
  /// Energy delivered in each month of ``ScenarioResult/months``, MWh.
  public var monthlyDeliveredMWh: [Double]
  /// Sending power as % of the rating, reached or exceeded during p % of the hours, p = 0…100.
  public var durationCurvePct: [Double]?
  /// Largest energy sent in one calendar day of the period (a partial first or last day
  /// counts with its hours), MWh, and that day (its 00:00).
  public var maxDailySentMWh: Double = 0
  /// The day of ``maxDailySentMWh`` (its 00:00).
  public var maxDailySentDay: ClockHour? = nil
  /// The period's first calendar day (its 00:00), and the energy sent and delivered on each
  /// calendar day from it, MWh (a partial first or last day with its hours).
  public var firstDay: ClockHour? = nil
  /// Energy sent on each calendar day from ``firstDay``, MWh.
  public var dailySentMWh: [Double] = []
  /// Energy delivered on each calendar day from ``firstDay``, MWh.
  public var dailyDeliveredMWh: [Double] = []

  /// Energy sent (or delivered) from day `from` (00:00, included) to day `to` (00:00,
  /// excluded), MWh; days outside the period count 0.
  public func energyMWh(from: ClockHour, to: ClockHour, delivered: Bool = false) -> Double {
    guard let first = firstDay else { return 0 }
    let days = delivered ? dailyDeliveredMWh : dailySentMWh
    let a = max(0, (from.index - first.index) / 24), b = min(days.count, (to.index - first.index) / 24)
    return a < b ? days[a..<b].reduce(0, +) : 0
  }
}

/// Demand, unserved energy and curtailment of one region (the network's region groups,
/// the buses' `region`, or MATPOWER areas).
public struct RegionStatistics: Sendable {
  /// The region's name: a region group's display name (or id), a bus's or load's `region`, or
  /// `area N` for MATPOWER areas.
  public var name: String
  /// Demand asked by the region's buses (`PD`) and loads, MWh (bus GS, never shed, is counted
  /// only in ``ScenarioTotals/demandMWh``).
  public var demandMWh: Double
  /// Demand shed in the region, MWh: Σ (asked − served) × 1 h.
  public var unservedMWh: Double
  /// Wind available in the region, before curtailment, MWh.
  public var windAvailableMWh: Double
  /// Wind dispatched in the region, after curtailment, MWh.
  public var windMWh: Double
  /// Solar available in the region, before curtailment, MWh.
  public var solarAvailableMWh: Double
  /// Solar dispatched in the region, after curtailment, MWh.
  public var solarMWh: Double
  /// Wind and solar curtailed, MWh.
  public var curtailedMWh: Double { windAvailableMWh - windMWh + solarAvailableMWh - solarMWh }
  /// Largest hourly demand of the region's buses and loads, MW, and its hour (nil when the
  /// region has no demand).
  public var peakDemandMW: Double = 0
  /// The hour of ``peakDemandMW``.
  public var peakTime: ClockHour? = nil
}

/// Whole-system energies.
public struct ScenarioTotals: Sendable {
  /// Demand asked (before shedding; bus GS included), MWh.
  public var demandMWh: Double
  /// Demand not served, MWh: Σ hourly shortfall MW × 1 h.
  public var unservedMWh: Double
  /// Largest hourly demand, MW.
  public var peakDemandMW: Double
  /// Generation by technology, after curtailment, MWh; technologies with neither generation
  /// nor availability are absent.
  public var generationMWh: [Technology: Double]
  /// Available energy by technology, before curtailment, MWh: Σ hourly (installed share ×
  /// availability × capacity) × 1 h; the same keys as ``generationMWh``.
  public var availableMWh: [Technology: Double]
  /// Installed capacity in service in the last hour, MW, by technology (capacity profiles applied).
  public var installedAtEndMW: [Technology: Double]
  /// Energy sent by all HVDC links (at each link's sending end), MWh.
  public var hvdcSentMWh: Double
  /// Energy delivered by all HVDC links (at each receiving end), MWh; HVDC losses =
  /// ``hvdcSentMWh`` − this.
  public var hvdcDeliveredMWh: Double
  /// Must-run output cut because must-run alone exceeded the requirement.
  public var mustRunCutMWh: Double
  /// Σ |balance taken by the reference generators| × 1 h, MWh (zero to round-off in a connected network).
  public var slackAbsMWh: Double
  /// Largest hourly |balance taken by the reference generators|, MW.
  public var maxAbsSlackMW: Double
  /// Hours with curtailment (more than 10⁻⁶ MW of wind and solar not dispatched).
  public var hoursCurtailed: Int
  /// Hours with unserved demand (a shortfall of more than 10⁻⁶ MW).
  public var hoursUnserved: Int
  /// Wind and solar: Σ hourly installed capacity (capacity × installed share) × 1 h, MWh. The
  /// equivalent full-load hours (利用小时数) of a technology are its generation ÷ (this ÷ hours).
  public var installedMWh: [Technology: Double]

  /// All generation, MWh, summed in `Technology.allCases` order (a dictionary's own order
  /// changes from process to process, and with it the last bits of the sum).
  public var generationTotalMWh: Double { Technology.allCases.reduce(0) { $0 + (generationMWh[$1] ?? 0) } }
  /// Equivalent full-load hours of `tech` over the period: generation ÷ time-weighted installed
  /// capacity, h; nil without installed capacity (wind and solar only).
  public func fullLoadHours(_ tech: Technology, hours: Int) -> Double? {
    guard let mwh = installedMWh[tech], mwh > 0 else { return nil }
    return (generationMWh[tech] ?? 0) / (mwh / Double(hours))
  }
  /// Energy of `tech` available but not dispatched, MWh (wind and solar: curtailment).
  public func curtailedMWh(_ tech: Technology) -> Double { (availableMWh[tech] ?? 0) - (generationMWh[tech] ?? 0) }
}
