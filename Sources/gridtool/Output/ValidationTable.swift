import GridCore

/// The human report of `gridtool validate`: one row per check, then how each figure was obtained.
struct ValidationTable {
  let report: ValidationReport

  static func number(_ v: Double, unit: String) -> String {
    let digits: Int
    switch unit {
    case "TWh", "GW": digits = 3
    case "%": digits = 2
    default: digits = abs(v) >= 100 ? 0 : 1
    }
    return Fmt.fixed(v, digits)
  }

  func render() -> String {
    let r = report
    var out = "Validation of \(r.scenarioName) (\(Fmt.groupThousands(String(r.hours))) h)\nagainst \(r.factsName) (\(r.factsFile))\n\n"
    var table = TextTable(["#", "check", "published", "model", "difference", "tolerance", "unit", "kind", "result"], leftAligned: [0, 1, 6, 7, 8])
    for c in r.checks {
      let tolerance: String
      switch c.comparison {
      case .within: tolerance = "± " + Self.number(c.tolerance, unit: c.unit)
      case .atMost: tolerance = "model ≤ published" + (c.tolerance > 0 ? " + " + Self.number(c.tolerance, unit: c.unit) : "")
      case .atLeast: tolerance = "model ≥ published" + (c.tolerance > 0 ? " − " + Self.number(c.tolerance, unit: c.unit) : "")
      }
      table.add([
        c.id, c.name, Self.number(c.published, unit: c.unit), Self.number(c.model, unit: c.unit),
        Self.number(c.difference, unit: c.unit), tolerance, c.unit, c.independent ? "independent" : "calibration",
        c.pass ? "PASS" : "FAIL",
      ])
    }
    out += table.render()
    let failed = r.checks.filter { !$0.pass }
    let independent = r.checks.filter(\.independent)
    out += "\n\(r.checks.count - failed.count) of \(r.checks.count) checks pass; "
    out += "\(independent.filter(\.pass).count) of \(independent.count) independent checks pass.\n"
    out += "calibration: true by construction (the profiles were scaled to the figure); independent: not used to build the model.\n"
    if let e = r.exportLimit {
      out += "\nJiquan export limit (supply area: \(e.supplyBuses.joined(separator: ", ")))\n"
      out += "  scheduled \(Fmt.fixed(e.scheduledMWh / 1e6, 3)) TWh; most exportable \(Fmt.fixed(e.maxExportMWh / 1e6, 3)) TWh\n"
      out += "  hours the schedule is above the limit: \(e.hoursScheduleAboveLimit) (\(Fmt.fixed(e.energyAboveLimitMWh / 1e3, 1)) GWh); "
      out += "hours with an overload the link moves at the schedule: \(e.hoursOverloadedAtSchedule)\n"
      out += "  limited by the 12 GW rating: \(e.hoursLimitedByRating) h; by spare generation: \(e.hoursLimitedByGeneration) h"
      let branches = e.bindingBranches.prefix(5).map { "\($0.name) \($0.hours) h" }
      out += branches.isEmpty ? "\n" : "; by lines: \(branches.joined(separator: ", "))\n"
    }
    out += "\nHow each figure was obtained\n"
    for c in r.checks { out += "\(c.id)  \(c.basis)\n    source: \(c.source)\n" }
    return out
  }
}
