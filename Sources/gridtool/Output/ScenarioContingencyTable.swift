import GridCore

/// The human report of `gridtool contingency SCENARIO`: the year N-1 screen.
struct ScenarioContingencyTable {
  let result: ScenarioSecurityResult
  let top: Int

  func render() -> String {
    let r = result, n = r.network, s = r.summary, o = r.options
    var out = "N-1 screen of every hour: \(r.scenarioName) (\(n.name))\n\n"
    var summary = TextTable(["", ""], leftAligned: [0, 1])
    summary.add(["period", "\(r.start) + \(Fmt.groupThousands(String(r.hours))) h (\(r.topologies.count) topolog\(r.topologies.count == 1 ? "y" : "ies"))"])
    summary.add(["contingencies", "\(s.contingencies)"])
    summary.add(["monitored branches", "\(s.monitored) (rating \(o.rating.rawValue.uppercased()), limit \(Fmt.pct(o.limitPct)) %)"])
    if !n.hvdcLinks.isEmpty { summary.add(["HVDC trip rule", o.hvdcRule == .curtail ? "curtail at the sending end" : "slack"]) }
    summary.add([
      "insecure hours",
      "\(Fmt.groupThousands(String(s.insecureHours))) of \(Fmt.groupThousands(String(s.hours))) (\(Fmt.pct(percent(s.insecureHours))) %; N-0: \(s.baseInsecureHours))",
    ])
    summary.add(["contingencies with violations", "\(s.contingenciesWithViolations)"])
    if let worst = s.worstLoadingPct, let b = s.worstBranch, let h = s.worstHour {
      summary.add(["worst loading", "\(Fmt.pct(worst)) % on \(branchLabel(b)) at \(r.time(ofHour: h)) \(after(s.worstContingency))"])
    }
    summary.add(["result", s.secure ? "secure in every hour" : "NOT secure (exit status 2)"])
    out += summary.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    if r.topologies.count > 1 {
      out += "\nTopologies (each screened on its own network)\n"
      var t = TextTable(["topology", "hours", "contingencies", "monitored"], leftAligned: [0])
      for topology in r.topologies {
        t.add([topology.description, Fmt.groupThousands(String(topology.hours)), "\(topology.contingencies)", "\(topology.monitored)"])
      }
      out += t.render()
    }

    let violating = r.outcomes.filter { !$0.violationHours.isEmpty }.sorted {
      $0.violationHours.count != $1.violationHours.count ? $0.violationHours.count > $1.violationHours.count : $0.index < $1.index
    }
    out += "\nContingencies causing violations (most hours first)\n"
    if violating.isEmpty {
      out += "none\n"
    } else {
      var t = TextTable(["contingency", "hours", "first", "last", "worst %", "worst at"], leftAligned: [0, 2, 3, 5])
      for c in violating.prefix(top) {
        t.add([
          r.contingencies[c.index].label(in: n), Fmt.groupThousands(String(c.violationHours.count)),
          c.violationHours.first.map { r.time(ofHour: $0).description } ?? "-", c.violationHours.last.map { r.time(ofHour: $0).description } ?? "-",
          Fmt.pct(c.worstLoadingPct), c.worstHour.map { r.time(ofHour: $0).description } ?? "-",
        ])
      }
      out += t.render() + more(violating.count)
    }

    let ranked = r.branches.filter { $0.worstLoadingPct != nil }.sorted { ($0.worstLoadingPct ?? 0) > ($1.worstLoadingPct ?? 0) }
    if top > 0, !ranked.isEmpty {
      out += "\nMost loaded branches over the period (of \(ranked.count) monitored)\n"
      var t = TextTable(["branch", "worst %", "at", "case", "insecure hours"], leftAligned: [0, 2, 3])
      for b in ranked.prefix(top) {
        t.add([
          branchLabel(b.branch), Fmt.pct(b.worstLoadingPct), b.worstHour.map { r.time(ofHour: $0).description } ?? "-",
          b.worstContingency.map { r.contingencies[$0].label(in: n) } ?? "base case", Fmt.groupThousands(String(b.insecureHours)),
        ])
      }
      out += t.render()
    }
    return out
  }

  private func percent(_ hours: Int) -> Double { result.hours > 0 ? 100 * Double(hours) / Double(result.hours) : 0 }

  private func after(_ contingency: Int?) -> String {
    contingency.map { "after " + result.contingencies[$0].label(in: result.network) } ?? "in the base case"
  }

  private func more(_ count: Int) -> String { count > top ? "… \(count - top) more (see --format json)\n" : "" }

  private func branchLabel(_ k: Int) -> String {
    let name = result.network.branches[k].name
    return name.isEmpty ? "branch \(k + 1)" : "branch \(k + 1) \(name)"
  }
}
