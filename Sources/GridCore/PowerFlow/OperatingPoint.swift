/// What the network is asked to do in one snapshot: generator set-points,
/// demands and HVDC schedules. The network's own values are the base point;
/// scenarios change them hour by hour.
public struct OperatingPoint: Sendable, Hashable {
  /// Per generator (input order), MW. Out-of-service generators are ignored.
  public var generatorMW: [Double]
  /// Per bus (input order): demand written on the bus (`PD`), MW.
  public var busDemandMW: [Double]
  /// Per load element (input order), MW.
  public var loadMW: [Double]
  /// Per HVDC link (input order): set-point at the from end, MW.
  public var hvdcSetpointMW: [Double]

  /// A point from its four vectors, MW, each in input order and as long as the network's
  /// generators, buses, loads and HVDC links.
  public init(generatorMW: [Double], busDemandMW: [Double], loadMW: [Double], hvdcSetpointMW: [Double]) {
    self.generatorMW = generatorMW
    self.busDemandMW = busDemandMW
    self.loadMW = loadMW
    self.hvdcSetpointMW = hvdcSetpointMW
  }

  /// The set-points written in the network file.
  public init(base network: Network) {
    generatorMW = network.generators.map(\.outputMW)
    busDemandMW = network.buses.map(\.loadMW)
    loadMW = network.loads.map { $0.inService ? $0.demandMW : 0 }
    hvdcSetpointMW = network.hvdcLinks.map(\.setpointMW)
  }
}
