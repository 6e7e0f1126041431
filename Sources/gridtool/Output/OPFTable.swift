import GridCore

/// The human report of `gridtool opf`.
struct OPFTable {
  let report: OPFReport
  let top: Int

  func render() -> String {
    let n = report.network, r = report.result, t = report.flow.totals
    let title = report.transfer.map { "DC OPF maximising the transfer on \($0.target.displayName)" } ?? "DC optimal power flow"
    var out = "\(title)\(r.security == nil ? "" : ", preventive N-1"): \(n.name)\n\n"
    var summary = TextTable(["", ""], leftAligned: [0, 1])
    // Without costs (least redispatch) there is no objective in $/h and the duals are no prices.
    let priced = report.transfer?.tieBreak != .leastRedispatch
    if priced { summary.add(["objective", "\(Fmt.fixed(r.objectivePerHour, 2)) $/h"]) }
    summary.add(["total generation", "\(Fmt.mw(t.generationMW)) MW"])
    summary.add(["total load", "\(Fmt.mw(t.loadMW)) MW"])
    if !n.hvdcLinks.isEmpty {
      summary.add(["HVDC sent / delivered / lost", "\(Fmt.mw(t.hvdcSendMW)) / \(Fmt.mw(t.hvdcReceiveMW)) / \(Fmt.mw(t.hvdcLossMW)) MW"])
    }
    summary.add(["islands", "\(report.flow.islands.count)"])
    if priced, let range = report.lmpRangePerMWh {
      summary.add(["LMP (lowest / highest)", "\(Fmt.fixed(range.lowerBound, 2)) / \(Fmt.fixed(range.upperBound, 2)) $/MWh"])
    }
    if priced { summary.add(["binding constraints", "\(r.binding.count)"]) }
    summary.add(["solver", "\(r.solver.name), \(r.solver.problemClass), \(r.solver.iterations) iterations"])
    if let price = r.loadSheddingPricePerMWh {
      summary.add(["load shed", "\(Fmt.mw(r.loadShedMW.reduce(0, +))) MW at \(Fmt.fixed(price, 2)) $/MWh"])
    }
    if let s = r.security {
      if s.rating != .a { summary.add(["post-contingency rating", "RATE_\(s.rating.rawValue.uppercased()) (RATE_A where it is 0)"]) }
      if let price = s.overloadPricePerMWh {
        let total = r.overloads.reduce(0) { $0 + $1.overloadMW }
        summary.add(["post-contingency overloads", "\(Fmt.mw(total)) MW on \(r.overloads.count) limit\(r.overloads.count == 1 ? "" : "s") at \(Fmt.fixed(price, 2)) $/MWh"])
      }
    }
    if r.loadSheddingPricePerMWh != nil || r.security?.overloadPricePerMWh != nil {
      summary.add(["of which penalties", "\(Fmt.fixed(r.penaltyCostPerHour, 2)) $/h"])
    }
    if let s = r.security {
      var skipped = s.securedIslanding.isEmpty ? "" : ", \(s.securedIslanding.count) islanding secured"
      if !s.skippedIslanding.isEmpty { skipped += ", \(s.skippedIslanding.count) islanding skipped (--secure-islanding)" }
      if !s.skippedSingular.isEmpty { skipped += ", \(s.skippedSingular.count) singular skipped" }
      summary.add(["N-1 security", "\(s.outagesConsidered) outages\(skipped) × \(s.monitoredBranches) rated branches"])
      if let worst = s.skippedIslandingOverloads.first {
        let n = s.skippedIslandingOverloads.count
        summary.add([
          "not secured",
          "\(n) of the skipped islanding outages overload\(n == 1 ? "s" : "") a branch at this dispatch (worst: \(report.branchName(worst.branch)) \(Fmt.fixed(worst.loadingPct, 1)) % after the outage of \(report.branchName(worst.outage)))",
        ])
      }
      if let rule = s.hvdcRule {
        let skipped = s.hvdcTripsSkipped.isEmpty ? "" : ", \(s.hvdcTripsSkipped.count) link\(s.hvdcTripsSkipped.count == 1 ? "" : "s") ending inside the model skipped"
        summary.add(["HVDC trips", "\(s.hvdcTripsConsidered) pole and link trips (\(rule.rawValue) rule)\(skipped)"])
      }
      let trips = s.hvdcTripConstraints > 0 ? ", \(s.hvdcTripConstraints) of them after HVDC trips" : ""
      summary.add(["post-contingency limits added", "\(s.constraintsAdded) in \(s.rounds) round\(s.rounds == 1 ? "" : "s")\(trips)"])
    }
    out += summary.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    if let transfer = report.transfer {
      out += "\nMaximum transfer\n" + TransferMaximumTable(report: report, transfer: transfer, top: top).render()
    }

    let shownBinding = r.binding.prefix(priced ? top : 0)
    if !priced {
      // Least redispatch: its duals are no prices; the limits of the transfer are above.
    } else if shownBinding.count == r.binding.count {
      out += "\nBinding constraints\n"
    } else {
      out += "\nBinding constraints (highest \(shownBinding.count) shadow prices of \(r.binding.count))\n"
    }
    if !priced {
    } else if r.binding.isEmpty {
      out += "none\n"
    } else if !shownBinding.isEmpty {
      var table = TextTable(["constraint", "limit", "value", "shadow price"], leftAligned: [0])
      for c in shownBinding {
        let angle = c.kind == .angleDifferenceMax || c.kind == .angleDifferenceMin
        let unit = angle ? "°" : " MW"
        table.add([
          "\(report.elementName(c)) \(label(c.kind))" + (c.outage.map { " after outage of branch \($0 + 1)" } ?? "")
            + (c.trip.map { " after trip of \($0.label(in: report.network))" } ?? ""),
          Fmt.fixed(c.limit, 1) + unit, Fmt.fixed(c.value, 1) + unit,
          Fmt.fixed(c.shadowPrice, 3) + (angle ? " $/h per °" : " $/MWh"),
        ])
      }
      out += table.render()
    }

    if r.security?.overloadPricePerMWh != nil {
      out += "\nPost-contingency overloads (soft limits)\n"
      if r.overloads.isEmpty {
        out += "none\n"
      } else {
        var table = TextTable(["branch", "after outage of", "limit MW", "flow MW", "overload MW"], leftAligned: [0, 1])
        for o in r.overloads.prefix(max(top, 1)) {
          table.add([report.branchName(o.branch), report.branchName(o.outage), Fmt.mw(o.limitMW), Fmt.mw(o.flowMW), Fmt.mw(o.overloadMW)])
        }
        out += table.render()
        if r.overloads.count > max(top, 1) { out += "... and \(r.overloads.count - max(top, 1)) more (--top, or --format json)\n" }
      }
    }
    if r.loadSheddingPricePerMWh != nil {
      let shed = n.buses.indices.filter { r.loadShedMW[$0] > 1e-6 }.sorted { r.loadShedMW[$0] > r.loadShedMW[$1] }
      out += "\nLoad shed\n"
      if shed.isEmpty {
        out += "none\n"
      } else {
        var table = TextTable(["bus", "name", "shed MW", "LMP $/MWh"], leftAligned: [0, 1])
        for p in shed.prefix(max(top, 1)) {
          table.add([n.buses[p].id.description, n.buses[p].name, Fmt.mw(r.loadShedMW[p]), r.lmpPerMWh[p].map { Fmt.fixed($0, 2) } ?? "-"])
        }
        out += table.render()
        if shed.count > max(top, 1) { out += "... and \(shed.count - max(top, 1)) more buses\n" }
      }
    }

    let online = n.generators.indices.filter { n.generators[$0].inService }
      .sorted { r.flow.generatorMW[$0] > r.flow.generatorMW[$1] }
    // Without prices the redispatch table above says what moved.
    if priced, top > 0, !online.isEmpty {
      let shown = online.prefix(top)
      out += "\nGenerators (\(shown.count == online.count ? "all \(online.count)" : "largest \(shown.count) of \(online.count)") in service)\n"
      var table = TextTable(["generator", "bus", "P MW", "PMIN", "PMAX", "cost $/h", "LMP $/MWh", "μ PMIN", "μ PMAX"], leftAligned: [0, 1])
      for k in shown {
        let g = n.generators[k]
        let lmp = n.buses.firstIndex { $0.id == g.bus }.flatMap { r.lmpPerMWh[$0] }
        table.add([
          g.name.isEmpty ? "\(k + 1)" : g.name, g.bus.description, Fmt.mw(r.flow.generatorMW[k]), Fmt.mw(g.minMW),
          Fmt.mw(g.maxMW), Fmt.fixed(r.generatorCostPerHour[k], 2), lmp.map { Fmt.fixed($0, 3) } ?? "-",
          Fmt.fixed(r.muPMinPerMWh[k], 3), Fmt.fixed(r.muPMaxPerMWh[k], 3),
        ])
      }
      out += table.render()
    }

    let ranked = report.flow.loadingPct.indices.filter { report.flow.loadingPct[$0] != nil }
      .sorted { (report.flow.loadingPct[$0] ?? 0) > (report.flow.loadingPct[$1] ?? 0) }
    if top > 0, !ranked.isEmpty {
      out += "\nMost loaded branches (of \(ranked.count) with a rating)\n"
      var table = TextTable(
        ["branch", "from", "to", "flow MW", "rating MW", "loading %"] + (priced ? ["μ from", "μ to"] : []), leftAligned: [0, 1, 2])
      for k in ranked.prefix(top) {
        let b = n.branches[k]
        table.add(
          [
            b.name.isEmpty ? "\(k + 1)" : b.name, b.from.description, b.to.description, Fmt.mw(r.flow.branchFlowMW[k]),
            Fmt.mw(b.ratingMW), Fmt.pct(report.flow.loadingPct[k]),
          ] + (priced ? [Fmt.fixed(r.muFromPerMWh[k], 3), Fmt.fixed(r.muToPerMWh[k], 3)] : []))
      }
      out += table.render()
    }
    let notes = report.flow.diagnostics + report.diagnostics
    if !notes.isEmpty { out += "\nNotes\n" + notes.map { "- \($0.message)\n" }.joined() }
    return out
  }

  private func label(_ kind: DCOPFResult.BindingConstraint.Kind) -> String {
    switch kind {
    case .branchFlowFrom: return "flow limit (from → to)"
    case .branchFlowTo: return "flow limit (to → from)"
    case .angleDifferenceMax: return "ANGMAX"
    case .angleDifferenceMin: return "ANGMIN"
    case .generatorPMax: return "PMAX"
    case .generatorPMin: return "PMIN"
    case .hvdcMax: return "PMAX"
    case .hvdcMin: return "PMIN"
    case .postContingencyFlowFrom: return "flow limit (from → to)"
    case .postContingencyFlowTo: return "flow limit (to → from)"
    case .postContingencyHVDCTripFrom: return "flow limit (from → to)"
    case .postContingencyHVDCTripTo: return "flow limit (to → from)"
    }
  }
}
