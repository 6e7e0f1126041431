import ArgumentParser
import GridCore

struct ScenarioCommand: ShardedCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Run an hourly scenario (e.g. a year) and report energy per corridor, line loading and curtailment.",
    discussion: """
      The scenario file (docs/scenarios.md) names a network, a period and hourly profiles. \
      --format table: the annual summary; json: the documented contract; csv: loading duration \
      curves of every corridor and rated branch. --shard k/N runs one of N hour ranges and \
      writes a partial result instead (docs/scale-out.md). Exit status: 0 when the run \
      finished, 1 on an error in the input or the computation, 64 on a usage error.
      """)

  @Argument(help: "Scenario file (.yaml, gridtool-scenario/1).")
  var file: String

  @OptionGroup var output: OutputOptions
  @OptionGroup var dispatchOptions: DispatchOptions
  @OptionGroup var shardOptions: ShardOptions

  @Option(help: "Also write every hour's figures to this CSV file (whole or not at all).")
  var hourly: String?

  @Option(help: "Number of most loaded branches in the table.")
  var top = 15

  @Option(help: "Hours per solve block.")
  var chunk = 512

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Flag(help: "Treat warnings about the input as errors.")
  var strict = false

  @Flag(help: "Print the time each phase took to stderr.")
  var timings = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    guard chunk > 0 else { throw ValidationError("--chunk must be at least 1") }
    if shardOptions.shard != nil, hourly != nil {
      throw ValidationError("--hourly is not available with --shard (run the hours you need without it)")
    }
  }

  /// What makes the run (recorded in partial results; ``StudyArguments``).
  var studyArguments: [String] {
    var a = StudyArguments()
    a.add("--dispatch", dispatchOptions.dispatch?.rawValue)
    a.addCommon(backend: backend, chunk: chunk, format: output.format, top: top, strict: strict)
    return a.list
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = dispatchOptions.apply(try InputFiles.scenario(file))
    clock.mark("read scenario, network and profiles")
    try report(scenario.diagnostics)
    let hourlyFile = try hourly.map { try OutputSink(path: $0) }
    let bar = ProgressBar.ifTerminal(label: "scenario")
    let options = ScenarioRunner.Options(
      chunkHours: chunk, backend: backend, progress: bar.map { bar in { bar.update($0, of: $1) } },
      hourly: hourlyFile.map { file in { try file.write(ScenarioHourlyCSV.row($0)) } })
    if let shard = shardOptions.shard {
      return try PartialOutput.run(
        shard, of: scenario, chunkHours: chunk, arguments: studyArguments, to: output.output, bar: bar, clock: &clock
      ) { hours in .scenario(try ScenarioRunner.runPart(scenario, hours: hours, options: options)) }
    }
    let result: ScenarioResult
    do {
      try hourlyFile?.write(ScenarioHourlyCSV.header(scenario))
      result = try ScenarioRunner.run(scenario, options: options)
      try hourlyFile?.finish()
    } catch {
      bar?.finish()
      hourlyFile?.abandon()
      throw error
    }
    bar?.finish()
    clock.mark("run \(scenario.hours) hours")
    try write(result, scenario: scenario, clock: &clock)
  }

  /// `gridtool merge` of this command's partial results: the output of the whole run.
  func merge(_ partials: [PartialResult], source: String) throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = try PartialOutput.scenario(file, dispatch: dispatchOptions, partials: partials, source: source, report: report)
    let parts = partials.compactMap(\.content.scenarioPart)
    let result = try ScenarioRunner.merge(scenario, parts: parts, options: ScenarioRunner.Options(chunkHours: chunk, backend: backend))
    clock.mark("merge \(parts.count) partial results")
    try write(result, scenario: scenario, clock: &clock)
  }

  /// The report of a whole run, and its warnings.
  private func write(_ result: ScenarioResult, scenario: Scenario, clock: inout PhaseClock) throws {
    try report(Array(result.diagnostics.dropFirst(scenario.diagnostics.count)))
    switch output.format {
    case .json: try OutputSink.write(result.json(), to: output.output)
    case .csv: try OutputSink.write(result.durationCurvesCSV(), to: output.output)
    case .table: try OutputSink.write(ScenarioTable(result: result, top: top).render(), to: output.output)
    }
    clock.mark("format and write")
    clock.report()
  }

  /// Warnings to stderr; fatal with --strict (as InputOptions does for network files).
  private func report(_ diagnostics: [Diagnostic]) throws {
    for d in diagnostics { Terminal.warn(d.description) }
    if strict, !diagnostics.isEmpty { throw StrictModeError(count: diagnostics.count) }
  }
}
