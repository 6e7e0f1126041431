/// Power at both ends of an HVDC link for a given set-point, MW.
public struct HVDCTransfer: Sendable, Hashable {
  /// Power drawn from the AC system at the from end (negative when the link runs to → from).
  public var fromMW: Double
  /// Power delivered at the to end (negative when the link runs to → from).
  public var toMW: Double
  /// True when power flows from the to end to the from end.
  public var isReversed: Bool { fromMW < 0 || (fromMW == 0 && toMW < 0) }
  /// Power at the sending end, whichever end sends.
  public var sendMW: Double { isReversed ? -toMW : fromMW }
  /// Power delivered at the receiving end.
  public var receiveMW: Double { isReversed ? -fromMW : toMW }
  /// Losses, MW: `fromMW − toMW`.
  public var lossMW: Double { fromMW - toMW }
}

extension HVDCLink {
  /// The power at both ends when the link runs at `setpointMW` (default: its own set-point).
  ///
  /// MATPOWER rows: `PT = PF − (LOSS0 + LOSS1·PF)` exactly as `toggle_dcline`.
  /// Physical model: the sending station loses `c0 + c1·P`, the line `poles · I² · R`
  /// with `I = P_line / (poles · V)`, the receiving station `c0 + c1·P`; the same in
  /// both directions, and a link never delivers more than it takes in.
  public func transfer(at setpointMW: Double? = nil) -> HVDCTransfer {
    let p = setpointMW ?? self.setpointMW
    guard inService, p != 0 else { return HVDCTransfer(fromMW: 0, toMW: 0) }
    switch losses {
    case .matpower(let loss0, let loss1):
      return HVDCTransfer(fromMW: p, toMW: p - (loss0 + loss1 * p))
    case .physical(let d):
      let send = abs(p)
      let afterStation = max(0, send - (d.converterFixedMW + d.converterFraction * send))
      var lineLoss = 0.0
      if d.poles > 0, d.poleVoltageKV > 0 {
        let currentKA = afterStation / (Double(d.poles) * d.poleVoltageKV)
        lineLoss = Double(d.poles) * currentKA * currentKA * d.poleResistanceOhm
      }
      let lineOut = max(0, afterStation - lineLoss)
      let received = max(0, lineOut - (d.converterFixedMW + d.converterFraction * lineOut))
      return p > 0 ? HVDCTransfer(fromMW: send, toMW: received) : HVDCTransfer(fromMW: -received, toMW: -send)
    }
  }
}
