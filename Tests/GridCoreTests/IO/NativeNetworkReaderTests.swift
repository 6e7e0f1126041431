import Foundation
import Testing

@testable import GridCore

/// A small network using every section of the format. Line numbers matter: tests refer to them.
let nativeFixture = """
  # Test network for the native reader
  format: gridtool-network/1
  name: Test grid
  base_mva: 100
  line_types:
    750kV-6x400:
      voltage_kv: 750
      r_ohm_per_km: 0.0125
      x_ohm_per_km: 0.27
      b_us_per_km: 4.2
      rating_mw_per_circuit: 2500
  buses:
    - id: wubei
      name: Wubei 乌北
      voltage_kv: 750
      type: reference
      region: urumqi
      lat: 43.9
      lon: 87.4
      tags: [hub, "750kV"]
    - id: turpan
      number: 1
      voltage_kv: 750
      region: turpan
    - id: hami
      voltage_kv: 750
      load_mw: 300
    - id: hami-220
      voltage_kv: 220
    - id: dunhuang
      number: 10
      voltage_kv: 750
      type: pv
    - id: spare
      voltage_kv: 220
  lines:
    - id: wubei-turpan
      from: wubei
      to: turpan
      type: 750kV-6x400
      length_km: 180
      circuits: 2
      estimated: true
    - id: turpan-hami
      from: turpan
      to: hami
      r_pu: 0.001
      x_pu: 0.02
      b_pu: 1.5
      rating_mw: 3000
    - id: hami-dunhuang
      from: hami
      to: dunhuang
      length_km: 400
      r_ohm_per_km: 0.02
      x_ohm_per_km: 0.3
      rating_mw_per_circuit: 2000
  transformers:
    - id: hami-t1
      from: hami
      to: hami-220
      x_pu: 0.01
      ratio: 1.05
      shift_deg: -2
      rating_mw: 2100
  generators:
    - id: wubei-coal
      bus: wubei
      technology: coal
      capacity_mw: 2000
      p_mw: 1500
      p_min_mw: 600
    - id: hami-wind
      bus: hami-220
      technology: wind
      capacity_mw: 1000
      p_mw: 400
      in_service: false
  loads:
    - id: urumqi-city
      bus: wubei
      p_mw: 800
    - id: turpan-load
      bus: turpan
      p_mw: 200
      region: turpan-east
  hvdc:
    - id: tianzhong
      from: hami
      to: dunhuang
      p_mw: 8000
      rating_mw: 8000
      poles: 2
      voltage_kv: 800
      resistance_ohm_per_pole: 5.2
      converter_loss_mw: 10
      converter_loss_pct: 0.7
    - id: jiquan
      from: wubei
      external: Anhui (Guquan)
      p_mw: 10000
      rating_mw: 12000
      loss0_mw: 50
      loss1: 0.02
  groups:
    rings:
      - id: east-ring
        name: East ring 东环网
        lines: [wubei-turpan, turpan-hami]
    corridors:
      - id: jiquan
        hvdc: [jiquan]
        rating_mw: 12000
      - id: hami-dunhuang
        lines: [hami-dunhuang]
        receiving_buses: [dunhuang]
        rating_mw: 1500
    regions:
      - id: hami-region
        buses: [hami, hami-220]
        lines: [hami-t1]

  """

/// Two buses `a` and `b` (220 kV); sections appended to it start at line 8.
let nativeHeader = """
  format: gridtool-network/1
  name: t
  buses:
    - id: a
      voltage_kv: 220
    - id: b
      voltage_kv: 220

  """

func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
  abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}

@Suite("NativeNetworkReader: valid network")
struct NativeNetworkReaderValidTests {
  let parsed: (network: Network, diagnostics: [Diagnostic])

  init() throws {
    parsed = try NativeNetworkReader.parse(nativeFixture, file: "grid.yaml")
  }

  @Test func busNumbersSkipExplicitOnes() {
    let buses = parsed.network.buses
    #expect(buses.map(\.name) == ["wubei", "turpan", "hami", "hami-220", "dunhuang", "spare"])
    // wubei's position 1 is taken by turpan's explicit number, so it moves to 2.
    #expect(buses.map(\.id.rawValue) == [2, 1, 3, 4, 10, 6])
  }

  @Test func busData() throws {
    let wubei = try #require(parsed.network.buses.first)
    #expect(wubei.type == .reference)
    #expect(wubei.baseKV == 750)
    #expect(wubei.info?.displayName == "Wubei 乌北")
    #expect(wubei.info?.region == "urumqi")
    #expect(isClose(wubei.info?.latitude ?? 0, 43.9))
    #expect(isClose(wubei.info?.longitude ?? 0, 87.4))
    #expect(wubei.info?.tags == ["hub", "750kV"])
    #expect(wubei.source == SourceLocation(file: "grid.yaml", line: 13, column: 5))
    let hami = parsed.network.buses[2]
    #expect(hami.type == .pq)
    #expect(isClose(hami.loadMW, 300))
    #expect(parsed.network.buses[4].type == .pv)
  }

  @Test func perUnitConversionOfLinesByLength() throws {
    let branches = parsed.network.branches
    try #require(branches.count == 4)
    // Z_base = 750² / 100 = 5625 Ω; two circuits halve the series impedance and double the charging.
    let wubeiTurpan = branches[0]
    #expect(wubeiTurpan.from == BusID(2) && wubeiTurpan.to == BusID(1))
    #expect(isClose(wubeiTurpan.resistancePU, 0.0125 * 180 / 2 / 5625))  // 0.0002
    #expect(isClose(wubeiTurpan.resistancePU, 0.0002))
    #expect(isClose(wubeiTurpan.reactancePU, 0.00432))
    #expect(isClose(wubeiTurpan.chargingPU, 8.505))
    #expect(isClose(wubeiTurpan.ratingMW, 5000))
    #expect(wubeiTurpan.tapRatio == 0)
    #expect(wubeiTurpan.kind == .line)
    #expect(
      wubeiTurpan.lineInfo
        == LineInfo(
          lengthKm: 180, circuits: 2, lineType: "750kV-6x400", estimated: true,
          perKm: LinePerKm(resistanceOhmPerKm: 0.0125, reactanceOhmPerKm: 0.27, susceptanceMicroSPerKm: 4.2)))
    // Explicit per-km data without a type: 400 km at 0.3 Ω/km on 5625 Ω.
    let hamiDunhuang = branches[2]
    #expect(isClose(hamiDunhuang.reactancePU, 120.0 / 5625))
    #expect(isClose(hamiDunhuang.resistancePU, 8.0 / 5625))
    #expect(hamiDunhuang.chargingPU == 0)
    #expect(isClose(hamiDunhuang.ratingMW, 2000))
    #expect(hamiDunhuang.lineInfo?.lineType == nil)
    #expect(hamiDunhuang.lineInfo?.estimated == false)
  }

  @Test func perUnitLinesAndTransformers() {
    let turpanHami = parsed.network.branches[1]
    #expect(isClose(turpanHami.resistancePU, 0.001))
    #expect(isClose(turpanHami.reactancePU, 0.02))
    #expect(isClose(turpanHami.chargingPU, 1.5))
    #expect(isClose(turpanHami.ratingMW, 3000))
    #expect(turpanHami.lineInfo == LineInfo())
    let transformer = parsed.network.branches[3]
    #expect(transformer.kind == .transformer)
    #expect(transformer.name == "hami-t1")
    #expect(transformer.from == BusID(3) && transformer.to == BusID(4))
    #expect(isClose(transformer.tapRatio, 1.05))
    #expect(isClose(transformer.phaseShiftDeg, -2))
    #expect(isClose(transformer.ratingMW, 2100))
    #expect(transformer.lineInfo == nil)
    #expect(transformer.source?.line == 59)
  }

  @Test func generatorsAndLoads() {
    let generators = parsed.network.generators
    #expect(generators.map(\.name) == ["wubei-coal", "hami-wind"])
    #expect(generators.map(\.technology) == [.coal, .wind])
    #expect(generators.map(\.bus) == [BusID(2), BusID(4)])
    #expect(isClose(generators[0].outputMW, 1500) && isClose(generators[0].maxMW, 2000))
    #expect(isClose(generators[0].minMW, 600))
    #expect(generators[0].inService && !generators[1].inService)
    #expect(generators[1].source?.line == 73)
    let loads = parsed.network.loads
    #expect(loads.map(\.name) == ["urumqi-city", "turpan-load"])
    // A load without region takes its bus's.
    #expect(loads.map(\.region) == ["urumqi", "turpan-east"])
    #expect(isClose(loads[0].demandMW, 800))
  }

  @Test func hvdcLinks() throws {
    let links = parsed.network.hvdcLinks
    try #require(links.count == 2)
    #expect(links[0].to == BusID(10))
    #expect(isClose(links[0].setpointMW, 8000))
    guard case .physical(let physical) = links[0].losses else {
      Issue.record("expected physical losses, got \(links[0].losses)")
      return
    }
    #expect(physical.poles == 2)
    #expect(isClose(physical.poleVoltageKV, 800))
    #expect(isClose(physical.poleResistanceOhm, 5.2))
    #expect(isClose(physical.converterFixedMW, 10))
    #expect(isClose(physical.converterFraction, 0.007))
    #expect(links[1].to == nil)
    #expect(links[1].externalReceiver == "Anhui (Guquan)")
    #expect(isClose(links[1].ratingMW, 12000))
    guard case .matpower(let fixed, let fraction) = links[1].losses else {
      Issue.record("expected MATPOWER losses, got \(links[1].losses)")
      return
    }
    #expect(isClose(fixed, 50) && isClose(fraction, 0.02))
    #expect(links[1].source?.line == 98)
  }

  @Test func groupsHoldPositions() {
    let groups = parsed.network.groups
    #expect(groups.map(\.kind) == [.ring, .corridor, .corridor, .region])
    #expect(groups.map(\.name) == ["east-ring", "jiquan", "hami-dunhuang", "hami-region"])
    #expect(groups[0].displayName == "East ring 东环网")
    #expect(groups[0].branches == [0, 1])
    #expect(groups[1].hvdcLinks == [1])
    #expect(isClose(groups[1].ratingMW, 12000))
    #expect(groups[2].branches == [2])
    #expect(groups[2].buses == [BusID(10)])
    // Transformers come after all lines in `branches`.
    #expect(groups[3].branches == [3])
    #expect(groups[3].buses == [BusID(3), BusID(4)])
    #expect(groups[3].source?.line == 119)
  }

  @Test func networkLevelData() {
    #expect(parsed.network.name == "Test grid")
    #expect(parsed.network.baseMVA == 100)
  }

  @Test func unconnectedBusIsADiagnosticOnly() {
    #expect(parsed.diagnostics.count == 1)
    #expect(parsed.diagnostics.first?.location?.line == 34)
    #expect(parsed.diagnostics.first?.message.contains("'spare'") == true)
  }

  @Test func readsFromAFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("native-\(UUID().uuidString).yaml").path
    try nativeFixture.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fromFile = try NativeNetworkReader.read(contentsOf: path)
    #expect(fromFile.network.buses.first?.source?.file == path)
    #expect(fromFile.network.branches.count == 4)
  }

  @Test func typeVoltageMismatchIsADiagnostic() throws {
    let text = """
      format: gridtool-network/1
      name: t
      line_types:
        t500: {voltage_kv: 500, r_ohm_per_km: 0.02, x_ohm_per_km: 0.3, rating_mw_per_circuit: 1000}
      buses:
        - {id: a, voltage_kv: 750}
        - {id: b, voltage_kv: 750}
      lines:
        - {id: l, from: a, to: b, type: t500, length_km: 10}
      """
    let result = try NativeNetworkReader.parse(text, file: "t.yaml")
    #expect(result.diagnostics.map(\.location?.line) == [9])
    // Per-unit values use the from bus's voltage, as the format says, not the type's.
    #expect(isClose(result.network.branches[0].reactancePU, 3.0 / 5625))
  }

  @Test func outOfServiceBranchMayHaveZeroReactance() throws {
    let text = nativeHeader + """
      lines:
        - {id: l, from: a, to: b, x_pu: 0, in_service: false}
      """
    let result = try NativeNetworkReader.parse(text, file: "t.yaml")
    #expect(result.network.branches.first?.reactancePU == 0)
    #expect(result.network.branches.first?.inService == false)
  }

  @Test func emptySectionsAreAllowed() throws {
    let text = nativeHeader + "line_types:\nlines:\ntransformers: []\ngenerators: ~\nloads:\nhvdc:\ngroups:\n"
    let result = try NativeNetworkReader.parse(text, file: "t.yaml")
    #expect(result.network.buses.count == 2)
    #expect(result.network.branches.isEmpty && result.network.groups.isEmpty)
    // Both buses are now unconnected.
    #expect(result.diagnostics.map(\.location?.line) == [4, 6])
  }

  @Test func yamlSpellingsOfNumbersAndBooleans() throws {
    let text = nativeHeader + """
      lines:
        - {id: l, from: a, to: b, x_pu: 1_0e-3, rating_mw: 1_000, in_service: yes, estimated: On}
      """
    let line = try #require(try NativeNetworkReader.parse(text, file: "t.yaml").network.branches.first)
    #expect(isClose(line.reactancePU, 0.01))
    #expect(isClose(line.ratingMW, 1000))
    #expect(line.inService && line.lineInfo?.estimated == true)
  }

  @Test func negativeReactanceAllowedPerUnit() throws {
    let text = nativeHeader + """
      lines:
        - {id: l, from: a, to: b, x_pu: -0.01}
      """
    let result = try NativeNetworkReader.parse(text, file: "t.yaml")
    #expect(isClose(result.network.branches[0].reactancePU, -0.01))
    #expect(result.network.branches[0].ratingMW == 0)
  }
}

// MARK: - Errors

/// One malformed input: the error must be a `ParseError` of this kind (case name) at this line.
struct NativeErrorCase: Sendable, CustomTestStringConvertible {
  let label: String
  let yaml: String
  let line: Int
  let kind: String
  var testDescription: String { label }

  init(_ label: String, _ yaml: String, line: Int, _ kind: String) {
    self.label = label
    self.yaml = yaml
    self.line = line
    self.kind = kind
  }
}

/// The case name of a kind, e.g. `duplicateID`, without its payload.
func caseName(_ kind: ParseError.Kind) -> String {
  String(String(describing: kind).prefix { $0 != "(" })
}

private let h = nativeHeader
private let lineType = "line_types:\n  t: {voltage_kv: 220, r_ohm_per_km: 0.1, x_ohm_per_km: 0.4, rating_mw_per_circuit: 100}\n"
private let gridStart = "format: gridtool-network/1\nname: t\nbuses:\n"

let nativeErrorCases: [NativeErrorCase] = [
  // The file as a whole
  NativeErrorCase("YAML syntax error", "format: gridtool-network/1\nname: t\n  bad: x\n", line: 3, "syntax"),
  NativeErrorCase("unclosed flow list", h + "lines: [a, b\ngenerators: []\n", line: 9, "syntax"),
  NativeErrorCase("top level is a list", "- a\n- b\n", line: 1, "syntax"),
  NativeErrorCase("top level is a scalar", "just some text\n", line: 1, "syntax"),
  NativeErrorCase("empty file", "", line: 1, "emptyFile"),
  NativeErrorCase("comments only", "\n# nothing here\n   \n", line: 1, "emptyFile"),
  NativeErrorCase("missing format", "name: t\nbuses: []\n", line: 1, "missingKey"),
  NativeErrorCase("wrong format", "format: gridtool-network/2\nname: t\n", line: 1, "outOfRange"),
  NativeErrorCase("format of another tool", "name: t\nformat: matpower\n", line: 2, "outOfRange"),
  // Unknown and missing keys
  NativeErrorCase("unknown top-level key", h + "colour: red\n", line: 8, "unknownKey"),
  NativeErrorCase("typo in a bus key", gridStart + "  - id: a\n    voltag_kv: 220\n", line: 5, "unknownKey"),
  NativeErrorCase("unknown group section", h + "groups:\n  ring:\n    - id: r\n", line: 9, "unknownKey"),
  NativeErrorCase("unknown hvdc key", h + "hvdc:\n  - id: x\n    form: a\n", line: 10, "unknownKey"),
  NativeErrorCase("receiving_buses in a ring", h + "groups:\n  rings:\n    - {id: r, receiving_buses: [a]}\n", line: 10, "unknownKey"),
  NativeErrorCase("repeated key", gridStart + "  - id: a\n    voltage_kv: 1\n    voltage_kv: 2\n", line: 6, "syntax"),
  NativeErrorCase("missing name", "format: gridtool-network/1\nbuses:\n  - {id: a, voltage_kv: 1}\n", line: 1, "missingKey"),
  NativeErrorCase("missing buses", "format: gridtool-network/1\nname: t\n", line: 1, "missingKey"),
  NativeErrorCase("empty buses", "format: gridtool-network/1\nname: t\nbuses: []\n", line: 3, "other"),
  NativeErrorCase("missing bus voltage", gridStart + "  - id: a\n    region: x\n", line: 4, "missingKey"),
  NativeErrorCase("missing bus id", gridStart + "  - voltage_kv: 1\n", line: 4, "missingKey"),
  NativeErrorCase("missing line end", h + "lines:\n  - id: l\n    from: a\n    x_pu: 0.1\n", line: 9, "missingKey"),
  NativeErrorCase("line without impedance", h + "lines:\n  - {id: l, from: a, to: b}\n", line: 9, "missingKey"),
  NativeErrorCase("type without length", h + lineType + "lines:\n  - {id: l, from: a, to: b, type: t}\n", line: 11, "missingKey"),
  NativeErrorCase("hvdc without receiver", h + "hvdc:\n  - {id: x, from: a, p_mw: 1, rating_mw: 2}\n", line: 9, "missingKey"),
  NativeErrorCase(
    "physical losses without voltage",
    h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: 1, rating_mw: 2, poles: 2, resistance_ohm_per_pole: 1}\n",
    line: 9, "missingKey"),
  // Wrong value types
  NativeErrorCase("text for a number", gridStart + "  - id: a\n    voltage_kv: high\n", line: 5, "invalidNumber"),
  NativeErrorCase("quoted number", gridStart + "  - id: a\n    voltage_kv: \"220\"\n", line: 5, "invalidNumber"),
  NativeErrorCase("list for a number", gridStart + "  - id: a\n    voltage_kv: [220]\n", line: 5, "syntax"),
  NativeErrorCase("number for the bus list", "format: gridtool-network/1\nname: t\nbuses: 5\n", line: 3, "syntax"),
  NativeErrorCase("mapping for the line list", h + "lines:\n  id: l\n", line: 9, "syntax"),
  NativeErrorCase("bus entry is a text", gridStart + "  - a\n", line: 4, "syntax"),
  NativeErrorCase("not a boolean", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, in_service: maybe}\n", line: 9, "syntax"),
  NativeErrorCase("tags not a list", gridStart + "  - {id: a, voltage_kv: 1, tags: hub}\n", line: 4, "syntax"),
  NativeErrorCase("forgotten value", h + "lines:\n  - id: l\n    from: a\n    to: b\n    x_pu:\n    r_pu: 0\n", line: 12, "syntax"),
  NativeErrorCase("fractional bus number", gridStart + "  - {id: a, number: 1.5, voltage_kv: 1}\n", line: 4, "outOfRange"),
  // Duplicates
  NativeErrorCase("duplicate bus id", gridStart + "  - {id: a, voltage_kv: 1}\n  - {id: a, voltage_kv: 1}\n", line: 5, "duplicateID"),
  NativeErrorCase(
    "duplicate bus number", gridStart + "  - {id: a, number: 3, voltage_kv: 1}\n  - {id: b, number: 3, voltage_kv: 1}\n",
    line: 5, "duplicateBus"),
  NativeErrorCase("line id equal to a bus id", h + "lines:\n  - {id: a, from: a, to: b, x_pu: 0.1}\n", line: 9, "duplicateID"),
  NativeErrorCase(
    "duplicate line id", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1}\n  - {id: l, from: b, to: a, x_pu: 0.1}\n",
    line: 10, "duplicateID"),
  NativeErrorCase(
    "transformer id equal to a line id",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1}\ntransformers:\n  - {id: l, from: a, to: b, x_pu: 0.1}\n",
    line: 11, "duplicateID"),
  NativeErrorCase(
    "duplicate generator id",
    h + "generators:\n  - {id: g, bus: a, technology: gas, capacity_mw: 10, p_mw: 5}\n"
      + "  - {id: g, bus: b, technology: gas, capacity_mw: 10, p_mw: 5}\n",
    line: 10, "duplicateID"),
  NativeErrorCase("duplicate load id", h + "loads:\n  - {id: d, bus: a, p_mw: 5}\n  - {id: d, bus: b, p_mw: 5}\n", line: 10, "duplicateID"),
  NativeErrorCase(
    "duplicate hvdc id",
    h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: 1, rating_mw: 2}\n  - {id: x, from: b, to: a, p_mw: 1, rating_mw: 2}\n",
    line: 10, "duplicateID"),
  NativeErrorCase(
    "duplicate region id", h + "groups:\n  regions:\n    - {id: r, buses: [a]}\n    - {id: r, buses: [b]}\n", line: 11,
    "duplicateID"),
  NativeErrorCase("duplicate line type", h + lineType + String(lineType.dropFirst("line_types:\n".count)), line: 10, "duplicateID"),
  // References
  NativeErrorCase("line to an unknown bus", h + "lines:\n  - {id: l, from: a, to: zz, x_pu: 0.1}\n", line: 9, "unknownBus"),
  NativeErrorCase(
    "generator at an unknown bus", h + "generators:\n  - {id: g, bus: zz, technology: gas, capacity_mw: 1, p_mw: 1}\n", line: 9,
    "unknownBus"),
  NativeErrorCase(
    "unknown line in a ring",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1}\ngroups:\n  rings:\n    - id: r\n      lines: [l, m]\n", line: 13,
    "unknownReference"),
  NativeErrorCase("unknown hvdc in a corridor", h + "groups:\n  corridors:\n    - {id: c, hvdc: [x]}\n", line: 10, "unknownReference"),
  NativeErrorCase("unknown bus in a region", h + "groups:\n  regions:\n    - {id: r, buses: [a, q]}\n", line: 10, "unknownBus"),
  NativeErrorCase("unknown line type", h + "lines:\n  - {id: l, from: a, to: b, type: t, length_km: 3}\n", line: 9, "unknownReference"),
  // Values out of range
  NativeErrorCase("line from a bus to itself", h + "lines:\n  - {id: l, from: a, to: a, x_pu: 0.1}\n", line: 9, "other"),
  NativeErrorCase("negative length", h + lineType + "lines:\n  - {id: l, from: a, to: b, type: t, length_km: -3}\n", line: 11, "outOfRange"),
  NativeErrorCase("zero length", h + lineType + "lines:\n  - {id: l, from: a, to: b, type: t, length_km: 0}\n", line: 11, "outOfRange"),
  NativeErrorCase("zero per-unit reactance", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0}\n", line: 9, "zeroReactance"),
  NativeErrorCase(
    "zero per-km reactance", h + "lines:\n  - {id: l, from: a, to: b, length_km: 3, r_ohm_per_km: 0.1, x_ohm_per_km: 0}\n",
    line: 9, "zeroReactance"),
  NativeErrorCase("zero transformer reactance", h + "transformers:\n  - {id: t, from: a, to: b, x_pu: 0}\n", line: 9, "zeroReactance"),
  NativeErrorCase(
    "negative per-km reactance", h + "lines:\n  - {id: l, from: a, to: b, length_km: 3, r_ohm_per_km: 0.1, x_ohm_per_km: -1}\n",
    line: 9, "outOfRange"),
  NativeErrorCase("zero line rating", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, rating_mw: 0}\n", line: 9, "outOfRange"),
  NativeErrorCase(
    "negative transformer rating", h + "transformers:\n  - {id: t, from: a, to: b, x_pu: 0.1, rating_mw: -5}\n", line: 9,
    "outOfRange"),
  NativeErrorCase("zero hvdc rating", h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: 0, rating_mw: 0}\n", line: 9, "outOfRange"),
  NativeErrorCase("zero line type rating", h + "line_types:\n  t: {voltage_kv: 1, r_ohm_per_km: 0, x_ohm_per_km: 1, rating_mw_per_circuit: 0}\n", line: 9, "outOfRange"),
  NativeErrorCase("no circuits", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, circuits: 0}\n", line: 9, "outOfRange"),
  NativeErrorCase(
    "negative capacity", h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: -10, p_mw: 0}\n", line: 9,
    "outOfRange"),
  NativeErrorCase(
    "capacity below p_min_mw", h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: -10, p_min_mw: -5, p_mw: -6}\n",
    line: 9, "outOfRange"),
  NativeErrorCase(
    "concave cost", h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1, cost: {c2_per_mw2h: -1}}\n",
    line: 9, "outOfRange"),
  NativeErrorCase(
    "cost points not increasing",
    h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1,\n"
      + "     cost: {points_mw: [0, 5, 5], points_per_h: [0, 50, 60]}}\n", line: 10, "other"),
  NativeErrorCase(
    "cost points of unequal length",
    h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1,\n"
      + "     cost: {points_mw: [0, 5], points_per_h: [0]}}\n", line: 10, "other"),
  NativeErrorCase(
    "polynomial and points",
    h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1,\n"
      + "     cost: {c1_per_mwh: 5, points_mw: [0, 5], points_per_h: [0, 1]}}\n", line: 10, "other"),
  NativeErrorCase(
    "unknown cost key", h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1, cost: {per_mwh: 5}}\n",
    line: 9, "unknownKey"),
  NativeErrorCase(
    "infinite cost", h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1, cost: {c1_per_mwh: .inf}}\n",
    line: 9, "nonFinite"),
  NativeErrorCase(
    "too many MATPOWER columns",
    h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: 10, p_mw: 1, matpower_columns: [0,0,0,0,0,0,0,0,0,0,0,0]}\n",
    line: 9, "other"),
  NativeErrorCase(
    "matpower_row twice",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, matpower_row: 1}\n  - {id: m, from: a, to: b, x_pu: 0.1, matpower_row: 1}\n",
    line: 10, "other"),
  NativeErrorCase(
    "matpower_row on some branches only",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, matpower_row: 1}\n  - {id: m, from: a, to: b, x_pu: 0.1}\n", line: 10,
    "missingKey"),
  NativeErrorCase(
    "matpower_row beyond the branches", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, matpower_row: 2}\n", line: 9, "outOfRange"),
  NativeErrorCase("reserved MATPOWER field", h + "matpower_fields:\n  gencost_x: [[1]]\n  bus: [[1]]\n", line: 10, "other"),
  NativeErrorCase("ragged MATPOWER field", h + "matpower_fields:\n  areas: [[1, 2], [3]]\n", line: 9, "other"),
  NativeErrorCase(
    "unknown technology", h + "generators:\n  - {id: g, bus: a, technology: fusion, capacity_mw: 10, p_mw: 1}\n", line: 9,
    "outOfRange"),
  NativeErrorCase("hvdc above rating", h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: -900, rating_mw: 800}\n", line: 9, "outOfRange"),
  NativeErrorCase(
    "reversed link to an external system", h + "hvdc:\n  - {id: x, from: a, external: Far, p_mw: -100, rating_mw: 800}\n", line: 9,
    "outOfRange"),
  NativeErrorCase(
    "hvdc with both to and external", h + "hvdc:\n  - {id: x, from: a, to: b, external: Far, p_mw: 1, rating_mw: 8}\n", line: 9,
    "other"),
  NativeErrorCase(
    "hvdc with both loss models",
    h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: 1, rating_mw: 8, poles: 2, voltage_kv: 500,\n"
      + "     resistance_ohm_per_pole: 1, loss1: 0.01}\n", line: 10, "other"),
  NativeErrorCase(
    "three poles", h + "hvdc:\n  - {id: x, from: a, to: b, p_mw: 1, rating_mw: 8, poles: 3, voltage_kv: 500, resistance_ohm_per_pole: 1}\n",
    line: 9, "outOfRange"),
  NativeErrorCase(
    "per-unit and per-km data", h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1, length_km: 3, x_ohm_per_km: 0.3}\n", line: 9,
    "other"),
  NativeErrorCase("NaN", gridStart + "  - {id: a, voltage_kv: .nan}\n", line: 4, "nonFinite"),
  NativeErrorCase("infinity", h + "loads:\n  - {id: d, bus: a, p_mw: -.inf}\n", line: 9, "nonFinite"),
  NativeErrorCase("overflowing number", h + "loads:\n  - {id: d, bus: a, p_mw: 1e999}\n", line: 9, "nonFinite"),
  NativeErrorCase("latitude above 90", gridStart + "  - {id: a, voltage_kv: 1, lat: 91}\n", line: 4, "outOfRange"),
  NativeErrorCase("longitude below -180", gridStart + "  - id: a\n    voltage_kv: 1\n    lon: -181\n", line: 6, "outOfRange"),
  NativeErrorCase("negative base voltage", gridStart + "  - {id: a, voltage_kv: -1}\n", line: 4, "outOfRange"),
  NativeErrorCase(
    "line by length from a bus without base voltage",
    "format: gridtool-network/1\nname: t\nbuses:\n  - {id: a, voltage_kv: 0}\n  - {id: b, voltage_kv: 220}\n"
      + "lines:\n  - {id: l, from: a, to: b, length_km: 10, r_ohm_per_km: 0.1, x_ohm_per_km: 0.4}\n", line: 7, "other"),
  NativeErrorCase("unknown bus type", gridStart + "  - {id: a, voltage_kv: 1, type: slack}\n", line: 4, "outOfRange"),
  NativeErrorCase("bus number zero", gridStart + "  - {id: a, number: 0, voltage_kv: 1}\n", line: 4, "outOfRange"),
  NativeErrorCase("zero base MVA", "format: gridtool-network/1\nname: t\nbase_mva: 0\n", line: 3, "outOfRange"),
  NativeErrorCase(
    "corridor line with no receiving end",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1}\ngroups:\n  corridors:\n    - id: c\n      lines: [l]\n", line: 13,
    "other"),
  NativeErrorCase(
    "corridor line with both ends receiving",
    h + "lines:\n  - {id: l, from: a, to: b, x_pu: 0.1}\ngroups:\n  corridors:\n    - id: c\n      receiving_buses: [a, b]\n"
      + "      lines: [l]\n", line: 14, "other"),
]

@Suite("NativeNetworkReader: errors")
struct NativeNetworkReaderErrorTests {
  @Test(arguments: nativeErrorCases)
  func reportsTheErrorAtItsLine(_ errorCase: NativeErrorCase) {
    do {
      let result = try NativeNetworkReader.parse(errorCase.yaml, file: "bad.yaml")
      Issue.record("expected \(errorCase.kind) at line \(errorCase.line), but the file was read: \(result.network.name)")
    } catch {
      #expect(caseName(error.kind) == errorCase.kind, "\(error)")
      #expect(error.location.line == errorCase.line, "\(error)")
      #expect(error.location.file == "bad.yaml")
    }
  }

  private func parseError(_ yaml: String) -> ParseError? {
    do {
      _ = try NativeNetworkReader.parse(yaml, file: "bad.yaml")
      return nil
    } catch {
      return error
    }
  }

  @Test func unknownKeyNamesTheAllowedKeysAndColumn() throws {
    let error = try #require(parseError(gridStart + "  - id: a\n    voltag_kv: 220\n"))
    guard case .unknownKey(let key, let allowed) = error.kind else {
      Issue.record("expected unknownKey, got \(error)")
      return
    }
    #expect(key == "voltag_kv")
    #expect(allowed.contains("voltage_kv") && allowed.contains("lat"))
    #expect(error.location.column == 5)
    #expect(error.description.hasPrefix("bad.yaml:5:5: unknown key 'voltag_kv'"))
  }

  @Test func referenceErrorsNameTheElementAndTarget() throws {
    let unknownBus = try #require(parseError(h + "lines:\n  - {id: l, from: a, to: zz, x_pu: 0.1}\n"))
    #expect(unknownBus.kind == .unknownBus(element: "line 'l'", bus: "'zz'"))
    #expect(unknownBus.location.column == 26)
    let duplicate = try #require(parseError(h + "loads:\n  - {id: d, bus: a, p_mw: 5}\n  - {id: d, bus: b, p_mw: 5}\n"))
    #expect(duplicate.kind == .duplicateID("d"))
    let duplicateNumber = try #require(
      parseError(gridStart + "  - {id: a, number: 3, voltage_kv: 1}\n  - {id: b, number: 3, voltage_kv: 1}\n"))
    #expect(duplicateNumber.kind == .duplicateBus("3"))
  }

  @Test func rangeErrorsSayWhatIsExpected() throws {
    let error = try #require(parseError(h + "generators:\n  - {id: g, bus: a, technology: coal, capacity_mw: -10, p_mw: 0}\n"))
    #expect(error.kind == .outOfRange(field: "'capacity_mw' of generator 'g'", value: "-10", expected: "≥ 0 MW"))
    let nan = try #require(parseError(gridStart + "  - {id: a, voltage_kv: .nan}\n"))
    #expect(nan.kind == .nonFinite(field: "'voltage_kv' of bus 'a'"))
  }

  @Test func unreadableAndBinaryFiles() throws {
    let missing = "/nonexistent/\(UUID().uuidString).yaml"
    #expect(throws: ParseError(.unreadable(reason: "no such file"), at: SourceLocation(file: missing, line: 1))) {
      try NativeNetworkReader.read(contentsOf: missing)
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("native-\(UUID().uuidString).yaml").path
    try Data([0x66, 0x6F, 0x00, 0xFF]).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ParseError(.binary, at: SourceLocation(file: path, line: 1, column: 3))) {
      try NativeNetworkReader.read(contentsOf: path)
    }
  }
}
