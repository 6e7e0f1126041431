import Yams

extension NativeReader {
  static let generatorKeys = [
    "id", "name", "bus", "technology", "capacity_mw", "p_mw", "p_min_mw", "in_service", "source", "participation",
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
      let capacity = try map.requiredDouble("capacity_mw")
      try map.require(capacity >= 0, "capacity_mw", capacity, expected: "≥ 0 MW")
      let output = try map.requiredDouble("p_mw")
      try map.require(
        output >= 0 && output <= capacity, "p_mw", output,
        expected: "0...\(NativeMapping.format(capacity)) MW (between 0 and capacity_mw)")
      // A distributed slack's participation factor: MATPOWER's APF column (gen column 21).
      var extra: [Double] = []
      if let participation = try map.double("participation") {
        try map.require(participation >= 0, "participation", participation, expected: "≥ 0")
        extra = [Double](repeating: 0, count: 10) + [participation]
      }
      generators.append(
        Generator(
          bus: bus, outputMW: output, inService: try map.bool("in_service") ?? true, maxMW: capacity,
          minMW: try map.double("p_min_mw") ?? 0, matpowerExtra: extra, name: id, technology: technology,
          source: map.location))
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
