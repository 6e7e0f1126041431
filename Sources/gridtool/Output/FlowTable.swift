import GridCore

/// The human report of `gridtool solve`.
struct FlowTable {
  let report: FlowReport
  let top: Int

  func render() -> String {
    let n = report.network
    let t = report.totals
    var out = "DC power flow: \(n.name)\n\n"
    var summary = TextTable(["", ""], leftAligned: [0, 1])
    summary.add(["buses", "\(n.buses.count)"])
    summary.add(["branches (in service)", "\(n.branches.count) (\(n.branches.filter(\.inService).count))"])
    summary.add(["generators", "\(n.generators.count)"])
    summary.add(["islands (solved)", "\(report.islands.count) (\(report.islands.filter(\.solved).count))"])
    summary.add(["total generation", "\(Fmt.mw(t.generationMW)) MW"])
    summary.add(["total load", "\(Fmt.mw(t.loadMW)) MW"])
    if t.unservedLoadMW != 0 { summary.add(["load in unsolved islands", "\(Fmt.mw(t.unservedLoadMW)) MW"]) }
    if !n.hvdcLinks.isEmpty {
      summary.add(["HVDC sent / delivered / lost", "\(Fmt.mw(t.hvdcSendMW)) / \(Fmt.mw(t.hvdcReceiveMW)) / \(Fmt.mw(t.hvdcLossMW)) MW"])
    }
    for island in report.islands where island.solved {
      if case .distributed(let rule) = report.result.slackPolicy {
        let label = report.islands.count > 1 ? "slack (island \(island.index + 1))" : "slack"
        let count = island.slackGenerators.count
        let text =
          abs(island.slackMW) < 1e-6
          ? "0 MW: the set-points balance the island (distributed by \(rule.rawValue) otherwise)"
          : "\(Fmt.mw(island.slackMW)) MW shared by \(count) generator\(count == 1 ? "" : "s") (by \(rule.rawValue))"
        summary.add([label, text])
        continue
      }
      for (bus, g) in zip(island.referenceBuses, island.slackGenerators) {
        let label = report.islands.count > 1 ? "slack (island \(island.index + 1), bus \(bus))" : "slack generator (bus \(bus))"
        summary.add([label, "\(Fmt.mw(report.result.generatorMW[g])) MW (set-point \(Fmt.mw(n.generators[g].outputMW)))"])
      }
    }
    summary.add(["overloads", "\(report.overloads.count)"])
    out += section(summary.render(), skippingHeader: true)

    if !report.rings.isEmpty {
      out += "\nRings\n"
      for ring in report.rings {
        out += "\n\(ring.displayName ?? ring.name)  (max loading \(Fmt.pct(ring.maxLoadingPct)) %)\n"
        out += branchTable(ring.branches).render()
      }
    }
    if !report.corridors.isEmpty {
      out += "\nExport corridors\n"
      var table = TextTable(["corridor", "sent MW", "delivered MW", "losses MW", "losses %", "rating MW", "utilization %"])
      for c in report.corridors {
        table.add([
          c.displayName ?? c.name, Fmt.mw(c.sendMW), Fmt.mw(c.receiveMW), Fmt.mw(c.lossMW),
          Fmt.pct(c.sendMW != 0 ? 100 * c.lossMW / c.sendMW : nil), c.ratingMW > 0 ? Fmt.mw(c.ratingMW) : "-",
          Fmt.pct(c.utilizationPct),
        ])
      }
      out += table.render()
    }
    if !n.hvdcLinks.isEmpty {
      out += "\nHVDC links\n"
      var table = TextTable(["link", "from", "to", "sent MW", "delivered MW", "losses MW", "losses %", "rating MW"], leftAligned: [0, 1, 2])
      for (k, link) in n.hvdcLinks.enumerated() {
        let r = report.result.hvdc[k]
        table.add([
          link.name, busLabel(link.from), link.to.map(busLabel) ?? (link.externalReceiver ?? "external"), Fmt.mw(r.sendMW),
          Fmt.mw(r.receiveMW), Fmt.mw(r.lossMW), Fmt.pct(r.sendMW != 0 ? 100 * r.lossMW / r.sendMW : nil),
          link.ratingMW > 0 ? Fmt.mw(link.ratingMW) : "-",
        ])
      }
      out += table.render()
    }
    let ranked = report.loadingPct.indices.filter { report.loadingPct[$0] != nil }
      .sorted { (report.loadingPct[$0] ?? 0) > (report.loadingPct[$1] ?? 0) }
    if top > 0, !ranked.isEmpty {
      out += "\nMost loaded branches (of \(ranked.count) with a rating)\n"
      out += branchTable(Array(ranked.prefix(top))).render()
    }
    out += "\nOverloads\n"
    out += report.overloads.isEmpty ? "none\n" : branchTable(report.overloads).render()
    if !report.diagnostics.isEmpty {
      out += "\nNotes\n" + report.diagnostics.map { "- \($0.message)\n" }.joined()
    }
    return out
  }

  private func busLabel(_ id: BusID) -> String {
    guard let bus = report.network.buses.first(where: { $0.id == id }) else { return id.description }
    return bus.name.isEmpty ? id.description : bus.name
  }

  private func branchTable(_ indices: [Int]) -> TextTable {
    let n = report.network
    var table = TextTable(["branch", "from", "to", "flow MW", "rating MW", "loading %"], leftAligned: [0, 1, 2])
    for k in indices {
      let br = n.branches[k]
      table.add([
        br.name.isEmpty ? "\(k + 1)" : br.name, busLabel(br.from), busLabel(br.to), Fmt.mw(report.result.branchFlowMW[k]),
        br.ratingMW > 0 ? Fmt.mw(br.ratingMW) : "-", Fmt.pct(report.loadingPct[k]),
      ])
    }
    return table
  }

  private func section(_ text: String, skippingHeader: Bool) -> String {
    guard skippingHeader else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
  }
}
