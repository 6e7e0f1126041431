import ArgumentParser
import GridCore

struct TransferCommand: ShardedCommand {
  static let configuration = CommandConfiguration(
    commandName: "transfer",
    abstract: "Transfer capability: the largest increment in a direction before an N-0 or N-1 limit binds.",
    discussion: """
      One linear step (PowerWorld): for every monitored branch, in the base case and after \
      every contingency, the transfer at which its flow reaches the rating (OTDF = PTDF + \
      LODF·PTDF); the smallest wins, with its branch and contingency. --corridor raises a \
      corridor of the network file (an HVDC corridor: the link set-points, supplied pro rata by \
      --from's generation); --from/--to move power between two groups (a group or region of the \
      file, 'tag:TAG', or a bus list). Exit status: 0 when the job ran, 1 on an error in the \
      input or the computation, 64 on a usage error. See docs/sensitivity.md.

      With a scenario file (format: gridtool-scenario/1) the study runs in every hour, on \
      that hour's topology and operating point: the table and JSON summarize the headroom \
      (annual energy, percentiles, most frequent limiting elements), --format csv gives the \
      duration curve and --hourly PATH every hour's headroom and limiting element. --shard k/N \
      studies one of N hour ranges and writes a partial result; `gridtool merge` gives the \
      whole study (docs/scale-out.md).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var dispatchOptions: DispatchOptions
  @OptionGroup var shardOptions: ShardOptions

  @Option(help: "Export corridor of the network file (groups: corridors).")
  var corridor: String?

  @Option(help: "Source: a group, 'tag:TAG' or a bus list (default for a corridor: see docs/sensitivity.md).")
  var from: String?

  @Option(help: "Sink: a group, 'tag:TAG' or a bus list.")
  var to: String?

  @Option(help: "How the source shares the transfer: generation, capacity, load or equal.")
  var sourceBy: ParticipationRule = .generation

  @Option(help: "How the sink shares the transfer: load, generation, capacity or equal.")
  var sinkBy: ParticipationRule = .load

  @Option(help: "Monitored branches (1-based rows, ranges a-b, names), comma-separated (default: every rated branch).")
  var monitor: String?

  @Flag(help: "Base case (N-0) only: no contingencies.")
  var noN1 = false

  @Flag(help: "Leave HVDC pole and link trips out of the contingencies.")
  var noHVDC = false

  @Flag(help: "A branch standing for several circuits loses one circuit, not all of them.")
  var perCircuit = false

  @Option(help: "Power an HVDC trip no longer carries: curtail (at the sending end) or slack.")
  var hvdcRule: HVDCOutageRule = .curtail

  @Option(help: "Post-contingency rating: a, b or c.")
  var rating: RatingSet = .a

  @Option(help: "Loading that limits the transfer, % of the rating.")
  var limit: Double = 100

  @Option(help: "Sensitivities (MW/MW) below this never limit.")
  var minSensitivity: Double = 1e-3

  @Flag(help: "Ignore branches already beyond their limit before the transfer (by default they limit it to 0 when it loads them further).")
  var ignorePreExisting = false

  @Option(help: "Number of limiting elements listed.")
  var top = 10

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Option(help: "Scenario input: also write every hour's headroom and limiting element to this CSV file.")
  var hourly: String?

  @Option(help: "Scenario input: hours per dispatch block.")
  var chunk = 512

  @Flag(help: "Scenario input: print the time each phase took to stderr.")
  var timings = false

  func validate() throws {
    guard chunk > 0 else { throw ValidationError("--chunk must be at least 1") }
    if hourly != nil, !InputFiles.isScenario(input.file) { throw ValidationError("--hourly needs a scenario file") }
    guard corridor != nil || (from != nil && to != nil) else { throw ValidationError("give --corridor NAME, or --from and --to") }
    guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    guard limit > 0, limit.isFinite else { throw ValidationError("--limit must be a positive percentage") }
    guard minSensitivity >= 0 else { throw ValidationError("--min-sensitivity must be 0 or more") }
    if shardOptions.shard != nil {
      guard InputFiles.isScenario(input.file) else { throw ValidationError("--shard needs a scenario file") }
      guard hourly == nil else { throw ValidationError("--hourly is not available with --shard: give it to `gridtool merge`") }
    }
  }

  /// What makes a scenario's transfer study (recorded in partial results; ``StudyArguments``).
  var studyArguments: [String] {
    var a = StudyArguments()
    a.add("--dispatch", dispatchOptions.dispatch?.rawValue)
    a.add("--corridor", corridor)
    a.add("--from", from)
    a.add("--to", to)
    a.add("--source-by", sourceBy.rawValue)
    a.add("--sink-by", sinkBy.rawValue)
    a.add("--no-n1", noN1)
    a.addContingency(monitor: monitor, noHVDC: noHVDC, perCircuit: perCircuit, hvdcRule: hvdcRule, rating: rating, limit: limit)
    a.add("--min-sensitivity", minSensitivity)
    a.add("--ignore-pre-existing", ignorePreExisting)
    a.addCommon(backend: backend, chunk: chunk, format: output.format, top: top, strict: input.strict)
    return a.list
  }

  func run() throws {
    if InputFiles.isScenario(input.file) { return try runScenario() }
    let system = try input.loadSystem(backend: backend, reference: referenceOptions.reference)
    let network = system.network
    let source = try from.map { try pattern($0, rule: sourceBy, network: network) }
    let sink = try to.map { try pattern($0, rule: sinkBy, network: network) }
    let direction: TransferDirection
    if let corridor {
      direction = try TransferDirection.corridor(corridor, in: system, source: source, sink: sink)
    } else if let source, let sink {
      direction = TransferDirection(name: "\(source.name) → \(sink.name)", source: source, sink: sink)
    } else {
      throw ValidationError("give --corridor NAME, or --from and --to")
    }
    let options = try contingencyOptions(network)
    let study = try TransferStudy(DCSensitivity(system), direction: direction, options: options)
    let capability = try study.capability(minimumSensitivity: minSensitivity, keep: top, ignorePreExisting: ignorePreExisting)
    switch output.format {
    case .json: try OutputSink.write(capability.json(network: network, contingencies: study.contingencies, options: options), to: output.output)
    case .table:
      let table = TransferTable(capability: capability, network: network, contingencies: study.contingencies, options: options)
      try OutputSink.write(table.render(), to: output.output)
    case .csv:
      let table = TransferTable(capability: capability, network: network, contingencies: study.contingencies, options: options)
      try OutputSink.write(table.csv(), to: output.output)
    }
  }

  /// The contingency settings of the command line for `network`.
  private func contingencyOptions(_ network: Network) throws -> ContingencyOptions {
    ContingencyOptions(
      monitored: try monitor.map { try NetworkSelection.branches($0, in: network) }, contingencies: noN1 ? [] : nil,
      includeHVDC: !noHVDC, perCircuit: perCircuit, hvdcRule: hvdcRule, rating: rating, limitPct: limit)
  }

  /// The headroom in every hour of a scenario (docs/sensitivity.md, "Transfer headroom over a scenario").
  private func runScenario() throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = dispatchOptions.apply(try InputFiles.scenario(input.file))
    try input.report(scenario.diagnostics)
    clock.mark("read scenario, network and profiles")
    let (direction, options) = try study(scenario)
    let bar = ProgressBar.ifTerminal(label: "transfer")
    let progress = bar.map { bar in { bar.update($0, of: $1) } }
    if let shard = shardOptions.shard {
      return try PartialOutput.run(
        shard, of: scenario, chunkHours: chunk, arguments: studyArguments, to: output.output, bar: bar, clock: &clock
      ) { hours in
        .transfer(try ScenarioTransferStudy.runPart(scenario, hours: hours, direction: direction, options: options, progress: progress))
      }
    }
    let result = try ProgressBar.finishing(bar) {
      try ScenarioTransferStudy.run(scenario, direction: direction, options: options, progress: progress)
    }
    try write(result, clock: &clock)
  }

  /// `gridtool merge` of this command's partial results: the output of the whole study.
  func merge(_ partials: [PartialResult], source: String) throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = try PartialOutput.scenario(input.file, dispatch: dispatchOptions, partials: partials, source: source, report: input.report)
    let (direction, options) = try study(scenario)
    let parts = partials.compactMap(\.content.transferPart)
    let result = try ScenarioTransferStudy.merge(scenario, direction: direction, parts: parts, options: options)
    clock.mark("merge \(parts.count) partial results")
    try write(result, clock: &clock)
  }

  /// The direction (rebuilt per topology) and the study's options for `scenario`.
  private func study(_ scenario: Scenario) throws -> ((DCSystem) throws(SensitivityError) -> TransferDirection, ScenarioTransferStudy.Options) {
    let network = scenario.network
    let source = try from.map { try pattern($0, rule: sourceBy, network: network) }
    let sink = try to.map { try pattern($0, rule: sinkBy, network: network) }
    let direction: (DCSystem) throws(SensitivityError) -> TransferDirection
    if let corridor {
      // Rebuilt per topology: an AC corridor's default source is the reference of its island.
      direction = { (system) throws(SensitivityError) in try TransferDirection.corridor(corridor, in: system, source: source, sink: sink) }
    } else if let source, let sink {
      let fixed = TransferDirection(name: "\(source.name) → \(sink.name)", source: source, sink: sink)
      direction = { _ in fixed }
    } else {
      throw ValidationError("give --corridor NAME, or --from and --to")
    }
    let options = ScenarioTransferStudy.Options(
      contingency: try contingencyOptions(network), minimumSensitivity: minSensitivity, ignorePreExisting: ignorePreExisting,
      chunkHours: chunk, backend: backend)
    return (direction, options)
  }

  /// The report of a whole study (and its hourly CSV with --hourly).
  private func write(_ result: ScenarioTransferResult, clock: inout PhaseClock) throws {
    clock.mark("study \(result.hours) h")
    if let hourly { try OutputSink.write(result.hourlyCSV(), to: hourly) }
    switch output.format {
    case .json: try OutputSink.write(result.json(top: top), to: output.output)
    case .table: try OutputSink.write(ScenarioTransferTable(result: result, top: top).render(), to: output.output)
    case .csv: try OutputSink.write(result.durationCurveCSV(), to: output.output)
    }
    clock.mark("format and write")
    clock.report()
  }

  private func pattern(_ text: String, rule: ParticipationRule, network: Network) throws -> InjectionPattern {
    let group = try NetworkSelection.busGroup(text, in: network)
    if group.buses.count == 1 { return InjectionPattern(name: group.name, bus: group.buses[0]) }
    return try InjectionPattern(name: group.name, buses: group.buses, rule: rule, network: network, at: group.location)
  }
}
