/// The N-1 screen of one operating point: every contingency's outcome, every monitored
/// branch's worst case, and a summary. Built by ``ContingencyAnalysis/run(at:keepFlows:)``.
public struct ContingencyResult: Sendable {
  /// The network screened.
  public let network: Network
  /// The settings of the screen.
  public let options: ContingencyOptions
  /// The outages, in report order (``ContingencyOptions/contingencies`` or the default list).
  public let contingencies: [Contingency]
  /// Monitored branches, input positions, in input order.
  public let monitored: [Int]
  /// Pre-contingency from-end flow of every branch, MW.
  public let baseFlowMW: [Double]
  /// Monitored branches above the limit before any outage (against RATE_A), worst first.
  public let baseViolations: [BranchViolation]
  /// One per contingency, in the order of ``contingencies``.
  public let outcomes: [ContingencyOutcome]
  /// One per monitored branch, in the order of ``monitored``.
  public let branches: [MonitoredBranch]
  /// Totals: secure or not, violations, worst case.
  public let summary: ContingencySummary
}

/// A monitored branch over all contingencies.
public struct MonitoredBranch: Sendable, Hashable {
  /// Input position in `Network.branches`.
  public var branch: Int
  /// Post-contingency rating (the chosen rating set), MW.
  public var ratingMW: Double
  /// Base-case rating (RATE_A), MW.
  public var baseRatingMW: Double
  /// Pre-contingency from-end flow, MW.
  public var baseFlowMW: Double
  /// Pre-contingency loading, % of RATE_A (0 when RATE_A is 0).
  public var baseLoadingPct: Double
  /// Highest post-contingency loading, % of the post-contingency rating; nil when no
  /// contingency was solved.
  public var worstLoadingPct: Double?
  /// The post-contingency from-end flow at ``worstLoadingPct``, MW.
  public var worstFlowMW: Double?
  /// The contingency that causes ``worstLoadingPct`` (index in the analysis' list).
  public var worstContingency: Int?
  /// Contingencies after which this branch is above the limit.
  public var violationCount: Int
}

/// Totals of an N-1 screen.
public struct ContingencySummary: Sendable, Hashable {
  /// Contingencies screened.
  public var contingencies: Int
  /// Outcomes with status ``ContingencyOutcome/Status/solved``.
  public var solved: Int
  /// Outcomes with status ``ContingencyOutcome/Status/islanding``.
  public var islanding: Int
  /// Outcomes with status ``ContingencyOutcome/Status/singular``.
  public var singular: Int
  /// Outcomes with status ``ContingencyOutcome/Status/inactive``.
  public var inactive: Int
  /// Monitored branches.
  public var monitored: Int
  /// Contingencies with at least one violation.
  public var contingenciesWithViolations: Int
  /// Violations (branch, contingency) counted over all contingencies; base-case ones not included.
  public var violations: Int
  /// Monitored branches above the limit before any outage.
  public var baseViolations: Int
  /// True when neither the base case nor any contingency has a violation. Islanding outages
  /// lose load but are not violations (see ``IslandingImpact``); ``largestLoadLostMW`` reports them.
  public var secure: Bool
  /// The highest post-contingency loading over all contingencies, % of the post-contingency rating.
  public var worstLoadingPct: Double?
  /// The branch of ``worstLoadingPct`` (input position).
  public var worstBranch: Int?
  /// The contingency of ``worstLoadingPct`` (index in the analysis' list).
  public var worstContingency: Int?
  /// The largest load cut off by one islanding outage, MW.
  public var largestLoadLostMW: Double
}
