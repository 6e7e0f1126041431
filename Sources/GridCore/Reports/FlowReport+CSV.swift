extension FlowReport {
  /// One row per branch: `index,name,from,to,p_from_mw,p_to_mw,rating_mw,loading_pct,in_service`
  /// (`gridtool solve --format csv`); `loading_pct` is empty for an unrated branch, `in_service` 1 or 0.
  public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

  /// The same CSV as UTF-8 bytes, without building a String.
  public func csvBytes() -> [UInt8] {
    // Flows and ratings that are not finite (an infinite RATE_A) have always read `null` here.
    var w = CSVWriter(capacity: 80 * network.branches.count + 100, nonFinite: "null")
    for name in ["index", "name", "from", "to", "p_from_mw", "p_to_mw", "rating_mw", "loading_pct", "in_service"] {
      w.cell(raw: name)
    }
    w.endRow()
    for k in network.branches.indices {
      w.cell(integer: k + 1)
      w.cell(network.branches[k].name)
      w.cell(integer: network.branches[k].from.rawValue)
      w.cell(integer: network.branches[k].to.rawValue)
      w.cell(result.branchFlowMW[k])
      w.cell(-result.branchFlowMW[k])
      w.cell(network.branches[k].ratingMW)
      w.cell(loadingPct[k])
      w.cell(integer: network.branches[k].inService ? 1 : 0)
      w.endRow()
    }
    return w.take()
  }
}
