import Foundation

/// Runs a scenario hour by hour with one factorization per topology and one
/// multi-right-hand-side solve per chunk of hours (docs/scenarios.md, "Engine").
///
/// For each chunk (default 512 hours): evaluate and dispatch every hour, write
/// its bus injections as one column of a buses × hours block, solve the block
/// with ``DCSystem/solveAngles(injectionsMW:columns:)`` (one call per topology
/// present in the chunk), compute flows with
/// ``DCSystem/branchFlowsMW(angles:columns:)``, and stream every hour into the
/// accumulators. Memory is O((buses + branches) × chunk + branches × bins),
/// independent of the period's length.
public enum ScenarioRunner {
  /// How to run: chunk size, solver backend, an optional export-limit study and the hourly outputs.
  public struct Options {
    /// Hours per solve block.
    public var chunkHours: Int
    /// Linear solver for the topologies' reduced B.
    public var backend: LinearSolverBackend
    /// An export-limit study to run alongside (`gridtool validate`, check 4).
    public var exportLimit: ExportLimitStudy?
    /// Called after each chunk with (hours done, hours in total).
    public var progress: ((Int, Int) -> Void)?
    /// Receives the hourly CSV (``ScenarioHourlyCSV``): the header line, then the rows chunk by chunk.
    public var hourly: ((String) throws -> Void)?
    /// Receives every hour's branch flows (from end, MW, input order), in time order, at full precision.
    public var flows: ((_ hour: Int, _ flowsMW: ArraySlice<Double>) -> Void)?

    /// Options with defaults: 512-hour chunks, automatic backend, nothing extra.
    public init(
      chunkHours: Int = 512, backend: LinearSolverBackend = .automatic, exportLimit: ExportLimitStudy? = nil,
      progress: ((Int, Int) -> Void)? = nil, hourly: ((String) throws -> Void)? = nil,
      flows: ((_ hour: Int, _ flowsMW: ArraySlice<Double>) -> Void)? = nil
    ) {
      precondition(chunkHours > 0)
      self.chunkHours = chunkHours
      self.backend = backend
      self.exportLimit = exportLimit
      self.progress = progress
      self.hourly = hourly
      self.flows = flows
    }
  }

  /// Runs the whole period and returns its summary.
  public static func run(_ scenario: Scenario, options: Options = Options()) throws(ScenarioError) -> ScenarioResult {
    var run = try ScenarioRun(scenario, options: options)
    try run.runAll()
    return run.finish()
  }

  /// The operating point and dispatch outcome the scenario gives for hour `hour` (0-based),
  /// for checking a run against single solves (``DCSystem/solve(_:)``).
  public static func operatingPoint(_ scenario: Scenario, hour: Int) throws(ScenarioError) -> OperatingPoint {
    precondition(hour >= 0 && hour < scenario.hours)
    var topologies = ScenarioTopologies(scenario, backend: .dense)
    let model = ScenarioHourModel(scenario, system: try topologies.system(0))
    var state = model.makeState()
    model.evaluate(hour: hour, into: &state)
    return model.operatingPoint(state)
  }

  /// The network of hour `hour`, with the outages active then applied.
  public static func network(_ scenario: Scenario, hour: Int) -> Network {
    let topologies = ScenarioTopologies(scenario, backend: .dense)
    return ScenarioTopologies.variant(of: scenario.network, removing: topologies.outageSets[Int(topologies.hourTopology[hour])])
  }
}

/// One run in progress: the model, the topologies, the chunk buffers and the accumulators.
struct ScenarioRun {
  let scenario: Scenario
  let options: ScenarioRunner.Options
  var topologies: ScenarioTopologies
  let model: ScenarioHourModel
  var state: HourState
  let n: Int
  let m: Int
  var branches: BranchAccumulator
  var links: [TransferAccumulator]
  var corridors: [TransferAccumulator]
  /// Corridor members: (branch, +1 when its from end sends / −1) and HVDC links.
  let corridorBranches: [[(branch: Int, sign: Double)]]
  let corridorLinks: [[Int]]
  var system: SystemAccumulator
  var study: ExportLimitAccumulator?
  let firstMonth: Int
  let months: [String]
  var chunk: ChunkBuffers
  /// The other chunk: the next hours are evaluated into it while this chunk is solved.
  var spare: ChunkBuffers
  /// Block arrays kept from chunk to chunk.
  var work = BlockWork()
  /// The two halves of a chunk's hours, solved and accumulated on two threads (see ``beginHalves(start:count:)``); none when a study needs whole chunks.
  let halves: [ChunkHalf]

  init(_ scenario: Scenario, options: ScenarioRunner.Options) throws(ScenarioError) {
    self.scenario = scenario
    self.options = options
    let network = scenario.network
    topologies = ScenarioTopologies(scenario, backend: options.backend)
    let base = try topologies.system(0)
    model = ScenarioHourModel(scenario, system: base)
    state = model.makeState()
    n = base.internalBusCount
    m = network.branches.count
    let firstMonth = scenario.start.monthNumber
    let lastMonth = scenario.start.adding(hours: scenario.hours - 1).monthNumber
    self.firstMonth = firstMonth
    months = (firstMonth...lastMonth).map { ClockHour(year: $0 / 12, month: $0 % 12 + 1, day: 1, hour: 0)?.monthLabel ?? "" }
    branches = BranchAccumulator(network: network)
    // A study needs every hour's columns together; otherwise hours are split in two halves.
    halves = options.exportLimit == nil ? [ChunkHalf(network: network), ChunkHalf(network: network)] : []
    links = network.hvdcLinks.map {
      TransferAccumulator(name: $0.name, displayName: nil, ratingMW: $0.ratingMW, months: lastMonth - firstMonth + 1)
    }
    let groups = network.groups(ofKind: .corridor)
    corridors = groups.map {
      TransferAccumulator(name: $0.name, displayName: $0.displayName, ratingMW: $0.ratingMW, months: lastMonth - firstMonth + 1)
    }
    corridorBranches = groups.map { group in
      let receiving = Set(group.buses)
      // The corridor sends from the end that is not a receiving bus (as FlowReport).
      return group.branches.map { ($0, receiving.contains(network.branches[$0].to) ? 1.0 : -1.0) }
    }
    corridorLinks = groups.map(\.hvdcLinks)
    system = SystemAccumulator(model: model)
    if let config = options.exportLimit {
      guard config.link < network.hvdcLinks.count, network.hvdcLinks[config.link].to == nil else {
        throw .invalid("the export-limit study needs an HVDC link that delivers outside the model")
      }
      study = ExportLimitAccumulator(study: config, network: network)
    }
    chunk = ChunkBuffers(
      buses: n, branches: m, links: network.hvdcLinks.count, corridors: groups.count, hours: options.chunkHours,
      study: study != nil)
    if let config = options.exportLimit {
      let model = self.model
      chunk.supply = network.generators.indices.filter {
        model.generatorBus[$0] >= 0 && config.supplyBuses.contains(network.generators[$0].bus)
      }
      chunk.sendingBus = model.linkFrom[config.link]
    }
    spare = chunk  // its arrays are copied when first written
    if let hourly = options.hourly {
      do { try hourly(ScenarioHourlyCSV.header(scenario)) } catch { throw .output("\(error)") }
    }
  }

  /// Every chunk of the period. While the two halves of chunk i are solved on two threads,
  /// this thread evaluates the hours of chunk i + 1 (dispatch, injections) into the other
  /// chunk buffer; the accumulators still see every hour in order.
  mutating func runAll() throws(ScenarioError) {
    let total = scenario.hours, size = options.chunkHours
    var start = 0, k = min(size, total)
    evaluateHours(start: 0, count: k)
    while start < total {
      let next = start + k, nextK = min(size, total - next)
      let pending = try beginHalves(start: start, count: k)
      if pending == nil {
        try solve(start: start, count: k)
        let hourTopology = (0..<k).map { Int(topologies.hourTopology[start + $0]) }
        branches.add(flows: chunk.flows, hours: k, topology: hourTopology, ratings: topologies.ratings, inService: topologies.inService)
      }
      swap(&chunk, &spare)
      if nextK > 0 { evaluateHours(start: next, count: nextK) }
      swap(&chunk, &spare)
      if let pending { try collectHalves(pending, count: k) }
      try finishChunk(start: start, count: k)
      swap(&chunk, &spare)
      options.progress?(next, total)
      start = next
      k = nextK
    }
  }

  /// The hours' dispatch, injections and per-hour records, into `chunk`.
  private mutating func evaluateHours(start: Int, count k: Int) {
    chunk.reset(count: k)
    for j in 0..<k {
      let h = start + j
      model.evaluate(hour: h, into: &state)
      model.writeInjections(state, into: &chunk.injections, column: j)
      system.add(state, model: model)
      chunk.record(state, model: model, column: j)
      if let study { chunk.recordStudy(state, model: model, study: study.study, column: j) }
      let month = scenario.start.adding(hours: h).monthNumber - firstMonth
      chunk.month[j] = month
      for (l, t) in state.hvdc.enumerated() { links[l].add(sendMW: t.sendMW, deliverMW: t.receiveMW, month: month) }
    }
  }

  /// What needs the chunk's flows hour by hour: corridors, the flows callback, the hourly CSV.
  private mutating func finishChunk(start: Int, count k: Int) throws(ScenarioError) {
    for j in 0..<k {
      options.flows?(start + j, chunk.flows[(j * m)..<((j + 1) * m)])
      for c in corridors.indices {
        var send = 0.0, deliver = 0.0
        for (b, sign) in corridorBranches[c] {
          send += sign * chunk.flows[j * m + b]
          deliver += sign * chunk.flows[j * m + b]
        }
        for l in corridorLinks[c] {
          send += chunk.linkFrom[j * links.count + l]
          deliver += chunk.linkTo[j * links.count + l]
        }
        corridors[c].add(sendMW: send, deliverMW: deliver, month: chunk.month[j])
        chunk.corridorSend[j * corridors.count + c] = send
      }
    }
    if let hourly = options.hourly {
      let text = ScenarioHourlyCSV.rows(scenario, start: start, count: k, chunk: chunk, corridors: corridors.count)
      do { try hourly(text) } catch { throw .output("\(error)") }
    }
  }

  /// Solves the chunk's columns topology by topology and scatters the flows back into hour order.
  private mutating func solve(start: Int, count k: Int) throws(ScenarioError) {
    var columnsOf: [Int: [Int]] = [:]
    for j in 0..<k { columnsOf[Int(topologies.hourTopology[start + j]), default: []].append(j) }
    let withStudy = study != nil
    for (t, columns) in columnsOf.sorted(by: { $0.key < $1.key }) {
      let sys = try topologies.system(t)
      let c = columns.count
      // The usual case, every hour of the chunk on one topology and no study: the chunk's own
      // arrays are the block, with no copies.
      let direct = !withStudy && c == k
      if !direct {
        // One block: the hours' injections, then (for the study) their raising-sensitivity columns.
        DCSystem.resize(&work.block, to: n * c * (withStudy ? 2 : 1))
        for (p, j) in columns.enumerated() {
          for i in 0..<n { work.block[p * n + i] = chunk.injections[j * n + i] }
          if withStudy { for i in 0..<n { work.block[(c + p) * n + i] = chunk.raise[j * n + i] } }
        }
      }
      let width = withStudy ? 2 * c : c
      do {
        try sys.solveAngles(injectionsMW: direct ? chunk.injections : work.block, columns: width, into: &work.theta, scratch: &work.scratch)
        if direct {
          sys.branchFlowsMW(angles: work.theta, columns: width, into: &chunk.flows)
        } else {
          sys.branchFlowsMW(angles: work.theta, columns: width, into: &work.flows)
        }
        let slack = sys.slackMW(angles: work.theta, injectionsMW: direct ? chunk.injections : work.block, columns: c)
        addSlack(slack, islands: sys.islands.count, hours: columns)
      } catch {
        throw .powerFlow(error, context: topologies.describe(t))
      }
      guard !direct else { continue }
      for (p, j) in columns.enumerated() { for b in 0..<m { chunk.flows[j * m + b] = work.flows[p * m + b] } }
      if withStudy { try evaluateStudy(topology: t, columns: columns, flows: work.flows, system: sys) }
    }
  }

  /// Slack per island and solved column (`slackMW`'s layout), summed per hour into the run's
  /// totals and the chunk, in hour order; column p is chunk hour `hours[p]`.
  private mutating func addSlack(_ slack: [Double], islands: Int, hours: [Int]) {
    for (p, j) in hours.enumerated() {
      var total = 0.0
      for i in 0..<islands { total += slack[p * islands + i] }
      system.addSlack(total)
      chunk.slack[j] = total
    }
  }

  /// Two halves of a chunk's hours being solved on two threads.
  struct PendingHalves {
    let group: DispatchGroup
    let topology: Int
    let system: DCSystem
    let parts: [Range<Int>]
  }

  /// Starts the chunk's hours in two halves on two threads, when they are all on one topology
  /// and there is no study: each half's block solve, flows and branch statistics (merged at the
  /// end of the run). Nil when the chunk must be solved as one block.
  private mutating func beginHalves(start: Int, count k: Int) throws(ScenarioError) -> PendingHalves? {
    let t = Int(topologies.hourTopology[start])
    guard !halves.isEmpty, k >= 64, (start..<(start + k)).allSatisfy({ Int(topologies.hourTopology[$0]) == t }) else { return nil }
    let sys = try topologies.system(t)
    let injections = chunk.injections, halves = self.halves
    let ratings = topologies.ratings, inService = topologies.inService
    let parts = [0..<(k / 2), (k / 2)..<k]
    let group = DispatchGroup()
    for w in 0..<2 {
      DispatchQueue.global().async(group: group) {
        let half = halves[w], hours = parts[w]
        // Taken out of the object while in use (a swap, not a copy): two inout arguments may not
        // both reach into one class property.
        var work = BlockWork()
        swap(&work, &half.work)
        defer { swap(&work, &half.work) }
        do throws(PowerFlowError) {
          try sys.solveAngles(
            injectionsMW: injections, from: hours.lowerBound, columns: hours.count, into: &work.theta, scratch: &work.scratch)
          sys.branchFlowsMW(angles: work.theta, columns: hours.count, into: &work.flows)
          half.slack = sys.slackMW(angles: work.theta, injectionsMW: injections, from: hours.lowerBound, columns: hours.count)
          half.branches.add(
            flows: work.flows, hours: hours.count, topology: Array(repeating: t, count: hours.count), ratings: ratings,
            inService: inService)
          half.error = nil
        } catch {
          half.error = error
        }
      }
    }
    return PendingHalves(group: group, topology: t, system: sys, parts: parts)
  }

  /// Waits for the halves, then takes their slack in hour order and, when something reads the
  /// flows by hour (corridors, the flows callback), gathers them into the chunk.
  private mutating func collectHalves(_ pending: PendingHalves, count k: Int) throws(ScenarioError) {
    pending.group.wait()
    for (w, hours) in pending.parts.enumerated() {
      if let error = halves[w].error { throw .powerFlow(error, context: topologies.describe(pending.topology)) }
      addSlack(halves[w].slack, islands: pending.system.islands.count, hours: Array(hours))
    }
    guard options.flows != nil || !corridors.isEmpty else { return }
    for (w, hours) in pending.parts.enumerated() {
      chunk.flows.replaceSubrange((hours.lowerBound * m)..<(hours.upperBound * m), with: halves[w].work.flows)
    }
  }

  private mutating func evaluateStudy(topology t: Int, columns: [Int], flows: [Double], system sys: DCSystem) throws(ScenarioError) {
    guard var acc = study else { return }
    let constant = try topologies.zeroInjectionFlows(t)
    let ratings = topologies.ratings[t], inService = topologies.inService[t], c = columns.count
    var lowering: [Int] = []
    func hour(_ p: Int) -> ExportLimitAccumulator.Hour {
      ExportLimitAccumulator.Hour(
        base: flows, baseOffset: p * m, raising: flows, raisingOffset: (c + p) * m, constant: constant, ratings: ratings,
        inService: inService, schedule: chunk.schedule[columns[p]])
    }
    for (p, j) in columns.enumerated() where !acc.addRaising(hour(p), spareMW: chunk.spare[j]) { lowering.append(p) }
    if !lowering.isEmpty {
      var block = [Double](repeating: 0, count: n * lowering.count)
      for (q, p) in lowering.enumerated() { for i in 0..<n { block[q * n + i] = chunk.lower[columns[p] * n + i] } }
      do {
        let theta = try sys.solveAngles(injectionsMW: block, columns: lowering.count)
        let down = sys.branchFlowsMW(angles: theta, columns: lowering.count)
        for (q, p) in lowering.enumerated() { acc.addLowering(hour(p), lowering: down, offset: q * m) }
      } catch {
        throw .powerFlow(error, context: topologies.describe(t))
      }
    }
    study = acc
  }

  func finish() -> ScenarioResult {
    var system = self.system
    // Into the first half's statistics: the ones left untouched (the one-block path's when
    // every chunk ran in halves) stay unwritten pages, not resident memory.
    var branches = halves.first?.branches ?? self.branches
    for half in halves.dropFirst() { branches.merge(half.branches) }
    if !halves.isEmpty { branches.merge(self.branches) }
    system.finish(model: model)
    return ScenarioResult(
      scenarioName: scenario.name, networkName: scenario.network.name, start: scenario.start, hours: scenario.hours,
      months: months, topologies: Set(topologies.hourTopology).count, branches: branches.statistics(scenario.network),
      hvdc: links.map(\.statistics), corridors: corridors.map(\.statistics), regions: system.regions,
      totals: system.totals, exportLimit: study?.finished(), percentileResolutionPct: BranchAccumulator.resolutionPct,
      diagnostics: scenario.diagnostics + topologies.diagnostics())
  }
}

/// The solve's working arrays, reused by every chunk of a run (no fresh memory per chunk).
struct BlockWork {
  var block: [Double] = []
  var theta: [Double] = []
  var flows: [Double] = []
  var scratch = BlockScratch()
}

/// Half of a chunk's hours, solved and accumulated on its own thread; only that thread
/// touches it while the half runs.
final class ChunkHalf: @unchecked Sendable {
  var work = BlockWork()
  var branches: BranchAccumulator
  var slack: [Double] = []
  var error: PowerFlowError?

  init(network: Network) { branches = BranchAccumulator(network: network) }
}
