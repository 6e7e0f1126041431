/// The checks of `gridtool validate` (issue 4; docs/validate.md): a scenario's
/// annual figures against published ones, each marked independent or true by
/// calibration.
public enum Validation {
  /// The export-limit study check 4 needs: the Jiquan link and its supply area, as the facts file maps them.
  public static func study(_ facts: PublishedFacts, network: Network) throws(ScenarioError) -> ExportLimitStudy {
    try ExportLimitStudy(network: network, link: facts.jiquanLink, supplyBuses: facts.jiquanSupplyBuses)
  }

  /// Runs every check on a finished scenario run (which must include ``study(_:network:)``).
  public static func report(result: ScenarioResult, facts: PublishedFacts) throws(ParseError) -> ValidationReport {
    var checks: [ValidationCheck] = []
    let at = SourceLocation(file: facts.file, line: 1)
    guard let jiquan = result.hvdc.first(where: { $0.name == facts.jiquanLink }) else {
      throw ParseError(.other("the facts file maps 'jiquan' to HVDC link '\(facts.jiquanLink)', which the network lacks"), at: at)
    }
    func corridor(_ name: String) throws(ParseError) -> TransferStatistics {
      guard let c = result.corridors.first(where: { $0.name == name }) else {
        throw ParseError(.other("the facts file names corridor '\(name)', which the network lacks"), at: at)
      }
      return c
    }
    func fact(_ id: String, _ check: String) throws(ParseError) -> PublishedFacts.Fact { try facts.fact(id, neededBy: check) }
    /// A check of a model value (base units: MWh, MW, h, %) against a fact, in the fact's unit.
    func add(
      _ id: String, _ name: String, _ f: PublishedFacts.Fact, model base: Double, _ comparison: ValidationCheck.Comparison = .within,
      independent: Bool, basis: String
    ) {
      checks.append(
        ValidationCheck(
          id: id, group: Int(String(id.prefix(1))) ?? 0, name: name, published: f.value, model: f.unit.from(base: base),
          unit: f.unit.rawValue, tolerance: f.tolerance ?? 0, comparison: comparison, independent: independent,
          source: "\(f.source) [\(f.tag)]", basis: basis))
    }
    let hours = Double(result.hours)

    // 1. Jiquan 2024 energy and its envelope.
    let sent = try fact("jiquan_2024_sent", "1a"), rating = try fact("jiquan_rating", "1b")
    add("1a", "Jiquan energy sent 2024", sent, model: jiquan.sentMWh, independent: false,
      basis: "the jiquan_mw profile is scaled to this figure (generate_profiles.py)")
    let envelope = rating.unit.scale * rating.value * hours
    checks.append(
      ValidationCheck(
        id: "1b", group: 1, name: "Jiquan 2024 energy within rating × hours", published: sent.value, model: sent.unit.from(base: envelope),
        unit: sent.unit.rawValue, tolerance: 0, comparison: .atLeast, independent: true,
        source: "\(rating.source) [\(rating.tag)]",
        basis: "model: \(Int(rating.value)) MW × \(result.hours) h, the most the link can send in the period; it must be at least the published energy"))
    add("1c", "Jiquan mean power 2024", try fact("jiquan_2024_mean_power", "1c"), model: jiquan.sentMWh / hours, independent: false,
      basis: "energy sent / hours; follows from 1a")
    let hoursPublished = sent.unit.scale * sent.value / (rating.unit.scale * rating.value)
    checks.append(
      ValidationCheck(
        id: "1d", group: 1, name: "Jiquan utilization hours 2024", published: hoursPublished, model: jiquan.utilizationHours ?? 0,
        unit: "h", tolerance: hoursPublished * (sent.tolerance ?? 0) / sent.value, comparison: .within, independent: false,
        source: "derived: jiquan_2024_sent / jiquan_rating [I]", basis: "energy sent / rating; follows from 1a"))
    add("1e", "Jiquan maximum hourly power", try fact("jiquan_max_power", "1e"), model: jiquan.maxSendMW, .atMost, independent: false,
      basis: "the schedule is capped at this value by construction")

    // 2. Year on year and the cumulative series.
    let growth = try fact("jiquan_yoy_growth", "2a").value / 100
    let implied2023 = jiquan.sentMWh / (1 + growth)
    add("2a", "Jiquan 2023 energy implied by the model and +10.27 %", try fact("jiquan_2023_sent", "2a"), model: implied2023,
      independent: false, basis: "model 2024 energy / (1 + growth); follows from 1a")
    let ytd = try fact("jiquan_2023_ytd_14oct", "2b"), c14 = try fact("jiquan_cumulative_14oct2023", "2b")
    let c2023 = try fact("jiquan_cumulative_end2023", "2b")
    let lowerBound = ytd.value + c2023.value - c14.value
    checks.append(
      ValidationCheck(
        id: "2b", group: 2, name: "Jiquan 2023 energy at least the cumulative series' bound", published: lowerBound,
        model: ytd.unit.from(base: implied2023), unit: ytd.unit.rawValue, tolerance: 0, comparison: .atLeast, independent: true,
        source: "\(ytd.source); \(c14.source); \(c2023.source)",
        basis: "published: > 50 TWh by 14 Oct + (248.458 − 236.541) TWh after it; the cumulative series is not used by the calibration"))
    add("2c", "Jiquan cumulative energy sent by end-2024", try fact("jiquan_cumulative_end2024", "2c"),
      model: c2023.unit.scale * c2023.value + jiquan.sentMWh, independent: false, basis: "248.458 TWh + model 2024; follows from 1a")

    // 3. Delivered energy and losses (the losses come from the link's physical data, not from the calibration).
    let loss = try fact("jiquan_loss_share", "3a")
    let share = jiquan.sentMWh > 0 ? jiquan.lossMWh / jiquan.sentMWh : 0
    add("3a", "Jiquan loss share 2024 vs the cumulative empirical share", loss, model: 100 * share, independent: true,
      basis: "model: losses / sent over the hours (converters 0.7 % each + 2·I²·R); published: 1 − received / sent, cumulative")
    let deliveredPublished = sent.value * (1 - loss.value / 100)
    checks.append(
      ValidationCheck(
        id: "3b", group: 3, name: "Jiquan energy delivered at Guquan 2024", published: deliveredPublished,
        model: sent.unit.from(base: jiquan.deliveredMWh), unit: sent.unit.rawValue, tolerance: sent.value * (loss.tolerance ?? 0) / 100,
        comparison: .within, independent: true, source: "derived: jiquan_2024_sent × (1 − jiquan_loss_share) [I]",
        basis: "model: Σ delivered power over the hours"))
    let received = try fact("jiquan_received_12jan2025", "3c")
    let sentByJan12 = c2023.unit.scale * c2023.value + jiquan.sentMWh + 12 * 24 * jiquan.sentMWh / hours
    add("3c", "Jiquan energy received by 12-Jan-2025", received, model: sentByJan12 * (1 - share), independent: true,
      basis: "model: (248.458 TWh + model 2024 + 12 days at the 2024 mean power) × (1 − model loss share), assuming earlier years lost the same share")

    // 4. Network feasibility of the Jiquan schedule.
    if let study = result.exportLimit {
      add("4a", "Hours the AC grid cannot carry the Jiquan schedule", try fact("jiquan_overload_hours", "4a"),
        model: Double(study.hoursScheduleAboveLimit), .atMost, independent: true,
        basis: "hours in which a branch the Jiquan set-point moves would be above its rating at the schedule and no lower set-point clears it (docs/validate.md)")
      checks.append(
        ValidationCheck(
          id: "4b", group: 4, name: "Upper bound on Jiquan's exportable energy 2024", published: sent.value,
          model: sent.unit.from(base: study.maxExportMWh), unit: sent.unit.rawValue, tolerance: 0, comparison: .atLeast,
          independent: true, source: "\(sent.source) [\(sent.tag)]",
          basis: "Σ hourly limit: the largest set-point with no line it moves above its rating, supplied by the Zhundong area's spare generation, ≤ 12 GW"))
    }

    // 5. Export and new energy.
    var export = 0.0
    for name in facts.exportCorridors { export += try corridor(name).sentMWh }
    add("5a", "Export 2024 over the four corridors", try fact("export_2024", "5a"), model: export, independent: false,
      basis: "Jiquan, Tianzhong and AC-tie schedules are scaled to this total")
    add("5b", "Tianzhong energy sent 2024 (estimate)", try fact("tianzhong_2024", "5b"), model: try corridor(facts.tianzhongCorridor).sentMWh,
      independent: false, basis: "the tianzhong_mw profile is scaled to 45.0 TWh, inside the estimate")
    var ac = 0.0
    for name in facts.acCorridors { ac += try corridor(name).sentMWh }
    add("5c", "AC ties energy sent 2024 (estimate)", try fact("ac_ties_2024", "5c"), model: ac, independent: false,
      basis: "the ac_export_mw profile is the export total less Jiquan and Tianzhong")
    let t = result.totals
    let wind = t.generationMWh[.wind] ?? 0, solar = t.generationMWh[.solar] ?? 0
    add("5d", "Wind generation 2024", try fact("wind_2024", "5d"), model: wind, independent: false,
      basis: "wind availability is scaled so that generation after curtailment meets this figure")
    add("5e", "PV generation 2024", try fact("solar_2024", "5e"), model: solar, independent: false,
      basis: "PV availability is scaled so that generation after curtailment meets this figure")
    add("5f", "New-energy generation 2024", try fact("new_energy_2024", "5f"), model: wind + solar, independent: false,
      basis: "sum of 5d and 5e")
    add("5g", "Installed wind at end-2024", try fact("wind_installed_end2024", "5g"), model: t.installedAtEndMW[.wind] ?? 0,
      independent: false, basis: "the network's wind capacity × the wind_installed profile in the last hour")
    add("5h", "Installed PV at end-2024", try fact("solar_installed_end2024", "5h"), model: t.installedAtEndMW[.solar] ?? 0,
      independent: false, basis: "the network's PV capacity × the solar_installed profile in the last hour")
    add("5i", "Total generation 2024 (estimate)", try fact("generation_2024", "5i"), model: t.generationTotalMWh, independent: false,
      basis: "demand (load profiles scaled to 404.5 TWh) + export; generation equals them")

    return ValidationReport(
      scenarioName: result.scenarioName, factsName: facts.name, factsFile: facts.file, hours: result.hours, checks: checks,
      exportLimit: result.exportLimit)
  }
}
