/// Gives meaning to the raw statements of a MATPOWER file: columns by name,
/// validation of every value the DC model needs, and cross-references.
struct MatpowerCaseBuilder {
  let raw: MatpowerRawCase
  let file: String
  let bytes: [UInt8]
  /// Threads for building the branches beside the buses and generators.
  let parallelism: Parallelism
  var diagnostics: [Diagnostic] = []

  init(raw: MatpowerRawCase, file: String, bytes: [UInt8], parallelism: Parallelism = .automatic) {
    self.raw = raw
    self.file = file
    self.bytes = bytes
    self.parallelism = parallelism
  }

  private func withOwnFileName() -> MatpowerCaseBuilder {
    MatpowerCaseBuilder(raw: raw, file: String(decoding: Array(file.utf8), as: UTF8.self), bytes: bytes, parallelism: parallelism)
  }

  private typealias BusCol = MatpowerColumns.BusColumn
  private typealias GenCol = MatpowerColumns.GenColumn
  private typealias BrCol = MatpowerColumns.BranchColumn
  private typealias DCCol = MatpowerColumns.DCLineColumn

  mutating func build() throws(ParseError) -> Network {
    let fileStart = SourceLocation(file: file, line: 1)
    if let output = raw.outputName, output != "mpc" {
      let hint = output == "chgtab" ? "; this is a MATPOWER change table (contingency list): give it to 'gridtool contingency CASE --contingencies FILE'" : ""
      throw ParseError(.syntax("the case struct must be called 'mpc' (found '\(output)')\(hint)"), at: raw.functionLocation ?? fileStart)
    }
    try checkVersion()
    let baseMVA = try readBaseMVA(fileStart)
    let busMatrix = try requiredMatrix("bus", minimumColumns: MatpowerColumns.busRequired)
    let genMatrix = try requiredMatrix("gen", minimumColumns: MatpowerColumns.genRequired)
    let branchMatrix = try requiredMatrix("branch", minimumColumns: MatpowerColumns.branchRequired)

    var network = Network(name: raw.functionName ?? baseName(file), baseMVA: baseMVA)
    // Generators and branches need only the bus numbers and types, so the branches (the
    // largest table) are built on another core while the buses and generators are built
    // here; errors are then reported in file order.
    let known = BusIndex(busMatrix.integerColumn(BusCol.number.rawValue).map { BusID($0) })
    let types = busMatrix.integerColumn(BusCol.type.rawValue).map { BusType(rawValue: $0) ?? .pq }
    // Its own copy of the file name: every element's source location holds it, and two CPUs
    // counting references to one string slow each other down.
    let branchBuilder = withOwnFileName(), builder = self
    let (branches, (buses, generators)) = parallelism.both(
      worthIt: branchMatrix.values.count >= 1 << 14,
      { Result { () throws(ParseError) in try branchBuilder.readBranches(branchMatrix, known: known, types: types) } },
      {
        (
          Result { () throws(ParseError) in try builder.readBuses(busMatrix) },
          Result { () throws(ParseError) in try builder.readGenerators(genMatrix, known: known) }
        )
      })
    network.buses = try buses.get()
    if let p = known.firstDuplicate {
      let bus = network.buses[p]
      throw ParseError(.duplicateBus(bus.id.description), at: bus.source ?? fileStart)
    }
    network.generators = try generators.get()
    let (branchTable, notes) = try branches.get()
    network.branches = branchTable
    diagnostics += notes
    if case .matrix(let m)? = raw.fields["dcline"] {
      try requireColumns(m, field: "dcline", minimum: MatpowerColumns.dclineRequired)
      network.hvdcLinks = try readDCLines(m, known: known)
    }
    try applyBusNames(to: &network)
    collectExtras(into: &network)
    try applyFuelAndGridtoolFields(to: &network)
    return network
  }

  // MARK: - Top-level fields

  private func checkVersion() throws(ParseError) {
    switch raw.fields["version"] {
    case .string(let v, let at)? where v != "2":
      throw ParseError(.other("MATPOWER case format version '\(v)' is not supported; version 2 is required"), at: at)
    case .number(let v, let at)? where v != 2:
      throw ParseError(.other("MATPOWER case format version \(v) is not supported; version 2 is required"), at: at)
    default: return
    }
  }

  private func readBaseMVA(_ fileStart: SourceLocation) throws(ParseError) -> Double {
    switch raw.fields["baseMVA"] {
    case .number(let v, let at)?:
      guard v.isFinite else { throw ParseError(.nonFinite(field: "mpc.baseMVA"), at: at) }
      guard v > 0 else { throw ParseError(.outOfRange(field: "mpc.baseMVA", value: "\(v)", expected: "a positive MVA base such as 100"), at: at) }
      return v
    case .some(let other):
      throw ParseError(.other("mpc.baseMVA must be a number, e.g. 'mpc.baseMVA = 100;'"), at: other.location)
    case nil:
      throw ParseError(.missingSection("mpc.baseMVA"), at: fileStart)
    }
  }

  private func requiredMatrix(_ field: String, minimumColumns: Int) throws(ParseError) -> MatpowerRawMatrix {
    switch raw.fields[field] {
    case .matrix(let m)?:
      try requireColumns(m, field: field, minimum: minimumColumns)
      return m
    case .some(let other):
      throw ParseError(.other("mpc.\(field) must be a numeric matrix '[ ... ]'"), at: other.location)
    case nil:
      throw ParseError(.missingSection("mpc.\(field)"), at: SourceLocation(file: file, line: 1))
    }
  }

  private func requireColumns(_ m: MatpowerRawMatrix, field: String, minimum: Int) throws(ParseError) {
    if m.rowCount > 0, m.columns < minimum {
      throw ParseError(
        .columnCount(section: "mpc.\(field)", expected: minimum, found: m.columns),
        at: SourceLocation(file: file, line: m.rowLines[0], column: columnOf(element: 0, onLine: m.rowLines[0])))
    }
  }

  // MARK: - Element tables

  private func readBuses(_ m: MatpowerRawMatrix) throws(ParseError) -> [Bus] {
    guard m.rowCount > 0 else { throw ParseError(.other("mpc.bus has no rows; a network needs at least one bus"), at: m.location) }
    var buses: [Bus] = []
    buses.reserveCapacity(m.rowCount)
    let row = RowReader(matrix: m, field: "bus", builder: self)
    for r in 0..<m.rowCount {
      let number = try row.positiveInteger(r, BusCol.number.rawValue, "BUS_I")
      let typeCode = try row.integer(r, BusCol.type.rawValue, "BUS_TYPE")
      guard let type = BusType(rawValue: typeCode) else {
        throw row.error(r, BusCol.type.rawValue, .outOfRange(field: "BUS_TYPE", value: "\(typeCode)", expected: "1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)"))
      }
      buses.append(
        Bus(
          id: BusID(number), type: type, loadMW: try row.finite(r, BusCol.pd.rawValue, "PD"),
          loadMVAr: try row.finite(r, BusCol.qd.rawValue, "QD"), shuntMW: try row.finite(r, BusCol.gs.rawValue, "GS"),
          shuntMVAr: try row.finite(r, BusCol.bs.rawValue, "BS"), area: try row.integer(r, BusCol.area.rawValue, "BUS_AREA"),
          voltagePU: try row.finite(r, BusCol.vm.rawValue, "VM"), angleDeg: try row.finite(r, BusCol.va.rawValue, "VA"),
          baseKV: try row.finite(r, BusCol.baseKV.rawValue, "BASE_KV"), zone: try row.integer(r, BusCol.zone.rawValue, "ZONE"),
          maxVoltagePU: try row.notNaN(r, BusCol.vmax.rawValue, "VMAX"), minVoltagePU: try row.notNaN(r, BusCol.vmin.rawValue, "VMIN"),
          source: row.location(r)))
    }
    return buses
  }

  private func readGenerators(_ m: MatpowerRawMatrix, known: BusIndex) throws(ParseError) -> [Generator] {
    var gens: [Generator] = []
    gens.reserveCapacity(m.rowCount)
    let extraCount = min(m.columns, MatpowerColumns.genStandard) - MatpowerColumns.genRequired
    let row = RowReader(matrix: m, field: "gen", builder: self)
    for r in 0..<m.rowCount {
      let bus = BusID(try row.positiveInteger(r, GenCol.bus.rawValue, "GEN_BUS"))
      guard known[bus] != nil else {
        throw row.error(r, GenCol.bus.rawValue, .unknownBus(element: "generator \(r + 1)", bus: bus.description))
      }
      var extra: [Double] = []
      extra.reserveCapacity(max(0, extraCount))
      for c in MatpowerColumns.genRequired..<(MatpowerColumns.genRequired + max(0, extraCount)) {
        let v = m[r, c]
        if v.isNaN { throw row.error(r, c, .nonFinite(field: "gen column \(c + 1) of mpc.gen row \(r + 1)")) }
        extra.append(v)
      }
      gens.append(
        Generator(
          bus: bus, outputMW: try row.finite(r, GenCol.pg.rawValue, "PG"), outputMVAr: try row.finite(r, GenCol.qg.rawValue, "QG"),
          maxMVAr: try row.notNaN(r, GenCol.qmax.rawValue, "QMAX"), minMVAr: try row.notNaN(r, GenCol.qmin.rawValue, "QMIN"),
          voltageSetpointPU: try row.finite(r, GenCol.vg.rawValue, "VG"), machineBaseMVA: try row.finite(r, GenCol.mBase.rawValue, "MBASE"),
          inService: try row.finite(r, GenCol.status.rawValue, "GEN_STATUS") > 0, maxMW: try row.notNaN(r, GenCol.pmax.rawValue, "PMAX"),
          minMW: try row.notNaN(r, GenCol.pmin.rawValue, "PMIN"), matpowerExtra: extra, source: row.location(r)))
    }
    return gens
  }

  /// The branches, with the warnings about them.
  private func readBranches(
    _ m: MatpowerRawMatrix, known: BusIndex, types: [BusType]
  ) throws(ParseError) -> ([Branch], [Diagnostic]) {
    var branches: [Branch] = []
    var diagnostics: [Diagnostic] = []
    branches.reserveCapacity(m.rowCount)
    let row = RowReader(matrix: m, field: "branch", builder: self)
    for r in 0..<m.rowCount {
      func name() -> String { "branch \(r + 1)" }  // only for messages: not made for every row
      let from = BusID(try row.positiveInteger(r, BrCol.from.rawValue, "F_BUS"))
      let to = BusID(try row.positiveInteger(r, BrCol.to.rawValue, "T_BUS"))
      guard let fromPosition = known[from] else { throw row.error(r, BrCol.from.rawValue, .unknownBus(element: name(), bus: from.description)) }
      guard let toPosition = known[to] else { throw row.error(r, BrCol.to.rawValue, .unknownBus(element: name(), bus: to.description)) }
      let fromType = types[fromPosition], toType = types[toPosition]
      let x = try row.finite(r, BrCol.x.rawValue, "BR_X")
      let inService = try row.finite(r, BrCol.status.rawValue, "BR_STATUS") != 0
      if inService, x == 0 { throw row.error(r, BrCol.x.rawValue, .zeroReactance(element: name())) }
      let tap = try row.finite(r, BrCol.tap.rawValue, "TAP")
      let shift = try row.finite(r, BrCol.shift.rawValue, "SHIFT")
      if tap < 0 { throw row.error(r, BrCol.tap.rawValue, .outOfRange(field: "TAP", value: "\(tap)", expected: "0 (a line) or a positive ratio")) }
      func rating(_ column: BrCol, _ label: String) throws(ParseError) -> Double {
        let value = try row.notNaN(r, column.rawValue, label)
        if value < 0 { throw row.error(r, column.rawValue, .outOfRange(field: label, value: "\(value)", expected: "a rating >= 0 MVA (0 means unlimited)")) }
        return value
      }
      let ratings = (try rating(.rateA, "RATE_A"), try rating(.rateB, "RATE_B"), try rating(.rateC, "RATE_C"))
      if inService, fromType == .isolated || toType == .isolated {
        diagnostics.append(Diagnostic("\(name()) is in service but connects to an isolated (type 4) bus; it is left out, as MATPOWER does", at: row.location(r)))
      }
      branches.append(
        Branch(
          from: from, to: to, resistancePU: try row.finite(r, BrCol.r.rawValue, "BR_R"), reactancePU: x,
          chargingPU: try row.finite(r, BrCol.b.rawValue, "BR_B"), ratingMW: ratings.0, shortTermRatingMW: ratings.1,
          emergencyRatingMW: ratings.2, tapRatio: tap, phaseShiftDeg: shift,
          inService: inService, minAngleDiffDeg: try row.notNaN(r, BrCol.angmin.rawValue, "ANGMIN"),
          maxAngleDiffDeg: try row.notNaN(r, BrCol.angmax.rawValue, "ANGMAX"),
          kind: (tap != 0 && tap != 1) || shift != 0 ? .transformer : .line,
          source: row.location(r)))
    }
    return (branches, diagnostics)
  }

  private func readDCLines(_ m: MatpowerRawMatrix, known: BusIndex) throws(ParseError) -> [HVDCLink] {
    var links: [HVDCLink] = []
    let row = RowReader(matrix: m, field: "dcline", builder: self)
    for r in 0..<m.rowCount {
      let name = "dcline \(r + 1)"
      let from = BusID(try row.positiveInteger(r, DCCol.from.rawValue, "F_BUS"))
      let to = BusID(try row.positiveInteger(r, DCCol.to.rawValue, "T_BUS"))
      guard known[from] != nil else { throw row.error(r, DCCol.from.rawValue, .unknownBus(element: name, bus: from.description)) }
      guard known[to] != nil else { throw row.error(r, DCCol.to.rawValue, .unknownBus(element: name, bus: to.description)) }
      var extra: [Double] = []
      for c in DCCol.qf.rawValue...DCCol.qmaxt.rawValue { extra.append(try row.notNaN(r, c, "dcline column \(c + 1)")) }
      let pmax = extra[DCCol.pmax.rawValue - DCCol.qf.rawValue]
      links.append(
        HVDCLink(
          name: name, from: from, to: to, setpointMW: try row.finite(r, DCCol.pf.rawValue, "PF"),
          ratingMW: pmax.isFinite && pmax > 0 ? pmax : 0, inService: try row.finite(r, DCCol.status.rawValue, "BR_STATUS") != 0,
          losses: .matpower(fixedMW: try row.finite(r, DCCol.loss0.rawValue, "LOSS0"), fraction: try row.finite(r, DCCol.loss1.rawValue, "LOSS1")),
          matpowerExtra: extra, source: row.location(r)))
    }
    return links
  }

  private func applyBusNames(to network: inout Network) throws(ParseError) {
    guard let value = raw.fields["bus_name"] else { return }
    guard case .cell(let names, _, let at) = value else {
      throw ParseError(.other("mpc.bus_name must be a cell array of strings '{ 'name'; ... }'"), at: value.location)
    }
    guard names.count == network.buses.count else {
      throw ParseError(.other("mpc.bus_name has \(names.count) names but mpc.bus has \(network.buses.count) rows; give one name per bus"), at: at)
    }
    for i in network.buses.indices { network.buses[i].name = names[i] }
  }

  private mutating func collectExtras(into network: inout Network) {
    let used: Set<String> = ["version", "baseMVA", "bus", "gen", "branch", "dcline", "bus_name"]
    for field in raw.order where !used.contains(field) && !Self.isFuelOrGridtoolField(field) {
      guard let value = raw.fields[field] else { continue }
      if case .matrix(let m) = value {
        network.matpowerExtras.append(MatpowerMatrix(field: field, rows: (0..<m.rowCount).map { m.row($0) }))
      } else {
        diagnostics.append(Diagnostic("mpc.\(field) is not used by gridtool and is skipped", at: value.location))
      }
    }
  }

  // MARK: - Locations

  private func baseName(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.hasSuffix(".m") ? String(last.dropLast(2)) : last
  }

  /// Column (1-based) of the `index`-th element on `line`; only used to build error messages.
  func columnOf(element index: Int, onLine line: Int) -> Int? {
    var currentLine = 1
    var p = 0
    while p < bytes.count, currentLine < line {
      if bytes[p] == 0x0A { currentLine += 1 }
      p += 1
    }
    let lineStart = p
    var count = -1
    var inToken = false
    while p < bytes.count, bytes[p] != 0x0A, bytes[p] != 0x0D {
      let c = bytes[p]
      let separator = c == 0x20 || c == 0x09 || c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: ";")
      if c == UInt8(ascii: "%") { break }
      if !separator, !inToken {
        count += 1
        if count == index { return p - lineStart + 1 }
      }
      inToken = !separator
      p += 1
    }
    return nil
  }
}
