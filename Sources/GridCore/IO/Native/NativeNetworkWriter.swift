import Foundation

/// Writes a ``Network`` in the gridtool network format (`docs/network-format.md`).
///
/// Everything the ``Network`` holds reads back unchanged: bus numbers, types, base voltages
/// (kV), demand (MW, MVAr), shunts, areas, zones, voltages and their limits, descriptive data;
/// branch per-unit data (on the network's base MVA), the three ratings (MW), taps, phase shifts
/// (degrees), angle-difference limits and, when lines and transformers are mixed, each branch's
/// MATPOWER row; generators with their reactive data, MATPOWER columns 11–21, fuel, unit type
/// and costs (``Generator/cost``; a MATPOWER `gencost` that converts row for row); loads, HVDC
/// links, rings, corridors and regions; other MATPOWER matrices under `matpower_fields`.
/// Unlimited values (PMAX = Inf) are written as `.inf`. Doubles are written so that they read
/// back bit for bit.
///
/// What the format cannot hold is returned as ``ConversionLoss``es (and listed in a comment at
/// the top): the names of line types (per-unit values are written instead), groups of kind
/// `other`, an HVDC link's rating below its set-point (raised to the set-point).
/// Elements without a name get ids such as `bus-7`, `branch-12`, `gen-3`; a MATPOWER TAP of 1 on a
/// line and of 0 on a transformer read back as 0 and 1 (the same branch to MATPOWER).
public enum NativeNetworkWriter {
  /// The whole file, ending with a newline (``write(_:)`` without the losses).
  public static func yaml(for network: Network) -> String {
    write(network).text
  }

  /// The whole file and what it could not hold. Values must not be NaN, as the readers ensure.
  public static func write(_ network: Network) -> NetworkConversion {
    var writer = NativeWriter(network: MatpowerCostRows.typingCosts(of: network))
    let text = writer.write()
    return NetworkConversion(text: text, losses: writer.losses)
  }
}

/// One write: the ids chosen for each element, then the sections.
struct NativeWriter {
  let network: Network
  var out = NativeYAMLText()
  var losses: [ConversionLoss] = []
  /// Bus number → id.
  var busIDs: [BusID: String] = [:]
  /// Position in `network.branches` → id.
  var branchIDs: [String] = []
  var hvdcIDs: [String] = []
  /// Bus number → position in `network.buses`.
  let busPositions: BusIndex

  init(network: Network) {
    self.network = network
    busPositions = BusIndex(network.buses)
    // Buses, lines and transformers share one namespace in the format.
    var used = IDAllocator()
    for bus in network.buses { busIDs[bus.id] = used.take(bus.name, fallback: "bus-\(bus.id)") }
    branchIDs = network.branches.enumerated().map { used.take($1.name, fallback: "branch-\($0 + 1)") }
    var usedHVDC = IDAllocator()
    hvdcIDs = network.hvdcLinks.enumerated().map { usedHVDC.take($1.name, fallback: "hvdc-\($0 + 1)") }
  }

  mutating func write() -> String {
    losses = lostData()
    out.comment("gridtool network format (docs/network-format.md), written by gridtool.")
    if !losses.isEmpty {
      out.comment("Not kept by this format:")
      for loss in losses { out.comment("  - \(loss)") }
    }
    out.field("format", NativeNetworkReader.formatVersion)
    out.field("name", NativeYAMLText.string(network.name))
    out.field("base_mva", NativeYAMLText.number(network.baseMVA))
    writeLineTypes()
    writeBuses()
    writeBranches()
    writeInjections()
    writeHVDC()
    writeGroups()
    writeMatpowerFields()
    return out.text
  }

  /// Whether a branch needs the transformer entry (ratio, shift); a DC model treats TAP 0 and 1 alike.
  static func isTransformer(_ branch: Branch) -> Bool {
    branch.kind == .transformer || (branch.tapRatio != 0 && branch.tapRatio != 1) || branch.phaseShiftDeg != 0
  }

  private mutating func writeBuses() {
    out.blank()
    out.section("buses")
    for bus in network.buses {
      typealias T = NativeYAMLText
      var fields: [(key: String, value: String)] = [
        ("id", T.string(busIDs[bus.id] ?? "bus-\(bus.id)")),
        ("number", T.number(bus.id.rawValue)),
      ]
      if let name = bus.info?.displayName { fields.append(("name", T.string(name))) }
      fields.append(("voltage_kv", T.number(max(bus.baseKV, 0))))
      if bus.type != .pq { fields.append(("type", NativeWriter.busTypeNames[bus.type] ?? "pq")) }
      if let region = bus.info?.region { fields.append(("region", T.string(region))) }
      if let lat = bus.info?.latitude { fields.append(("lat", T.number(lat))) }
      if let lon = bus.info?.longitude { fields.append(("lon", T.number(lon))) }
      if let tags = bus.info?.tags, !tags.isEmpty { fields.append(("tags", T.list(tags))) }
      fields.append(contentsOf: NativeWriter.nonDefault([
        ("load_mw", bus.loadMW, 0), ("load_mvar", bus.loadMVAr, 0), ("shunt_mw", bus.shuntMW, 0),
        ("shunt_mvar", bus.shuntMVAr, 0), ("angle_deg", bus.angleDeg, 0), ("voltage_pu", bus.voltagePU, 1),
        ("max_voltage_pu", bus.maxVoltagePU, 1.1), ("min_voltage_pu", bus.minVoltagePU, 0.9),
      ]))
      if bus.area != 1 { fields.append(("area", T.number(bus.area))) }
      if bus.zone != 1 { fields.append(("zone", T.number(bus.zone))) }
      out.item(fields, indent: 2)
    }
  }

  static let busTypeNames: [BusType: String] = [.pq: "pq", .pv: "pv", .reference: "reference", .isolated: "isolated"]

  /// `key: value` for each value that differs (bit for bit, so -0 is kept) from its default.
  static func nonDefault(_ values: [(key: String, value: Double, default: Double)]) -> [(key: String, value: String)] {
    values.filter { $0.value.bitPattern != $0.default.bitPattern }.map { ($0.key, NativeYAMLText.number($0.value)) }
  }

  private mutating func writeBranches() {
    let positions = network.branches.indices
    let lines = positions.filter { !NativeWriter.isTransformer(network.branches[$0]) }
    let transformers = positions.filter { NativeWriter.isTransformer(network.branches[$0]) }
    // The reader puts lines before transformers; a MATPOWER case that mixes them keeps its rows.
    let keepRows = lines + transformers != Array(positions)
    if !lines.isEmpty {
      out.blank()
      out.section("lines")
      for position in lines { writeLine(position, row: keepRows ? position + 1 : nil) }
    }
    if !transformers.isEmpty {
      out.blank()
      out.section("transformers")
      for position in transformers { writeTransformer(position, row: keepRows ? position + 1 : nil) }
    }
  }

  private mutating func writeLine(_ position: Int, row: Int?) {
    let branch = network.branches[position]
    typealias T = NativeYAMLText
    var fields = endpoints(branch, id: branchIDs[position])
    if let circuits = branch.lineInfo?.circuits, circuits != 1 { fields.append(("circuits", T.number(circuits))) }
    if let byLength = lengthFields(branch) {
      fields += byLength
    } else {
      if let type = branch.lineInfo?.lineType { out.comment("line type: \(type)", indent: 2) }
      if let length = branch.lineInfo?.lengthKm { fields.append(("length_km", T.number(length))) }
      fields.append(("r_pu", T.number(branch.resistancePU)))
      fields.append(("x_pu", T.number(branch.reactancePU)))
      if branch.chargingPU != 0 { fields.append(("b_pu", T.number(branch.chargingPU))) }
      if branch.ratingMW > 0 { fields.append(("rating_mw", T.number(branch.ratingMW))) }
    }
    fields += limits(branch, row: row)
    if branch.lineInfo?.estimated == true { fields.append(("estimated", "true")) }
    out.item(fields, indent: 2)
  }

  private mutating func writeTransformer(_ position: Int, row: Int?) {
    let branch = network.branches[position]
    typealias T = NativeYAMLText
    var fields = endpoints(branch, id: branchIDs[position])
    fields.append(("x_pu", T.number(branch.reactancePU)))
    if branch.resistancePU != 0 { fields.append(("r_pu", T.number(branch.resistancePU))) }
    if branch.chargingPU != 0 { fields.append(("b_pu", T.number(branch.chargingPU))) }
    if branch.tapRatio != 0, branch.tapRatio != 1 { fields.append(("ratio", T.number(branch.tapRatio))) }
    if branch.phaseShiftDeg != 0 { fields.append(("shift_deg", T.number(branch.phaseShiftDeg))) }
    if branch.ratingMW > 0 { fields.append(("rating_mw", T.number(branch.ratingMW))) }
    fields += limits(branch, row: row)
    out.item(fields, indent: 2)
  }

  /// RATE_B, RATE_C, status, angle limits and MATPOWER row of a branch, as far as they are not the defaults.
  private func limits(_ branch: Branch, row: Int?) -> [(key: String, value: String)] {
    var fields: [(key: String, value: String)] = []
    fields += NativeWriter.nonDefault([
      ("short_term_rating_mw", branch.shortTermRatingMW, 0), ("emergency_rating_mw", branch.emergencyRatingMW, 0),
      ("min_angle_diff_deg", branch.minAngleDiffDeg, -360), ("max_angle_diff_deg", branch.maxAngleDiffDeg, 360),
    ])
    if !branch.inService { fields.append(("in_service", "false")) }
    if let row { fields.append(("matpower_row", NativeYAMLText.number(row))) }
    return fields
  }

  private func endpoints(_ branch: Branch, id: String) -> [(key: String, value: String)] {
    [
      ("id", NativeYAMLText.string(id)),
      ("from", NativeYAMLText.string(busIDs[branch.from] ?? "bus-\(branch.from)")),
      ("to", NativeYAMLText.string(busIDs[branch.to] ?? "bus-\(branch.to)")),
    ]
  }
}

/// Picks unique ids: the element's own name when it has one, else a generated one.
struct IDAllocator {
  private var used = Set<String>()

  mutating func take(_ name: String, fallback: String) -> String {
    let base = name.trimmingCharacters(in: .whitespaces).isEmpty ? fallback : name
    var candidate = base
    var suffix = 2
    while used.contains(candidate) {
      candidate = "\(base)-\(suffix)"
      suffix += 1
    }
    used.insert(candidate)
    return candidate
  }
}
