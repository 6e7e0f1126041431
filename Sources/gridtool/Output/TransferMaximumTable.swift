import GridCore

/// The maximum transfer of `gridtool opf --maximize` and `gridtool transfer --redispatch`: the
/// figures, what holds it back, and the largest redispatch.
struct TransferMaximumTable {
  let report: OPFReport
  let transfer: DCOPFTransferResult
  let top: Int

  /// The summary block and the limits.
  func render() -> String {
    let t = transfer, n = report.network
    var out = ""
    var summary = TextTable(["", ""], leftAligned: [0, 1])
    let security = t.contingencies == nil ? "N-0" : "N-1 secure (the N-1 screen's outages and HVDC trips)"
    summary.add(["maximum transfer", "\(Fmt.mw(t.sentMW)) MW sent on \(t.target.displayName), \(security)"])
    if !t.target.isAC {
      summary.add(["delivered", "\(Fmt.mw(t.deliveredMW)) MW (loss model: \(Fmt.mw(t.deliveredExactMW)) MW)"])
      let segments = t.lossModels.map(\.segments).max() ?? 0
      summary.add(["HVDC loss model", "piecewise linear, \(segments) segment\(segments == 1 ? "" : "s"), max error \(Fmt.fixed(t.lossModelMaxErrorMW, 3)) MW"])
    }
    summary.add(["scheduled in the file", "\(Fmt.mw(t.scheduledMW)) MW (\(t.sentMW >= t.scheduledMW ? "+" : "")\(Fmt.mw(t.sentMW - t.scheduledMW)) MW)"])
    if t.target.ratingMW > 0 { summary.add(["corridor rating", "\(Fmt.mw(t.target.ratingMW)) MW"]) }
    let tie = t.tieBreak == .cost ? "least cost at the maximum" : "least redispatch at the maximum (the file has no costs)"
    summary.add(["dispatch", "\(tie); \(Fmt.mw(t.redispatchMW)) MW moved from the file's set-points"])
    if t.contingencies != nil {
      summary.add(["post-contingency limits added", "\(t.securityConstraints) in \(t.securityRounds) round\(t.securityRounds == 1 ? "" : "s")"])
    }
    out += summary.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    out += "\nWhat limits the transfer (MW more per MW of limit)\n"
    if t.limits.isEmpty {
      out += "none\n"
    } else {
      var table = TextTable(["limit", "MW/MW"], leftAligned: [0])
      for limit in t.limits.prefix(max(top, 1)) { table.add([limit.name, Fmt.fixed(limit.sensitivity, 3)]) }
      out += table.render()
      if t.limits.count > max(top, 1) { out += "... and \(t.limits.count - max(top, 1)) more (--top, or --format json)\n" }
    }

    let moved = n.generators.indices.filter { n.generators[$0].inService && abs(report.result.flow.generatorMW[$0] - n.generators[$0].outputMW) > 0.05 }
      .sorted { abs(report.result.flow.generatorMW[$0] - n.generators[$0].outputMW) > abs(report.result.flow.generatorMW[$1] - n.generators[$1].outputMW) }
    out += "\nRedispatch (largest changes from the file's set-points)\n"
    if moved.isEmpty {
      out += "none\n"
    } else {
      var table = TextTable(["generator", "bus", "set-point MW", "P MW", "change MW", "PMAX"], leftAligned: [0, 1])
      for g in moved.prefix(max(top, 1)) {
        let gen = n.generators[g], p = report.result.flow.generatorMW[g]
        let bus = n.buses.first { $0.id == gen.bus }
        table.add([
          gen.name.isEmpty ? "\(g + 1)" : gen.name, bus.map { $0.name.isEmpty ? $0.id.description : $0.name } ?? gen.bus.description,
          Fmt.mw(gen.outputMW), Fmt.mw(p), (p >= gen.outputMW ? "+" : "") + Fmt.mw(p - gen.outputMW), Fmt.mw(gen.maxMW),
        ])
      }
      out += table.render()
      if moved.count > max(top, 1) { out += "... and \(moved.count - max(top, 1)) more generators\n" }
    }
    return out
  }
}
