import Yams

extension NativeReader {
  static let lineTypeKeys = [
    "voltage_kv", "r_ohm_per_km", "x_ohm_per_km", "b_us_per_km", "rating_mw_per_circuit", "source",
  ]
  static let lineKeys = [
    "id", "name", "from", "to", "circuits", "length_km", "type", "r_ohm_per_km", "x_ohm_per_km", "b_us_per_km",
    "r_pu", "x_pu", "b_pu", "rating_mw", "rating_mw_per_circuit", "in_service", "estimated", "source",
    "short_term_rating_mw", "emergency_rating_mw", "min_angle_diff_deg", "max_angle_diff_deg", "matpower_row",
  ]
  static let perUnitKeys = ["r_pu", "x_pu", "b_pu"]
  static let perKmKeys = ["type", "r_ohm_per_km", "x_ohm_per_km", "b_us_per_km"]
  static let transformerKeys = [
    "id", "name", "from", "to", "x_pu", "r_pu", "b_pu", "ratio", "shift_deg", "rating_mw", "in_service", "source",
    "short_term_rating_mw", "emergency_rating_mw", "min_angle_diff_deg", "max_angle_diff_deg", "matpower_row",
  ]

  mutating func readLineTypes(_ node: Yams.Node) throws(ParseError) {
    let location = NativeMapping.location(of: node, in: file)
    guard case .mapping(let mapping) = node else {
      throw ParseError(
        .syntax("'line_types' must be a mapping from type name to its data; found \(NativeMapping.describe(node))"),
        at: location)
    }
    for (key, value) in mapping {
      let keyLocation = NativeMapping.location(of: key, in: file)
      guard case .scalar(let scalar) = key, !scalar.string.isEmpty else {
        throw ParseError(.syntax("line type names must be texts; found \(NativeMapping.describe(key))"), at: keyLocation)
      }
      let name = scalar.string
      guard lineTypes[name] == nil else { throw ParseError(.duplicateID(name), at: keyLocation) }
      let map = try NativeMapping(value, element: "line type '\(name)'", allowed: Self.lineTypeKeys, file: file)
      let type = LineType(
        name: name, voltageKV: try map.requiredDouble("voltage_kv"),
        perKm: LinePerKm(
          resistanceOhmPerKm: try map.requiredDouble("r_ohm_per_km"), reactanceOhmPerKm: try map.requiredDouble("x_ohm_per_km"),
          susceptanceMicroSPerKm: try map.double("b_us_per_km") ?? 0),
        ratingMWPerCircuit: try map.requiredDouble("rating_mw_per_circuit"))
      _ = try map.string("source")
      let perKm = type.perKm
      try map.require(type.voltageKV > 0, "voltage_kv", type.voltageKV, expected: "> 0 kV")
      try map.require(perKm.resistanceOhmPerKm >= 0, "r_ohm_per_km", perKm.resistanceOhmPerKm, expected: "≥ 0 Ω/km")
      try map.require(perKm.reactanceOhmPerKm > 0, "x_ohm_per_km", perKm.reactanceOhmPerKm, expected: "> 0 Ω/km")
      try map.require(perKm.susceptanceMicroSPerKm >= 0, "b_us_per_km", perKm.susceptanceMicroSPerKm, expected: "≥ 0 µS/km")
      try map.require(type.ratingMWPerCircuit > 0, "rating_mw_per_circuit", type.ratingMWPerCircuit, expected: "> 0 MW")
      lineTypes[name] = type
      lineTypeOrder.append(name)
    }
  }

  mutating func readLines(_ nodes: [Yams.Node]) throws(ParseError) {
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "line \(position + 1) of 'lines'", allowed: Self.lineKeys, file: file)
      let id = try map.requiredID("id")
      map.element = "line '\(id)'"
      try checkNetworkIDUnused(id, map)
      _ = try map.string("name")
      _ = try map.string("source")
      let (from, to) = try endpoints(map)
      let circuits = try map.int("circuits") ?? 1
      try map.require(circuits >= 1, "circuits", Double(circuits), expected: "a whole number ≥ 1")
      let length = try map.double("length_km")
      if let length { try map.require(length > 0, "length_km", length, expected: "> 0 km") }
      let inService = try map.bool("in_service") ?? true
      let estimated = try map.bool("estimated") ?? false

      let impedance: LineImpedance
      if let perUnitKey = Self.perUnitKeys.first(where: map.has) {
        if let perKmKey = Self.perKmKeys.first(where: map.has) {
          throw map.error(
            perKmKey,
            .other("\(map.element) gives both per-unit data ('\(perUnitKey)') and per-km data ('\(perKmKey)'); keep one of them"))
        }
        impedance = try perUnitImpedance(map, inService: inService)
      } else if Self.perKmKeys.contains(where: map.has) {
        impedance = try lengthImpedance(map, from: from, to: to, length: length, circuits: circuits)
      } else {
        throw ParseError(
          .missingKey(key: "x_pu", element: "\(map.element), which has no 'type' or per-km data,"), at: map.location)
      }

      let perCircuit = try map.double("rating_mw_per_circuit")
      if let perCircuit { try map.require(perCircuit > 0, "rating_mw_per_circuit", perCircuit, expected: "> 0 MW") }
      var rating = 0.0  // no rating anywhere: unlimited, as for transformers
      if let total = try map.unboundedDouble("rating_mw") {
        try map.require(total > 0, "rating_mw", total, expected: "> 0 MW")
        rating = total
      } else if let perCircuit = perCircuit ?? impedance.type?.ratingMWPerCircuit {
        rating = perCircuit * Double(circuits)
      }

      let info = LineInfo(
        lengthKm: length, circuits: circuits, lineType: try map.string("type"), estimated: estimated, perKm: impedance.perKm)
      var branch = Branch(
        from: from, to: to, resistancePU: impedance.r, reactancePU: impedance.x, chargingPU: impedance.b,
        ratingMW: rating, inService: inService, name: id, kind: .line, lineInfo: info, source: map.location)
      try readBranchLimits(map, into: &branch)
      branchPositions[id] = branches.count
      branches.append(branch)
    }
  }

  mutating func readTransformers(_ nodes: [Yams.Node]) throws(ParseError) {
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(
        node, element: "transformer \(position + 1) of 'transformers'", allowed: Self.transformerKeys, file: file)
      let id = try map.requiredID("id")
      map.element = "transformer '\(id)'"
      try checkNetworkIDUnused(id, map)
      _ = try map.string("name")
      _ = try map.string("source")
      let (from, to) = try endpoints(map)
      let inService = try map.bool("in_service") ?? true
      let x = try map.requiredDouble("x_pu")
      if x == 0, inService { throw map.error("x_pu", .zeroReactance(element: map.element)) }
      let ratio = try map.double("ratio") ?? 1
      try map.require(ratio > 0, "ratio", ratio, expected: "> 0")
      let rating = try map.unboundedDouble("rating_mw")
      if let rating { try map.require(rating > 0, "rating_mw", rating, expected: "> 0 MW (omit it for unlimited)") }
      var branch = Branch(
        from: from, to: to, resistancePU: try map.double("r_pu") ?? 0, reactancePU: x, chargingPU: try map.double("b_pu") ?? 0,
        ratingMW: rating ?? 0, tapRatio: ratio, phaseShiftDeg: try map.double("shift_deg") ?? 0, inService: inService,
        name: id, kind: .transformer, source: map.location)
      try readBranchLimits(map, into: &branch)
      branchPositions[id] = branches.count
      branches.append(branch)
    }
  }

  /// The MATPOWER data of a line or transformer that no DC power flow uses: RATE_B, RATE_C
  /// (MW, 0 = unlimited), the angle-difference limits (degrees, ±360 = none) and the row of
  /// `mpc.branch` it came from (``branchRows``).
  private mutating func readBranchLimits(_ map: NativeMapping, into branch: inout Branch) throws(ParseError) {
    for (key, path) in [("short_term_rating_mw", \Branch.shortTermRatingMW), ("emergency_rating_mw", \Branch.emergencyRatingMW)] {
      guard let value = try map.unboundedDouble(key) else { continue }
      try map.require(value >= 0, key, value, expected: "≥ 0 MW (0: unlimited)")
      branch[keyPath: path] = value
    }
    branch.minAngleDiffDeg = try map.unboundedDouble("min_angle_diff_deg") ?? -360
    branch.maxAngleDiffDeg = try map.unboundedDouble("max_angle_diff_deg") ?? 360
    guard let row = try map.int("matpower_row") else {
      if !branchRows.isEmpty { throw map.missing("matpower_row") }
      return
    }
    try map.require(row >= 1, "matpower_row", Double(row), expected: "a row number ≥ 1")
    if branchRows.isEmpty, !branches.isEmpty {
      throw map.error("matpower_row", .other("'matpower_row' must be given for every line and transformer or for none"))
    }
    branchRows.append((row, map.locationOf("matpower_row")))
  }

  /// `from` and `to` of a branch, which must be two different buses.
  private func endpoints(_ map: NativeMapping) throws(ParseError) -> (from: BusID, to: BusID) {
    let from = try busReference(map, "from")
    let to = try busReference(map, "to")
    guard from != to else {
      throw map.error("to", .other("\(map.element) starts and ends at the same bus; 'from' and 'to' must be different buses"))
    }
    return (from, to)
  }

  private func perUnitImpedance(_ map: NativeMapping, inService: Bool) throws(ParseError) -> LineImpedance {
    let x = try map.requiredDouble("x_pu")
    // Negative x is allowed here: series compensation.
    if x == 0, inService { throw map.error("x_pu", .zeroReactance(element: map.element)) }
    return LineImpedance(r: try map.double("r_pu") ?? 0, x: x, b: try map.double("b_pu") ?? 0, type: nil, perKm: nil)
  }

  private mutating func lengthImpedance(
    _ map: NativeMapping, from: BusID, to: BusID, length: Double?, circuits: Int
  ) throws(ParseError) -> LineImpedance {
    var type: LineType?
    if let name = try map.string("type") {
      guard let known = lineTypes[name] else {
        throw map.error("type", .unknownReference(kind: "line type", name: name))
      }
      type = known
    }
    guard let length else { throw map.missing("length_km") }
    guard let r = try map.double("r_ohm_per_km") ?? type?.perKm.resistanceOhmPerKm else { throw map.missing("r_ohm_per_km") }
    guard let x = try map.double("x_ohm_per_km") ?? type?.perKm.reactanceOhmPerKm else { throw map.missing("x_ohm_per_km") }
    let b = try map.double("b_us_per_km") ?? type?.perKm.susceptanceMicroSPerKm ?? 0
    try map.require(r >= 0, "r_ohm_per_km", r, expected: "≥ 0 Ω/km")
    if x == 0 { throw map.error("x_ohm_per_km", .zeroReactance(element: map.element)) }
    try map.require(x > 0, "x_ohm_per_km", x, expected: "> 0 Ω/km (negative reactance needs per-unit data: x_pu)")
    try map.require(b >= 0, "b_us_per_km", b, expected: "≥ 0 µS/km")

    guard let fromBus = bus(from), let toBus = bus(to) else { throw map.error("from", .other("internal: unresolved bus")) }
    guard fromBus.baseKV > 0 else {
      throw map.error(
        "from", .other("\(map.element) is given by length, but its from bus '\(fromBus.name)' has no base voltage (voltage_kv: 0); give x_pu instead"))
    }
    func differs(_ a: Double, _ b: Double) -> Bool { abs(a - b) > 1e-9 * max(abs(a), abs(b)) }
    if let type, differs(type.voltageKV, fromBus.baseKV) || differs(type.voltageKV, toBus.baseKV) {
      diagnostics.append(
        Diagnostic(
          "\(map.element) has a \(NativeMapping.format(type.voltageKV)) kV line type but connects buses of "
            + "\(NativeMapping.format(fromBus.baseKV)) kV and \(NativeMapping.format(toBus.baseKV)) kV; "
            + "its per-unit values use the from bus's voltage",
          at: map.location))
    }
    let perKm = LinePerKm(resistanceOhmPerKm: r, reactanceOhmPerKm: x, susceptanceMicroSPerKm: b)
    let pu = perKm.perUnit(lengthKm: length, circuits: circuits, baseKV: fromBus.baseKV, baseMVA: baseMVA)
    return LineImpedance(r: pu.r, x: pu.x, b: pu.b, type: type, perKm: perKm)
  }
}

/// Per-unit π data of one line entry (all circuits together), the type and per-km data it came from.
struct LineImpedance {
  var r: Double
  var x: Double
  var b: Double
  var type: LineType?
  var perKm: LinePerKm?
}
