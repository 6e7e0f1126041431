extension ValidationReport {
  /// The JSON contract of `gridtool validate --format json` (docs/validate.md).
  public func json() -> String {
    var w = JSONWriter(capacity: 600 * checks.count + 2048)
    w.beginObject()
    w.field("format", "gridtool-validate/1")
    w.field("scenario", scenarioName)
    w.field("facts", factsName)
    w.field("facts_file", factsFile)
    w.field("hours", hours)
    w.field("passed", checks.filter(\.pass).count)
    w.field("failed", checks.filter { !$0.pass }.count)
    w.field("all_pass", passed)
    w.field("independent", independentCount)
    w.field("independent_passed", independentPassCount)
    w.field("summary", summaryLine)
    w.beginArray("checks")
    for c in checks {
      w.beginObject()
      w.field("id", c.id)
      w.field("group", c.group)
      w.field("name", c.name)
      w.field("published", c.published)
      w.field("model", c.model)
      w.field("unit", c.unit)
      w.field("difference", c.difference)
      w.field("tolerance", c.tolerance)
      w.field("comparison", c.comparison.rawValue)
      w.field("kind", c.kind.rawValue)
      w.field("independent", c.independent)
      w.field("pass", c.pass)
      w.field("source", c.source)
      w.field("basis", c.basis)
      w.endObject()
    }
    w.endArray()
    if let e = exportLimit {
      w.beginObject("export_limit")
      w.field("link", e.linkName)
      w.field("supply_buses", strings: e.supplyBuses)
      e.writeEnergyAndHours(to: &w)
      w.field("binding_branches", strings: e.bindingBranches.map { "\($0.name): \($0.hours) h" })
      w.endObject()
    }
    if let security {
      w.beginObject("security")
      w.field("hours", security.hours)
      w.field("insecure_hours", security.insecureHours)
      w.field("base_insecure_hours", security.baseInsecureHours)
      w.field("contingencies", security.contingencies)
      w.field("monitored", security.monitored)
      w.endObject()
    }
    if let b = jiquanBound {
      w.beginObject("jiquan_bound")
      w.field("link", b.name)
      w.field("rating_mw", b.ratingMW)
      w.field("sent_mwh", b.sentMWh)
      w.beginArray("limiting")
      for (c, hours) in b.limitingHours {
        w.beginObject()
        w.field("constraint", c.description)
        w.field("kind", c.kind)
        w.field("hours", hours)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endObject()
    return w.text + "\n"
  }

  /// One row per check (`gridtool validate --format csv`): `id,kind,name,published,model,unit,
  /// difference,tolerance,comparison,pass,source,basis`.
  public func csv() -> String {
    var w = CSVWriter(capacity: 400 * (checks.count + 1))
    for h in ["id", "kind", "name", "published", "model", "unit", "difference", "tolerance", "comparison", "pass", "source", "basis"] {
      w.cell(h)
    }
    w.endRow()
    for c in checks {
      w.cell(c.id)
      w.cell(c.kind.rawValue)
      w.cell(c.name)
      w.cell(c.published)
      w.cell(c.model)
      w.cell(c.unit)
      w.cell(c.difference)
      w.cell(c.tolerance)
      w.cell(c.comparison.rawValue)
      w.cell(c.pass ? "true" : "false")
      w.cell(c.source)
      w.cell(c.basis)
      w.endRow()
    }
    return w.text
  }
}
