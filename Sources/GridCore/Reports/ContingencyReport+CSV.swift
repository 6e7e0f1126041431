/// The CSV of `gridtool contingency --format csv`: one row per contingency (docs/sensitivity.md),
/// `index,kind,element,name,status,buses_cut_off,load_lost_mw,generation_lost_mw,max_loading_pct,max_loading_branch,violations,violated_branches`,
/// and with flows one more column per branch, `p_from_mw_<row>`. Lists inside a cell are
/// separated by spaces; elements and branches are 1-based input rows.
public enum ContingencyCSV {
  public static func header(network: Network, flows: Bool) -> String {
    var out =
      "index,kind,element,name,status,buses_cut_off,load_lost_mw,generation_lost_mw,max_loading_pct,max_loading_branch,violations,violated_branches"
    if flows { for k in network.branches.indices { out += ",p_from_mw_\(k + 1)" } }
    return out + "\n"
  }

  /// One row; `flows` adds the post-contingency flows (empty cells for a singular outcome).
  public static func row(_ o: ContingencyOutcome, network: Network, flows: Span<Double>?) -> String {
    let element = o.contingency.branch ?? o.contingency.link ?? -1
    let name = o.contingency.branch.map { network.branches[$0].name } ?? o.contingency.link.map { network.hvdcLinks[$0].name } ?? ""
    var out = "\(o.index + 1),\(o.contingency.kind),\(element + 1),\(CSV.field(name)),\(o.status.rawValue),"
    if let i = o.islanding {
      out += i.busesCutOff.map(\.description).joined(separator: " ") + ","
      SensitivityText.appendNumber(i.loadLostMW, to: &out)
      out += ","
      SensitivityText.appendNumber(i.generationLostMW, to: &out)
      out += ","
    } else {
      out += ",,,"
    }
    if let l = o.maxLoadingPct { SensitivityText.appendNumber(l, to: &out) }
    out += ","
    if let b = o.maxLoadingBranch { out += String(b + 1) }
    out += ",\(o.violations.count)," + o.violations.map { String($0.branch + 1) }.joined(separator: " ")
    if let flows {
      for k in 0..<network.branches.count {
        out += ","
        if o.status != .singular, k < flows.count { SensitivityText.appendNumber(flows[k], to: &out) }
      }
    }
    return out + "\n"
  }
}

extension ContingencyResult {
  /// The whole CSV report; flow columns when the outcomes kept their flows.
  public func csv() -> String {
    let withFlows = outcomes.contains { $0.flowsMW != nil }
    var out = ContingencyCSV.header(network: network, flows: withFlows)
    let empty: [Double] = []
    for o in outcomes {
      if let flows = o.flowsMW {
        out += ContingencyCSV.row(o, network: network, flows: flows.span)
      } else {
        out += ContingencyCSV.row(o, network: network, flows: withFlows ? empty.span : nil)
      }
    }
    return out
  }
}
