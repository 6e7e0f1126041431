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
    w.endObject()
    return w.text + "\n"
  }
}
