/// A branch: an AC line or a transformer, MATPOWER's π model. Impedances are
/// per-unit on the system base; ratings in MVA (treated as MW in DC).
public struct Branch: Sendable, Hashable, Codable {
  public var from: BusID
  public var to: BusID
  /// Series resistance, p.u. (`BR_R`); ignored by the DC model.
  public var resistancePU: Double
  /// Series reactance, p.u. (`BR_X`). Negative for series capacitors.
  public var reactancePU: Double
  /// Total line charging susceptance, p.u. (`BR_B`); ignored by the DC model.
  public var chargingPU: Double
  /// Long-term rating, MW (`RATE_A`); 0 means unlimited.
  public var ratingMW: Double
  /// Short-term and emergency ratings, MW (`RATE_B`, `RATE_C`); 0 means unlimited.
  public var shortTermRatingMW: Double
  public var emergencyRatingMW: Double
  /// Off-nominal turns ratio at the from end (`TAP`); 0 means a line (ratio 1).
  public var tapRatio: Double
  /// Phase shift, degrees (`SHIFT`); positive delays the to end.
  public var phaseShiftDeg: Double
  /// In service (`BR_STATUS` = 1).
  public var inService: Bool
  /// Angle-difference limits, degrees (`ANGMIN`, `ANGMAX`).
  public var minAngleDiffDeg: Double
  public var maxAngleDiffDeg: Double
  /// Name (native format), empty for MATPOWER rows.
  public var name: String
  /// What the branch is, for reports.
  public var kind: BranchKind
  /// Descriptive line data of the native format (length, circuits, line type).
  public var lineInfo: LineInfo?
  public var source: SourceLocation?

  public init(
    from: BusID, to: BusID, resistancePU: Double = 0, reactancePU: Double,
    chargingPU: Double = 0, ratingMW: Double = 0, shortTermRatingMW: Double = 0,
    emergencyRatingMW: Double = 0, tapRatio: Double = 0, phaseShiftDeg: Double = 0,
    inService: Bool = true, minAngleDiffDeg: Double = -360, maxAngleDiffDeg: Double = 360,
    name: String = "", kind: BranchKind = .line, lineInfo: LineInfo? = nil,
    source: SourceLocation? = nil
  ) {
    self.from = from
    self.to = to
    self.resistancePU = resistancePU
    self.reactancePU = reactancePU
    self.chargingPU = chargingPU
    self.ratingMW = ratingMW
    self.shortTermRatingMW = shortTermRatingMW
    self.emergencyRatingMW = emergencyRatingMW
    self.tapRatio = tapRatio
    self.phaseShiftDeg = phaseShiftDeg
    self.inService = inService
    self.minAngleDiffDeg = minAngleDiffDeg
    self.maxAngleDiffDeg = maxAngleDiffDeg
    self.name = name
    self.kind = kind
    self.lineInfo = lineInfo
    self.source = source
  }

  /// The DC series susceptance `b = 1 / (x · τ)` with τ = 1 where TAP = 0 (MATPOWER `makeBdc`).
  public var dcSusceptancePU: Double {
    let tau = tapRatio == 0 ? 1 : tapRatio
    return 1 / (reactancePU * tau)
  }
}

public enum BranchKind: String, Sendable, Hashable, Codable {
  case line
  case transformer
}

/// How a line of the native format was described, kept for reports and conversion.
public struct LineInfo: Sendable, Hashable, Codable {
  public var lengthKm: Double?
  public var circuits: Int
  public var lineType: String?
  /// True where the length or parameters are an engineering estimate, not a sourced figure.
  public var estimated: Bool

  public init(lengthKm: Double? = nil, circuits: Int = 1, lineType: String? = nil, estimated: Bool = false) {
    self.lengthKm = lengthKm
    self.circuits = circuits
    self.lineType = lineType
    self.estimated = estimated
  }
}
