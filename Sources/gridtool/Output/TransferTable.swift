import Foundation
import GridCore

/// The human report (and the CSV of limits) of `gridtool transfer`.
struct TransferTable {
  let capability: TransferCapability
  let network: Network
  let contingencies: [Contingency]
  let options: ContingencyOptions

  func render() -> String {
    let c = capability, d = c.direction
    var out = "Transfer capability: \(d.name) (\(network.name))\n\n"
    var t = TextTable(["", ""], leftAligned: [0, 1])
    t.add(["source", pattern(d.source)])
    t.add(["sink", d.sink.map(pattern) ?? (d.links.isEmpty ? "slack" : "outside the model (HVDC receiving end)")])
    for share in d.links {
      let link = network.hvdcLinks[share.link]
      t.add([
        "HVDC raised", "\(link.name) (share \(Fmt.pct(100 * share.share)) %, set-point \(Fmt.mw(link.setpointMW)) MW, rating \(link.ratingMW > 0 ? Fmt.mw(link.ratingMW) + " MW" : "none"))",
      ])
    }
    t.add(["contingencies", "\(contingencies.count) (rating \(options.rating.rawValue.uppercased()), limit \(Fmt.pct(options.limitPct)) %)"])
    t.add(["transfer headroom", c.transferMW.map { "\(Fmt.mw($0)) MW" + limitingText() } ?? "unlimited"])
    t.add(["branch limit (N-0/N-1)", c.networkLimitMW.map { "\(Fmt.mw($0)) MW" } ?? "none"])
    if let h = c.hvdcRatingLimitMW { t.add(["HVDC rating limit", "\(Fmt.mw(h)) MW (\(c.hvdcRatingLink.map { network.hvdcLinks[$0].name } ?? "-"))"]) }
    if let s = c.sourceCapacityLimitMW { t.add(["source capacity limit", "\(Fmt.mw(s)) MW"]) }
    out += t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    out += "\nMost restrictive branch limits\n"
    if c.limits.isEmpty { return out + "none\n" }
    var limits = TextTable(["transfer MW", "branch", "contingency", "flow MW", "sensitivity", "rating MW"], leftAligned: [1, 2])
    for l in c.limits {
      limits.add([
        Fmt.mw(l.transferMW), branchLabel(l.branch), l.contingency.map { contingencies[$0].label(in: network) } ?? "base case",
        Fmt.mw(l.flowMW), Fmt.fixed(l.sensitivity, 4), Fmt.mw(l.ratingMW) + (l.preExisting ? " (already exceeded)" : ""),
      ])
    }
    return out + limits.render()
  }

  /// `transfer_mw,branch,name,outage,contingency,p_from_mw,sensitivity,rating_mw,pre_existing`, one row per listed limit.
  func csv() -> String {
    var out = "transfer_mw,branch,name,outage,contingency,p_from_mw,sensitivity,rating_mw,pre_existing\n"
    for l in capability.limits {
      let label = l.contingency.map { contingencies[$0].label(in: network) } ?? "base case"
      out += "\(l.transferMW),\(l.branch + 1),\(csvField(network.branches[l.branch].name)),\(l.contingency.map { String($0 + 1) } ?? ""),"
      out += "\(csvField(label)),\(l.flowMW),\(l.sensitivity),\(l.ratingMW),\(l.preExisting ? 1 : 0)\n"
    }
    return out
  }

  private func limitingText() -> String {
    switch capability.limiting {
    case .branch:
      guard let l = capability.limits.first else { return "" }
      let after = l.contingency.map { " after " + contingencies[$0].label(in: network) } ?? " in the base case"
      let already = l.preExisting ? " (already beyond its limit; --ignore-pre-existing to look past it)" : ""
      return " — limited by \(branchLabel(l.branch))\(after)\(already)"
    case .hvdcRating: return " — limited by the HVDC rating of \(capability.hvdcRatingLink.map { network.hvdcLinks[$0].name } ?? "the link")"
    case .sourceCapacity: return " — limited by the capacity left at the source"
    case nil: return ""
    }
  }

  private func pattern(_ p: InjectionPattern) -> String {
    let parts = p.shares.prefix(8).map { share -> String in
      let bus = network.buses[share.bus]
      return "\(bus.name.isEmpty ? bus.id.description : bus.name) \(Fmt.pct(100 * share.share)) %"
    }
    return "\(p.name): " + parts.joined(separator: ", ") + (p.shares.count > 8 ? ", … (\(p.shares.count) buses)" : "")
  }

  private func branchLabel(_ k: Int) -> String {
    let name = network.branches[k].name
    return name.isEmpty ? "branch \(k + 1)" : "branch \(k + 1) \(name)"
  }

  private func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
