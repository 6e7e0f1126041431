/// A branch: an AC line or a transformer, MATPOWER's π model. Impedances are
/// per-unit on the system base; ratings in MVA (treated as MW in DC).
///
/// In the DC model an in-service branch k from bus f to bus t carries
/// `Pf = b·(θf − θt − φ)` (p.u. on ``Network/baseMVA``), with
/// `b = 1 / (x·τ)` (``dcSusceptancePU``) and φ the phase shift in radians;
/// resistance and charging are ignored. One element of a MATPOWER `mpc.branch` row.
public struct Branch: Sendable, Hashable, Codable {
  /// External number of the from bus (`F_BUS`); the tap and the phase shifter sit at this end.
  public var from: BusID
  /// External number of the to bus (`T_BUS`).
  public var to: BusID
  /// Series resistance, p.u. (`BR_R`); ignored by the DC model.
  public var resistancePU: Double
  /// Series reactance, p.u. (`BR_X`). Negative for series capacitors.
  public var reactancePU: Double
  /// Total line charging susceptance, p.u. (`BR_B`); ignored by the DC model.
  public var chargingPU: Double
  /// Long-term rating, MW (`RATE_A`); 0 means unlimited.
  public var ratingMW: Double
  /// Short-term rating, MW (`RATE_B`); 0 means unlimited.
  public var shortTermRatingMW: Double
  /// Emergency rating, MW (`RATE_C`); 0 means unlimited.
  public var emergencyRatingMW: Double
  /// Off-nominal turns ratio at the from end (`TAP`); 0 means a line (ratio 1).
  public var tapRatio: Double
  /// Phase shift, degrees (`SHIFT`); positive delays the to end.
  public var phaseShiftDeg: Double
  /// In service (`BR_STATUS` = 1).
  public var inService: Bool
  /// Lower limit of the angle difference θf − θt, degrees (`ANGMIN`); kept, not enforced by a DC power flow.
  public var minAngleDiffDeg: Double
  /// Upper limit of the angle difference θf − θt, degrees (`ANGMAX`); kept, not enforced by a DC power flow.
  public var maxAngleDiffDeg: Double
  /// Name (native format), empty for MATPOWER rows.
  public var name: String
  /// What the branch is, for reports.
  public var kind: BranchKind
  /// Descriptive line data of the native format (length, circuits, line type).
  public var lineInfo: LineInfo?
  /// Where the branch was defined (file, line), for messages; nil for branches built in code.
  public var source: SourceLocation?

  /// A branch with MATPOWER's defaults for every column not given: a line (TAP 0),
  /// no shift, in service, unlimited (ratings 0), angle limits ±360°.
  /// Impedances in p.u. on the system base, ratings in MW, angles in degrees.
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

/// What a branch is, for reports and for the native format's sections. The DC model
/// treats both alike: only `x`, TAP and SHIFT matter.
public enum BranchKind: String, Sendable, Hashable, Codable {
  /// An overhead line or cable (native `lines:` section; a MATPOWER row with TAP 0 or 1 and no shift).
  case line
  /// A transformer or phase shifter (native `transformers:` section; a MATPOWER row with
  /// another TAP or a non-zero SHIFT).
  case transformer
}

/// How a line of the native format was described, kept for reports and conversion.
public struct LineInfo: Sendable, Hashable, Codable {
  /// Route length, km; nil when the line was given in per-unit.
  public var lengthKm: Double?
  /// Number of identical parallel circuits the branch stands for (≥ 1); the branch's
  /// impedance and rating are those of all of them together. ``Contingency/circuit(_:)``
  /// trips one of them.
  public var circuits: Int
  /// Name of the line type of the native format (its per-km data), if one was used.
  public var lineType: String?
  /// True where the length or parameters are an engineering estimate, not a sourced figure.
  public var estimated: Bool
  /// Per-km data of one circuit that the branch's per-unit values were computed from (the line's
  /// own or its type's, ``LinePerKm/perUnit(lengthKm:circuits:baseKV:baseMVA:)``); nil for a line
  /// given in per-unit.
  public var perKm: LinePerKm?

  /// Descriptive data of a line: length in km, number of parallel circuits, line type name, and
  /// the per-km data its per-unit values come from.
  public init(
    lengthKm: Double? = nil, circuits: Int = 1, lineType: String? = nil, estimated: Bool = false, perKm: LinePerKm? = nil
  ) {
    self.lengthKm = lengthKm
    self.circuits = circuits
    self.lineType = lineType
    self.estimated = estimated
    self.perKm = perKm
  }
}
