/// Reads the `mpc.gridtool_*` fields of a case written by ``MatpowerWriter`` back into the
/// network built from its standard fields (see ``MatpowerGridtoolLayout``). Every field is
/// optional; one whose size disagrees with the case is an error naming the field.
struct MatpowerGridtoolFieldReader {
  private typealias Layout = MatpowerGridtoolLayout
  let fields: MatpowerExtraFields
  var network: Network

  init(fields: MatpowerExtraFields, network: Network) {
    self.fields = fields
    self.network = network
  }

  mutating func apply() throws(ParseError) {
    if let name = try fields.string("gridtool_name") { network.name = name }
    try applyBusData()
    try applyBranchData()
    if let names = try fields.cell("gridtool_gen_name", count: network.generators.count, of: "mpc.gen rows") {
      for (k, name) in names.enumerated() { network.generators[k].name = name }
    }
    if let columns = try fields.matrix("gridtool_gen_columns", columns: 1) {
      guard columns.count == network.generators.count else {
        throw error("gridtool_gen_columns", "\(columns.count) rows but mpc.gen has \(network.generators.count); give one per generator")
      }
      for (k, row) in columns.enumerated() {
        let own = row[0] - Double(MatpowerColumns.genRequired)
        guard own >= 0, own == own.rounded(), own <= Double(network.generators[k].matpowerExtra.count) else {
          throw error("gridtool_gen_columns", "row \(k + 1) gives \(MatpowerWriter.number(row[0])) columns; give 10...21")
        }
        network.generators[k].matpowerExtra.removeLast(network.generators[k].matpowerExtra.count - Int(own))
      }
    }
    try applyLoads()
    try applyHVDC()
    try applyGroups()
  }

  private func error(_ field: String, _ message: String) -> ParseError {
    ParseError(.other("mpc.\(field): \(message)"), at: fields.location(field))
  }

  /// The position of bus `number` in the network.
  private func bus(_ number: Double, _ field: String, index: BusIndex) throws(ParseError) -> Int {
    guard number.isFinite, number == number.rounded(), abs(number) < 1e15, let p = index[BusID(Int(number))] else {
      throw error(field, "bus \(MatpowerWriter.number(number)) is not in mpc.bus")
    }
    return p
  }

  private mutating func applyBusData() throws(ParseError) {
    let count = network.buses.count
    let index = BusIndex(network.buses)
    func info(_ p: Int) -> BusInfo { network.buses[p].info ?? BusInfo() }
    if let names = try fields.cell("gridtool_bus_display_name", count: count, of: "mpc.bus rows") {
      for (p, name) in names.enumerated() where !name.isEmpty { network.buses[p].info = with(info(p)) { $0.displayName = name } }
    }
    if let regions = try fields.cell("gridtool_bus_region", count: count, of: "mpc.bus rows") {
      for (p, region) in regions.enumerated() where !region.isEmpty { network.buses[p].info = with(info(p)) { $0.region = region } }
    }
    for row in try fields.matrix("gridtool_bus_geo", columns: Layout.Geo.allCases.count) ?? [] {
      let p = try bus(row[Layout.Geo.bus.rawValue], "gridtool_bus_geo", index: index)
      let lat = row[Layout.Geo.latitude.rawValue], lon = row[Layout.Geo.longitude.rawValue]
      network.buses[p].info = with(info(p)) {
        $0.latitude = lat.isNaN ? nil : lat
        $0.longitude = lon.isNaN ? nil : lon
      }
    }
    if let tagBuses = try fields.matrix("gridtool_bus_tag", columns: 1) {
      guard let names = try fields.cell("gridtool_bus_tag_name", count: tagBuses.count, of: "rows in mpc.gridtool_bus_tag") else {
        throw error("gridtool_bus_tag", "needs mpc.gridtool_bus_tag_name, one tag per row")
      }
      for (row, name) in zip(tagBuses, names) {
        let p = try bus(row[0], "gridtool_bus_tag", index: index)
        network.buses[p].info = with(info(p)) { $0.tags.append(name) }
      }
    }
    for row in try fields.matrix("gridtool_bus_pd", columns: Layout.OwnDemand.allCases.count) ?? [] {
      let p = try bus(row[Layout.OwnDemand.bus.rawValue], "gridtool_bus_pd", index: index)
      let own = row[Layout.OwnDemand.ownMW.rawValue], written = row[Layout.OwnDemand.writtenMW.rawValue]
      // PD as written: the bus's own demand exactly; PD edited since: the edit applies to it.
      let pd = network.buses[p].loadMW
      network.buses[p].loadMW = pd == written ? own : pd - (written - own)
    }
  }

  private mutating func applyBranchData() throws(ParseError) {
    let count = network.branches.count
    // The per-km columns may be left out (lines given in per-unit only).
    if let rows = try fields.matrix("gridtool_branch", columns: Layout.BranchInfo.resistanceOhmPerKm.rawValue) {
      guard rows.count == count else { throw error("gridtool_branch", "\(rows.count) rows but mpc.branch has \(count); give one per branch") }
      for (k, row) in rows.enumerated() {
        let isLine = row[Layout.BranchInfo.kind.rawValue] != 2
        network.branches[k].kind = isLine ? .line : .transformer
        guard isLine else { continue }
        let circuits = row[Layout.BranchInfo.circuits.rawValue], length = row[Layout.BranchInfo.lengthKm.rawValue]
        guard circuits >= 1, circuits == circuits.rounded(), circuits < 1e6 else {
          throw error("gridtool_branch", "row \(k + 1) has \(MatpowerWriter.number(circuits)) circuits; give a whole number ≥ 1")
        }
        var perKm: LinePerKm? = nil
        if row.count >= Layout.BranchInfo.allCases.count, !row[Layout.BranchInfo.reactanceOhmPerKm.rawValue].isNaN {
          perKm = LinePerKm(
            resistanceOhmPerKm: row[Layout.BranchInfo.resistanceOhmPerKm.rawValue],
            reactanceOhmPerKm: row[Layout.BranchInfo.reactanceOhmPerKm.rawValue],
            susceptanceMicroSPerKm: row[Layout.BranchInfo.susceptanceMicroSPerKm.rawValue])
        }
        network.branches[k].lineInfo = LineInfo(
          lengthKm: length.isNaN ? nil : length, circuits: Int(circuits),
          estimated: row[Layout.BranchInfo.estimated.rawValue] != 0, perKm: perKm)
      }
    }
    if let types = try fields.matrix("gridtool_line_type", columns: Layout.LineTypeRow.allCases.count) {
      guard let names = try fields.cell("gridtool_line_type_name", count: types.count, of: "rows in mpc.gridtool_line_type") else {
        throw error("gridtool_line_type", "needs mpc.gridtool_line_type_name, one name per line type")
      }
      typealias C = Layout.LineTypeRow
      network.lineTypes = zip(names, types).map { name, row in
        LineType(
          name: name, voltageKV: row[C.voltageKV.rawValue],
          perKm: LinePerKm(
            resistanceOhmPerKm: row[C.resistanceOhmPerKm.rawValue], reactanceOhmPerKm: row[C.reactanceOhmPerKm.rawValue],
            susceptanceMicroSPerKm: row[C.susceptanceMicroSPerKm.rawValue]),
          ratingMWPerCircuit: row[C.ratingMWPerCircuit.rawValue])
      }
    }
    if let names = try fields.cell("gridtool_branch_name", count: count, of: "mpc.branch rows") {
      for (k, name) in names.enumerated() { network.branches[k].name = name }
    }
    if let types = try fields.cell("gridtool_branch_line_type", count: count, of: "mpc.branch rows") {
      for (k, type) in types.enumerated() where !type.isEmpty {
        network.branches[k].lineInfo = with(network.branches[k].lineInfo ?? LineInfo()) { $0.lineType = type }
      }
    }
  }

  private mutating func applyLoads() throws(ParseError) {
    guard let rows = try fields.matrix("gridtool_load", columns: Layout.LoadRow.allCases.count) else { return }
    guard let names = try fields.cell("gridtool_load_name", count: rows.count, of: "rows in mpc.gridtool_load") else {
      throw error("gridtool_load", "needs mpc.gridtool_load_name, one name per load")
    }
    let regions = try fields.cell("gridtool_load_region", count: rows.count, of: "rows in mpc.gridtool_load")
    let index = BusIndex(network.buses)
    for (k, row) in rows.enumerated() {
      let p = try bus(row[Layout.LoadRow.bus.rawValue], "gridtool_load", index: index)
      let region = regions?[k]
      network.loads.append(
        Load(
          name: names[k], bus: network.buses[p].id, demandMW: row[Layout.LoadRow.demandMW.rawValue],
          region: region.flatMap { $0.isEmpty ? nil : $0 }, inService: row[Layout.LoadRow.status.rawValue] != 0,
          source: network.buses[p].source))
    }
  }

  /// HVDC links in the network's order: those between two buses from their `dcline` rows, those
  /// to external systems from `gridtool_hvdc` alone; set-point, rating, status and loss model from `gridtool_hvdc`.
  private mutating func applyHVDC() throws(ParseError) {
    typealias C = Layout.HVDCRow
    guard let rows = try fields.matrix("gridtool_hvdc", columns: C.allCases.count) else { return }
    let names = try fields.cell("gridtool_hvdc_name", count: rows.count, of: "rows in mpc.gridtool_hvdc")
    let receivers = try fields.cell("gridtool_hvdc_receiver", count: rows.count, of: "rows in mpc.gridtool_hvdc")
    let dclines = network.hvdcLinks
    let index = BusIndex(network.buses)
    var links: [HVDCLink] = []
    var used = Set<Int>()
    for (k, row) in rows.enumerated() {
      let dcline = row[C.dclineRow.rawValue]
      var link: HVDCLink
      if dcline == 0 {
        let p = try bus(row[C.from.rawValue], "gridtool_hvdc", index: index)
        link = HVDCLink(from: network.buses[p].id, to: nil, setpointMW: 0, source: network.buses[p].source)
        link.externalReceiver = receivers.map { $0[k] }.flatMap { $0.isEmpty ? nil : $0 }
      } else {
        guard dcline >= 1, dcline == dcline.rounded(), Int(exactly: dcline).map({ $0 <= dclines.count }) == true else {
          throw error("gridtool_hvdc", "row \(k + 1) names dcline row \(MatpowerWriter.number(dcline)), but mpc.dcline has \(dclines.count) rows")
        }
        guard used.insert(Int(dcline)).inserted else { throw error("gridtool_hvdc", "dcline row \(Int(dcline)) is named twice") }
        link = dclines[Int(dcline) - 1]
        if row[C.matpowerColumns.rawValue] == 0 { link.matpowerExtra = [] }
      }
      if let names { link.name = names[k] }
      link.setpointMW = row[C.setpointMW.rawValue]
      link.ratingMW = row[C.ratingMW.rawValue]
      link.inService = row[C.status.rawValue] != 0
      if row[C.lossModel.rawValue] == 2 {
        let poles = row[C.poles.rawValue]
        guard poles == 1 || poles == 2 else { throw error("gridtool_hvdc", "row \(k + 1) has \(MatpowerWriter.number(poles)) poles; give 1 or 2") }
        link.losses = .physical(
          PhysicalHVDC(
            poles: Int(poles), poleVoltageKV: row[C.poleVoltageKV.rawValue], poleResistanceOhm: row[C.poleResistanceOhm.rawValue],
            converterFixedMW: row[C.converterFixedMW.rawValue], converterFraction: row[C.converterFraction.rawValue]))
      } else {
        link.losses = .matpower(fixedMW: row[C.loss0MW.rawValue], fraction: row[C.loss1.rawValue])
      }
      links.append(link)
    }
    guard used.count == dclines.count else {
      throw error("gridtool_hvdc", "lists \(used.count) of the \(dclines.count) rows of mpc.dcline; give one row per HVDC link")
    }
    network.hvdcLinks = links
  }

  private mutating func applyGroups() throws(ParseError) {
    typealias M = Layout.MemberRow
    guard let rows = try fields.matrix("gridtool_group", columns: Layout.GroupRow.allCases.count) else { return }
    guard let names = try fields.cell("gridtool_group_name", count: rows.count, of: "rows in mpc.gridtool_group") else {
      throw error("gridtool_group", "needs mpc.gridtool_group_name, one name per group")
    }
    let displayNames = try fields.cell("gridtool_group_display_name", count: rows.count, of: "rows in mpc.gridtool_group")
    var groups: [NetworkGroup] = []
    for (k, row) in rows.enumerated() {
      let code = row[Layout.GroupRow.kind.rawValue]
      guard code >= 1, code <= Double(Layout.groupKinds.count), code == code.rounded() else {
        throw error("gridtool_group", "row \(k + 1) has kind \(MatpowerWriter.number(code)); give 1 (ring), 2 (corridor), 3 (region) or 4 (other)")
      }
      groups.append(
        NetworkGroup(
          name: names[k], displayName: displayNames.map { $0[k] }.flatMap { $0.isEmpty ? nil : $0 },
          kind: Layout.groupKinds[Int(code) - 1], ratingMW: row[Layout.GroupRow.ratingMW.rawValue]))
    }
    let index = BusIndex(network.buses)
    for (r, row) in (try fields.matrix("gridtool_group_member", columns: M.allCases.count) ?? []).enumerated() {
      let g = row[M.group.rawValue], member = row[M.member.rawValue]
      guard g >= 1, g <= Double(groups.count), g == g.rounded() else {
        throw error("gridtool_group_member", "row \(r + 1) names group \(MatpowerWriter.number(g)); mpc.gridtool_group has \(groups.count)")
      }
      let position = Int(g) - 1
      switch row[M.kind.rawValue] {
      case 1, 2:
        let isBranch = row[M.kind.rawValue] == 1
        let limit = isBranch ? network.branches.count : network.hvdcLinks.count
        guard member >= 1, member <= Double(limit), member == member.rounded() else {
          throw error("gridtool_group_member", "row \(r + 1) names \(isBranch ? "branch" : "HVDC link") \(MatpowerWriter.number(member)) of \(limit)")
        }
        if isBranch { groups[position].branches.append(Int(member) - 1) } else { groups[position].hvdcLinks.append(Int(member) - 1) }
      case 3:
        groups[position].buses.append(network.buses[try bus(member, "gridtool_group_member", index: index)].id)
      default:
        throw error("gridtool_group_member", "row \(r + 1) has member kind \(MatpowerWriter.number(row[M.kind.rawValue])); give 1 (branch), 2 (HVDC link) or 3 (bus)")
      }
    }
    network.groups = groups
  }
}

/// `value` changed by `change`: for editing an optional's copy in one expression.
private func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
  var copy = value
  change(&copy)
  return copy
}
