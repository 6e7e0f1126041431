/// The CSV of `gridtool contingency --format csv`: one row per contingency (docs/sensitivity.md),
/// `index,kind,element,name,status,buses_cut_off,load_lost_mw,generation_lost_mw,max_loading_pct,max_loading_branch,violations,violated_branches`,
/// and with flows one more column per branch, `p_from_mw_<row>`. Lists inside a cell are
/// separated by spaces; elements and branches are 1-based input rows.
public enum ContingencyCSV {
  /// The header line (UTF-8, with its newline); `flows` adds a column per branch.
  public static func header(network: Network, flows: Bool) -> [UInt8] {
    var w = CSVWriter(capacity: 160 + (flows ? 16 * network.branches.count : 0))
    for name in [
      "index", "kind", "element", "name", "status", "buses_cut_off", "load_lost_mw", "generation_lost_mw",
      "max_loading_pct", "max_loading_branch", "violations", "violated_branches",
    ] { w.cell(raw: name) }
    if flows { for k in network.branches.indices { w.cell(raw: "p_from_mw_\(k + 1)") } }
    w.endRow()
    return w.take()
  }

  /// One row (UTF-8, with its newline); `flows` adds the post-contingency flows (empty cells
  /// for a singular outcome).
  public static func row(_ o: ContingencyOutcome, network: Network, flows: Span<Double>?) -> [UInt8] {
    var w = CSVWriter(capacity: 128 + 20 * (flows?.count ?? 0))
    let element = o.contingency.branch ?? o.contingency.link ?? o.contingency.generator ?? -1
    let name =
      o.contingency.branch.map { network.branches[$0].name } ?? o.contingency.link.map { network.hvdcLinks[$0].name }
      ?? o.contingency.generator.map { network.generators[$0].name } ?? ""
    w.cell(integer: o.index + 1)
    w.cell(raw: o.contingency.kind)
    w.cell(integer: element + 1)
    w.cell(name)
    w.cell(raw: o.status.rawValue)
    w.cell(raw: o.islanding.map { $0.busesCutOff.map(\.description).joined(separator: " ") } ?? "")
    w.cell(o.islanding?.loadLostMW)
    w.cell(o.islanding?.generationLostMW)
    w.cell(o.maxLoadingPct)
    w.cell(integer: o.maxLoadingBranch.map { $0 + 1 })
    w.cell(integer: o.violations.count)
    w.cell(raw: o.violations.map { String($0.branch + 1) }.joined(separator: " "))
    if let flows {
      for k in 0..<network.branches.count {
        w.cell(o.status != .singular && k < flows.count ? flows[k] : nil)
      }
    }
    w.endRow()
    return w.take()
  }
}

extension ContingencyResult {
  /// The whole CSV report; flow columns when the outcomes kept their flows.
  public func csv() -> String {
    let withFlows = outcomes.contains { $0.flowsMW != nil }
    var bytes = ContingencyCSV.header(network: network, flows: withFlows)
    let empty: [Double] = []
    for o in outcomes {
      if let flows = o.flowsMW {
        bytes += ContingencyCSV.row(o, network: network, flows: flows.span)
      } else {
        bytes += ContingencyCSV.row(o, network: network, flows: withFlows ? empty.span : nil)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
