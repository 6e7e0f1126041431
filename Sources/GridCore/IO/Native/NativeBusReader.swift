import Yams

extension NativeReader {
  static let busKeys = [
    "id", "name", "number", "voltage_kv", "type", "region", "lat", "lon", "tags", "load_mw", "angle_deg",
    "load_mvar", "shunt_mw", "shunt_mvar", "area", "zone", "voltage_pu", "max_voltage_pu", "min_voltage_pu",
  ]

  static let busTypes: [String: BusType] = [
    "pq": .pq, "pv": .pv, "reference": .reference, "isolated": .isolated,
  ]

  mutating func readBuses(_ nodes: [Yams.Node]) throws(ParseError) {
    // Explicit numbers first: a default number must skip every number given anywhere in the list.
    var maps: [NativeMapping] = []
    var explicit: [Int?] = []
    var taken = Set<Int>()
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "bus \(position + 1) of 'buses'", allowed: Self.busKeys, file: file)
      map.element = try "bus '\(map.requiredID("id"))'"
      let number = try map.int("number")
      if let number {
        try map.require(number > 0, "number", Double(number), expected: "a positive whole number")
        guard taken.insert(number).inserted else { throw map.error("number", .duplicateBus(String(number))) }
      }
      explicit.append(number)
      maps.append(map)
    }
    var next = 1
    for (position, map) in maps.enumerated() {
      let number: Int
      if let given = explicit[position] {
        number = given
      } else {
        // Default: the 1-based position, or the next number above it that is still free.
        next = max(next, position + 1)
        while taken.contains(next) { next += 1 }
        number = next
        taken.insert(number)
      }
      try readBus(map, number: BusID(number))
    }
  }

  private mutating func readBus(_ map: NativeMapping, number: BusID) throws(ParseError) {
    let id = try map.requiredID("id")
    try checkNetworkIDUnused(id, map)
    let voltage = try map.requiredDouble("voltage_kv")
    // 0 kV: not known (MATPOWER's BASE_KV 0); a line given by length then has no per-unit base.
    try map.require(voltage >= 0, "voltage_kv", voltage, expected: "> 0 kV (0 where it is not known)")
    var type = BusType.pq
    if let text = try map.string("type") {
      guard let known = Self.busTypes[text] else {
        throw map.error("type", .outOfRange(field: "'type' of \(map.element)", value: "'\(text)'", expected: "pq, pv, reference or isolated"))
      }
      type = known
    }
    let latitude = try map.double("lat")
    if let latitude { try map.require((-90...90).contains(latitude), "lat", latitude, expected: "degrees in -90...90") }
    let longitude = try map.double("lon")
    if let longitude {
      try map.require((-180...180).contains(longitude), "lon", longitude, expected: "degrees in -180...180")
    }
    let info = BusInfo(
      displayName: try map.string("name"), region: try map.string("region"), latitude: latitude,
      longitude: longitude, tags: try map.stringList("tags")?.map(\.value) ?? [])
    let bus = Bus(
      id: number, name: id, type: type, loadMW: try map.double("load_mw") ?? 0,
      loadMVAr: try map.double("load_mvar") ?? 0, shuntMW: try map.double("shunt_mw") ?? 0,
      shuntMVAr: try map.double("shunt_mvar") ?? 0, area: try map.int("area") ?? 1,
      voltagePU: try map.double("voltage_pu") ?? 1, angleDeg: try map.double("angle_deg") ?? 0, baseKV: voltage,
      zone: try map.int("zone") ?? 1, maxVoltagePU: try map.unboundedDouble("max_voltage_pu") ?? 1.1,
      minVoltagePU: try map.unboundedDouble("min_voltage_pu") ?? 0.9, info: info, source: map.location)
    busNumbers[id] = number
    busPositions[number] = buses.count
    buses.append(bus)
  }

  /// The bus with this number; every number handed out by `busReference` has one.
  func bus(_ number: BusID) -> Bus? {
    busPositions[number].map { buses[$0] }
  }
}
