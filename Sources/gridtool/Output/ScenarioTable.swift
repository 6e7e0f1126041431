import GridCore

/// The human report of `gridtool scenario`: energy balance, corridor and HVDC
/// energies, monthly corridor energies, the most loaded branches, regions.
struct ScenarioTable {
  let result: ScenarioResult
  let top: Int

  /// MWh as GWh with one decimal.
  static func gwh(_ mwh: Double) -> String { Fmt.fixed(mwh / 1000, 1) }

  func render() -> String {
    let r = result, t = r.totals
    let last = r.start.adding(hours: r.hours - 1)
    var out = "Scenario: \(r.scenarioName)\nNetwork: \(r.networkName)\n"
    out += "Period: \(r.start) to \(last) (\(Fmt.groupThousands(String(r.hours))) h); topologies: \(r.topologies)\n\n"

    var balance = TextTable(["energy", "GWh", "note"], leftAligned: [0, 2])
    balance.add(["demand", Self.gwh(t.demandMWh), "peak \(Fmt.mw(t.peakDemandMW)) MW"])
    balance.add(["unserved", Self.gwh(t.unservedMWh), "\(t.hoursUnserved) h"])
    for tech in Technology.allCases {
      guard let g = t.generationMWh[tech] else { continue }
      var note = "installed at end \(Fmt.mw(t.installedAtEndMW[tech] ?? 0)) MW"
      let available = t.availableMWh[tech] ?? 0
      if [.wind, .solar].contains(tech), available > 0 {
        note += "; curtailed \(Self.gwh(t.curtailedMWh(tech))) GWh (\(Fmt.pct(100 * t.curtailedMWh(tech) / available)) %)"
      }
      balance.add(["generation: \(tech.rawValue)", Self.gwh(g), note])
    }
    balance.add(["generation: total", Self.gwh(t.generationTotalMWh), ""])
    balance.add(["HVDC sent / delivered", "\(Self.gwh(t.hvdcSentMWh)) / \(Self.gwh(t.hvdcDeliveredMWh))", ""])
    if t.mustRunCutMWh > 0 { balance.add(["must-run cut", Self.gwh(t.mustRunCutMWh), "must-run above the requirement"]) }
    balance.add(["slack |balance|", Self.gwh(t.slackAbsMWh), "max \(Fmt.mw(t.maxAbsSlackMW)) MW"])
    out += balance.render()

    if !r.corridors.isEmpty {
      out += "\nExport corridors\n" + transferTable(r.corridors).render()
      out += "\nMonthly energy sent by corridor (GWh)\n" + monthlyTable(r.corridors).render()
    }
    if !r.hvdc.isEmpty { out += "\nHVDC links\n" + transferTable(r.hvdc).render() }

    let rated = r.branches.filter { $0.maxLoadingPct != nil }
      .sorted { ($0.maxLoadingPct ?? 0) > ($1.maxLoadingPct ?? 0) || (($0.maxLoadingPct ?? 0) == ($1.maxLoadingPct ?? 0) && $0.index < $1.index) }
    if top > 0, !rated.isEmpty {
      out += "\nMost loaded branches (\(min(top, rated.count)) of \(rated.count) with a rating; p95 within \(Fmt.fixed(r.percentileResolutionPct, 1)) %)\n"
      var table = TextTable(["branch", "rating MW", "max %", "p95 %", "mean %", "h > 80 %", "h > 100 %", "h in service"])
      for b in rated.prefix(top) {
        table.add([
          b.name, Fmt.mw(b.ratingMW), Fmt.pct(b.maxLoadingPct), Fmt.pct(b.p95LoadingPct), Fmt.pct(b.meanLoadingPct),
          "\(b.hoursOver80)", "\(b.hoursOver100)", "\(b.hoursInService)",
        ])
      }
      out += table.render()
    }
    let overloaded = r.branches.filter { $0.hoursOver100 > 0 }.count
    out += "\nBranches above their rating in some hour: \(overloaded)\n"
    if let o = r.opf { out += opfSection(o) }

    if r.regions.contains(where: { $0.demandMWh != 0 || $0.curtailedMWh != 0 }) {
      out += "\nRegions (GWh)\n"
      var table = TextTable(["region", "demand", "unserved", "wind", "wind curtailed", "solar", "solar curtailed"])
      for g in r.regions {
        table.add([
          g.name, Self.gwh(g.demandMWh), Self.gwh(g.unservedMWh), Self.gwh(g.windMWh), Self.gwh(g.windAvailableMWh - g.windMWh),
          Self.gwh(g.solarMWh), Self.gwh(g.solarAvailableMWh - g.solarMWh),
        ])
      }
      out += table.render()
    }
    return out
  }

  private func transferTable(_ rows: [TransferStatistics]) -> TextTable {
    var table = TextTable([
      "name", "sent GWh", "delivered GWh", "losses GWh", "loss %", "rating MW", "utilization h", "max MW", "h > rating",
    ])
    for s in rows {
      table.add([
        s.displayName ?? s.name, Self.gwh(s.sentMWh), Self.gwh(s.deliveredMWh), Self.gwh(s.lossMWh),
        Fmt.pct(s.sentMWh != 0 ? 100 * s.lossMWh / s.sentMWh : nil), Fmt.mw(s.ratingMW),
        s.utilizationHours.map { Fmt.fixed($0, 0) } ?? "-", Fmt.mw(s.maxSendMW), "\(s.hoursOverRating)",
      ])
    }
    return table
  }

  private func monthlyTable(_ rows: [TransferStatistics]) -> TextTable {
    var table = TextTable(["corridor"] + result.months)
    for s in rows { table.add([s.name] + s.monthlySentMWh.map { Fmt.fixed($0 / 1000, 0) }) }
    return table
  }

  /// The OPF modes: slack hours, binding limits with their prices, free links' limits.
  func opfSection(_ o: ScenarioOPFSummary) -> String {
    var out = "\nDispatch: \(o.mode.rawValue) (hourly DC OPF\(o.mode == .scopf ? " with preventive N-1" : ""))"
    out += "; constraint-generation rounds \(o.securityRounds) in \(o.hoursWithSecurityRounds) h\n"
    out += "Hours with priced slack: \(o.slackHours.count) (export cut \(Self.gwh(o.exportCutMWh)) GWh in \(o.hoursExportCut) h)\n"
    if !o.slackHours.isEmpty {
      var table = TextTable(["hour", "unserved MW", "export cut MW", "must-run cut MW", "binding limits (highest price first)"], leftAligned: [0, 4])
      for h in o.slackHours.prefix(max(top, 1)) {
        table.add([
          h.time.description, Fmt.mw(h.unservedMW), Fmt.mw(h.exportCutMW), Fmt.mw(h.mustRunCutMW),
          h.cause.prefix(3).map(\.description).joined(separator: "; "),
        ])
      }
      out += table.render()
      if o.slackHours.count > top { out += "… \(o.slackHours.count - top) more (see --format json)\n" }
    }
    if !o.binding.isEmpty {
      out += "\nBinding limits (\(min(top, o.binding.count)) of \(o.binding.count), most hours first; shadow prices $/MWh)\n"
      var table = TextTable(["limit", "hours", "mean price", "max price"], leftAligned: [0])
      for b in o.binding.prefix(top) {
        table.add([b.constraint.description, "\(b.hours)", Fmt.fixed(b.meanPricePerMWh, 2), Fmt.fixed(b.maxPricePerMWh, 2)])
      }
      out += table.render()
    }
    for f in o.freeLinks {
      out += "\n\(f.name): sent \(Self.gwh(f.sentMWh)) GWh (\(Fmt.fixed(f.sentMWh / 1e6, 3)) TWh) as decided by the OPF; what limited it, hours (most first)\n"
      var table = TextTable(["limiting constraint", "hours", "share %"], leftAligned: [0])
      let total = f.limitingHours.reduce(0) { $0 + $1.hours }
      for (c, hours) in f.limitingHours.prefix(max(top, 1)) {
        table.add([c.description, "\(hours)", Fmt.pct(100 * Double(hours) / Double(max(1, total)))])
      }
      out += table.render()
    }
    return out
  }
}
