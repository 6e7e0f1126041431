/// The checks of `gridtool validate` (docs/validate.md): a scenario's year against published
/// figures. Every check has one ``ValidationCheck/Kind``: `calibration` (the model was fitted
/// to the figure), `source consistency` (published against published), `independent` (the
/// model against a fact it was not fitted to) or `sanity bound` (a bound too wide to say much).
/// One physical test counts once.
public enum Validation {
  /// What to run beyond the year itself.
  public struct Options {
    /// Linear solver and threads of every run.
    public var backend: LinearSolverBackend
    /// Threads of every run (the results do not depend on them).
    public var parallelism: Parallelism
    /// Screen the year for N-1 security (`gridtool contingency` on the scenario): check 3a.
    public var security: Bool
    /// Maximise Jiquan hour by hour under N-1 (the grid's own bound on its energy): check 4a.
    public var jiquanBound: Bool
    /// Run the hold-out years the facts name (``PublishedFacts/Fact/scenario``); their checks
    /// are left out otherwise.
    public var holdOut: Bool
    /// Called with (a label of the run, hours done, hours in total).
    public var progress: ((String, Int, Int) -> Void)?

    /// Every run, the automatic backend, all processors.
    public init(
      backend: LinearSolverBackend = .automatic, parallelism: Parallelism = .automatic, security: Bool = true,
      jiquanBound: Bool = true, holdOut: Bool = true, progress: ((String, Int, Int) -> Void)? = nil
    ) {
      self.holdOut = holdOut
      self.backend = backend
      self.parallelism = parallelism
      self.security = security
      self.jiquanBound = jiquanBound
      self.progress = progress
    }
  }

  /// The runs the checks read.
  public struct Runs: Sendable {
    /// The year as the scenario dispatches it.
    public var year: ScenarioResult
    /// Its N-1 screen, when it ran.
    public var security: ScenarioSecuritySummary?
    /// The year with Jiquan dispatched by an N-1 SCOPF between 0 and its rating (everything
    /// else as the scenario has it), when it ran.
    public var jiquanBound: ScenarioResult?
    /// Hold-out years the facts name (``PublishedFacts/Fact/scenario``), by resolved path.
    public var holdOut: [String: ScenarioResult]

    /// The runs, as computed elsewhere.
    public init(
      year: ScenarioResult, security: ScenarioSecuritySummary? = nil, jiquanBound: ScenarioResult? = nil,
      holdOut: [String: ScenarioResult] = [:]
    ) {
      self.year = year
      self.security = security
      self.jiquanBound = jiquanBound
      self.holdOut = holdOut
    }
  }

  /// The scenario with Jiquan (the facts file's `model.jiquan`) free between 0 and its rating,
  /// valued at ``OPFDispatch/exportValuePerMWh``, and the hours dispatched by an N-1 SCOPF: the
  /// most the grid, its N-1 limits, the published capacities and the calibrated demand allow
  /// it to send while the other exports keep their schedules.
  public static func jiquanBoundScenario(_ scenario: Scenario, facts: PublishedFacts) throws(ParseError) -> Scenario {
    guard let k = scenario.network.hvdcLinks.firstIndex(where: { $0.name == facts.jiquanLink }), scenario.network.hvdcLinks[k].to == nil
    else {
      throw ParseError(
        .other("the facts file maps 'jiquan' to HVDC link '\(ParseError.excerpt(facts.jiquanLink))', which the network lacks or which ends inside it"),
        at: facts.location(ofModelKey: "jiquan"))
    }
    var bound = scenario
    bound.dispatchMode = .scopf
    bound.opf.freeLinks = [k]
    bound.name = "\(scenario.name): \(facts.jiquanLink) maximised under N-1"
    return bound
  }

  /// Throws at its line in the facts file when `model` names an HVDC link, bus or corridor the
  /// network lacks: checked before the year is run, not after.
  public static func checkModel(_ facts: PublishedFacts, network: Network) throws(ParseError) {
    func names(_ list: [String]) -> String { ParseError.list(list) }
    let links = network.hvdcLinks.map(\.name)
    guard links.contains(facts.jiquanLink) else {
      throw ParseError(
        .other("the facts file maps 'jiquan' to HVDC link '\(ParseError.excerpt(facts.jiquanLink))', which the network lacks (its HVDC links: \(names(links)))"),
        at: facts.location(ofModelKey: "jiquan"))
    }
    let corridors = network.groups(ofKind: .corridor).map(\.name)
    let named = [("export_corridors", facts.exportCorridors), ("tianzhong_corridor", [facts.tianzhongCorridor]), ("ac_corridors", facts.acCorridors)]
    for (key, list) in named {
      for name in list where !corridors.contains(name) {
        throw ParseError(
          .other("the facts file names corridor '\(ParseError.excerpt(name))' in '\(key)', which the network lacks (its corridors: \(names(corridors)))"),
          at: facts.location(ofModelKey: key))
      }
    }
    let buses = Set(network.buses.flatMap { [$0.name, $0.id.description] })
    for name in facts.jiquanSupplyBuses where !buses.contains(name) {
      throw ParseError(
        .unknownReference(kind: "bus in 'jiquan_supply_buses'", name: name), at: facts.location(ofModelKey: "jiquan_supply_buses"))
    }
  }

  /// Runs the year, its N-1 screen and the Jiquan bound (as `options` asks) and checks them;
  /// the facts' model names are checked against the network first (``checkModel(_:network:)``).
  public static func run(_ scenario: Scenario, facts: PublishedFacts, options: Options = Options()) throws -> ValidationReport {
    try checkModel(facts, network: scenario.network)
    func runOptions(_ label: String) -> ScenarioRunner.Options {
      ScenarioRunner.Options(
        backend: options.backend, parallelism: options.parallelism,
        progress: options.progress.map { p in { p(label, $0, $1) } })
    }
    let year = try ScenarioRunner.run(scenario, options: runOptions("year"))
    var runs = Runs(year: year)
    if options.security {
      var contingency = ContingencyOptions()
      contingency.contingencies = try bothOutageSets(scenario.network)
      let screen = try ScenarioSecurityScreen.run(
        scenario,
        options: ScenarioSecurityScreen.Options(contingency: contingency, backend: options.backend, parallelism: options.parallelism),
        progress: options.progress.map { p in { p("N-1 screen", $0, $1) } })
      runs.security = screen.summary
    }
    if options.jiquanBound, facts.facts["jiquan_2024_sent"] != nil {
      runs.jiquanBound = try ScenarioRunner.run(try jiquanBoundScenario(scenario, facts: facts), options: runOptions("Jiquan bound"))
    }
    for path in options.holdOut ? Set(facts.facts.values.compactMap(\.scenario)).sorted() : [] {
      let holdOut = try ScenarioReader.read(contentsOf: path)
      runs.holdOut[path] = try ScenarioRunner.run(holdOut, options: runOptions(holdOut.name))
    }
    return try report(runs, facts: facts)
  }

  /// The contingencies of `gridtool contingency` with and without `--per-circuit` together:
  /// every in-service branch, one circuit of each branch of several circuits, the HVDC trips.
  public static func bothOutageSets(_ network: Network) throws -> [Contingency] {
    let sensitivity = DCSensitivity(try DCSystem(network, backend: .dense, parallelism: .serial))
    var list = ContingencyAnalysis.defaultContingencies(sensitivity, options: ContingencyOptions())
    for (k, branch) in network.branches.enumerated() where branch.inService && (branch.lineInfo?.circuits ?? 1) > 1 {
      list.append(.circuit(k))
    }
    return list
  }

  /// Every check on finished runs.
  public static func report(_ runs: Runs, facts: PublishedFacts) throws(ParseError) -> ValidationReport {
    let result = runs.year
    var checks: [ValidationCheck] = []
    let at = SourceLocation(file: facts.file, line: 1)
    guard let jiquan = result.hvdc.first(where: { $0.name == facts.jiquanLink }) else {
      throw ParseError(
        .other("the facts file maps 'jiquan' to HVDC link '\(ParseError.excerpt(facts.jiquanLink))', which the network lacks"),
        at: facts.location(ofModelKey: "jiquan"))
    }
    // The 2024 checks (groups 1, 2, 4 and Jiquan's in 3) need the 2024 facts; a facts file for
    // another year carries only the generic checks (security, regional peaks, period energies).
    let year2024 = facts.facts["jiquan_2024_sent"] != nil
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
      kind: ValidationCheck.Kind, basis: String
    ) {
      checks.append(
        ValidationCheck(
          id: id, group: Int(String(id.prefix(1))) ?? 0, name: name, published: f.value, model: f.unit.from(base: base),
          unit: f.unit.rawValue, tolerance: f.tolerance ?? 0, comparison: comparison, kind: kind,
          source: "\(f.source) [\(f.tag)]", basis: basis))
    }
    let hours = Double(result.hours)
    let dispatch = result.opf.map { "the \($0.mode.rawValue) dispatch" } ?? "the rule dispatch"
    let t = result.totals
    var next = 0
    func letter3() -> String {
      defer { next += 1 }
      return "3" + String(UnicodeScalar(UInt8(97 + next)))
    }
    guard year2024 else {
      try genericChecks(runs, facts: facts, into: &checks, letter: letter3)
      return finish(runs, facts: facts, checks: checks)
    }

    // 1. Calibration: the figures the profiles were scaled to (true by construction, unless
    //    the dispatch had to cut a schedule or curtails differently from the calibration).
    let sent = try fact("jiquan_2024_sent", "1a")
    add(
      "1a", "Jiquan energy sent 2024", sent, model: jiquan.sentMWh, kind: .calibration,
      basis: "the jiquan_mw profile is scaled to this figure (generate_profiles.py); \(dispatch) sends it unless it cuts the schedule. Mean power \(fixed(jiquan.sentMWh / hours / 1e3, 2)) GW, utilisation \(fixed(jiquan.utilizationHours ?? 0, 0)) h: the same figure, not separate checks")
    add(
      "1b", "Jiquan maximum hourly power", try fact("jiquan_max_power", "1b"), model: jiquan.maxSendMW, .atMost, kind: .calibration,
      basis: "the schedule is capped at this value by construction")
    var export = 0.0
    for name in facts.exportCorridors { export += try corridor(name).sentMWh }
    add(
      "1c", "Export 2024 over the four corridors", try fact("export_2024", "1c"), model: export, kind: .calibration,
      basis: "Jiquan, Tianzhong and AC-tie schedules are scaled to this total")
    add(
      "1d", "Tianzhong energy sent 2024 (estimate)", try fact("tianzhong_2024", "1d"),
      model: try corridor(facts.tianzhongCorridor).sentMWh, kind: .calibration,
      basis: "the tianzhong_mw profile is scaled to 45.0 TWh, inside the estimate")
    var ac = 0.0
    for name in facts.acCorridors { ac += try corridor(name).sentMWh }
    add(
      "1e", "AC ties energy sent 2024 (estimate)", try fact("ac_ties_2024", "1e"), model: ac, kind: .calibration,
      basis: "the ac_export_mw profile is the export total less Jiquan and Tianzhong")
    let wind = t.generationMWh[.wind] ?? 0, solar = t.generationMWh[.solar] ?? 0
    let windHours = t.fullLoadHours(.wind, hours: result.hours) ?? 0, solarHours = t.fullLoadHours(.solar, hours: result.hours) ?? 0
    add(
      "1f", "Wind generation 2024", try fact("wind_2024", "1f"), model: wind, kind: .calibration,
      basis: "wind availability is scaled so that generation after \(dispatch)'s curtailment meets this figure; full-load hours \(fixed(windHours, 0)) h of the time-weighted capacity follow from it (facts §7 E: 2,000–2,150 h)")
    add(
      "1g", "PV generation 2024", try fact("solar_2024", "1g"), model: solar, kind: .calibration,
      basis: "PV availability is scaled so that generation after \(dispatch)'s curtailment meets this figure; full-load hours \(fixed(solarHours, 0)) h follow from it (facts §7 E: 930–1,070 h). New energy = 1f + 1g, not a separate check")
    add(
      "1h", "Installed wind at end-2024", try fact("wind_installed_end2024", "1h"), model: t.installedAtEndMW[.wind] ?? 0,
      kind: .calibration, basis: "the network's wind capacity × the wind_installed profile in the last hour")
    add(
      "1i", "Installed PV at end-2024", try fact("solar_installed_end2024", "1i"), model: t.installedAtEndMW[.solar] ?? 0,
      kind: .calibration, basis: "the network's PV capacity × the solar_installed profile in the last hour")
    add(
      "1j", "Total generation 2024 (estimate)", try fact("generation_2024", "1j"), model: t.generationTotalMWh, kind: .calibration,
      basis: "demand (load profiles scaled to 404.5 TWh) + export; generation equals them")

    // 2. Source consistency: published figures against each other (no model).
    let growth = try fact("jiquan_yoy_growth", "2a").value / 100
    let ytd = try fact("jiquan_2023_ytd_14oct", "2a"), c14 = try fact("jiquan_cumulative_14oct2023", "2a")
    let c2023 = try fact("jiquan_cumulative_end2023", "2a")
    checks.append(
      ValidationCheck(
        id: "2a", group: 2, name: "Jiquan 2023 from +10.27 % vs the cumulative series", published: ytd.value + c2023.value - c14.value,
        model: sent.value / (1 + growth), unit: sent.unit.rawValue, tolerance: 0, comparison: .atLeast, kind: .sourceConsistency,
        source: "\(sent.source); \(ytd.source); \(c14.source); \(c2023.source)",
        basis: "68.373 TWh / 1.1027 (published 2024 and growth) against > 50 TWh by 14 Oct + (248.458 − 236.541) TWh after it; the model plays no part"))
    let cum2023 = try fact("export_cumulative_end2023", "2b"), cum2024 = try fact("export_cumulative_end2024_f", "2b")
    let export2024 = try fact("export_2024", "2b")
    checks.append(
      ValidationCheck(
        id: "2b", group: 2, name: "2024 export implied by source [F]'s cumulative figure", published: export2024.value,
        model: cum2024.value - cum2023.value, unit: export2024.unit.rawValue, tolerance: export2024.tolerance ?? 0, comparison: .within,
        kind: .sourceConsistency, source: "\(cum2024.source) [\(cum2024.tag)]; \(cum2023.source) [\(cum2023.tag)]",
        basis: "867.6 − 740.8 TWh (cumulative end-2024 by [F], end-2023 by [8]) against 126.4 TWh [30]; the model plays no part"))


    // 3. Independent: the model against facts it was not fitted to.
    try genericChecks(runs, facts: facts, into: &checks, letter: letter3)
    let record = try fact("jiquan_record_day", "3")
    add(
      letter3(), "Jiquan largest daily energy", record, model: jiquan.maxDailySentMWh, kind: .independent,
      basis: "largest calendar-day energy sent by the model (\(jiquan.maxDailySentDay.map { String($0.description.prefix(10)) } ?? "–")); the schedule's shape was not fitted to the record (2023)")
    let loss = try fact("jiquan_loss_share", "3")
    let share = jiquan.sentMWh > 0 ? jiquan.lossMWh / jiquan.sentMWh : 0
    add(
      letter3(), "Jiquan loss share (energy-weighted 2024)", loss, model: 100 * share, kind: .independent,
      basis: "model: Σ hourly losses / Σ sent (converters 0.7 % each + 2·I²·R, facts §3 E); published: 1 − 300.0 TWh received / ≈ 319 TWh sent since 2019 (cumulative, lighter-loaded early years). Weak: a pole resistance of about 8 to 20 Ω passes; one test, counted once")
    let available = (t.availableMWh[.wind] ?? 0) + (t.availableMWh[.solar] ?? 0)
    let utilisation = available > 0 ? 100 * (wind + solar) / available : 100
    add(
      letter3(), "New-energy utilisation (wind + PV used / available)", try fact("new_energy_utilisation", "3"), model: utilisation,
      kind: .independent,
      basis: "1 − curtailment share of \(dispatch) (wind \(fixed(100 * t.curtailedMWh(.wind) / max(1, t.availableMWh[.wind] ?? 1), 1)) %, PV \(fixed(100 * t.curtailedMWh(.solar) / max(1, t.availableMWh[.solar] ?? 1), 1)) % curtailed); Xinjiang 2024 is not published: the 2022 figure, with the spread of 2021–2024")

    // 4. Jiquan's energy against what the grid could carry.
    if let bound = runs.jiquanBound, let b = bound.hvdc.first(where: { $0.name == facts.jiquanLink }) {
      let limits = bound.opf?.freeLinks.first?.limitingHours.prefix(4).map { "\($0.constraint) \($0.hours) h" } ?? []
      // A bound the link's own rating sets in nearly every hour says no more than 4b.
      let envelope = b.ratingMW * hours
      let trivial = envelope > 0 && b.sentMWh >= 0.99 * envelope
      checks.append(
        ValidationCheck(
          id: "4a", group: 4, name: "Jiquan 2024 within the grid's N-1 bound", published: sent.value, model: sent.unit.from(base: b.sentMWh),
          unit: sent.unit.rawValue, tolerance: 0, comparison: .atLeast, kind: trivial ? .sanityBound : .independent,
          source: "\(sent.source) [\(sent.tag)]",
          basis: "Jiquan maximised hour by hour by an N-1 SCOPF (published capacities, calibrated demand, other exports on schedule): the most the model's grid could have sent; limited by \(limits.joined(separator: ", "))"
            + (trivial ? ". Within 1 % of rating × hours: the model's grid almost never limits the link, so this is a sanity bound, not a test" : "")))
    }
    let rating = try fact("jiquan_rating", "4b")
    checks.append(
      ValidationCheck(
        id: "4b", group: 4, name: "Jiquan 2024 within rating × hours", published: sent.value,
        model: sent.unit.from(base: rating.unit.scale * rating.value * hours), unit: sent.unit.rawValue, tolerance: 0,
        comparison: .atLeast, kind: .sanityBound, source: "\(rating.source) [\(rating.tag)]",
        basis: "\(Int(rating.value)) MW × \(result.hours) h: two inputs; passing says only that the link is big enough"))

    return finish(runs, facts: facts, checks: checks)
  }

  private static func finish(_ runs: Runs, facts: PublishedFacts, checks: [ValidationCheck]) -> ValidationReport {
    let result = runs.year
    var report = ValidationReport(
      scenarioName: result.scenarioName, factsName: facts.name, factsFile: facts.file, hours: result.hours, checks: checks,
      exportLimit: nil)
    report.security = runs.security
    report.jiquanBound = runs.jiquanBound?.opf?.freeLinks.first
    return report
  }

  /// The checks any facts file can ask for (group 3): N-1 security of the year (fact
  /// `n1_insecure_hours`), regional peaks and their dates (facts with `region`), energies over
  /// part of the period (facts with `corridors`, `from`, `to`).
  private static func genericChecks(
    _ runs: Runs, facts: PublishedFacts, into checks: inout [ValidationCheck], letter: () -> String
  ) throws(ParseError) {
    let result = runs.year
    if let security = runs.security, let f = facts.facts["n1_insecure_hours"] {
      checks.append(
        ValidationCheck(
          id: letter(), group: 3, name: "N-1 insecure hours of the year", published: f.value, model: Double(security.insecureHours),
          unit: f.unit.rawValue, tolerance: f.tolerance ?? 0, comparison: .atMost, kind: .independent, source: "\(f.source) [\(f.tag)]",
          basis: "gridtool contingency on the year, with and without --per-circuit (\(security.contingencies) contingencies × \(security.monitored) monitored branches, every hour on its own topology): hours with a branch above its rating in the intact network or after an outage; worst \(security.worstLoadingPct.map { fixed($0, 1) } ?? "–") %"))
    }
    for id in facts.order {
      guard let f = facts.facts[id], let regionName = f.region else { continue }
      guard let region = result.regions.first(where: { $0.name == regionName }) else {
        throw ParseError(.other("fact '\(id)' names region '\(regionName)', which the model lacks"), at: f.location)
      }
      checks.append(
        ValidationCheck(
          id: letter(), group: 3, name: "\(regionName) peak load", published: f.value, model: f.unit.from(base: region.peakDemandMW),
          unit: f.unit.rawValue, tolerance: f.tolerance ?? 0, comparison: .within, kind: f.kind ?? .independent,
          source: "\(f.source) [\(f.tag)]",
          basis: "largest hourly demand of the region's buses and loads over the year (at \(region.peakTime?.description ?? "–")); the static loads equal the record, the year's shape was not fitted to it"))
      if let date = f.date, let tolerance = f.dateToleranceDays, let peak = region.peakTime {
        checks.append(
          ValidationCheck(
            id: letter(), group: 3, name: "\(regionName) peak date (\(String(date.description.prefix(10))))", published: 0,
            model: Double(peak.index - date.index) / 24, unit: "d", tolerance: tolerance, comparison: .within, kind: f.kind ?? .independent,
            source: "\(f.source) [\(f.tag)]", basis: "days from the published record day to the model's peak hour (\(peak))"))
      }
    }
    for id in facts.order {
      guard let f = facts.facts[id], let names = f.corridors, let from = f.from, let to = f.to else { continue }
      var source = result
      if let path = f.scenario {
        guard let run = runs.holdOut[path] else { continue }  // not run (the caller's choice)
        source = run
      }
      var mwh = 0.0
      for name in names {
        guard let c = source.corridors.first(where: { $0.name == name }) else {
          throw ParseError(.other("fact '\(id)' names corridor '\(name)', which the network lacks"), at: f.location)
        }
        mwh += c.energyMWh(from: from, to: to, delivered: f.delivered)
      }
      let model = f.offset + f.unit.from(base: mwh)
      let span = "\(String(from.description.prefix(10))) to \(String(to.description.prefix(10)))"
      checks.append(
        ValidationCheck(
          id: letter(), group: 3,
          name: "\(f.delivered ? "Delivered" : "Sent") \(names.count == 1 ? names[0] : "export") \(span)\(f.offset != 0 ? " + before" : "")\(f.scenario != nil ? " (hold-out year)" : "")",
          published: f.value, model: model, unit: f.unit.rawValue, tolerance: f.tolerance ?? 0, comparison: .within,
          kind: f.kind ?? .independent, source: "\(f.source) [\(f.tag)]",
          basis: "model: Σ daily energy \(f.delivered ? "delivered" : "sent") by \(names.joined(separator: ", ")) from \(span) (excluded)\(f.offset != 0 ? " + \(f.offset) \(f.unit.rawValue) published before the period" : "")\(f.scenario != nil ? " in the hold-out year \(source.scenarioName) (not calibrated to it)" : "")"))
    }
  }

  private static func fixed(_ v: Double, _ digits: Int) -> String {
    let scale = pow10(digits)
    let rounded = (v * scale).rounded() / scale
    return digits == 0 ? String(Int(rounded)) : String(rounded)
  }

  private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
}
