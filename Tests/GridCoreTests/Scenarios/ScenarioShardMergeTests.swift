import Foundation
import Testing

@testable import GridCore

/// A study cut into shards and merged gives exactly — bit for bit — the single run's result,
/// for the year run (every dispatch mode), the N-1 screen and the transfer study; partial
/// results read back to the same bits; sets that do not belong together are refused.
struct ScenarioShardMergeTests {
  /// 120 hours around the Turpan–Hami maintenance (two topologies), in chunks of 16 hours.
  static let chunk = 16
  static func window(file: String = ScenarioFixtures.xinjiang, hours: Int = 120) throws -> Scenario {
    try ScenarioFixtures.xinjiang(start: "2024-04-08T00:00", hours: hours, file: file)
  }

  static let shardCounts = [1, 2, 3, 4, 7]

  /// Each shard's part, passed through its partial result file and read back.
  static func roundTrip(_ content: PartialResult.Content, scenario: Scenario, shard: ScenarioShard, chunk: Int = chunk) throws
    -> PartialResult
  {
    let partial = PartialResult(
      tool: "gridtool test", arguments: ["--chunk", "\(chunk)"], inputs: try PartialResult.inputFiles(of: scenario),
      scenarioName: scenario.name, start: scenario.start, periodHours: scenario.hours, chunkHours: chunk, shard: shard,
      content: content)
    let text = partial.json()
    let back = try PartialResult(json: Array(text.utf8), source: "shard-\(shard.index).json")
    #expect(back.json() == text, "a partial result reads back to the same file")
    return back
  }

  static func shards(_ n: Int) -> [ScenarioShard] { (0..<n).compactMap { ScenarioShard(index: $0, count: n) } }

  @Test(arguments: [DispatchMode.rule, .opf, .scopf])
  func yearRunMergesToTheSingleRun(mode: DispatchMode) throws {
    var scenario = try Self.window(file: mode == .rule ? ScenarioFixtures.xinjiang : ScenarioFixtures.xinjiangSecure, hours: mode == .rule ? 120 : 72)
    scenario.dispatchMode = mode
    let options = ScenarioRunner.Options(chunkHours: Self.chunk)
    let single = try ScenarioRunner.run(scenario, options: options)
    let (json, csv) = (single.json(), single.durationCurvesCSV())
    for n in Self.shardCounts {
      var files: [(result: PartialResult, source: String)] = []
      for shard in Self.shards(n).reversed() {
        let part = try ScenarioRunner.runPart(scenario, hours: shard.hours(period: scenario.hours, chunkHours: Self.chunk), options: options)
        files.append((try Self.roundTrip(.scenario(part), scenario: scenario, shard: shard), "\(shard)"))
      }
      let parts = try PartialResult.ordered(files).compactMap { p -> ScenarioRunPart? in
        if case .scenario(let part) = p.content { return part }
        return nil
      }
      let merged = try ScenarioRunner.merge(scenario, parts: parts, options: options)
      #expect(merged.json() == json, "\(mode), \(n) shards")
      #expect(merged.durationCurvesCSV() == csv, "\(mode), \(n) shards")
      #expect(merged.diagnostics == single.diagnostics)
    }
  }

  @Test func securityScreenMergesToTheSingleScreen() throws {
    let scenario = try Self.window()
    // A tight limit, so that there are violations, periods and worst cases to merge.
    let options = ScenarioSecurityScreen.Options(contingency: ContingencyOptions(limitPct: 60), chunkHours: Self.chunk)
    let single = try ScenarioSecurityScreen.run(scenario, options: options)
    #expect(single.summary.insecureHours > 0 && single.topologies.count == 2)
    let json = single.json(), csv = single.csv()
    for n in Self.shardCounts {
      var parts: [ScenarioSecurityPart] = []
      for shard in Self.shards(n) {
        let part = try ScenarioSecurityScreen.runPart(
          scenario, hours: shard.hours(period: scenario.hours, chunkHours: Self.chunk), options: options)
        guard case .contingency(let back) = try Self.roundTrip(.contingency(part), scenario: scenario, shard: shard).content else {
          Issue.record("not a contingency part")
          return
        }
        parts.append(back)
      }
      let merged = try ScenarioSecurityScreen.merge(scenario, parts: parts.reversed(), options: options)
      #expect(merged.json() == json, "\(n) shards")
      #expect(merged.csv() == csv, "\(n) shards")
    }
  }

  @Test func transferStudyMergesToTheSingleStudy() throws {
    let scenario = try Self.window()
    let group = try NetworkSelection.busGroup("tag:base:zhundong", in: scenario.network)
    let source = try InjectionPattern(name: group.name, buses: group.buses, rule: .generation, network: scenario.network)
    let direction = { (system: DCSystem) throws(SensitivityError) in
      try TransferDirection.corridor("jiquan", in: system, source: source)
    }
    let options = ScenarioTransferStudy.Options(chunkHours: Self.chunk)
    let single = try ScenarioTransferStudy.run(scenario, direction: direction, options: options)
    let json = single.json(top: 10), hourly = single.hourlyCSV(), curve = single.durationCurveCSV()
    for n in Self.shardCounts {
      var parts: [ScenarioTransferPart] = []
      for shard in Self.shards(n) {
        let part = try ScenarioTransferStudy.runPart(
          scenario, hours: shard.hours(period: scenario.hours, chunkHours: Self.chunk), direction: direction, options: options)
        guard case .transfer(let back) = try Self.roundTrip(.transfer(part), scenario: scenario, shard: shard).content else {
          Issue.record("not a transfer part")
          return
        }
        parts.append(back)
      }
      let merged = try ScenarioTransferStudy.merge(scenario, direction: direction, parts: parts, options: options)
      #expect(merged.json(top: 10) == json && merged.hourlyCSV() == hourly && merged.durationCurveCSV() == curve, "\(n) shards")
    }
  }

  /// Parts that overlap or leave hours out are refused by the merge itself.
  @Test func mergeRefusesAnIncompleteCover() throws {
    let scenario = try Self.window()
    let options = ScenarioRunner.Options(chunkHours: Self.chunk)
    let a = try ScenarioRunner.runPart(scenario, hours: 0..<48, options: options)
    let b = try ScenarioRunner.runPart(scenario, hours: 32..<120, options: options)
    let c = try ScenarioRunner.runPart(scenario, hours: 64..<120, options: options)
    #expect(throws: ScenarioError.self) { try ScenarioRunner.merge(scenario, parts: [a, b], options: options) }
    #expect(throws: ScenarioError.self) { try ScenarioRunner.merge(scenario, parts: [a, c], options: options) }
    #expect(throws: ScenarioError.self) { try ScenarioRunner.runPart(scenario, hours: 100..<130, options: options) }
  }

  /// A set of partial results is checked file by file; every message names the file.
  @Test func partialSetsThatDoNotBelongTogetherAreRefused() throws {
    let scenario = try Self.window()
    let options = ScenarioRunner.Options(chunkHours: Self.chunk)
    func partial(_ k: Int, _ n: Int, tool: String = "gridtool test", arguments: [String] = ["--chunk", "16"]) throws -> PartialResult {
      let shard = try #require(ScenarioShard(index: k, count: n))
      let part = try ScenarioRunner.runPart(scenario, hours: shard.hours(period: scenario.hours, chunkHours: Self.chunk), options: options)
      return PartialResult(
        tool: tool, arguments: arguments, inputs: try PartialResult.inputFiles(of: scenario), scenarioName: scenario.name,
        start: scenario.start, periodHours: scenario.hours, chunkHours: Self.chunk, shard: shard, content: .scenario(part))
    }
    func message(_ files: [(PartialResult, String)]) -> String {
      do {
        _ = try PartialResult.ordered(files.map { (result: $0.0, source: $0.1) })
        return ""
      } catch {
        return error.message
      }
    }
    let p0 = try partial(0, 3), p1 = try partial(1, 3), p2 = try partial(2, 3)
    #expect(message([(p0, "a.json"), (p1, "b.json"), (p2, "c.json")]) == "")
    #expect(message([(p0, "a.json"), (p2, "c.json")]).contains("shard 1/3 missing"))
    let missingLast = message([(p0, "a.json"), (p1, "b.json")])
    #expect(missingLast.contains("shard 2/3 missing"), "\(missingLast)")
    let twice = message([(p0, "a.json"), (p1, "b.json"), (p1, "b2.json"), (p2, "c.json")])
    #expect(twice.contains("b2.json") && twice.contains("overlaps"), "\(twice)")
    let other = try partial(0, 2)
    #expect(message([(p0, "a.json"), (other, "x.json")]).contains("overlaps"))
    #expect(message([(p0, "a.json"), (try partial(1, 3, tool: "gridtool 9"), "t.json")]).contains("t.json and a.json are not shards of one study: written by gridtool 9"))
    let options2 = message([(p0, "a.json"), (try partial(1, 3, arguments: ["--chunk", "16", "--limit", "90"]), "o.json")])
    #expect(options2.contains("o.json") && options2.contains("different options"), "\(options2)")
    var changed = p1
    changed.inputs[1].sha256 = String(repeating: "0", count: 64)
    #expect(message([(p0, "a.json"), (changed, "n.json")]).contains("n.json and a.json are not shards of one study: different network files"))
    var transfer = p1
    transfer.content = .transfer(ScenarioTransferPart(hours: p1.hours, hourly: []))
    #expect(message([(p0, "a.json"), (transfer, "t.json")]).contains("partials of `gridtool transfer` and `gridtool scenario`"))
  }

  /// A file of another format, a changed file and damaged fields are refused, naming the file.
  @Test func damagedFilesAreRefused() throws {
    let scenario = try Self.window()
    let shard = try #require(ScenarioShard(index: 0, count: 2))
    let part = try ScenarioRunner.runPart(scenario, hours: shard.hours(period: scenario.hours, chunkHours: Self.chunk), options: .init(chunkHours: Self.chunk))
    let text = PartialResult(
      tool: "gridtool test", arguments: [], inputs: try PartialResult.inputFiles(of: scenario), scenarioName: scenario.name,
      start: scenario.start, periodHours: scenario.hours, chunkHours: Self.chunk, shard: shard, content: .scenario(part)
    ).json()
    func message(_ text: String) -> String {
      do {
        _ = try PartialResult(json: Array(text.utf8), source: "p.json")
        return ""
      } catch {
        return error.message
      }
    }
    #expect(message(text) == "")
    #expect(message(text.replacingOccurrences(of: "gridtool-partial/1", with: "gridtool-partial/2")).hasPrefix("p.json: format gridtool-partial/2"))
    #expect(message("{\"format\": \"gridtool-scenario/1\"}").hasPrefix("p.json: format gridtool-scenario/1"))
    #expect(message("not json").hasPrefix("p.json: not a gridtool partial result"))
    let retitled = text.replacingOccurrences(of: "\"scenario\":\"\(scenario.name)\"", with: "\"scenario\":\"other\"")
    #expect(retitled != text && message(retitled).contains("the identity does not match"))
    let sum = try #require(text.range(of: "\"sum_abs_flow_mwh\":\"0x"))
    var damaged = text
    damaged.replaceSubrange(sum, with: "\"sum_abs_flow_mwh\":\"0y")
    #expect(message(damaged).hasPrefix("p.json: branches[0].sum_abs_flow_mwh"))
    let hours = text.replacingOccurrences(of: "\"hours_in_service\":", with: "\"hours_in_service\":9999")
    #expect(message(hours).contains("is not a count of the part's"))
    // The identity covers the inputs: a changed hash no longer matches.
    let tampered = text.replacingOccurrences(of: "\"period_hours\":120", with: "\"period_hours\":121")
    #expect(message(tampered).contains("the identity does not match"))
  }
}
