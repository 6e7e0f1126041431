import GridCore

/// The human report of `gridtool contingency`.
struct ContingencyTable {
  let result: ContingencyResult
  let top: Int

  func render() -> String {
    let n = result.network, s = result.summary, o = result.options
    var out = "N-1 contingency screen: \(n.name)\n\n"
    var summary = TextTable(["", ""], leftAligned: [0, 1])
    summary.add([
      "contingencies", "\(s.contingencies) (\(s.solved) solved, \(s.islanding) islanding, \(s.singular) singular, \(s.inactive) inactive)",
    ])
    summary.add(["monitored branches", "\(s.monitored) (rating \(o.rating.rawValue.uppercased()), limit \(Fmt.pct(o.limitPct)) %)"])
    if !n.hvdcLinks.isEmpty { summary.add(["HVDC trip rule", o.hvdcRule == .curtail ? "curtail at the sending end" : "slack"]) }
    summary.add(["base-case violations", "\(s.baseViolations)"])
    summary.add(["contingencies with violations", "\(s.contingenciesWithViolations) (\(s.violations) violation\(s.violations == 1 ? "" : "s"))"])
    if let worst = s.worstLoadingPct, let b = s.worstBranch, let c = s.worstContingency {
      summary.add(["worst post-contingency loading", "\(Fmt.pct(worst)) % on branch \(branchLabel(b)) after \(result.contingencies[c].label(in: n))"])
    }
    if s.islanding > 0 { summary.add(["largest load cut off", "\(Fmt.mw(s.largestLoadLostMW)) MW"]) }
    summary.add(["result", s.secure ? "secure" : "NOT secure (exit status 2)"])
    out += summary.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    if !result.baseViolations.isEmpty {
      out += "\nBase-case violations\n"
      var t = TextTable(["branch", "flow MW", "rating MW", "loading %"])
      for v in result.baseViolations.prefix(top) { t.add([branchLabel(v.branch), Fmt.mw(v.flowMW), Fmt.mw(v.ratingMW), Fmt.pct(v.loadingPct)]) }
      out += t.render() + more(result.baseViolations.count)
    }

    let violating = result.outcomes.filter { !$0.violations.isEmpty }.sorted { ($0.maxLoadingPct ?? 0) > ($1.maxLoadingPct ?? 0) }
    out += "\nContingencies with violations (worst first)\n"
    if violating.isEmpty {
      out += "none\n"
    } else {
      var t = TextTable(["contingency", "worst branch", "flow MW", "rating MW", "loading %", "violations"], leftAligned: [0, 1])
      for outcome in violating.prefix(top) {
        guard let v = outcome.violations.first else { continue }
        t.add([
          outcome.contingency.label(in: n), branchLabel(v.branch), Fmt.mw(v.flowMW), Fmt.mw(v.ratingMW), Fmt.pct(v.loadingPct),
          "\(outcome.violations.count)",
        ])
      }
      out += t.render() + more(violating.count)
    }

    let islanding = result.outcomes.filter { $0.islanding != nil }.sorted { ($0.islanding?.loadLostMW ?? 0) > ($1.islanding?.loadLostMW ?? 0) }
    if !islanding.isEmpty {
      out += "\nIslanding outages (largest load lost first)\n"
      var t = TextTable(["contingency", "buses cut off", "load lost MW", "generation lost MW", "max loading %"], leftAligned: [0, 1])
      for outcome in islanding.prefix(top) {
        guard let i = outcome.islanding else { continue }
        let buses = i.busesCutOff.prefix(6).map(busLabel).joined(separator: ", ") + (i.busesCutOff.count > 6 ? ", … (\(i.busesCutOff.count))" : "")
        t.add([outcome.contingency.label(in: n), buses, Fmt.mw(i.loadLostMW), Fmt.mw(i.generationLostMW), Fmt.pct(outcome.maxLoadingPct)])
      }
      out += t.render() + more(islanding.count)
    }

    let hvdc = result.outcomes.filter { $0.hvdc != nil }
    if !hvdc.isEmpty {
      out += "\nHVDC trips\n"
      var t = TextTable(["contingency", "lost MW", "curtailed MW", "slack change MW", "max loading %", "violations"])
      for outcome in hvdc {
        guard let h = outcome.hvdc else { continue }
        t.add([
          outcome.contingency.label(in: n), Fmt.mw(h.lostMW), Fmt.mw(h.curtailedMW), Fmt.mw(h.slackChangeMW), Fmt.pct(outcome.maxLoadingPct),
          "\(outcome.violations.count)",
        ])
      }
      out += t.render()
    }

    let ranked = result.branches.filter { $0.worstLoadingPct != nil }.sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) }
    if top > 0, !ranked.isEmpty {
      out += "\nMost loaded branches after a contingency (of \(ranked.count) monitored)\n"
      var t = TextTable(["branch", "base %", "worst %", "worst flow MW", "worst contingency", "violations"], leftAligned: [0, 4])
      for b in ranked.prefix(top) {
        t.add([
          branchLabel(b.branch), Fmt.pct(b.baseLoadingPct), Fmt.pct(b.worstLoadingPct), b.worstFlowMW.map(Fmt.mw) ?? "-",
          b.worstContingency.map { result.contingencies[$0].label(in: n) } ?? "-", "\(b.violationCount)",
        ])
      }
      out += t.render()
    }
    return out
  }

  private func more(_ count: Int) -> String { count > top ? "… \(count - top) more (see --format json)\n" : "" }

  private func branchLabel(_ k: Int) -> String {
    let name = result.network.branches[k].name
    return name.isEmpty ? "\(k + 1)" : "\(k + 1) \(name)"
  }

  private func busLabel(_ id: BusID) -> String {
    guard let bus = result.network.buses.first(where: { $0.id == id }), !bus.name.isEmpty else { return id.description }
    return bus.name
  }
}
