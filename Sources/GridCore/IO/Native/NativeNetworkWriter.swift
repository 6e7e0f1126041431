import Foundation

/// Writes a ``Network`` in the gridtool network format (`docs/network-format.md`).
///
/// What the format holds reads back unchanged: bus numbers, types, base voltages (kV),
/// demand (MW) and descriptive data; branch per-unit data (on the network's base MVA),
/// ratings (MW), taps and phase shifts (degrees); generators, loads, HVDC links and
/// groups. Doubles are written so that they read back bit for bit.
///
/// MATPOWER data with no place in the format is dropped and listed in a comment
/// at the top of the file: reactive power and voltage data, areas and zones,
/// shunt susceptance, RATE_B/RATE_C, angle limits, extra generator and dcline
/// columns, extra matrices such as `gencost`, and groups of kind `other`.
/// A few values are adjusted so that the file is valid, each noted next to
/// the element: shunt conductance (GS, MW at 1 p.u.) is added to the bus
/// demand, a base voltage of 0 kV becomes 1 kV, a generator above its PMAX
/// gets its output as capacity, a generator with negative output becomes a load,
/// an HVDC link without rating gets its set-point as rating. Branches are written
/// as lines, then transformers, so their order changes where the input mixes them;
/// the line type names of lines are written as comments only (their per-km
/// data is not in the ``Network``; the per-unit values are written instead).
/// A load without a region reads back with its bus's region, as the format defines.
/// Elements without a name get ids such as `bus-7`, `branch-12`, `gen-3`.
public enum NativeNetworkWriter {
  /// The whole file, ending with a newline. Values are assumed finite, as the reader ensures.
  public static func yaml(for network: Network) -> String {
    var writer = NativeWriter(network: network)
    return writer.write()
  }
}

/// One write: the ids chosen for each element, then the sections.
struct NativeWriter {
  let network: Network
  var out = NativeYAMLText()
  /// Bus number → id.
  var busIDs: [BusID: String] = [:]
  /// Position in `network.branches` → id.
  var branchIDs: [String] = []
  var hvdcIDs: [String] = []

  init(network: Network) {
    self.network = network
    // Buses, lines and transformers share one namespace in the format.
    var used = IDAllocator()
    for bus in network.buses { busIDs[bus.id] = used.take(bus.name, fallback: "bus-\(bus.id)") }
    branchIDs = network.branches.enumerated().map { used.take($1.name, fallback: "branch-\($0 + 1)") }
    var usedHVDC = IDAllocator()
    hvdcIDs = network.hvdcLinks.enumerated().map { usedHVDC.take($1.name, fallback: "hvdc-\($0 + 1)") }
  }

  mutating func write() -> String {
    out.comment("gridtool network format (docs/network-format.md), written by gridtool.")
    let dropped = droppedData()
    if !dropped.isEmpty {
      out.comment("Not kept by this format, dropped when writing:")
      for item in dropped { out.comment("  - \(item)") }
    }
    out.field("format", NativeNetworkReader.formatVersion)
    out.field("name", NativeYAMLText.string(network.name))
    out.field("base_mva", NativeYAMLText.number(network.baseMVA))
    writeBuses()
    writeBranches()
    writeInjections()
    writeHVDC()
    writeGroups()
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
      if bus.baseKV <= 0 { out.comment("base voltage unknown in the source (0 kV); 1 kV written", indent: 2) }
      if bus.shuntMW != 0 {
        out.comment("load_mw includes \(NativeYAMLText.number(bus.shuntMW)) MW shunt conductance (GS)", indent: 2)
      }
      var fields: [(key: String, value: String)] = [
        ("id", NativeYAMLText.string(busIDs[bus.id] ?? "bus-\(bus.id)")),
        ("number", NativeYAMLText.number(bus.id.rawValue)),
      ]
      if let name = bus.info?.displayName { fields.append(("name", NativeYAMLText.string(name))) }
      fields.append(("voltage_kv", NativeYAMLText.number(bus.baseKV > 0 ? bus.baseKV : 1)))
      if bus.type != .pq { fields.append(("type", NativeWriter.busTypeNames[bus.type] ?? "pq")) }
      if let region = bus.info?.region { fields.append(("region", NativeYAMLText.string(region))) }
      if let lat = bus.info?.latitude { fields.append(("lat", NativeYAMLText.number(lat))) }
      if let lon = bus.info?.longitude { fields.append(("lon", NativeYAMLText.number(lon))) }
      if let tags = bus.info?.tags, !tags.isEmpty { fields.append(("tags", NativeYAMLText.list(tags))) }
      // GS is demand at V = 1 p.u., which is exactly what a DC model assumes.
      let demand = bus.loadMW + bus.shuntMW
      if demand != 0 { fields.append(("load_mw", NativeYAMLText.number(demand))) }
      if bus.angleDeg != 0 { fields.append(("angle_deg", NativeYAMLText.number(bus.angleDeg))) }
      out.item(fields, indent: 2)
    }
  }

  static let busTypeNames: [BusType: String] = [.pq: "pq", .pv: "pv", .reference: "reference", .isolated: "isolated"]

  private mutating func writeBranches() {
    let positions = network.branches.indices
    let lines = positions.filter { !NativeWriter.isTransformer(network.branches[$0]) }
    let transformers = positions.filter { NativeWriter.isTransformer(network.branches[$0]) }
    if !lines.isEmpty {
      out.blank()
      out.section("lines")
      for position in lines { writeLine(network.branches[position], id: branchIDs[position]) }
    }
    if !transformers.isEmpty {
      out.blank()
      out.section("transformers")
      for position in transformers { writeTransformer(network.branches[position], id: branchIDs[position]) }
    }
  }

  private mutating func writeLine(_ branch: Branch, id: String) {
    if let type = branch.lineInfo?.lineType { out.comment("line type: \(type)", indent: 2) }
    var fields = endpoints(branch, id: id)
    if let circuits = branch.lineInfo?.circuits, circuits != 1 {
      fields.append(("circuits", NativeYAMLText.number(circuits)))
    }
    if let length = branch.lineInfo?.lengthKm { fields.append(("length_km", NativeYAMLText.number(length))) }
    fields.append(("r_pu", NativeYAMLText.number(branch.resistancePU)))
    fields.append(("x_pu", NativeYAMLText.number(branch.reactancePU)))
    if branch.chargingPU != 0 { fields.append(("b_pu", NativeYAMLText.number(branch.chargingPU))) }
    if branch.ratingMW > 0 { fields.append(("rating_mw", NativeYAMLText.number(branch.ratingMW))) }
    if !branch.inService { fields.append(("in_service", "false")) }
    if branch.lineInfo?.estimated == true { fields.append(("estimated", "true")) }
    out.item(fields, indent: 2)
  }

  private mutating func writeTransformer(_ branch: Branch, id: String) {
    var fields = endpoints(branch, id: id)
    fields.append(("x_pu", NativeYAMLText.number(branch.reactancePU)))
    if branch.resistancePU != 0 { fields.append(("r_pu", NativeYAMLText.number(branch.resistancePU))) }
    if branch.tapRatio != 0, branch.tapRatio != 1 { fields.append(("ratio", NativeYAMLText.number(branch.tapRatio))) }
    if branch.phaseShiftDeg != 0 { fields.append(("shift_deg", NativeYAMLText.number(branch.phaseShiftDeg))) }
    if branch.ratingMW > 0 { fields.append(("rating_mw", NativeYAMLText.number(branch.ratingMW))) }
    if !branch.inService { fields.append(("in_service", "false")) }
    out.item(fields, indent: 2)
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
