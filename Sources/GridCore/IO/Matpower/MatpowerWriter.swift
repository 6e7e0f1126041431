import Foundation

/// Writes a network as a MATPOWER version-2 case that ``MatpowerReader`` (and MATPOWER itself)
/// reads back to the same DC model, and that gridtool reads back to the same ``Network``.
///
/// What MATPOWER has a field for goes there: `bus`, `gen`, `branch`, `dcline` (HVDC links between
/// two buses), `gencost` (``Generator/cost``, or the case's own matrix), `bus_name`, `genfuel`
/// (``Generator/matpowerFuel``) and `gentype`. What it has none for is written twice: folded into
/// MATPOWER's fields so that MATPOWER computes the same power flow, and as `mpc.gridtool_*`
/// fields (which MATPOWER ignores) from which gridtool restores it: named loads are added to
/// their bus's `PD`; an HVDC link to a system outside the model is demand at its sending bus;
/// an HVDC link with physical losses is a `dcline` row whose `LOSS1` reproduces its losses at the
/// set-point (the error elsewhere is stated in a comment); names, regions, coordinates, tags,
/// line data and groups are kept in `gridtool_*` fields only. The approximations MATPOWER sees
/// are returned as ``ConversionLoss``es.
public enum MatpowerWriter {
  /// The whole case file (``write(_:)`` without the losses).
  public static func text(for network: Network) -> String {
    write(network).text
  }

  /// The whole case file (`function mpc = name`, `mpc.version = '2'`, `baseMVA`, `bus`, `gen`,
  /// `branch`, then `dcline`, `gencost`, the kept extra matrices, `bus_name`, `genfuel`,
  /// `gentype` and the `gridtool_*` fields when there is something to write), and what MATPOWER
  /// sees differently. Numbers are the shortest text that reads back to the same double.
  public static func write(_ network: Network) -> NetworkConversion {
    var writer = MatpowerCaseWriter(network: network)
    return NetworkConversion(text: writer.write(), losses: writer.losses)
  }

  /// Shortest text that reads back to the same double; whole numbers without a fraction.
  static func number(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "Inf" : "-Inf" }
    if v == v.rounded(), abs(v) < 1e15 { return v == 0 ? (v.sign == .minus ? "-0" : "0") : String(Int64(v)) }
    return "\(v)"
  }

  /// A MATLAB identifier made from a name (letters, digits, underscore; starts with a letter).
  static func identifier(_ name: String) -> String {
    var s = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    if s.isEmpty || !(s.first?.isLetter ?? false) { s = "case_" + s }
    return s
  }
}

/// One write of a case: the text so far and what MATPOWER will see differently.
struct MatpowerCaseWriter {
  let network: Network
  var out = ""
  var losses: [ConversionLoss] = []
  /// Demand written in each bus's PD: its own, plus named loads and HVDC links to external systems.
  var demand: [Double]
  /// Buses whose PD includes more than their own demand.
  var folded: [Int] = []

  init(network: Network) {
    self.network = network
    demand = network.buses.map(\.loadMW)
  }

  mutating func write() -> String {
    out.reserveCapacity(160 * (network.buses.count + network.branches.count + network.generators.count) + 1024)
    let name = MatpowerWriter.identifier(network.name)
    out += "function mpc = \(name)\n"
    out += "%\(name.uppercased())  written by gridtool from network '\(MatlabText.comment(network.name))'.\n\n"
    out += "%% MATPOWER Case Format : Version 2\nmpc.version = '2';\n\n"
    out += "%% system MVA base\nmpc.baseMVA = \(MatpowerWriter.number(network.baseMVA));\n\n"
    foldDemand()
    writeBuses()
    writeGenerators()
    writeBranches()
    writeDCLines()
    writeCosts()
    for extra in network.matpowerExtras {
      out += "\nmpc.\(MatpowerWriter.identifier(extra.field)) = [\n"
      for row in extra.rows { appendRow(row, comment: nil) }
      out += "];\n"
    }
    writeNames()
    writeGridtoolFields()
    return out
  }

  /// Adds named loads and links to external systems to their bus's demand, with a note in the file.
  private mutating func foldDemand() {
    let position = BusIndex(network.buses)
    var touched = Set<Int>()
    for load in network.loads where load.inService {
      guard let p = position[load.bus] else { continue }
      demand[p] += load.demandMW
      touched.insert(p)
    }
    var external: [String] = []
    for link in network.hvdcLinks where link.to == nil {
      guard let p = position[link.from] else { continue }
      let sent = link.transfer().fromMW
      demand[p] += sent
      touched.insert(p)
      external.append("\(link.name) \(MatpowerWriter.number(sent)) MW")
    }
    folded = touched.sorted()
    if !external.isEmpty {
      losses.append(
        ConversionLoss(
          .hvdcLinks, count: external.count,
          "links to systems outside the model are demand at their sending bus for MATPOWER (\(ConversionLoss.examples(external))); gridtool reads them back as links from mpc.gridtool_hvdc"
        ))
    }
  }

  private mutating func writeBuses() {
    out += "%% bus data\n\(MatpowerColumns.busHeader)\nmpc.bus = [\n"
    for (p, b) in network.buses.enumerated() {
      let row: [Double] = [
        Double(b.id.rawValue), Double(b.type.rawValue), demand[p], b.loadMVAr, b.shuntMW, b.shuntMVAr, Double(b.area),
        b.voltagePU, b.angleDeg, b.baseKV, Double(b.zone), b.maxVoltagePU, b.minVoltagePU,
      ]
      appendRow(row, comment: b.name.isEmpty ? nil : b.name)
    }
    out += "];\n"
    let notes = network.loads.filter(\.inService).map { "load '\($0.name)' \(MatpowerWriter.number($0.demandMW)) MW at bus \($0.bus)" }
      + network.hvdcLinks.filter { $0.to == nil }.map {
        "HVDC link '\($0.name)' to \($0.externalReceiver ?? "an external system"): \(MatpowerWriter.number($0.transfer().fromMW)) MW at bus \($0.from)"
      }
    if !notes.isEmpty {
      out += "% PD includes (restored by gridtool from mpc.gridtool_load, mpc.gridtool_hvdc):\n"
      for note in notes { out += "%   \(MatlabText.comment(note))\n" }
    }
  }

  private mutating func writeGenerators() {
    out += "\n%% generator data\n\(MatpowerColumns.genHeader)\nmpc.gen = [\n"
    for g in network.generators {
      var row: [Double] = [
        Double(g.bus.rawValue), g.outputMW, g.outputMVAr, g.maxMVAr, g.minMVAr, g.voltageSetpointPU, g.machineBaseMVA,
        g.inService ? 1 : 0, g.maxMW, g.minMW,
      ]
      row += g.matpowerExtra
      while row.count < MatpowerColumns.genStandard { row.append(0) }
      let label = [g.name, g.technology == .other ? "" : g.technology.rawValue].filter { !$0.isEmpty }.joined(separator: " ")
      appendRow(row, comment: label.isEmpty ? nil : label)
    }
    out += "];\n"
  }

  private mutating func writeBranches() {
    out += "\n%% branch data\n\(MatpowerColumns.branchHeader)\nmpc.branch = [\n"
    for br in network.branches {
      let row: [Double] = [
        Double(br.from.rawValue), Double(br.to.rawValue), br.resistancePU, br.reactancePU, br.chargingPU, br.ratingMW,
        br.shortTermRatingMW, br.emergencyRatingMW, br.tapRatio, br.phaseShiftDeg, br.inService ? 1 : 0,
        br.minAngleDiffDeg, br.maxAngleDiffDeg,
      ]
      appendRow(row, comment: br.name.isEmpty ? nil : br.name)
    }
    out += "];\n"
  }

  /// `gencost`: the case's own matrix when it has one (written with the other kept matrices),
  /// else one row per generator from ``Generator/cost`` when any generator has a cost.
  private mutating func writeCosts() {
    guard !network.matpowerExtras.contains(where: { $0.field == "gencost" }),
      network.generators.contains(where: { $0.cost != nil })
    else { return }
    let missing = network.generators.indices.filter { network.generators[$0].cost == nil }
    if !missing.isEmpty {
      losses.append(
        ConversionLoss(
          .generators, count: missing.count,
          "no cost, written as a zero cost in mpc.gencost (\(ConversionLoss.examples(missing.map { network.generators[$0].name.isEmpty ? "gen \($0 + 1)" : network.generators[$0].name })))"
        ))
    }
    let rows = network.generators.map { g in
      MatpowerCostRows.row(g.cost ?? .zero, startup: g.startupCost, shutdown: g.shutdownCost)
    }
    let width = rows.map(\.count).max() ?? 4
    out += "\n%% generator cost data\n%\t1\tstartup\tshutdown\tn\tx1\ty1\t...\txn\tyn\n%\t2\tstartup\tshutdown\tn\tc(n-1)\t...\tc0\nmpc.gencost = [\n"
    for row in rows { appendRow(row + [Double](repeating: 0, count: width - row.count), comment: nil) }
    out += "];\n"
  }

  /// `bus_name`, `genfuel` and `gentype`: MATPOWER's own cell arrays.
  private mutating func writeNames() {
    if network.buses.contains(where: { !$0.name.isEmpty }) {
      out += "\n%% bus names\n"
      appendCell("bus_name", network.buses.map(\.name))
    }
    if network.generators.contains(where: { $0.technology != .other || $0.fuel != nil }) {
      out += "\n%% generator fuel type\n"
      appendCell("genfuel", network.generators.map(\.matpowerFuel))
    }
    if network.generators.contains(where: { $0.unitType != nil }) {
      out += "\n%% generator unit type\n"
      appendCell("gentype", network.generators.map { $0.unitType ?? "" })
    }
  }

  mutating func appendRow(_ row: [Double], comment: String?) {
    out += "\t"
    for (i, v) in row.enumerated() {
      if i > 0 { out += "\t" }
      out += MatpowerWriter.number(v)
    }
    out += ";"
    if let comment { out += "\t% " + MatlabText.comment(comment) }
    out += "\n"
  }

  mutating func appendCell(_ field: String, _ texts: [String]) {
    out += "mpc.\(field) = {\n"
    for text in texts { out += "\t\(MatlabText.quoted(text));\n" }
    out += "};\n"
  }
}

/// Texts in a MATLAB file: quoted strings and comments stay on one line.
enum MatlabText {
  /// `'text'`, inner quotes doubled, line breaks and other control characters as spaces.
  static func quoted(_ text: String) -> String {
    "'" + oneLine(text).replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// The text on one line, for a `%` comment.
  static func comment(_ text: String) -> String { oneLine(text) }

  /// Whether a text survives ``quoted(_:)`` unchanged.
  static func fitsOneLine(_ text: String) -> Bool { !text.unicodeScalars.contains(where: isControl) }

  private static func oneLine(_ text: String) -> String {
    guard !fitsOneLine(text) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029
  }
}
