/// What one contingency does at one operating point.
public struct ContingencyOutcome: Sendable {
  /// How the contingency was evaluated.
  public enum Status: String, Sendable, Hashable {
    /// Post-contingency flows computed (by LODF, or from the HVDC injection changes).
    case solved
    /// The outage splits an island: a part is cut off (see ``islanding``) and the flows of the
    /// surviving part are computed.
    case islanding
    /// The outage leaves a singular network (`|1 − h_kk|` below 1e-8 without splitting an
    /// island, e.g. cancelling reactances): no flows exist.
    case singular
    /// The element is out of service, outside the model, or carries nothing: nothing changes.
    case inactive
  }

  /// Position in the analysis' contingency list.
  public var index: Int
  /// The outage and how it was evaluated.
  public var contingency: Contingency
  /// How the contingency was evaluated: solved, islanding, singular or inactive.
  public var status: Status
  /// Set for ``Status/islanding``.
  public var islanding: IslandingImpact?
  /// Set for HVDC pole and link trips.
  public var hvdc: HVDCImpact?
  /// Highest post-contingency loading of a monitored branch, % of its (post-contingency)
  /// rating: `100·|flow| / rating`; nil when no monitored branch has a rating or the outage is singular.
  public var maxLoadingPct: Double?
  /// The monitored branch of ``maxLoadingPct`` (input position in `Network.branches`).
  public var maxLoadingBranch: Int?
  /// Monitored branches above the limit, worst first.
  public var violations: [BranchViolation]
  /// Post-contingency from-end flow of every branch, MW, when the caller asked to keep them.
  public var flowsMW: [Double]?
}

/// A monitored branch above its limit after a contingency (or in the base case).
public struct BranchViolation: Sendable, Hashable {
  /// Input position in `Network.branches`.
  public var branch: Int
  /// Post-contingency from-end flow, MW (the base-case flow for a base-case violation).
  public var flowMW: Double
  /// The rating ``flowMW`` is compared with, MW: the chosen rating set (RATE_A in the base
  /// case); for a branch that lost some of its circuits, the rating of those left.
  public var ratingMW: Double
  /// `100·|flow| / rating`.
  public var loadingPct: Double
  /// The same branch's from-end flow before the contingency, MW.
  public var baseFlowMW: Double
  /// The same branch's loading before the contingency, % of RATE_A (0 when RATE_A is 0).
  public var baseLoadingPct: Double
}

/// What an islanding outage cuts off, at the analysed operating point.
public struct IslandingImpact: Sendable, Hashable {
  /// Buses cut off (de-energised), in input order.
  public var busesCutOff: [BusID]
  /// Demand of those buses (PD, GS and named loads), MW.
  public var loadLostMW: Double
  /// Output of the in-service generators at those buses, MW (slack generators at their solved output).
  public var generationLostMW: Double
  /// HVDC links blocked because a converter was cut off (input positions).
  public var hvdcBlocked: [Int]
  /// Branches whose flow drops to 0 (the bridge and the branches inside the cut-off part), input positions.
  public var branchesOut: [Int]
  /// The reference bus that takes up the balance of the surviving part when its reference was
  /// cut off (nil when the reference survives).
  public var newReference: BusID?
  /// Change of the surviving part's slack generation, MW: the power the cut-off part sent over
  /// the bridge, plus what blocked links delivered into the surviving part.
  public var slackChangeMW: Double
}

/// What an HVDC pole or link trip does to the link and to the AC system.
public struct HVDCImpact: Sendable, Hashable {
  /// Input position in `Network.hvdcLinks`.
  public var link: Int
  /// Power at the sending end before the trip, MW.
  public var sendBeforeMW: Double
  /// Power at the sending end after the trip, MW: `(p − 1)/p` of the set-point after a pole
  /// trip of a p-pole link, 0 after a link trip.
  public var sendAfterMW: Double
  /// Power the sending AC bus no longer gives to the link, MW.
  public var lostMW: Double
  /// Generation dropped at the sending converter bus (``HVDCOutageRule/curtail``), MW.
  public var curtailedMW: Double
  /// Change of the slack generators' output, MW (negative: they produce less).
  public var slackChangeMW: Double
}
