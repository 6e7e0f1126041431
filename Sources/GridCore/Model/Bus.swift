/// A bus (node) of the network. Powers are in MW / MVAr, angles in degrees,
/// as in the input; conversion to per-unit happens in ``DCSystem``.
public struct Bus: Sendable, Hashable, Codable {
  /// External bus number (MATPOWER `BUS_I`).
  public var id: BusID
  /// Stable name: the native format's bus id, or MATPOWER's `bus_name`. Empty when none.
  public var name: String
  /// MATPOWER bus type (`BUS_TYPE`): PQ, PV, reference or isolated. Isolated buses are left
  /// out of the DC model; reference buses with an in-service generator fix their island's angle.
  public var type: BusType
  /// Real power demand, MW (`PD`).
  public var loadMW: Double
  /// Reactive power demand, MVAr (`QD`).
  public var loadMVAr: Double
  /// Shunt conductance, MW demanded at V = 1 p.u. (`GS`); a constant load in DC.
  public var shuntMW: Double
  /// Shunt susceptance, MVAr injected at V = 1 p.u. (`BS`); ignored in DC.
  public var shuntMVAr: Double
  /// Area number (`BUS_AREA`).
  public var area: Int
  /// Voltage magnitude, p.u. (`VM`).
  public var voltagePU: Double
  /// Voltage angle, degrees (`VA`); the reference bus keeps it in a DC solve.
  public var angleDeg: Double
  /// Base voltage, kV (`BASE_KV`).
  public var baseKV: Double
  /// Loss zone (`ZONE`).
  public var zone: Int
  /// Upper voltage limit, p.u. (`VMAX`); ignored in DC.
  public var maxVoltagePU: Double
  /// Lower voltage limit, p.u. (`VMIN`); ignored in DC.
  public var minVoltagePU: Double
  /// Descriptive data of the native format (display name, region, position, tags).
  public var info: BusInfo?
  /// Where the bus was defined.
  public var source: SourceLocation?

  /// A bus with MATPOWER's defaults for every column not given: PQ, no demand or shunt,
  /// area and zone 1, 1 p.u. at 0°, limits 0.9–1.1 p.u. Powers in MW / MVAr, angle in degrees.
  public init(
    id: BusID, name: String = "", type: BusType = .pq, loadMW: Double = 0,
    loadMVAr: Double = 0, shuntMW: Double = 0, shuntMVAr: Double = 0, area: Int = 1,
    voltagePU: Double = 1, angleDeg: Double = 0, baseKV: Double = 0, zone: Int = 1,
    maxVoltagePU: Double = 1.1, minVoltagePU: Double = 0.9, info: BusInfo? = nil,
    source: SourceLocation? = nil
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.loadMW = loadMW
    self.loadMVAr = loadMVAr
    self.shuntMW = shuntMW
    self.shuntMVAr = shuntMVAr
    self.area = area
    self.voltagePU = voltagePU
    self.angleDeg = angleDeg
    self.baseKV = baseKV
    self.zone = zone
    self.maxVoltagePU = maxVoltagePU
    self.minVoltagePU = minVoltagePU
    self.info = info
    self.source = source
  }
}

/// Descriptive bus data from the native network format. None of it enters the power flow.
public struct BusInfo: Sendable, Hashable, Codable {
  /// Display name (may be Chinese, e.g. "乌北").
  public var displayName: String?
  /// Region or prefecture.
  public var region: String?
  /// Approximate latitude, degrees north (WGS 84), for maps.
  public var latitude: Double?
  /// Approximate longitude, degrees east (WGS 84), for maps.
  public var longitude: Double?
  /// Free-form labels (e.g. `base:zhundong`), selectable as `tag:TAG` by ``NetworkSelection``.
  public var tags: [String]

  /// Descriptive data of a bus; every field is optional.
  public init(
    displayName: String? = nil, region: String? = nil, latitude: Double? = nil,
    longitude: Double? = nil, tags: [String] = []
  ) {
    self.displayName = displayName
    self.region = region
    self.latitude = latitude
    self.longitude = longitude
    self.tags = tags
  }
}
