/// Non-finite values of an hour caught where they arise: every profile value of a CSV may be
/// finite (1e307) while its product with a capacity or a static demand, or the hour's sum at a
/// bus, overflows to ±Inf and then NaN. The run stops at the first such hour with the profile
/// values involved and their CSV lines, before anything reaches a flow, a statistic or a report.
extension ScenarioHourModel {
  /// Throws when hour `h`'s availability, dispatch, demand, HVDC transfers or bus injections
  /// (column `column` of `injections`, buses × columns; empty when the run does not solve) are
  /// not all finite.
  func checkFinite(_ s: HourState, hour h: Int, injections: [Double], column: Int) throws(ScenarioError) {
    let n = shuntMW.count
    let injectionsFinite = injections.isEmpty || (0..<n).allSatisfy { injections[column * n + $0].isFinite }
    let finite =
      injectionsFinite && s.requirementMW.isFinite && s.available.allSatisfy(\.isFinite) && s.output.allSatisfy(\.isFinite)
      && s.demand.allSatisfy(\.isFinite) && s.served.allSatisfy(\.isFinite)
      && s.hvdc.allSatisfy { $0.fromMW.isFinite && $0.toMW.isFinite }
    guard !finite else { return }
    throw .nonFinite(hour: scenario.start.adding(hours: h), culprits: culprits(s, hour: h))
  }

  /// The hour's values that are not finite, then the largest, each with the profile value and
  /// CSV line it came from.
  private func culprits(_ s: HourState, hour h: Int) -> [String] {
    let network = scenario.network, profiles = scenario.profiles
    var items: [(mw: Double, text: String)] = []
    func origin(_ value: ProfileValue?) -> String {
      guard case .column(let c)? = value else { return "" }
      return " (profile '\(ParseError.excerpt(profiles.names[c], limit: 40))' = \(profiles.value(c, hour: h)) at \(profiles.location(column: c, hour: h)))"
    }
    func name(_ text: String, _ index: Int) -> String { text.isEmpty ? "\(index + 1)" : "'\(ParseError.excerpt(text, limit: 40))'" }
    for g in network.generators.indices {
      let sources = origin(scenario.generatorCapacity[g]) + origin(scenario.generatorAvailability[g])
      items.append((s.available[g], "generator \(name(network.generators[g].name, g)) available \(s.available[g]) MW\(sources)"))
    }
    for (d, o) in demandOrigin.enumerated() {
      let what = o.isLoad ? "load \(name(network.loads[o.index].name, o.index))" : "the demand of bus \(network.buses[o.index].id)"
      items.append((s.demand[d], "\(what) \(s.demand[d]) MW\(origin(demandProfile[d]?.value))"))
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      items.append((s.hvdc[k].fromMW, "HVDC link \(name(link.name, k)) \(s.setpoint[k]) MW\(origin(scenario.hvdcSchedule[k]))"))
    }
    func size(_ v: Double) -> Double { v.isFinite ? abs(v) : .infinity }
    return items.sorted { size($0.mw) > size($1.mw) }.prefix(4).map(\.text)
  }
}
