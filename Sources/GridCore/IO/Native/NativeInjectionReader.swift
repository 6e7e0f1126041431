import Yams

extension NativeReader {
  static let generatorKeys = [
    "id", "name", "bus", "technology", "capacity_mw", "p_mw", "p_min_mw", "in_service", "source",
    "q_mvar", "q_max_mvar", "q_min_mvar", "voltage_setpoint_pu", "machine_base_mva", "matpower_columns", "fuel",
    "unit_type", "cost",
  ]
  static let loadKeys = ["id", "bus", "p_mw", "region", "in_service", "source"]

  mutating func readGenerators(_ nodes: [Yams.Node]) throws(ParseError) {
    var ids = Set<String>()
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(
        node, element: "generator \(position + 1) of 'generators'", allowed: Self.generatorKeys, file: file)
      let id = try map.requiredID("id")
      map.element = "generator '\(id)'"
      guard ids.insert(id).inserted else { throw map.error("id", .duplicateID(id)) }
      _ = try map.string("name")
      _ = try map.string("source")
      let bus = try busReference(map, "bus")
      let technologyName = try map.string("technology")
      guard let technologyName else { throw map.missing("technology") }
      guard let technology = Technology(rawValue: technologyName) else {
        throw map.error(
          "technology",
          .outOfRange(
            field: "'technology' of \(map.element)", value: "'\(technologyName)'",
            expected: Technology.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      guard let capacity = try map.unboundedDouble("capacity_mw") else { throw map.missing("capacity_mw") }
      let minimum = try map.unboundedDouble("p_min_mw") ?? 0
      // Negative capacity only for a unit that may absorb power (p_min_mw below it, as MATPOWER's dispatchable loads).
      try map.require(
        capacity >= min(0, minimum), "capacity_mw", capacity,
        expected: minimum < 0 ? "≥ p_min_mw (\(NativeMapping.format(minimum)) MW)" : "≥ 0 MW")
      let output = try map.requiredDouble("p_mw")
      // MATPOWER reads a set-point outside the unit's limits (they bind only in an OPF); so does
      // this format, with a warning, so that every case converts.
      if output > capacity || output < min(0, minimum) {
        let range = "\(NativeMapping.format(min(0, minimum)))...\(NativeMapping.format(capacity)) MW"
        diagnostics.append(
          Diagnostic(
            "p_mw \(NativeMapping.format(output)) MW of \(map.element) is outside \(range) "
              + (minimum < 0 ? "(p_min_mw to capacity_mw)" : "(0 to capacity_mw)") + "; it is used as given",
            at: map.locationOf("p_mw")))
      }
      let (cost, startup, shutdown) = try generatorCost(map)
      var extra: [Double] = []
      if let columns = try map.doubleList("matpower_columns", allowInfinite: true) {
        guard columns.count <= MatpowerColumns.genStandard - MatpowerColumns.genRequired else {
          throw map.error(
            "matpower_columns",
            .other("'matpower_columns' of \(map.element) has \(columns.count) values; MATPOWER gen columns 11-21 are at most 11"))
        }
        extra = columns
      }
      generators.append(
        Generator(
          bus: bus, outputMW: output, outputMVAr: try map.double("q_mvar") ?? 0,
          maxMVAr: try map.unboundedDouble("q_max_mvar") ?? 0, minMVAr: try map.unboundedDouble("q_min_mvar") ?? 0,
          voltageSetpointPU: try map.double("voltage_setpoint_pu") ?? 1,
          machineBaseMVA: try map.double("machine_base_mva") ?? 100, inService: try map.bool("in_service") ?? true,
          maxMW: capacity, minMW: minimum, matpowerExtra: extra, name: id, technology: technology,
          fuel: try map.string("fuel"), unitType: try map.string("unit_type"), cost: cost, startupCost: startup,
          shutdownCost: shutdown, source: map.location))
    }
  }

  mutating func readLoads(_ nodes: [Yams.Node]) throws(ParseError) {
    var ids = Set<String>()
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "load \(position + 1) of 'loads'", allowed: Self.loadKeys, file: file)
      let id = try map.requiredID("id")
      map.element = "load '\(id)'"
      guard ids.insert(id).inserted else { throw map.error("id", .duplicateID(id)) }
      _ = try map.string("source")
      let bus = try busReference(map, "bus")
      // Negative demand is allowed: an embedded injection (e.g. small hydro netted into the load).
      let demand = try map.requiredDouble("p_mw")
      let region = try map.string("region") ?? self.bus(bus)?.info?.region
      loads.append(
        Load(
          name: id, bus: bus, demandMW: demand, region: region, inService: try map.bool("in_service") ?? true,
          source: map.location))
    }
  }
}
