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
        Self.number(c.difference, unit: c.unit), tolerance, c.unit, c.kind.rawValue,
        c.pass ? "PASS" : "FAIL",
      ])
    }
    out += table.render()
    out += "\n\(r.summaryLine).\n"
    out += "calibration: the model was fitted to the figure (true by construction); source consistency: published against published; "
    out += "independent: the model against a fact it was not fitted to; sanity bound: too wide to say much.\n"
    if let s = r.security {
      out += "\nN-1 screen of the year: \(s.insecureHours) insecure hours of \(s.hours) (\(s.contingencies) contingencies, \(s.monitored) monitored branches)\n"
    }
    if let b = r.jiquanBound {
      out += "\nJiquan maximised hour by hour under N-1: \(Fmt.fixed(b.sentMWh / 1e6, 3)) TWh (rating × hours \(Fmt.fixed(b.ratingMW * Double(r.hours) / 1e6, 3)) TWh)\n"
      var table = TextTable(["limiting constraint", "hours", "share %"], leftAligned: [0])
      let total = b.limitingHours.reduce(0) { $0 + $1.hours }
      for (c, hours) in b.limitingHours.prefix(8) {
        table.add([c.description, "\(hours)", Fmt.pct(100 * Double(hours) / Double(max(1, total)))])
      }
      out += table.render()
    }
    out += "\nHow each figure was obtained\n"
    for c in r.checks { out += "\(c.id)  \(c.basis)\n    source: \(c.source)\n" }
    return out
  }
}
