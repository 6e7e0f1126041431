/// The transfer capability of a direction at one operating point: the largest increment
/// before a limit binds, found in one linear step (PowerWorld's "single linear step" ATC):
/// for every monitored branch l, in the base case and after every contingency c,
///
///     T(l, c) = (±rating_l − flow_l^c) / OTDF_{l,c},   OTDF = PTDF_transfer + LODF·PTDF_transfer[k]
///
/// in the direction the transfer pushes the flow, and the capability is the smallest T. A
/// branch already beyond its limit that the transfer loads further gives T = 0 (flagged
/// ``TransferLimit/preExisting``), unless such branches are ignored.
public struct TransferCapability: Sendable {
  /// Which kind of limit binds first.
  public enum Limiting: String, Sendable, Hashable {
    /// A branch rating, in the base case or after a contingency.
    case branch
    /// The rating of a raised HVDC link.
    case hvdcRating = "hvdc_rating"
    /// The capacity (PMAX) left at the source buses.
    case sourceCapacity = "source_capacity"
  }

  /// The direction studied.
  public var direction: TransferDirection
  /// The largest increment, MW: the smallest of the limits below. Negative when a branch is
  /// already beyond its rating and the transfer loads it further; nil when nothing limits.
  public var transferMW: Double?
  /// Which limit gives ``transferMW``; nil when nothing limits.
  public var limiting: Limiting?
  /// The smallest branch limit (N-0 or N-1), MW.
  public var networkLimitMW: Double?
  /// The most restrictive branch limits, smallest first (at most `keep` of them).
  public var limits: [TransferLimit]
  /// `(rating − set-point)/share` of the tightest raised link, MW.
  public var hvdcRatingLimitMW: Double?
  /// The link of ``hvdcRatingLimitMW`` (input position in `Network.hvdcLinks`).
  public var hvdcRatingLink: Int?
  /// `min over source buses of (Σ PMAX − output) / share`, MW.
  public var sourceCapacityLimitMW: Double?
  /// Change of the flow of every branch per MW of transfer in the base case (the transfer PTDF).
  public var ptdf: [Double]
  /// Sensitivities below this (MW/MW) were not considered limiting.
  public var minimumSensitivity: Double
}

/// One branch limit on a transfer.
public struct TransferLimit: Sendable, Hashable {
  /// Input position in `Network.branches`.
  public var branch: Int
  /// The contingency after which it binds (index in the study's list), nil in the base case.
  public var contingency: Int?
  /// The transfer at which the flow reaches the rating, MW.
  public var transferMW: Double
  /// Flow before the transfer (post-contingency when `contingency` is set), MW.
  public var flowMW: Double
  /// Flow change per MW of transfer (PTDF in the base case, OTDF after a contingency).
  public var sensitivity: Double
  /// The rating reached, MW (× limit %).
  public var ratingMW: Double
  /// The branch is beyond its limit before the transfer and the transfer loads it further:
  /// the limit is 0 (``TransferStudy/capability(at:minimumSensitivity:keep:ignorePreExisting:)``).
  public var preExisting: Bool
}
