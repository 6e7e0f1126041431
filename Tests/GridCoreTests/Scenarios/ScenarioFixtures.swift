import Foundation
import Testing

@testable import GridCore

/// The bundled scenarios, whole or cut to a window, and a brute-force run to check the engine against.
enum ScenarioFixtures {
  static let case9 = TestPaths.network("scenarios/case9-48h.yaml")
  /// The 2024 year with the hand-written dispatch rule its profiles were calibrated with.
  static let xinjiang = TestPaths.network("scenarios/xinjiang-2024-rule.yaml")
  /// The same year re-dispatched by the hourly SCOPF (dispatch.mode: scopf).
  static let xinjiangSecure = TestPaths.network("scenarios/xinjiang-2024.yaml")

  /// The Xinjiang scenario (`file`: the rule year by default) over `hours` hours from `start`
  /// (outages outside the window are ignored).
  static func xinjiang(start: String, hours: Int, file: String = xinjiang) throws -> Scenario {
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = text.replacingOccurrences(of: "start: \"2024-01-01T00:00\"", with: "start: \"\(start)\"")
      .replacingOccurrences(of: "hours: 8784", with: "hours: \(hours)")
    return try ScenarioReader.parse(text, file: file)
  }

  /// A temporary folder for files a test writes (removed when the tests end).
  static func temporaryDirectory() throws -> URL { try TemporaryFolders.make("gridcore-scenario") }

  /// Every hour solved on its own: a fresh DCSystem for the hour's network, DCSystem.solve at the hour's point.
  static func singleSolves(_ scenario: Scenario) throws -> [(network: Network, result: DCFlowResult)] {
    try (0..<scenario.hours).map { h in
      let network = ScenarioRunner.network(scenario, hour: h)
      let point = try ScenarioRunner.operatingPoint(scenario, hour: h)
      return (network, try DCSystem(network, backend: .dense).solve(point))
    }
  }

  /// Runs a scenario and keeps every hour's flows (exact, from the hourly records).
  static func run(
    _ scenario: Scenario, chunk: Int = 512, study: ExportLimitStudy? = nil, parallelism: Parallelism = .automatic
  ) throws -> (ScenarioResult, [[Double]]) {
    let (result, records) = try runWithRecords(scenario, chunk: chunk, study: study, parallelism: parallelism)
    return (result, records.map { Array($0.branchFlowsMW) })
  }

  /// Runs a scenario and keeps every hour's record, flows copied out of the engine's blocks.
  static func runWithRecords(
    _ scenario: Scenario, chunk: Int = 512, study: ExportLimitStudy? = nil, parallelism: Parallelism = .automatic
  ) throws -> (ScenarioResult, [ScenarioHourRecord]) {
    var records: [ScenarioHourRecord] = []
    let options = ScenarioRunner.Options(
      chunkHours: chunk, parallelism: parallelism, exportLimit: study,
      hourly: { record in
        var kept = record
        kept.branchFlowsMW = Array(record.branchFlowsMW)[...]
        records.append(kept)
      })
    return (try ScenarioRunner.run(scenario, options: options), records)
  }
}
