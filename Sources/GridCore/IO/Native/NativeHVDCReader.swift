import Yams

extension NativeReader {
  static let hvdcKeys = [
    "id", "name", "from", "to", "external", "p_mw", "rating_mw", "poles", "voltage_kv", "resistance_ohm_per_pole",
    "converter_loss_mw", "converter_loss_pct", "loss0_mw", "loss1", "in_service", "estimated", "source",
    "matpower_columns",
  ]
  static let physicalLossKeys = [
    "poles", "voltage_kv", "resistance_ohm_per_pole", "converter_loss_mw", "converter_loss_pct",
  ]
  static let matpowerLossKeys = ["loss0_mw", "loss1"]

  mutating func readHVDC(_ nodes: [Yams.Node]) throws(ParseError) {
    for (position, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "HVDC link \(position + 1) of 'hvdc'", allowed: Self.hvdcKeys, file: file)
      let id = try map.requiredID("id")
      map.element = "HVDC link '\(id)'"
      guard hvdcPositions[id] == nil else { throw map.error("id", .duplicateID(id)) }
      _ = try map.string("name")
      _ = try map.string("source")
      _ = try map.bool("estimated")
      let from = try busReference(map, "from")
      var to: BusID?
      if map.has("to") {
        let receiver = try busReference(map, "to")
        guard receiver != from else {
          throw map.error("to", .other("\(map.element) starts and ends at the same bus; 'from' and 'to' must be different buses"))
        }
        to = receiver
      }
      let external = try map.string("external")
      if to != nil, external != nil {
        throw map.error(
          "external", .other("\(map.element) has both 'to' and 'external'; give 'to' for a bus in this network, else 'external'"))
      }
      if to == nil, external == nil {
        throw ParseError(.missingKey(key: "to' or 'external", element: map.element), at: map.location)
      }
      // `.inf`: unlimited (a MATPOWER DC line without PMAX), kept as rating 0 in the model.
      guard let rating = try map.unboundedDouble("rating_mw") else { throw map.missing("rating_mw") }
      try map.require(rating > 0, "rating_mw", rating, expected: "> 0 MW (.inf for unlimited)")
      let setpoint = try map.requiredDouble("p_mw")
      try map.require(
        abs(setpoint) <= rating, "p_mw", setpoint, expected: "-\(NativeMapping.format(rating))...\(NativeMapping.format(rating)) MW (|p_mw| ≤ rating_mw)")
      var columns: [Double] = []
      if let given = try map.doubleList("matpower_columns", allowInfinite: true) {
        guard given.count == MatpowerColumns.dclineRequired - 7 else {
          throw map.error(
            "matpower_columns",
            .other("'matpower_columns' of \(map.element) has \(given.count) values; it holds MATPOWER's QF QT VF VT PMIN PMAX QMINF QMAXF QMINT QMAXT (10)"))
        }
        columns = given
      }
      if setpoint < 0, to == nil {
        throw map.error(
          "p_mw",
          .outOfRange(
            field: "'p_mw' of \(map.element)", value: NativeMapping.format(setpoint),
            expected: "≥ 0 for a link to an external system (a reversed link needs a 'to' bus)"))
      }
      let losses = try lossModel(map)
      hvdcPositions[id] = hvdcLinks.count
      hvdcLinks.append(
        HVDCLink(
          name: id, from: from, to: to, externalReceiver: external, setpointMW: setpoint, ratingMW: rating.isFinite ? rating : 0,
          inService: try map.bool("in_service") ?? true, losses: losses, matpowerExtra: columns, source: map.location))
    }
  }

  private func lossModel(_ map: NativeMapping) throws(ParseError) -> HVDCLossModel {
    let physicalKey = Self.physicalLossKeys.first(where: map.has)
    let matpowerKey = Self.matpowerLossKeys.first(where: map.has)
    if let physicalKey, let matpowerKey {
      throw map.error(
        matpowerKey,
        .other(
          "\(map.element) gives both physical losses ('\(physicalKey)') and MATPOWER losses ('\(matpowerKey)'); keep one loss model"
        ))
    }
    if physicalKey != nil {
      guard let poles = try map.int("poles") else { throw map.missing("poles") }
      try map.require(poles == 1 || poles == 2, "poles", Double(poles), expected: "1 (monopole) or 2 (bipole)")
      let voltage = try map.requiredDouble("voltage_kv")
      try map.require(voltage > 0, "voltage_kv", voltage, expected: "> 0 kV (pole-to-ground)")
      let resistance = try map.requiredDouble("resistance_ohm_per_pole")
      try map.require(resistance >= 0, "resistance_ohm_per_pole", resistance, expected: "≥ 0 Ω")
      let fixed = try map.double("converter_loss_mw") ?? 0
      try map.require(fixed >= 0, "converter_loss_mw", fixed, expected: "≥ 0 MW")
      let percent = try map.double("converter_loss_pct") ?? 0
      try map.require(percent >= 0 && percent < 100, "converter_loss_pct", percent, expected: "0 ≤ % < 100")
      return .physical(
        PhysicalHVDC(
          poles: poles, poleVoltageKV: voltage, poleResistanceOhm: resistance, converterFixedMW: fixed,
          converterFraction: map.rawText("converter_loss_pct").flatMap(NativeDecimalText.fraction(fromPercent:))
            ?? percent / 100))
    }
    return .matpower(fixedMW: try map.double("loss0_mw") ?? 0, fraction: try map.double("loss1") ?? 0)
  }
}
