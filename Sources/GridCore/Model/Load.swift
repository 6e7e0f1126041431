/// A named load of the native format, in addition to any demand written on
/// the bus itself (MATPOWER keeps demand on buses only: `PD` = bus demand + loads).
public struct Load: Sendable, Hashable, Codable {
  public var name: String
  public var bus: BusID
  /// Real power demand, MW.
  public var demandMW: Double
  /// Region the load belongs to, for regional scaling and reports.
  public var region: String?
  public var inService: Bool
  public var source: SourceLocation?

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
