extension ScenarioResult {
  /// Loading duration curves (`gridtool scenario --format csv`): one row per step of 1 % of the
  /// hours; column `hours_pct` is p, then one column per corridor (`corridor:<name>`, sending power
  /// as % of its rating) and per rated branch (`branch:<n>:<name>`, or `branch:<n>` when unnamed; loading %), each the value
  /// reached or exceeded during p % of the hours (p = 0: the maximum, p = 100: the minimum).
  /// Values are upper bounds within ``percentileResolutionPct`` (see docs/scenarios.md).
  public func durationCurvesCSV() -> String {
    var names = ["hours_pct"]
    var curves: [[Double]] = []
    for c in corridors {
      guard let curve = c.durationCurvePct else { continue }
      names.append("corridor:\(ScenarioHourlyCSV.clean(c.name))")
      curves.append(curve)
    }
    for b in branches {
      guard let curve = b.durationCurvePct else { continue }
      // Unnamed (MATPOWER) branches are reported as "branch n": the number says it all.
      let unnamed = b.name == "branch \(b.index + 1)"
      names.append(unnamed ? "branch:\(b.index + 1)" : "branch:\(b.index + 1):\(ScenarioHourlyCSV.clean(b.name))")
      curves.append(curve)
    }
    var text = names.joined(separator: ",") + "\n"
    for p in 0...100 {
      text += String(p)
      for curve in curves {
        text += ","
        // The bins are 0.1 % wide: two decimals keep every digit that carries information.
        let v = (curve[p] * 100).rounded() / 100
        text += v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
      }
      text += "\n"
    }
    return text
  }
}
