extension NativeWriter {
  mutating func writeInjections() {
    typealias T = NativeYAMLText
    var generatorIDs = IDAllocator()
    if !network.generators.isEmpty {
      out.blank()
      out.section("generators")
    }
    for (row, generator) in network.generators.enumerated() {
      var fields: [(key: String, value: String)] = [
        ("id", T.string(generatorIDs.take(generator.name, fallback: "gen-\(row + 1)"))),
        ("bus", busReference(generator.bus)),
        ("technology", generator.technology.rawValue),
      ]
      if let fuel = generator.fuel { fields.append(("fuel", T.string(fuel))) }
      if let unitType = generator.unitType { fields.append(("unit_type", T.string(unitType))) }
      fields.append(("capacity_mw", T.number(generator.maxMW)))
      fields.append(("p_mw", T.number(generator.outputMW)))
      fields += NativeWriter.nonDefault([
        ("p_min_mw", generator.minMW, 0), ("q_mvar", generator.outputMVAr, 0), ("q_max_mvar", generator.maxMVAr, 0),
        ("q_min_mvar", generator.minMVAr, 0), ("voltage_setpoint_pu", generator.voltageSetpointPU, 1),
        ("machine_base_mva", generator.machineBaseMVA, 100),
      ])
      if !generator.matpowerExtra.isEmpty { fields.append(("matpower_columns", T.numbers(generator.matpowerExtra))) }
      if !generator.inService { fields.append(("in_service", "false")) }
      if let cost = NativeWriter.costText(generator) { fields.append(("cost", cost)) }
      out.item(fields, indent: 2)
    }

    guard !network.loads.isEmpty else { return }
    var loadIDs = IDAllocator()
    out.blank()
    out.section("loads")
    for (row, load) in network.loads.enumerated() {
      var fields: [(key: String, value: String)] = [
        ("id", T.string(loadIDs.take(load.name, fallback: "load-\(row + 1)"))),
        ("bus", busReference(load.bus)),
        ("p_mw", T.number(load.demandMW)),
      ]
      if let region = load.region { fields.append(("region", T.string(region))) }
      if !load.inService { fields.append(("in_service", "false")) }
      out.item(fields, indent: 2)
    }
  }

  /// The `cost` mapping of a generator, e.g. `{c2_per_mw2h: 0.11, c1_per_mwh: 5, c0_per_h: 150}`:
  /// every order up to the polynomial's degree, so that it reads back with as many coefficients.
  static func costText(_ generator: Generator) -> String? {
    guard let cost = generator.cost else { return nil }
    typealias T = NativeYAMLText
    var entries: [String] = []
    switch cost {
    case .polynomial(let coefficients):
      let keys = ["c0_per_h", "c1_per_mwh", "c2_per_mw2h"]
      // Degrees above 2 are refused by the reader; such a cost stays in `gencost` (``MatpowerCostRows``).
      for (order, c) in coefficients.reversed().enumerated().reversed() where order < keys.count {
        entries.append("\(keys[order]): \(T.number(c))")
      }
    case .piecewiseLinear(let points):
      entries.append("points_mw: \(T.numbers(points.map(\.mw)))")
      entries.append("points_per_h: \(T.numbers(points.map(\.costPerHour)))")
    }
    if generator.startupCost != 0 { entries.append("startup: \(T.number(generator.startupCost))") }
    if generator.shutdownCost != 0 { entries.append("shutdown: \(T.number(generator.shutdownCost))") }
    return "{" + entries.joined(separator: ", ") + "}"
  }

  mutating func writeHVDC() {
    guard !network.hvdcLinks.isEmpty else { return }
    typealias T = NativeYAMLText
    out.blank()
    out.section("hvdc")
    for (position, link) in network.hvdcLinks.enumerated() {
      // 0 is unlimited in the model; the format says so with `.inf`.
      var rating = link.ratingMW > 0 ? link.ratingMW : Double.infinity
      if rating < abs(link.setpointMW) {
        rating = abs(link.setpointMW)
        out.comment("rating \(T.number(link.ratingMW)) MW in the source is below the set-point; \(T.number(rating)) MW written", indent: 2)
      }
      var fields: [(key: String, value: String)] = [
        ("id", T.string(hvdcIDs[position])),
        ("from", busReference(link.from)),
      ]
      if let to = link.to {
        fields.append(("to", busReference(to)))
      } else {
        fields.append(("external", T.string(link.externalReceiver ?? "external")))
      }
      fields.append(("p_mw", T.number(link.setpointMW)))
      fields.append(("rating_mw", T.number(rating)))
      switch link.losses {
      case .matpower(let fixedMW, let fraction):
        if fixedMW != 0 { fields.append(("loss0_mw", T.number(fixedMW))) }
        if fraction != 0 { fields.append(("loss1", T.number(fraction))) }
      case .physical(let physical):
        fields.append(("poles", T.number(physical.poles)))
        fields.append(("voltage_kv", T.number(physical.poleVoltageKV)))
        fields.append(("resistance_ohm_per_pole", T.number(physical.poleResistanceOhm)))
        if physical.converterFixedMW != 0 { fields.append(("converter_loss_mw", T.number(physical.converterFixedMW))) }
        if physical.converterFraction != 0 {
          fields.append(("converter_loss_pct", NativeDecimalText.percent(ofFraction: physical.converterFraction)))
        }
      }
      if !link.matpowerExtra.isEmpty { fields.append(("matpower_columns", T.numbers(link.matpowerExtra))) }
      if !link.inService { fields.append(("in_service", "false")) }
      out.item(fields, indent: 2)
    }
  }

  mutating func writeGroups() {
    let sections: [(name: String, kind: GroupKind)] = [("rings", .ring), ("corridors", .corridor), ("regions", .region)]
    guard network.groups.contains(where: { $0.kind != .other }) else { return }
    typealias T = NativeYAMLText
    out.blank()
    out.section("groups")
    for (name, kind) in sections {
      let groups = network.groups(ofKind: kind)
      guard !groups.isEmpty else { continue }
      out.section(name, indent: 2)
      var ids = IDAllocator()
      for (row, group) in groups.enumerated() {
        var fields: [(key: String, value: String)] = [("id", T.string(ids.take(group.name, fallback: "\(kind.rawValue)-\(row + 1)")))]
        if let displayName = group.displayName { fields.append(("name", T.string(displayName))) }
        if !group.branches.isEmpty { fields.append(("lines", T.list(group.branches.compactMap { branchIDs[safe: $0] }))) }
        if !group.hvdcLinks.isEmpty { fields.append(("hvdc", T.list(group.hvdcLinks.compactMap { hvdcIDs[safe: $0] }))) }
        let busKey = kind == .corridor ? "receiving_buses" : kind == .region ? "buses" : nil
        if let busKey, !group.buses.isEmpty {
          fields.append((busKey, T.list(group.buses.map { busIDs[$0] ?? "bus-\($0)" })))
        }
        if group.ratingMW > 0 { fields.append(("rating_mw", T.number(group.ratingMW))) }
        out.item(fields, indent: 4)
      }
    }
  }

  /// MATPOWER matrices with no section of their own (`areas`, a `gencost` that does not convert
  /// row for row, `dclinecost`...), one flow list per row.
  mutating func writeMatpowerFields() {
    let fields = network.matpowerExtras.filter { NativeReader.isMatlabIdentifier($0.field) }
    guard !fields.isEmpty else { return }
    out.blank()
    out.comment("MATPOWER fields kept as they are, one list per matrix row.")
    out.section("matpower_fields")
    for field in fields {
      out.section(field.field, indent: 2)
      for row in field.rows { out.line("- " + NativeYAMLText.numbers(row), indent: 4) }
    }
  }

  private func busReference(_ number: BusID) -> String {
    NativeYAMLText.string(busIDs[number] ?? "bus-\(number)")
  }

  /// What this network holds that the file will not.
  func lostData() -> [ConversionLoss] {
    var losses: [ConversionLoss] = []
    let negativeKV = network.buses.filter { $0.baseKV < 0 }
    if !negativeKV.isEmpty {
      losses.append(.init(.buses, count: negativeKV.count, "a negative base voltage is written as 0 kV (unknown)"))
    }
    let untyped = network.branches.filter { $0.lineInfo?.lineType != nil && !NativeWriter.isTransformer($0) }.filter { branch in
      guard lengthFields(branch) != nil, let name = branch.lineInfo?.lineType else { return true }
      return !network.lineTypes.contains { $0.name == name }
    }
    if !untyped.isEmpty {
      losses.append(
        .init(
          .lines, count: untyped.count,
          "line type names are written as comments only: the type is not defined or the per-unit values no longer follow from it (\(ConversionLoss.examples(untyped.map(\.name))))"
        ))
    }
    let overSetpoint = network.hvdcLinks.indices.filter {
      let link = network.hvdcLinks[$0]
      return link.ratingMW > 0 && link.ratingMW < abs(link.setpointMW)
    }
    if !overSetpoint.isEmpty {
      losses.append(
        .init(
          .hvdcLinks, count: overSetpoint.count,
          "rating below the set-point, written as the set-point (\(ConversionLoss.examples(overSetpoint.map { hvdcIDs[$0] })))"))
    }
    let other = network.groups.filter { $0.kind == .other }
    if !other.isEmpty {
      losses.append(.init(.groups, count: other.count, "groups of kind 'other' are not written (\(ConversionLoss.examples(other.map(\.name))))"))
    }
    let unnamed = network.matpowerExtras.filter { !NativeReader.isMatlabIdentifier($0.field) }
    if !unnamed.isEmpty {
      losses.append(.init(.network, count: unnamed.count, "MATPOWER fields without a valid name are not written"))
    }
    return losses
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
