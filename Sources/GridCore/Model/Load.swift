/// A named load of the native format, in addition to any demand written on
/// the bus itself (MATPOWER keeps demand on buses only: `PD` = bus demand + loads).
///
/// A DC power flow subtracts ``demandMW`` of every in-service load from its bus's injection.
public struct Load: Sendable, Hashable, Codable {
  /// The load's id in the native format.
  public var name: String
  /// External number of the bus the load is connected to.
  public var bus: BusID
  /// Real power demand, MW.
  public var demandMW: Double
  /// Region the load belongs to, for regional scaling and reports.
  public var region: String?
  /// In service; an out-of-service load draws nothing.
  public var inService: Bool
  /// Where the load was defined (file, line); nil for loads built in code.
  public var source: SourceLocation?

  /// A load of `demandMW` MW at `bus`.
  public init(
    name: String, bus: BusID, demandMW: Double, region: String? = nil, inService: Bool = true,
    source: SourceLocation? = nil
  ) {
    self.name = name
    self.bus = bus
    self.demandMW = demandMW
    self.region = region
    self.inService = inService
    self.source = source
  }
}
