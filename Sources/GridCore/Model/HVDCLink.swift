/// A two-terminal HVDC link, modelled as a controlled pair of injections:
/// `sendMW` drawn at the sending (rectifier) bus, `receiveMW = sendMW − loss`
/// delivered at the receiving (inverter) bus or to a system outside the model.
///
/// The AC system sees `−sendMW` at the from bus and `+receiveMW` at the to bus (see
/// ``transfer(at:)`` and ``HVDCTransfer``); the link adds nothing to B.
public struct HVDCLink: Sendable, Hashable, Codable {
  /// Name: the native format's id, or `dcline N` for row N of a MATPOWER `mpc.dcline`.
  public var name: String
  /// Converter bus at the from end.
  public var from: BusID
  /// Converter bus at the to end; `nil` when the receiving system is outside the model.
  public var to: BusID?
  /// Name of the receiving system when `to` is `nil` (e.g. "Anhui (Guquan)").
  public var externalReceiver: String?
  /// Scheduled power at the from end, MW; negative reverses the link (to → from).
  public var setpointMW: Double
  /// Rating at the sending end, MW; 0 means unlimited.
  public var ratingMW: Double
  /// In service (MATPOWER `dcline` `BR_STATUS` = 1); an out-of-service link carries nothing.
  public var inService: Bool
  /// How the losses depend on the power carried: MATPOWER's linear `dcline` model or the physical one.
  public var losses: HVDCLossModel
  /// MATPOWER `dcline` columns not used by a DC power flow (QF QT VF VT PMIN PMAX QMINF QMAXF QMINT QMAXT), kept for conversion.
  public var matpowerExtra: [Double]
  /// Where the link was defined (file, line); nil for links built in code.
  public var source: SourceLocation?

  /// A link from `from` to `to` (nil: to an external system) scheduled at `setpointMW`, MW,
  /// lossless and unlimited unless `losses` and `ratingMW` say otherwise.
  public init(
    name: String = "", from: BusID, to: BusID?, externalReceiver: String? = nil,
    setpointMW: Double, ratingMW: Double = 0, inService: Bool = true,
    losses: HVDCLossModel = .matpower(fixedMW: 0, fraction: 0), matpowerExtra: [Double] = [],
    source: SourceLocation? = nil
  ) {
    self.name = name
    self.from = from
    self.to = to
    self.externalReceiver = externalReceiver
    self.setpointMW = setpointMW
    self.ratingMW = ratingMW
    self.inService = inService
    self.losses = losses
    self.matpowerExtra = matpowerExtra
    self.source = source
  }
}

/// How the losses of an HVDC link depend on the power it carries.
public enum HVDCLossModel: Sendable, Hashable, Codable {
  /// MATPOWER `dcline`: `PT = PF − (LOSS0 + LOSS1 · PF)`, with PF signed (reproduced exactly, even for PF < 0).
  case matpower(fixedMW: Double, fraction: Double)
  /// Physical bipole/monopole: per converter station `c0 + c1·|P|`, line `poles · I² · R` with
  /// `I = P_line / (poles · V)`. Direction-symmetric; a blocked link (P = 0) has no losses.
  case physical(PhysicalHVDC)
}

/// Electrical data of a line-commutated or VSC link, for ``HVDCLossModel/physical(_:)``.
public struct PhysicalHVDC: Sendable, Hashable, Codable {
  /// Number of poles (2 for a bipole).
  public var poles: Int
  /// Pole-to-ground DC voltage, kV (1100 for ±1100 kV).
  public var poleVoltageKV: Double
  /// DC line resistance of one pole, Ω.
  public var poleResistanceOhm: Double
  /// Converter station loss at any non-zero power, MW (no-load part).
  public var converterFixedMW: Double
  /// Converter station loss per MW passing through it (e.g. 0.007 for 0.7 %).
  public var converterFraction: Double

  /// The electrical data of a link: poles, pole-to-ground voltage (kV), pole resistance (Ω)
  /// and converter losses (MW fixed plus a fraction of the power).
  public init(
    poles: Int, poleVoltageKV: Double, poleResistanceOhm: Double, converterFixedMW: Double = 0,
    converterFraction: Double = 0
  ) {
    self.poles = poles
    self.poleVoltageKV = poleVoltageKV
    self.poleResistanceOhm = poleResistanceOhm
    self.converterFixedMW = converterFixedMW
    self.converterFraction = converterFraction
  }
}
