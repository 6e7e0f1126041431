/// The annual (whole-period) summary of a scenario run. Energies are MWh
/// (hourly steps: 1 MW for one hour = 1 MWh), powers MW, loadings % of rating.
public struct ScenarioResult: Sendable {
  /// Names of the scenario and of its network, for reports.
  public var scenarioName: String
  public var networkName: String
  /// First hour and number of hours of the period.
  public var start: ClockHour
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
}

/// Loading of one branch over the period. Loadings are |flow| / rating of the hour's topology
/// (a circuit out lowers the rating), over the hours the branch is in service.
public struct BranchStatistics: Sendable {
  /// 0-based position in `Network.branches`.
  public var index: Int
  /// The branch id, or `branch n` for unnamed (MATPOWER) branches.
  public var name: String
  /// End buses (external numbers).
  public var from: BusID
  public var to: BusID
  /// Rating in the network as read, MW (0: unlimited).
  public var ratingMW: Double
  /// Hours the branch was in service (hours of whole-branch outages excluded).
  public var hoursInService: Int
  /// Largest and mean loading, % of the hour's rating; nil when the branch has no rating or never carried power in the model.
  public var maxLoadingPct: Double?
  public var meanLoadingPct: Double?
  /// 95th percentile (nearest rank), an upper bound within ``ScenarioResult/percentileResolutionPct``.
  public var p95LoadingPct: Double?
  /// Hours above 80 % and above 100 % of the rating.
  public var hoursOver80: Int
  public var hoursOver100: Int
  /// Largest and mean |from-end flow| over the hours in service, MW.
  public var maxFlowMW: Double
  public var meanAbsFlowMW: Double
  /// Loading reached or exceeded during p % of the in-service hours, p = 0…100; nil without a rating.
  public var durationCurvePct: [Double]?
}

/// Energy through an HVDC link or an export corridor.
public struct TransferStatistics: Sendable {
  /// The link's or corridor's id, and its display name when the file gives one.
  public var name: String
  public var displayName: String?
  /// MW; 0 when none is stated.
  public var ratingMW: Double
  /// Energy at the sending end and at the receiving end, MWh (Σ hourly MW × 1 h).
  public var sentMWh: Double
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
  /// Energy per month of ``ScenarioResult/months``, MWh.
  public var monthlySentMWh: [Double]
  public var monthlyDeliveredMWh: [Double]
  /// Sending power as % of the rating, reached or exceeded during p % of the hours, p = 0…100.
  public var durationCurvePct: [Double]?
}

/// Demand, unserved energy and curtailment of one region (the network's region groups,
/// the buses' `region`, or MATPOWER areas).
public struct RegionStatistics: Sendable {
  public var name: String
  /// Demand asked and the part shed, MWh.
  public var demandMWh: Double
  public var unservedMWh: Double
  /// Wind and solar available and dispatched, MWh (their difference is curtailment).
  public var windAvailableMWh: Double
  public var windMWh: Double
  public var solarAvailableMWh: Double
  public var solarMWh: Double
  /// Wind and solar curtailed, MWh.
  public var curtailedMWh: Double { windAvailableMWh - windMWh + solarAvailableMWh - solarMWh }
}

/// Whole-system energies.
public struct ScenarioTotals: Sendable {
  /// Demand asked (before shedding; bus GS included), and the part not served.
  public var demandMWh: Double
  public var unservedMWh: Double
  /// Largest hourly demand, MW.
  public var peakDemandMW: Double
  /// Generation and availability by technology (after and before curtailment).
  public var generationMWh: [Technology: Double]
  public var availableMWh: [Technology: Double]
  /// Installed capacity in service in the last hour, MW, by technology (capacity profiles applied).
  public var installedAtEndMW: [Technology: Double]
  /// Energy sent and delivered by all HVDC links, MWh.
  public var hvdcSentMWh: Double
  public var hvdcDeliveredMWh: Double
  /// Must-run output cut because must-run alone exceeded the requirement.
  public var mustRunCutMWh: Double
  /// Σ |balance taken by the reference generators| (zero to round-off in a connected network), and its largest hourly value.
  public var slackAbsMWh: Double
  public var maxAbsSlackMW: Double
  /// Hours with curtailment, and with unserved demand.
  public var hoursCurtailed: Int
  public var hoursUnserved: Int

  /// All generation, MWh, summed in `Technology.allCases` order (a dictionary's own order
  /// changes from process to process, and with it the last bits of the sum).
  public var generationTotalMWh: Double { Technology.allCases.reduce(0) { $0 + (generationMWh[$1] ?? 0) } }
  /// Energy of `tech` available but not dispatched, MWh (wind and solar: curtailment).
  public func curtailedMWh(_ tech: Technology) -> Double { (availableMWh[tech] ?? 0) - (generationMWh[tech] ?? 0) }
}
