/// Runs a scenario hour by hour — a year: 8,784 hours — and sums what planners read from it:
/// energy per HVDC link and corridor, branch loading statistics, curtailment and unserved
/// demand per region (docs/scenarios.md).
///
/// The hours come from the scenario engine (`ScenarioHourEngine`: dispatch, one
/// factorization per topology, one multi-right-hand-side solve per block of hours) and stream
/// into accumulators, so memory is O((buses + branches) × chunk + branches × bins),
/// independent of the period's length. The result does not depend on
/// ``Options/parallelism``.
public enum ScenarioRunner {
  /// How to run: chunk size, solver backend, threads, an optional export-limit study and the
  /// hourly output.
  public struct Options {
    /// Hours per solve block.
    public var chunkHours: Int
    /// Linear solver for the topologies' reduced B.
    public var backend: LinearSolverBackend
    /// Threads for the solve blocks and the branch statistics; the result is the same for any value.
    public var parallelism: Parallelism
    /// An export-limit study to run alongside (`gridtool validate`, check 4).
    public var exportLimit: ExportLimitStudy?
    /// Called after each chunk with (hours done, hours in total).
    public var progress: ((Int, Int) -> Void)?
    /// Receives every hour's figures (``ScenarioHourRecord``: dispatch, slack, HVDC, corridors,
    /// branch flows at full precision), in hour order, chunk by chunk as the run goes.
    /// ``ScenarioHourlyCSV`` formats them; an error thrown here ends the run with
    /// ``ScenarioError/output(_:)``.
    public var hourly: ((ScenarioHourRecord) throws -> Void)?

    /// Options with defaults: 512-hour chunks, automatic backend, all processors, nothing extra.
    public init(
      chunkHours: Int = 512, backend: LinearSolverBackend = .automatic, parallelism: Parallelism = .automatic,
      exportLimit: ExportLimitStudy? = nil, progress: ((Int, Int) -> Void)? = nil,
      hourly: ((ScenarioHourRecord) throws -> Void)? = nil
    ) {
      precondition(chunkHours > 0)
      self.chunkHours = chunkHours
      self.backend = backend
      self.parallelism = parallelism
      self.exportLimit = exportLimit
      self.progress = progress
      self.hourly = hourly
    }
  }

  /// Runs the whole period and returns its summary.
  public static func run(_ scenario: Scenario, options: Options = Options()) throws(ScenarioError) -> ScenarioResult {
    let (run, engine) = try walk(scenario, hours: 0..<scenario.hours, options: options)
    return run.finish(topologies: engine.topologies, diagnostics: engine.topologies.diagnosticsByTopology)
  }

  /// Runs hours `hours` of the period (0-based; whole chunks, as
  /// ``ScenarioShard/hours(period:chunkHours:)`` gives them, so that its chunks are the whole
  /// run's) and returns their tallies: one part of the period, to be merged with the others
  /// by ``merge(_:parts:options:)``. ``Options/hourly`` receives these hours; an export-limit
  /// study is not available in parts.
  public static func runPart(_ scenario: Scenario, hours: Range<Int>, options: Options = Options()) throws(ScenarioError)
    -> ScenarioRunPart
  {
    try checkPart(hours, period: scenario.hours, chunkHours: options.chunkHours)
    guard options.exportLimit == nil else { throw .invalid("the export-limit study cannot be run in parts") }
    let (run, engine) = try walk(scenario, hours: hours, options: options)
    return run.part(hours: hours, diagnostics: engine.topologies.diagnosticsByTopology)
  }

  /// The summary of the whole period from the parts of ranges that cover it once
  /// (``runPart(_:hours:options:)`` of the same scenario and options, in any order): exactly
  /// — bit for bit — the summary ``run(_:options:)`` gives, whatever the cut. Every sum is a
  /// fixed-point sum (`FixedPointSum`), extremes keep their first hour, histograms and counts add.
  /// - Throws: ``ScenarioError/invalid(_:)`` when the parts overlap, leave hours out, or do not
  ///   fit the scenario (another network or period).
  public static func merge(_ scenario: Scenario, parts: [ScenarioRunPart], options: Options = Options()) throws(ScenarioError)
    -> ScenarioResult
  {
    let ordered = parts.sorted { $0.hours.lowerBound < $1.hours.lowerBound }
    try checkCover(ordered.map(\.hours), period: scenario.hours)
    // The model and the accumulators, without walking any hour.
    let (empty, engine) = try walk(scenario, hours: 0..<0, options: options)
    var run = empty
    var diagnostics: [Int: [Diagnostic]] = [:]
    let network = scenario.network
    for part in ordered {
      guard part.branches.count == network.branches.count, part.links.count == network.hvdcLinks.count,
        part.corridors.count == run.corridors.count, part.system.regions.count == run.system.regionNames.count,
        (part.opf == nil) == (run.opf == nil), part.opf.map({ $0.sent.count == run.opf?.freeLinks.count }) ?? true
      else {
        throw .invalid("a part of hours \(part.hours.lowerBound)..<\(part.hours.upperBound) does not fit the scenario's network or dispatch")
      }
      run.merge(part)
      diagnostics.merge(part.topologyDiagnostics) { a, _ in a }
    }
    return run.finish(topologies: engine.topologies, diagnostics: diagnostics)
  }

  /// Throws unless `hours` are whole chunks of a period of `period` hours (a shard's): then
  /// a part's chunks, and so its blocks and its per-chunk sums, are the whole run's.
  static func checkPart(_ hours: Range<Int>, period: Int, chunkHours: Int) throws(ScenarioError) {
    guard hours.lowerBound >= 0, hours.upperBound <= period else {
      throw .invalid("hours \(hours.lowerBound)..<\(hours.upperBound) are outside the period of \(period) hours")
    }
    guard hours.lowerBound % chunkHours == 0, hours.upperBound % chunkHours == 0 || hours.upperBound == period else {
      throw .invalid(
        "hours \(hours.lowerBound)..<\(hours.upperBound) do not start and end at chunk boundaries (chunks of \(chunkHours) hours): use ScenarioShard")
    }
  }

  /// Throws unless `ranges` (sorted by start) cover `0..<period` once each.
  static func checkCover(_ ranges: [Range<Int>], period: Int) throws(ScenarioError) {
    var next = 0
    for r in ranges {
      if r.lowerBound > next { throw .invalid("hours \(next)..<\(r.lowerBound) are in no part") }
      if r.lowerBound < next { throw .invalid("hours \(r.lowerBound)..<\(min(next, r.upperBound)) are in two parts") }
      next = r.upperBound
    }
    if next != period { throw .invalid("hours \(next)..<\(period) are in no part") }
  }

  /// Walks `hours` of the period through the engine into a run's accumulators.
  private static func walk(_ scenario: Scenario, hours: Range<Int>, options: Options) throws(ScenarioError)
    -> (ScenarioRun, ScenarioHourEngine)
  {
    var engine = try ScenarioHourEngine(
      scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism,
        extraColumns: options.exportLimit == nil ? 0 : 1, hours: hours))
    var run = try ScenarioRun(scenario, model: engine.model, opf: engine.opf, options: options)
    while let chunk = try engine.nextChunk(dispatched: { run.dispatched(hour: $0, column: $1, state: $2, extra: &$3) }) {
      try run.add(chunk, topologies: engine.topologies)
      options.progress?(chunk.firstHour + chunk.count - hours.lowerBound, hours.count)
    }
    return (run, engine)
  }

  /// The operating point and dispatch outcome the scenario gives for hour `hour` (0-based),
  /// for checking a run against single solves (``DCSystem/solve(_:)``). In the OPF dispatch
  /// modes the hour's OPF is solved on its own (the same optimum as in a run where it is unique).
  public static func operatingPoint(_ scenario: Scenario, hour: Int) throws(ScenarioError) -> OperatingPoint {
    precondition(hour >= 0 && hour < scenario.hours)
    var topologies = ScenarioTopologies(scenario, backend: .dense)
    let model = ScenarioHourModel(scenario, system: try topologies.system(0))
    var state = model.makeState()
    if scenario.dispatchMode == .rule {
      model.evaluate(hour: hour, into: &state)
    } else {
      let opf = try ScenarioOPFModel(scenario, model: model, topologies: &topologies)
      let states = try opf.dispatch(
        first: hour, count: 1, model: model, hourTopology: topologies.hourTopology, start: scenario.start, parallelism: .serial)
      state = states[0]
    }
    return model.operatingPoint(state)
  }

  /// The network of hour `hour`, with the outages active then applied.
  public static func network(_ scenario: Scenario, hour: Int) -> Network {
    let topologies = ScenarioTopologies(scenario, backend: .dense)
    return ScenarioTopologies.variant(of: scenario.network, removing: topologies.outageSets[Int(topologies.hourTopology[hour])])
  }
}
