extension NativeWriter {
  mutating func writeInjections() {
    var generatorIDs = IDAllocator()
    var loadIDs = IDAllocator()
    // Loads first, so that their own names win over the ids of generators turned into loads.
    let loadNames = network.loads.enumerated().map { loadIDs.take($1.name, fallback: "load-\($0 + 1)") }
    var asLoads: [(generator: Generator, id: String)] = []

    if network.generators.contains(where: { $0.outputMW >= 0 }) {
      out.blank()
      out.section("generators")
    }
    for (row, generator) in network.generators.enumerated() {
      guard generator.outputMW >= 0 else {
        asLoads.append((generator, loadIDs.take(generator.name, fallback: "gen-\(row + 1)")))
        continue
      }
      let id = generatorIDs.take(generator.name, fallback: "gen-\(row + 1)")
      if generator.outputMW > generator.maxMW {
        out.comment("output above PMAX \(NativeYAMLText.number(generator.maxMW)) MW; capacity_mw set to the output", indent: 2)
      }
      var fields: [(key: String, value: String)] = [
        ("id", NativeYAMLText.string(id)),
        ("bus", busReference(generator.bus)),
        ("technology", generator.technology.rawValue),
        ("capacity_mw", NativeYAMLText.number(max(generator.maxMW, generator.outputMW))),
        ("p_mw", NativeYAMLText.number(generator.outputMW)),
      ]
      if generator.minMW != 0 { fields.append(("p_min_mw", NativeYAMLText.number(generator.minMW))) }
      if !generator.inService { fields.append(("in_service", "false")) }
      if generator.participationFactor != 0 {
        fields.append(("participation", NativeYAMLText.number(generator.participationFactor)))
      }
      out.item(fields, indent: 2)
    }

    guard !network.loads.isEmpty || !asLoads.isEmpty else { return }
    out.blank()
    out.section("loads")
    for (load, id) in zip(network.loads, loadNames) {
      var fields: [(key: String, value: String)] = [
        ("id", NativeYAMLText.string(id)),
        ("bus", busReference(load.bus)),
        ("p_mw", NativeYAMLText.number(load.demandMW)),
      ]
      if let region = load.region { fields.append(("region", NativeYAMLText.string(region))) }
      if !load.inService { fields.append(("in_service", "false")) }
      out.item(fields, indent: 2)
    }
    for (generator, id) in asLoads {
      out.comment(
        "a generator with negative output (\(NativeYAMLText.number(generator.outputMW)) MW), written as a load", indent: 2)
      var fields: [(key: String, value: String)] = [
        ("id", NativeYAMLText.string(id)),
        ("bus", busReference(generator.bus)),
        ("p_mw", NativeYAMLText.number(-generator.outputMW)),
      ]
      if !generator.inService { fields.append(("in_service", "false")) }
      if generator.participationFactor != 0 {
        fields.append(("participation", NativeYAMLText.number(generator.participationFactor)))
      }
      out.item(fields, indent: 2)
    }
  }

  mutating func writeHVDC() {
    guard !network.hvdcLinks.isEmpty else { return }
    out.blank()
    out.section("hvdc")
    for (position, link) in network.hvdcLinks.enumerated() {
      var rating = link.ratingMW
      if rating < abs(link.setpointMW) || rating <= 0 {
        rating = abs(link.setpointMW) > 0 ? abs(link.setpointMW) : 1
        out.comment(
          "rating \(NativeYAMLText.number(link.ratingMW)) MW in the source; \(NativeYAMLText.number(rating)) MW written",
          indent: 2)
      }
      var fields: [(key: String, value: String)] = [
        ("id", NativeYAMLText.string(hvdcIDs[position])),
        ("from", busReference(link.from)),
      ]
      if let to = link.to {
        fields.append(("to", busReference(to)))
      } else {
        fields.append(("external", NativeYAMLText.string(link.externalReceiver ?? "external")))
      }
      fields.append(("p_mw", NativeYAMLText.number(link.setpointMW)))
      fields.append(("rating_mw", NativeYAMLText.number(rating)))
      switch link.losses {
      case .matpower(let fixedMW, let fraction):
        if fixedMW != 0 { fields.append(("loss0_mw", NativeYAMLText.number(fixedMW))) }
        if fraction != 0 { fields.append(("loss1", NativeYAMLText.number(fraction))) }
      case .physical(let physical):
        fields.append(("poles", NativeYAMLText.number(physical.poles)))
        fields.append(("voltage_kv", NativeYAMLText.number(physical.poleVoltageKV)))
        fields.append(("resistance_ohm_per_pole", NativeYAMLText.number(physical.poleResistanceOhm)))
        if physical.converterFixedMW != 0 {
          fields.append(("converter_loss_mw", NativeYAMLText.number(physical.converterFixedMW)))
        }
        if physical.converterFraction != 0 {
          fields.append(("converter_loss_pct", NativeDecimalText.percent(ofFraction: physical.converterFraction)))
        }
      }
      if !link.inService { fields.append(("in_service", "false")) }
      out.item(fields, indent: 2)
    }
  }

  mutating func writeGroups() {
    let sections: [(name: String, kind: GroupKind)] = [("rings", .ring), ("corridors", .corridor), ("regions", .region)]
    guard network.groups.contains(where: { $0.kind != .other }) else { return }
    out.blank()
    out.section("groups")
    for (name, kind) in sections {
      let groups = network.groups(ofKind: kind)
      guard !groups.isEmpty else { continue }
      out.section(name, indent: 2)
      var ids = IDAllocator()
      for (row, group) in groups.enumerated() {
        var fields: [(key: String, value: String)] = [
          ("id", NativeYAMLText.string(ids.take(group.name, fallback: "\(kind.rawValue)-\(row + 1)")))
        ]
        if let displayName = group.displayName { fields.append(("name", NativeYAMLText.string(displayName))) }
        if !group.branches.isEmpty {
          fields.append(("lines", NativeYAMLText.list(group.branches.compactMap { branchIDs[safe: $0] })))
        }
        if !group.hvdcLinks.isEmpty {
          fields.append(("hvdc", NativeYAMLText.list(group.hvdcLinks.compactMap { hvdcIDs[safe: $0] })))
        }
        let busKey = kind == .corridor ? "receiving_buses" : kind == .region ? "buses" : nil
        if let busKey, !group.buses.isEmpty {
          fields.append((busKey, NativeYAMLText.list(group.buses.map { busIDs[$0] ?? "bus-\($0)" })))
        }
        if group.ratingMW > 0 { fields.append(("rating_mw", NativeYAMLText.number(group.ratingMW))) }
        out.item(fields, indent: 4)
      }
    }
  }

  private func busReference(_ number: BusID) -> String {
    NativeYAMLText.string(busIDs[number] ?? "bus-\(number)")
  }

  /// What this network holds that the file will not, for the header comment.
  func droppedData() -> [String] {
    let buses = network.buses
    let generators = network.generators
    var dropped: [String] = []
    if buses.contains(where: { $0.loadMVAr != 0 })
      || generators.contains(where: { $0.outputMVAr != 0 || $0.maxMVAr != 0 || $0.minMVAr != 0 })
    {
      dropped.append("reactive power (bus QD, generator QG, QMAX, QMIN)")
    }
    if buses.contains(where: { $0.shuntMVAr != 0 }) { dropped.append("shunt susceptance (bus BS)") }
    if buses.contains(where: { $0.voltagePU != 1 || $0.maxVoltagePU != 1.1 || $0.minVoltagePU != 0.9 })
      || generators.contains(where: { $0.voltageSetpointPU != 1 })
    {
      dropped.append("voltage magnitudes and limits (VM, VMAX, VMIN, VG)")
    }
    if buses.contains(where: { $0.area != 1 || $0.zone != 1 }) { dropped.append("bus areas and loss zones") }
    if generators.contains(where: { $0.machineBaseMVA != 100 || !$0.matpowerExtra.isEmpty }) {
      dropped.append("generator MBASE and columns 11-21 (ramp rates, capability curve, APF)")
    }
    if network.branches.contains(where: {
      $0.shortTermRatingMW != 0 || $0.emergencyRatingMW != 0 || $0.minAngleDiffDeg != -360 || $0.maxAngleDiffDeg != 360
    }) {
      dropped.append("branch RATE_B, RATE_C and angle-difference limits")
    }
    if network.hvdcLinks.contains(where: { !$0.matpowerExtra.isEmpty }) {
      dropped.append("dcline columns QF QT VF VT PMIN PMAX QMINF QMAXF QMINT QMAXT")
    }
    if !network.matpowerExtras.isEmpty {
      dropped.append("MATPOWER fields " + network.matpowerExtras.map { "mpc.\($0.field)" }.joined(separator: ", "))
    }
    if network.groups.contains(where: { $0.kind == .other }) { dropped.append("groups of kind 'other'") }
    if network.branches.contains(where: { $0.lineInfo?.lineType != nil }) {
      dropped.append("line types (names kept as comments; per-unit values written instead)")
    }
    return dropped
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
