import Yams

/// Reading a facts file (`gridtool-facts/1`, YAML; docs/validate.md), with the conventions of
/// the network and scenario readers: every key is checked and every error is a ``ParseError``
/// naming `file:line:column`.
extension PublishedFacts {
  /// Reads a facts file; every key is checked and every error names `file:line:column`.
  public static func read(contentsOf path: String, limits: InputLimits = .standard) throws(ParseError) -> PublishedFacts {
    try parse(bytes: try InputFile.bytes(of: path, limits: limits), file: path, limits: limits)
  }

  /// Reads facts from text; `file` names it in messages.
  public static func parse(_ text: String, file: String) throws(ParseError) -> PublishedFacts {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads facts from their bytes (UTF-8, a leading byte-order mark allowed); `file` names them
  /// in messages.
  public static func parse(bytes: [UInt8], file: String, limits: InputLimits = .standard) throws(ParseError) -> PublishedFacts {
    let expected = "published facts starting with 'format: gridtool-facts/1' (docs/validate.md)"
    let root = try YAMLDocument.compose(bytes: bytes, file: file, limits: limits, expected: expected)
    let top = try NativeMapping(root, element: "the facts file", allowed: ["format", "name", "description", "model", "facts"], file: file)
    let format = try top.requiredString("format")
    guard format == "gridtool-facts/1" else {
      throw top.error("format", .outOfRange(field: "format", value: "'\(format)'", expected: "'gridtool-facts/1'"))
    }
    _ = try top.string("description")
    guard let modelNode = top.valueNode("model") else { throw top.missing("model") }
    let model = try NativeMapping(
      modelNode, element: "'model'",
      allowed: ["jiquan", "jiquan_supply_buses", "export_corridors", "tianzhong_corridor", "ac_corridors"], file: file)
    func list(_ key: String) throws(ParseError) -> [String] {
      guard let values = try model.stringList(key) else { throw model.missing(key) }
      return values.map(\.value)
    }
    var result = PublishedFacts(
      name: try top.requiredString("name"), file: file, jiquanLink: try model.requiredID("jiquan"),
      jiquanSupplyBuses: try list("jiquan_supply_buses"), exportCorridors: try list("export_corridors"),
      tianzhongCorridor: try model.requiredID("tianzhong_corridor"), acCorridors: try list("ac_corridors"))
    for key in ["jiquan", "jiquan_supply_buses", "export_corridors", "tianzhong_corridor", "ac_corridors"] {
      result.modelLocations[key] = model.locationOf(key)
    }
    let keys = [
      "id", "value", "unit", "tolerance", "tolerance_pct", "tag", "source", "date", "date_tolerance_days", "region", "corridors",
      "from", "to", "measure", "offset", "kind", "scenario",
    ]
    for (i, node) in (try top.sequence("facts") ?? []).enumerated() {
      var map = try NativeMapping(node, element: "fact \(i + 1) of 'facts'", allowed: keys, file: file)
      let id = try map.requiredID("id")
      map.element = "fact '\(id)'"
      guard result.facts[id] == nil else { throw map.error("id", .duplicateID(id)) }
      let unitText = try map.requiredString("unit")
      guard let unit = FactUnit(rawValue: unitText) else {
        throw map.error(
          "unit", .outOfRange(field: "'unit' of \(map.element)", value: "'\(unitText)'", expected: FactUnit.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      let value = try map.requiredDouble("value")
      var tolerance = try map.double("tolerance")
      if let t = tolerance { try map.require(t >= 0, "tolerance", t, expected: "≥ 0") }
      if let pct = try map.double("tolerance_pct") {
        guard tolerance == nil else { throw map.error("tolerance_pct", .other("give 'tolerance' or 'tolerance_pct', not both")) }
        try map.require(pct >= 0, "tolerance_pct", pct, expected: "≥ 0 %")
        tolerance = abs(value) * pct / 100
      }
      var fact = Fact(
        id: id, value: value, unit: unit, tolerance: tolerance, tag: try map.requiredString("tag"),
        source: try map.requiredString("source"), location: map.location)
      if let text = try map.string("date") {
        guard let day = ClockHour(parsing: text.count == 10 ? text + "T00:00" : text) else {
          throw map.error("date", .other("'\(text)' is not a date; write YYYY-MM-DD"))
        }
        fact.date = day
      }
      if let days = try map.double("date_tolerance_days") {
        try map.require(days >= 0, "date_tolerance_days", days, expected: "≥ 0 days")
        fact.dateToleranceDays = days
      }
      fact.region = try map.string("region")
      fact.corridors = try map.stringList("corridors")?.map(\.value)
      for key in ["from", "to"] {
        guard let text = try map.string(key) else { continue }
        guard let day = ClockHour(parsing: text.count == 10 ? text + "T00:00" : text) else {
          throw map.error(key, .other("'\(text)' is not a date; write YYYY-MM-DD"))
        }
        if key == "from" { fact.from = day } else { fact.to = day }
      }
      if fact.corridors != nil, fact.from == nil || fact.to == nil {
        throw map.error("corridors", .other("an energy over part of the period needs 'from' and 'to'"))
      }
      switch try map.string("measure") ?? "sent" {
      case "sent": fact.delivered = false
      case "delivered": fact.delivered = true
      case let other: throw map.error("measure", .outOfRange(field: "'measure'", value: "'\(other)'", expected: "sent or delivered"))
      }
      fact.offset = try map.double("offset") ?? 0
      fact.scenario = try map.string("scenario").map { ScenarioReader.resolve($0, against: file) }
      if fact.scenario != nil, fact.corridors == nil {
        throw map.error("scenario", .other("'scenario' applies to an energy over part of a period ('corridors', 'from', 'to')"))
      }
      if let text = try map.string("kind") {
        guard let kind = ValidationCheck.Kind(rawValue: text) else {
          throw map.error(
            "kind", .outOfRange(field: "'kind'", value: "'\(text)'", expected: ValidationCheck.Kind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        fact.kind = kind
      }
      result.facts[id] = fact
      result.order.append(id)
    }
    return result
  }
}
