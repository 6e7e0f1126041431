import Testing

@testable import GridCore

/// The hour walk every scenario study uses: what a chunk holds, and that the threads never
/// change a result.
struct ScenarioHourEngineTests {
  /// 120 hours of Xinjiang around the Turpan–Hami maintenance: two topologies.
  static func window() throws -> Scenario { try ScenarioFixtures.xinjiang(start: "2024-04-08T00:00", hours: 120) }

  /// Blocks cover each chunk once, by topology (ascending), in halves exactly when the chunk is
  /// all one topology of 64 hours or more; runs are the maximal one-topology stretches in time
  /// order with their columns' flows; `dispatched` sees every hour in order.
  @Test(arguments: [7, 64, 96, 512])
  func chunksAreBlocksByTopologyAndRunsInTimeOrder(chunk: Int) throws {
    let scenario = try Self.window()
    var engine = try ScenarioHourEngine(scenario, options: ScenarioHourEngine.Options(chunkHours: chunk, operatingPoints: true))
    let hourTopology = engine.topologies.hourTopology.map { Int($0) }
    var done = 0, seen: [(hour: Int, column: Int)] = []
    while let c = try engine.nextChunk(dispatched: { hour, column, _, _ in seen.append((hour, column)) }) {
      #expect(c.firstHour == done && c.count == min(chunk, scenario.hours - done))
      var covered = [Bool](repeating: false, count: c.count)
      for (b, block) in c.blocks.enumerated() {
        if b > 0 { #expect(c.blocks[b - 1].topology <= block.topology) }
        #expect(block.columns == block.columns.sorted() && !block.columns.isEmpty)
        for j in block.columns {
          #expect(!covered[j])
          covered[j] = true
          #expect(hourTopology[c.firstHour + j] == block.topology)
        }
        #expect(block.flowsMW.count == block.columns.count * c.branchCount && block.slackMW.count == block.columns.count)
      }
      #expect(!covered.contains(false))
      let oneTopology = Set(c.blocks.map(\.topology)).count == 1
      #expect(c.blocks.contains { $0.half != nil } == (oneTopology && c.count >= 64))
      var hour = c.firstHour, previous: Int? = nil
      for run in c.runs {
        #expect(run.firstHour == hour && run.topology != previous)
        #expect((0..<run.count).allSatisfy { hourTopology[hour + $0] == run.topology })
        let columns = (hour - c.firstHour)..<(hour - c.firstHour + run.count)
        #expect(Array(run.flowsMW) == columns.flatMap { Array(c.flowsMW(ofColumn: $0)) })
        #expect(Array(run.points) == Array(c.points[columns]))
        hour += run.count
        previous = run.topology
      }
      #expect(hour == c.firstHour + c.count)
      done += c.count
    }
    #expect(done == scenario.hours && seen.map(\.hour) == Array(0..<scenario.hours))
    #expect(seen.allSatisfy { $0.column == $0.hour % chunk })
    for h in [0, 50, 119] {
      var again = try ScenarioHourEngine(scenario, options: ScenarioHourEngine.Options(chunkHours: chunk, solve: false, operatingPoints: true))
      var point: OperatingPoint?
      while point == nil, let c = try again.nextChunk() {
        if h < c.firstHour + c.count { point = c.points[h - c.firstHour] }
      }
      #expect(point == (try ScenarioRunner.operatingPoint(scenario, hour: h)))
    }
  }

  /// A dispatch-only walk hands back the same blocks without flows.
  @Test func dispatchOnlyHasNoFlows() throws {
    var engine = try ScenarioHourEngine(try Self.window(), options: ScenarioHourEngine.Options(chunkHours: 96, solve: false))
    while let c = try engine.nextChunk() {
      #expect(!c.isSolved && c.blocks.allSatisfy { $0.flowsMW.isEmpty && $0.half == nil })
      #expect(c.runs.allSatisfy { $0.flowsMW.isEmpty })
    }
  }

  /// The year run on one thread and on several gives the same bits: the blocks depend on the
  /// hours alone, each is one solve, and every sum is taken in a fixed order (the branch
  /// statistics in fixed lanes). Exact equality, by construction: the JSON holds every figure
  /// at full precision, and the hourly records hold every flow.
  @Test func serialAndParallelRunsAreIdentical() throws {
    var scenarios: [(Scenario, ExportLimitStudy?, chunk: Int)] = []
    let window = try Self.window()
    scenarios.append((window, nil, 64))
    let jiquan = try ExportLimitStudy(network: window.network, link: "jiquan", supplyBuses: ["changji", "wucaiwan", "jijihu"])
    scenarios.append((window, jiquan, 64))
    // Large enough for the solve halves and the branch segments to run side by side
    // (2,383 buses, 2,896 branches, chunks of 200, 200 and 10 hours).
    if let path = TestPaths.shared("case2383wp.m") {
      let network = try NetworkFile.read(path).network
      let start = try #require(ClockHour(parsing: "2024-01-01T00:00"))
      let profile = (0..<410).map { 0.8 + 0.2 * Double($0 % 24) / 23 }
      scenarios.append((try Scenario.loadScaling(network: network, profile: profile, start: start), nil, 200))
    }
    for (scenario, study, chunk) in scenarios {
      let (serial, serialHours) = try ScenarioFixtures.runWithRecords(scenario, chunk: chunk, study: study, parallelism: .serial)
      for parallelism in [Parallelism.automatic, Parallelism(threads: 3)] {
        let (parallel, parallelHours) = try ScenarioFixtures.runWithRecords(
          scenario, chunk: chunk, study: study, parallelism: parallelism)
        #expect(parallel.json() == serial.json(), "\(scenario.name), \(parallelism)")
        #expect(parallel.durationCurvesCSV() == serial.durationCurvesCSV())
        #expect(parallelHours.count == serialHours.count)
        for (a, b) in zip(parallelHours, serialHours) {
          #expect(a.branchFlowsMW == b.branchFlowsMW && a.slackMW == b.slackMW && a.corridorSendMW == b.corridorSendMW)
        }
      }
    }
  }

  /// The N-1 screen and the transfer study over the same window give the same bits on one
  /// thread and on several (hours studied side by side, collected in hour order).
  @Test func studiesAreTheSameOnAnyThreads() throws {
    let scenario = try Self.window()
    let group = try NetworkSelection.busGroup("tag:base:zhundong", in: scenario.network)
    let source = try InjectionPattern(name: group.name, buses: group.buses, rule: .generation, network: scenario.network)
    let direction = { (system: DCSystem) throws(SensitivityError) in
      try TransferDirection.corridor("jiquan", in: system, source: source)
    }
    func screen(_ parallelism: Parallelism) throws -> String {
      try ScenarioSecurityScreen.run(
        scenario, options: ScenarioSecurityScreen.Options(chunkHours: 64, parallelism: parallelism)
      ).json()
    }
    func transfer(_ parallelism: Parallelism) throws -> (String, String) {
      let result = try ScenarioTransferStudy.run(
        scenario, direction: direction, options: ScenarioTransferStudy.Options(chunkHours: 64, parallelism: parallelism))
      return (result.json(), result.hourlyCSV())
    }
    let serialScreen = try screen(.serial), serialTransfer = try transfer(.serial)
    for parallelism in [Parallelism.automatic, Parallelism(threads: 3)] {
      #expect(try screen(parallelism) == serialScreen)
      #expect(try transfer(parallelism) == serialTransfer)
    }
  }
}
