extension NativeWriter {
  /// `line_types`, as the network's lines refer to them.
  mutating func writeLineTypes() {
    guard !network.lineTypes.isEmpty else { return }
    typealias T = NativeYAMLText
    out.blank()
    out.section("line_types")
    for type in network.lineTypes {
      out.section(T.string(type.name), indent: 2)
      out.field("voltage_kv", T.number(type.voltageKV), indent: 4)
      out.field("r_ohm_per_km", T.number(type.perKm.resistanceOhmPerKm), indent: 4)
      out.field("x_ohm_per_km", T.number(type.perKm.reactanceOhmPerKm), indent: 4)
      if type.perKm.susceptanceMicroSPerKm != 0 {
        out.field("b_us_per_km", T.number(type.perKm.susceptanceMicroSPerKm), indent: 4)
      }
      out.field("rating_mw_per_circuit", T.number(type.ratingMWPerCircuit), indent: 4)
    }
  }

  /// A line as its file gave it: length, line type and the per-km values that differ from the
  /// type's, and a rating unless the type's gives it; nil when these would not read back as
  /// the branch's per-unit values bit for bit (the branch was changed after it was read, or it
  /// never had per-km data), so that per-unit values are written instead.
  func lengthFields(_ branch: Branch) -> [(key: String, value: String)]? {
    guard let info = branch.lineInfo, let length = info.lengthKm, let perKm = info.perKm,
      let from = busPositions[branch.from], case let fromBus = network.buses[from], fromBus.baseKV > 0,
      perKm.reactanceOhmPerKm > 0, perKm.resistanceOhmPerKm >= 0, perKm.susceptanceMicroSPerKm >= 0
    else { return nil }
    let pu = perKm.perUnit(lengthKm: length, circuits: info.circuits, baseKV: fromBus.baseKV, baseMVA: network.baseMVA)
    guard pu.r.bitPattern == branch.resistancePU.bitPattern, pu.x.bitPattern == branch.reactancePU.bitPattern,
      pu.b.bitPattern == branch.chargingPU.bitPattern
    else { return nil }
    typealias T = NativeYAMLText
    var fields: [(key: String, value: String)] = [("length_km", T.number(length))]
    let type = info.lineType.flatMap { name in network.lineTypes.first { $0.name == name } }
    if let type { fields.append(("type", T.string(type.name))) }
    let own: [(key: String, value: Double, typeValue: Double?)] = [
      ("r_ohm_per_km", perKm.resistanceOhmPerKm, type?.perKm.resistanceOhmPerKm),
      ("x_ohm_per_km", perKm.reactanceOhmPerKm, type?.perKm.reactanceOhmPerKm),
      ("b_us_per_km", perKm.susceptanceMicroSPerKm, type?.perKm.susceptanceMicroSPerKm ?? 0),
    ]
    for (key, value, typeValue) in own where value.bitPattern != typeValue?.bitPattern {
      fields.append((key, T.number(value)))
    }
    // The reader's rating: `rating_mw`, else the type's per circuit times the circuits, else unlimited.
    let fromType = type.map { $0.ratingMWPerCircuit * Double(info.circuits) }
    if branch.ratingMW.bitPattern != fromType?.bitPattern {
      guard branch.ratingMW > 0 || fromType == nil else { return nil }
      if branch.ratingMW > 0 { fields.append(("rating_mw", T.number(branch.ratingMW))) }
    }
    return fields
  }
}
