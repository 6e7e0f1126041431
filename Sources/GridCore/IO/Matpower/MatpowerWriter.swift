/// Writes a network as a MATPOWER version-2 case that ``MatpowerReader`` (and
/// MATPOWER itself) reads back to the same DC model.
///
/// What MATPOWER has no place for is folded in or kept as comments: named loads
/// are added to their bus's `PD`; an HVDC link to a system outside the model
/// becomes a fixed demand at its sending bus; physical HVDC losses become a
/// `dcline` row whose `LOSS1` reproduces the losses at the set-point; names
/// become `mpc.bus_name` and row comments. Groups are not written.
public enum MatpowerWriter {
  /// The whole case file (`function mpc = name`, `mpc.version = '2'`, `baseMVA`, `bus`,
  /// `gen`, `branch`, then `dcline`, the kept extra matrices and `bus_name` when present).
  /// Numbers are the shortest text that reads back to the same double.
  public static func text(for network: Network) -> String {
    var out = ""
    out.reserveCapacity(160 * (network.buses.count + network.branches.count + network.generators.count) + 1024)
    let name = identifier(network.name)
    out += "function mpc = \(name)\n"
    out += "%\(name.uppercased())  written by gridtool from network '\(network.name)'.\n\n"
    out += "%% MATPOWER Case Format : Version 2\nmpc.version = '2';\n\n"
    out += "%% system MVA base\nmpc.baseMVA = \(number(network.baseMVA));\n\n"

    var demand = network.buses.map(\.loadMW)
    let position = BusIndex(network.buses)
    for load in network.loads where load.inService {
      if let p = position[load.bus] { demand[p] += load.demandMW }
    }
    var externalNotes: [String] = []
    for link in network.hvdcLinks where link.to == nil && link.inService {
      if let p = position[link.from] {
        demand[p] += link.setpointMW
        externalNotes.append("%   bus \(link.from): PD includes \(number(link.setpointMW)) MW sent by HVDC link '\(link.name)' to \(link.externalReceiver ?? "an external system")")
      }
    }

    out += "%% bus data\n\(MatpowerColumns.busHeader)\nmpc.bus = [\n"
    for (p, b) in network.buses.enumerated() {
      let row: [Double] = [
        Double(b.id.rawValue), Double(b.type.rawValue), demand[p], b.loadMVAr, b.shuntMW, b.shuntMVAr, Double(b.area),
        b.voltagePU, b.angleDeg, b.baseKV, Double(b.zone), b.maxVoltagePU, b.minVoltagePU,
      ]
      appendRow(row, comment: b.name.isEmpty ? nil : b.name, to: &out)
    }
    out += "];\n"
    if !externalNotes.isEmpty { out += "% HVDC links to systems outside the model, written as demand:\n" + externalNotes.joined(separator: "\n") + "\n" }

    out += "\n%% generator data\n\(MatpowerColumns.genHeader)\nmpc.gen = [\n"
    for g in network.generators {
      var row: [Double] = [
        Double(g.bus.rawValue), g.outputMW, g.outputMVAr, g.maxMVAr, g.minMVAr, g.voltageSetpointPU, g.machineBaseMVA,
        g.inService ? 1 : 0, g.maxMW, g.minMW,
      ]
      row += g.matpowerExtra
      while row.count < MatpowerColumns.genStandard { row.append(0) }
      let label = [g.name, g.technology == .other ? "" : g.technology.rawValue].filter { !$0.isEmpty }.joined(separator: " ")
      appendRow(row, comment: label.isEmpty ? nil : label, to: &out)
    }
    out += "];\n\n%% branch data\n\(MatpowerColumns.branchHeader)\nmpc.branch = [\n"
    for br in network.branches {
      let row: [Double] = [
        Double(br.from.rawValue), Double(br.to.rawValue), br.resistancePU, br.reactancePU, br.chargingPU, br.ratingMW,
        br.shortTermRatingMW, br.emergencyRatingMW, br.tapRatio, br.phaseShiftDeg, br.inService ? 1 : 0,
        br.minAngleDiffDeg, br.maxAngleDiffDeg,
      ]
      appendRow(row, comment: br.name.isEmpty ? nil : br.name, to: &out)
    }
    out += "];\n"

    let internalLinks = network.hvdcLinks.filter { $0.to != nil }
    if !internalLinks.isEmpty {
      out += "\n%%-----  DC Line Data  -----\n\(MatpowerColumns.dclineHeader)\nmpc.dcline = [\n"
      for link in internalLinks {
        guard let to = link.to else { continue }
        var extra = link.matpowerExtra
        if extra.count != 10 { extra = [0, 0, 1, 1, 0, link.ratingMW > 0 ? link.ratingMW : 1e6, 0, 0, 0, 0] }
        let t = link.transfer()
        let (pf, loss0, loss1): (Double, Double, Double)
        switch link.losses {
        case .matpower(let l0, let l1): (pf, loss0, loss1) = (link.setpointMW, l0, l1)
        case .physical:
          // A linear loss equal to the physical loss at the set-point: PT = PF − LOSS1·PF.
          (pf, loss0, loss1) = (t.fromMW, 0, t.fromMW != 0 ? (t.fromMW - t.toMW) / t.fromMW : 0)
        }
        let row: [Double] =
          [Double(link.from.rawValue), Double(to.rawValue), link.inService ? 1 : 0, pf, t.toMW] + extra + [loss0, loss1]
        appendRow(row, comment: link.name.isEmpty ? nil : link.name, to: &out)
      }
      out += "];\n"
    }

    for extra in network.matpowerExtras {
      out += "\nmpc.\(identifier(extra.field)) = [\n"
      for row in extra.rows { appendRow(row, comment: nil, to: &out) }
      out += "];\n"
    }

    if network.buses.contains(where: { !$0.name.isEmpty }) {
      out += "\n%% bus names\nmpc.bus_name = {\n"
      for b in network.buses { out += "\t'\(b.name.replacingOccurrences(of: "'", with: "''"))';\n" }
      out += "};\n"
    }
    return out
  }

  private static func appendRow(_ row: [Double], comment: String?, to out: inout String) {
    out += "\t"
    for (i, v) in row.enumerated() {
      if i > 0 { out += "\t" }
      out += number(v)
    }
    out += ";"
    if let comment { out += "\t% " + comment.replacingOccurrences(of: "\n", with: " ") }
    out += "\n"
  }

  /// Shortest text that reads back to the same double; whole numbers without a fraction.
  static func number(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "Inf" : "-Inf" }
    if v == v.rounded(), abs(v) < 1e15 { return v == 0 ? "0" : String(Int64(v)) }
    return "\(v)"
  }

  /// A MATLAB identifier made from a name (letters, digits, underscore; starts with a letter).
  static func identifier(_ name: String) -> String {
    var s = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    if s.isEmpty || !(s.first?.isLetter ?? false) { s = "case_" + s }
    return s
  }
}
