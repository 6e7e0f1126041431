/// The hour walk over a scenario that every study of its hours uses: the year run
/// (``ScenarioRunner``), the year × N-1 screen (``ScenarioSecurityScreen``) and the hourly
/// transfer study (``ScenarioTransferStudy``) (docs/scenarios.md, "Engine").
///
/// The period is taken in chunks of ``Options/chunkHours`` hours. For each chunk the engine
/// evaluates every hour in hour order — availability, demand, HVDC schedules, dispatch
/// (``ScenarioHourModel``) — shows it to the caller (`dispatched`), and writes its net bus
/// injections as one column of a buses × hours block. It then groups the chunk's hours by
/// topology (outage set; ``ScenarioTopologies`` factors each topology once for the whole
/// period) and solves each group with one multi-right-hand-side
/// ``DCSystem/solveAngles(injectionsMW:columns:)`` call and one
/// ``DCSystem/branchFlowsMW(angles:columns:)`` call. The chunk comes back as a value
/// (``ScenarioHourChunk``); accumulators and reports work from that value only.
///
/// Blocks are solved side by side on ``Options/parallelism``'s threads; when a chunk's hours
/// (64 or more) are all on one topology, its block is split in two halves so that a long run
/// uses two cores. The blocks depend on the hours and their topologies only, never on the
/// number of threads, and each is one call on one thread: `.serial` gives the same bits as
/// `.automatic`. Memory is O((buses + branches) × chunk), whatever the length of the period;
/// working arrays are allocated once and reused from chunk to chunk.
struct ScenarioHourEngine {
  /// What to compute and how.
  struct Options {
    /// Hours per chunk (one dispatch and solve block), ≥ 1.
    var chunkHours = 512
    /// Linear solver of the topologies' reduced B.
    var backend = LinearSolverBackend.automatic
    /// Threads for the solve blocks (and the topologies' factorizations).
    var parallelism = Parallelism.automatic
    /// Solve every chunk; false: dispatch only (the blocks carry no flows).
    var solve = true
    /// Keep every hour's ``OperatingPoint`` in the chunk (``ScenarioHourChunk/points``).
    var operatingPoints = false
    /// Right-hand sides per hour beyond the injections, written by the caller in `dispatched`
    /// and solved in the same call as the hour (the export-limit study's raising column).
    /// Blocks with extra columns are never split in halves.
    var extraColumns = 0
    /// The hours to walk, 0-based in the period; nil: every hour. A range that starts on a
    /// multiple of ``chunkHours`` (a shard's, ``ScenarioShard``) is cut into the same chunks,
    /// and so the same blocks, as the whole period.
    var hours: Range<Int>? = nil
  }

  let scenario: Scenario
  let options: Options
  let model: ScenarioHourModel
  /// The OPF form of the scenario in the OPF dispatch modes; nil under the rule.
  let opf: ScenarioOPFModel?
  private(set) var topologies: ScenarioTopologies
  /// Internal buses of the model (the same numbering in every topology: outages remove
  /// branches only) and branches of the network.
  let busCount: Int
  let branchCount: Int
  private var state: HourState
  /// The chunk's injections, MW, buses × chunk hours, column-major.
  private var injections: [Double]
  /// The caller's extra columns: hour j's q-th is column `j · extraColumns + q` (buses each).
  private var extra: [Double]
  /// One per block of a chunk, kept from chunk to chunk.
  private var works: [BlockWork] = []
  private var nextHour: Int
  /// One past the last hour to walk.
  private let endHour: Int

  /// Prepares the walk; builds the network as read (topology 0).
  init(_ scenario: Scenario, options: Options) throws(ScenarioError) {
    precondition(options.chunkHours > 0 && options.extraColumns >= 0)
    let hours = options.hours ?? 0..<scenario.hours
    precondition(hours.lowerBound >= 0 && hours.upperBound <= scenario.hours, "hours outside the period")
    nextHour = hours.lowerBound
    endHour = hours.upperBound
    self.scenario = scenario
    self.options = options
    topologies = ScenarioTopologies(scenario, backend: options.backend, parallelism: options.parallelism)
    let base = try topologies.system(0)
    model = ScenarioHourModel(scenario, system: base)
    opf = scenario.dispatchMode == .rule ? nil : try ScenarioOPFModel(scenario, model: model, topologies: &topologies)
    state = model.makeState()
    busCount = base.internalBusCount
    branchCount = scenario.network.branches.count
    let columns = min(options.chunkHours, scenario.hours)
    injections = Array(repeating: 0, count: options.solve ? busCount * columns : 0)
    extra = Array(repeating: 0, count: options.solve ? busCount * columns * options.extraColumns : 0)
  }

  /// Dispatches and solves the next chunk; nil after the last hour.
  ///
  /// Drop the previous chunk before asking for the next one: its arrays are then reused in
  /// place (a chunk still held is left intact, at the price of fresh arrays for the next).
  /// - Parameter dispatched: called for every hour of the chunk in hour order, with the hour
  ///   (0-based in the period), its column in the chunk, its dispatch, and the chunk's extra
  ///   columns (buses × hours × ``Options/extraColumns``, column-major) to fill for that hour.
  mutating func nextChunk(
    dispatched: (_ hour: Int, _ column: Int, _ state: HourState, _ extra: inout [Double]) -> Void = { _, _, _, _ in }
  ) throws(ScenarioError) -> ScenarioHourChunk? {
    guard nextHour < endHour else { return nil }
    let first = nextHour, k = min(options.chunkHours, endHour - first)
    nextHour += k
    var points: [OperatingPoint] = []
    if options.operatingPoints { points.reserveCapacity(k) }
    // The OPF modes dispatch the chunk's hours first, side by side (each hour's OPF depends
    // on the hour alone); the rule dispatches each hour in the loop.
    let dispatchedByOPF = try opf?.dispatch(
      first: first, count: k, model: model, hourTopology: topologies.hourTopology, start: scenario.start,
      parallelism: options.parallelism)
    for j in 0..<k {
      if let dispatchedByOPF { state = dispatchedByOPF[j] } else { model.evaluate(hour: first + j, into: &state) }
      // The hour model numbers buses by the intact network's system; a maintenance outage
      // changes branches only, so every topology has the same internal buses.
      if options.solve { model.writeInjections(state, into: &injections, column: j) }
      try model.checkFinite(state, hour: first + j, injections: options.solve ? injections : [], column: j)
      dispatched(first + j, j, state, &extra)
      if options.operatingPoints { points.append(model.operatingPoint(state)) }
    }
    let blocks = try solve(first: first, count: k)
    return ScenarioHourChunk(firstHour: first, count: k, branchCount: branchCount, blocks: blocks, points: points)
  }

  /// "the network as read", or the outages of topology `t`.
  func describe(_ t: Int) -> String { topologies.describe(t) }

  /// The chunk's blocks: per topology (ascending) its hours, in halves when the chunk is all
  /// one topology of 64 hours or more and has no extra columns; solved side by side.
  private mutating func solve(first: Int, count k: Int) throws(ScenarioError) -> [ScenarioHourBlock] {
    var columnsOf: [Int: [Int]] = [:]
    for j in 0..<k { columnsOf[Int(topologies.hourTopology[first + j]), default: []].append(j) }
    var plan: [BlockPlan] = []
    for (t, columns) in columnsOf.sorted(by: { $0.key < $1.key }) {
      let system = try topologies.system(t)
      if options.solve, options.extraColumns == 0, columns.count == k, k >= 64 {
        plan.append(BlockPlan(topology: t, system: system, columns: Array(columns[..<(k / 2)]), half: 0))
        plan.append(BlockPlan(topology: t, system: system, columns: Array(columns[(k / 2)...]), half: 1))
      } else {
        plan.append(BlockPlan(topology: t, system: system, columns: columns, half: nil))
      }
    }
    guard options.solve else {
      return plan.map { ScenarioHourBlock(topology: $0.topology, system: $0.system, columns: $0.columns, half: $0.half, flowsMW: [], slackMW: []) }
    }
    while works.count < plan.count { works.append(BlockWork()) }
    let injections = self.injections, extra = self.extra, plans = plan
    let layout = BlockWork.Layout(buses: busCount, extraColumns: options.extraColumns)
    // Side by side only when the blocks are large enough to repay waking a thread (about a
    // million bus and branch values); the blocks are the same either way.
    let worthIt = (busCount + branchCount) * k >= 1 << 20
    options.parallelism.update(&works, worthIt: worthIt) { i, work in
      guard i < plans.count else { return }
      work.solve(plans[i], injections: injections, extra: extra, layout: layout)
    }
    var blocks: [ScenarioHourBlock] = []
    for (i, p) in plan.enumerated() {
      if let error = works[i].error {
        let hours = p.columns.first.map { " (hours from \(scenario.start.adding(hours: first + $0)))" } ?? ""
        throw .powerFlow(error, context: topologies.describe(p.topology) + hours)
      }
      blocks.append(
        ScenarioHourBlock(
          topology: p.topology, system: p.system, columns: p.columns, half: p.half, flowsMW: works[i].flows, slackMW: works[i].slack))
    }
    return blocks
  }
}
