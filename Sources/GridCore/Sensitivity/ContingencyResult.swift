/// The N-1 screen of one operating point: every contingency's outcome, every monitored
/// branch's worst case, and a summary. Built by ``ContingencyAnalysis/run(at:keepFlows:)``.
public struct ContingencyResult: Sendable {
  /// The network screened, the settings, and the outages in report order.
  public let network: Network
  public let options: ContingencyOptions
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
  /// Post-contingency rating (the chosen rating set), MW, and RATE_A, MW.
  public var ratingMW: Double
  public var baseRatingMW: Double
  /// Pre-contingency flow, MW, and loading, % of RATE_A.
  public var baseFlowMW: Double
  public var baseLoadingPct: Double
  /// Highest post-contingency loading, %, its flow, MW, and the contingency (index in the
  /// analysis' list) that causes it; nil when no contingency was solved.
  public var worstLoadingPct: Double?
  public var worstFlowMW: Double?
  public var worstContingency: Int?
  /// Contingencies after which this branch is above the limit.
  public var violationCount: Int
}

/// Totals of an N-1 screen.
public struct ContingencySummary: Sendable, Hashable {
  public var contingencies: Int
  /// Outcomes by status.
  public var solved: Int
  public var islanding: Int
  public var singular: Int
  public var inactive: Int
  /// Monitored branches.
  public var monitored: Int
  /// Contingencies with at least one violation, and violations counted over all contingencies.
  public var contingenciesWithViolations: Int
  public var violations: Int
  /// Monitored branches above the limit before any outage.
  public var baseViolations: Int
  /// True when neither the base case nor any contingency has a violation. Islanding outages
  /// lose load but are not violations (see ``IslandingImpact``); ``largestLoadLostMW`` reports them.
  public var secure: Bool
  /// The highest post-contingency loading over all contingencies, %, the branch and the contingency.
  public var worstLoadingPct: Double?
  public var worstBranch: Int?
  public var worstContingency: Int?
  /// The largest load cut off by one islanding outage, MW.
  public var largestLoadLostMW: Double
}
