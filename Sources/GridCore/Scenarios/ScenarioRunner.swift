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
    var engine = try ScenarioHourEngine(
      scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism,
        extraColumns: options.exportLimit == nil ? 0 : 1))
    var run = try ScenarioRun(scenario, model: engine.model, opf: engine.opf, options: options)
    while let chunk = try engine.nextChunk(dispatched: { run.dispatched(hour: $0, column: $1, state: $2, extra: &$3) }) {
      try run.add(chunk, topologies: engine.topologies)
      options.progress?(chunk.firstHour + chunk.count, scenario.hours)
    }
    return run.finish(topologies: engine.topologies)
  }

  /// The operating point and dispatch outcome the scenario gives for hour `hour` (0-based),
  /// for checking a run against single solves (``DCSystem/solve(_:slack:)``). In the OPF dispatch
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
