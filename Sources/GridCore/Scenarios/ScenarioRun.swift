/// A year run in progress (``ScenarioRunner``): the accumulators that the engine's hours
/// (``dispatched(hour:column:state:extra:)``) and solved chunks (``add(_:topologies:)``) feed.
struct ScenarioRun {
  let scenario: Scenario
  let model: ScenarioHourModel
  let parallelism: Parallelism
  let hourly: ((ScenarioHourRecord) throws -> Void)?
  var branches: BranchAccumulator
  var links: [TransferAccumulator]
  var corridors: [TransferAccumulator]
  /// Corridor members: (branch, +1 when its from end sends / −1) and HVDC links.
  let corridorBranches: [[(branch: Int, sign: Double)]]
  let corridorLinks: [[Int]]
  var system: SystemAccumulator
  var study: ExportLimitAccumulator?
  /// The OPF's limits, prices and slack hours, in the OPF dispatch modes.
  var opf: OPFAccumulator?
  /// The study's inputs for the current chunk.
  var studyColumns: ExportLimitColumns?
  let firstMonth: Int
  let months: [String]
  /// The current chunk's hours, by column: their records and months (index into `months`).
  var records: [ScenarioHourRecord] = []
  var month: [Int] = []
  /// Day of each of the chunk's hours (hours since 1970 ÷ 24), for daily energies.
  var day: [Int] = []

  init(_ scenario: Scenario, model: ScenarioHourModel, opf: ScenarioOPFModel?, options: ScenarioRunner.Options) throws(ScenarioError) {
    self.scenario = scenario
    self.opf = opf.map { OPFAccumulator(scenario: scenario, opf: $0) }
    self.model = model
    parallelism = options.parallelism
    hourly = options.hourly
    let network = scenario.network
    let firstMonth = scenario.start.monthNumber
    let lastMonth = scenario.start.adding(hours: scenario.hours - 1).monthNumber
    self.firstMonth = firstMonth
    months = (firstMonth...lastMonth).map { ClockHour(year: $0 / 12, month: $0 % 12 + 1, day: 1, hour: 0)?.monthLabel ?? "" }
    branches = BranchAccumulator(network: network)
    // Calendar days of the period, from its first (hours since 1970 ÷ 24; the period starts after 1970).
    let firstDay = scenario.start.index / 24, days = scenario.start.adding(hours: max(0, scenario.hours - 1)).index / 24 - firstDay + 1
    let monthCount = lastMonth - firstMonth + 1
    links = network.hvdcLinks.map {
      TransferAccumulator(name: $0.name, displayName: nil, ratingMW: $0.ratingMW, months: monthCount, firstDay: firstDay, days: days)
    }
    let groups = network.groups(ofKind: .corridor)
    corridors = groups.map {
      TransferAccumulator(
        name: $0.name, displayName: $0.displayName, ratingMW: $0.ratingMW, months: monthCount, firstDay: firstDay, days: days)
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
      studyColumns = ExportLimitColumns(
        study: config, network: network, model: model, chunkHours: min(options.chunkHours, scenario.hours))
    }
  }

  /// Hour `hour`'s dispatch, in hour order (column `column` of its chunk): the totals, the HVDC
  /// energies, the hour's record and, for the study, its columns (the raising one into `extra`).
  mutating func dispatched(hour h: Int, column j: Int, state: HourState, extra: inout [Double]) {
    if j == 0 {
      records.removeAll(keepingCapacity: true)
      month.removeAll(keepingCapacity: true)
      day.removeAll(keepingCapacity: true)
    }
    let time = scenario.start.adding(hours: h)
    system.add(state, model: model, hour: h)
    opf?.add(hour: h, time: time, state: state)
    records.append(.dispatched(hour: h, time: time, state: state, model: model, corridors: corridors.count))
    day.append(time.index / 24)
    if let link = study?.study.link { studyColumns?.record(state, model: model, link: link, column: j, raise: &extra) }
    let m = time.monthNumber - firstMonth
    month.append(m)
    for (l, t) in state.hvdc.enumerated() { links[l].add(sendMW: t.sendMW, deliverMW: t.receiveMW, month: m, day: time.index / 24) }
  }

  /// A solved chunk: slack and the study block by block (the blocks' order), branch
  /// statistics, then corridors and the hourly records hour by hour.
  mutating func add(_ chunk: ScenarioHourChunk, topologies: ScenarioTopologies) throws(ScenarioError) {
    for block in chunk.blocks {
      for (p, j) in block.columns.enumerated() {
        system.addSlack(block.slackMW[p])
        records[j].slackMW = block.slackMW[p]
      }
      let t = block.topology
      if let columns = studyColumns {
        try study?.add(
          block, columns: columns, ratings: topologies.ratings[t], inService: topologies.inService[t], context: topologies.describe(t))
      }
    }
    branches.add(chunk, ratings: topologies.ratings, inService: topologies.inService, parallelism: parallelism)
    for j in 0..<chunk.count {
      let flows = chunk.flowsMW(ofColumn: j)
      for c in corridors.indices {
        var send = 0.0, deliver = 0.0
        for (b, sign) in corridorBranches[c] {
          send += sign * flows[flows.startIndex + b]
          deliver += sign * flows[flows.startIndex + b]
        }
        for l in corridorLinks[c] {
          send += records[j].hvdcFromMW[l]
          deliver += records[j].hvdcToMW[l]
        }
        corridors[c].add(sendMW: send, deliverMW: deliver, month: month[j], day: day[j])
        records[j].corridorSendMW[c] = send
      }
    }
    guard let hourly else { return }
    for j in 0..<chunk.count {
      records[j].branchFlowsMW = chunk.flowsMW(ofColumn: j)
      do { try hourly(records[j]) } catch { throw .output("\(error)") }
      // Not kept past the call: the engine writes the next chunk's flows in place.
      records[j].branchFlowsMW = []
    }
  }

  /// The run's summary; `diagnostics` are the warnings of the topologies built (by topology).
  func finish(topologies: ScenarioTopologies, diagnostics: [Int: [Diagnostic]]) -> ScenarioResult {
    let (regions, totals) = system.finish(model: model)
    return ScenarioResult(
      scenarioName: scenario.name, networkName: scenario.network.name, start: scenario.start, hours: scenario.hours,
      months: months, topologies: Set(topologies.hourTopology).count, branches: branches.statistics(scenario.network),
      hvdc: links.map(\.statistics), corridors: corridors.map(\.statistics), regions: regions,
      totals: totals, exportLimit: study?.finished(), percentileResolutionPct: BranchAccumulator.resolutionPct,
      diagnostics: scenario.diagnostics + topologies.diagnostics(diagnostics), opf: opf?.finished())
  }

  /// The tallies of the hours added so far (`hours`), for a partial result.
  func part(hours: Range<Int>, diagnostics: [Int: [Diagnostic]]) -> ScenarioRunPart {
    ScenarioRunPart(
      hours: hours, branches: branches.tallies, links: links.map(\.tally), corridors: corridors.map(\.tally), system: system.tally,
      opf: opf?.tally, topologyDiagnostics: diagnostics)
  }

  /// Adds the tallies of a later range of hours.
  mutating func merge(_ part: ScenarioRunPart) {
    branches.merge(part.branches)
    for (l, t) in zip(links.indices, part.links) { links[l].tally.merge(t) }
    for (c, t) in zip(corridors.indices, part.corridors) { corridors[c].tally.merge(t) }
    system.tally.merge(part.system)
    if let t = part.opf { opf?.tally.merge(t) }
  }
}

/// What a run over some of a scenario's hours keeps (``ScenarioRunner/runPart(_:hours:options:)``):
/// per branch, link, corridor, region and technology the mergeable tallies — exact sums
/// (fixed-point sums, `FixedPointSum`), extremes with their hour, histograms and counts. The parts of
/// consecutive ranges that cover the period merge (``ScenarioRunner/merge(_:parts:options:)``)
/// into exactly the summary of one run over it (docs/scale-out.md). A partial result file
/// holds one (``PartialResult``).
public struct ScenarioRunPart: Sendable {
  /// The hours covered, 0-based in the period.
  public let hours: Range<Int>
  /// One per branch, link and corridor, in input order.
  var branches: [BranchTally]
  var links: [TransferTally]
  var corridors: [TransferTally]
  var system: SystemTally
  /// In the OPF dispatch modes.
  var opf: OPFTally?
  /// Warnings of the topologies built for these hours, by topology index.
  var topologyDiagnostics: [Int: [Diagnostic]]
}
