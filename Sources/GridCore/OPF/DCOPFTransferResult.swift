/// The largest transfer a network carries on a corridor or HVDC link with redispatch
/// (``DCOPFProblem/maximizeTransfer(_:options:)``), the dispatch that carries it, and what
/// holds it back.
public struct DCOPFTransferResult: Sendable {
  /// A limit that holds the transfer back, with the stage-1 dual: how much more transfer one
  /// more MW of the limit would allow (MW/MW).
  public struct Limit: Sendable, Hashable {
    /// Which limit it is; the raw value is the `kind` of the JSON's `limits` list.
    public enum Kind: String, Sendable, Hashable {
      /// An HVDC link's rating (its PF column's upper bound).
      case hvdcRating = "hvdc_rating"
      /// A corridor's rating (Σ PF of its links, or an AC corridor's interface limit).
      case corridorRating = "corridor_rating"
      /// A branch's RATE_A in the intact network.
      case branchRating = "branch_rating"
      /// A branch's post-contingency limit after a branch (or islanding) outage, ``outage``.
      case postContingency = "post_contingency"
      /// A branch's limit after the trip of an HVDC link (``outage`` is the link).
      case hvdcTrip = "hvdc_trip"
      /// A generator at its PMAX or PMIN.
      case generatorMax = "generator_pmax", generatorMin = "generator_pmin"
    }
    /// Which limit it is.
    public var kind: Kind
    /// 0-based input position of the branch, link or generator (−1 for a corridor).
    public var element: Int
    /// The outaged branch, or the tripped HVDC link, 0-based.
    public var outage: Int?
    /// e.g. "branch 3 (6–5) after the outage of branch 6 (12–13)".
    public var name: String
    /// MW of transfer per MW of limit (≥ 0).
    public var sensitivity: Double
  }

  /// The corridor or HVDC link whose transfer was maximised.
  public var target: TransferTarget
  /// The dispatch at the maximum (the second stage): outputs, flows, HVDC transfers, prices.
  /// With ``TransferTieBreak/leastRedispatch`` the duals are those of the redispatch objective,
  /// not prices in $/MWh, and ``DCOPFResult/objectivePerHour`` is the cost of the dispatch at
  /// the problem's costs (0 without).
  public var result: DCOPFResult
  /// The maximum transfer at the sending end, MW: Σ PF of the target's links, or the AC
  /// corridor's sending flow.
  public var sentMW: Double
  /// What the target's links deliver at that maximum by the piecewise-linear loss model of the
  /// LP, MW (for an AC corridor, ``sentMW``).
  public var deliveredMW: Double
  /// The same by each link's own loss model at its PF, MW.
  public var deliveredExactMW: Double
  /// The piecewise-linear loss model of each target link (``TransferTarget/hvdcLinks`` order).
  public var lossModels: [HVDCLossLinearization]
  /// The target's transfer at the file's set-points, MW (HVDC schedules, or the AC corridor's
  /// flow in the DC power flow of the file).
  public var scheduledMW: Double
  /// What holds the maximum back (stage-1 duals), largest first.
  public var limits: [Limit]
  /// How the second stage chose among the dispatches reaching the maximum.
  public var tieBreak: TransferTieBreak
  /// `Σ |P − P₀|` over the in-service generators, MW (P₀ the file's set-points).
  public var redispatchMW: Double
  /// The post-contingency limits enforced; nil: N-0.
  public var contingencies: ContingencyOptions?
  /// Rounds of constraint generation of both stages.
  public var securityRounds: Int
  /// Post-contingency limits added in both stages (branch outages and HVDC trips).
  public var securityConstraints: Int

  /// The largest error of the target links' loss models, MW.
  public var lossModelMaxErrorMW: Double { lossModels.map(\.maxErrorMW).max() ?? 0 }
}
