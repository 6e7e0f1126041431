import ArgumentParser
import GridCore

extension ScenarioShard: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}

/// `--shard k/N` of the commands that walk a scenario's hours (docs/scale-out.md).
struct ShardOptions: ParsableArguments {
  @Option(
    help: """
      Scenario input: run the k-th (0-based) of N contiguous hour ranges and write a partial \
      result (JSON, gridtool-partial/1) to --output; `gridtool merge` combines the N partials \
      into the output of the whole run. Slurm: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.
      """)
  var shard: ScenarioShard?
}

/// A study's partial result, written where the report would have gone.
enum PartialOutput {
  /// The program as partial results name it.
  static var tool: String { "gridtool \(GridTool.configuration.version)" }

  /// Writes `content` (the tallies of `shard`'s hours of `scenario`) with the study's
  /// identity: `arguments` are the options that make the study (``StudyArguments``).
  static func write(
    _ content: PartialResult.Content, scenario: Scenario, arguments: [String], chunkHours: Int, shard: ScenarioShard, to path: String?
  ) throws {
    let partial = PartialResult(
      tool: tool, arguments: arguments, inputs: try PartialResult.inputFiles(of: scenario), scenarioName: scenario.name,
      start: scenario.start, periodHours: scenario.hours, chunkHours: chunkHours, shard: shard, content: content)
    try OutputSink.write(partial.json(), to: path)
  }

  /// Runs `shard`'s hours of `scenario` with `study` (the tallies of an hour range) and writes
  /// their partial result to `path`, with the study's identity (`arguments`: ``StudyArguments``).
  static func run(
    _ shard: ScenarioShard, of scenario: Scenario, chunkHours: Int, arguments: [String], to path: String?, bar: ProgressBar?,
    clock: inout PhaseClock, _ study: (Range<Int>) throws -> PartialResult.Content
  ) throws {
    let hours = shard.hours(period: scenario.hours, chunkHours: chunkHours)
    let content = try ProgressBar.finishing(bar) { try study(hours) }
    clock.mark("hours \(hours.lowerBound)..<\(hours.upperBound) (shard \(shard))")
    try write(content, scenario: scenario, arguments: arguments, chunkHours: chunkHours, shard: shard, to: path)
    clock.mark("write the partial result")
    clock.report()
  }

  /// The scenario of a merge: `file` read again (with `--dispatch` applied), its warnings
  /// reported, and checked to be what the partials were computed from.
  static func scenario(
    _ file: String, dispatch: DispatchOptions, partials: [PartialResult], source: String, report: ([Diagnostic]) throws -> Void
  ) throws -> Scenario {
    let scenario = dispatch.apply(try ScenarioReader.read(contentsOf: file))
    try checkInputs(of: scenario, against: partials[0], source: source)
    try report(scenario.diagnostics)
    return scenario
  }

  /// Throws unless `scenario`'s files are those the partials were computed from.
  static func checkInputs(of scenario: Scenario, against partial: PartialResult, source: String) throws {
    let now = try PartialResult.inputFiles(of: scenario)
    guard now.count == partial.inputs.count else {
      throw PartialResultError(
        message: "\(source): computed from \(partial.inputs.count) input files, the scenario now reads \(now.count)")
    }
    for (a, b) in zip(now, partial.inputs) where a.sha256 != b.sha256 || a.role != b.role {
      throw PartialResultError(
        message: "\(source): the \(b.role) file \(b.path) has changed since the partial was written (sha256 \(b.sha256.prefix(12))…, now \(a.path) \(a.sha256.prefix(12))…)")
    }
  }
}

/// The options of a study as a partial result records them: each option with its value, in
/// a fixed order, so that `gridtool merge` can parse them again and shards of one study
/// compare equal.
struct StudyArguments {
  private(set) var list: [String] = []

  mutating func add(_ name: String, _ value: CustomStringConvertible?) {
    guard let value else { return }
    list += [name, value.description]
  }

  mutating func add(_ name: String, _ flag: Bool) {
    if flag { list.append(name) }
  }

  /// The N-1 options `contingency` and `transfer` share.
  mutating func addContingency(
    monitor: String?, noHVDC: Bool, perCircuit: Bool, hvdcRule: HVDCOutageRule, rating: RatingSet, limit: Double
  ) {
    add("--monitor", monitor)
    add("--no-hvdc", noHVDC)
    add("--per-circuit", perCircuit)
    add("--hvdc-rule", hvdcRule.rawValue)
    add("--rating", rating.rawValue)
    add("--limit", limit)
  }

  /// The options every sharded command has, last: solver, chunk, report and strictness.
  mutating func addCommon(backend: LinearSolverBackend, chunk: Int, format: OutputFormat, top: Int, strict: Bool) {
    add("--backend", backend.rawValue)
    add("--chunk", chunk)
    add("--format", format.rawValue)
    add("--top", top)
    add("--strict", strict)
  }
}

/// A command whose scenario studies run in shards and merge (`gridtool merge`).
protocol ShardedCommand: ParsableCommand {
  var output: OutputOptions { get set }
  var top: Int { get set }
  /// The options that make the study, as partial results record them.
  var studyArguments: [String] { get }
  /// The output of the whole run from the partial results of its shards (in hour order,
  /// checked to be one study's); `source` names the first for messages.
  func merge(_ partials: [PartialResult], source: String) throws
}
