import Foundation
import Testing

@testable import GridCore

struct ValidationTests {
  /// One run of the bundled year, shared by the tests below.
  static let year: Result<(ScenarioResult, PublishedFacts, String), any Error> = Result {
    let scenario = try ScenarioReader.read(contentsOf: ScenarioFixtures.xinjiang)
    let path = try #require(scenario.factsPath)
    let facts = try PublishedFacts.read(contentsOf: path)
    let result = try ScenarioRunner.run(scenario, options: ScenarioRunner.Options(exportLimit: try Validation.study(facts, network: scenario.network)))
    return (result, facts, try String(contentsOfFile: path, encoding: .utf8))
  }

  @Test func bundledScenarioPassesEveryCheck() throws {
    let (result, facts, _) = try Self.year.get()
    let report = try Validation.report(result: result, facts: facts)
    #expect(report.passed, "\(report.checks.filter { !$0.pass }.map(\.name))")
    #expect(Set(report.checks.map(\.group)) == [1, 2, 3, 4, 5])
    #expect(report.checks.contains { $0.independent } && report.checks.contains { !$0.independent })
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    let checks = try #require(json["checks"] as? [[String: Any]])
    for key in ["name", "published", "model", "unit", "difference", "tolerance", "independent", "pass", "source"] {
      #expect(checks.allSatisfy { $0[key] != nil }, "\(key)")
    }
  }

  /// A published figure changed in the facts file makes the checks that use it fail.
  @Test(arguments: [
    ("value: 68.373, unit: TWh", "value: 60.0, unit: TWh", "1a"),
    ("value: 300.0, unit: TWh", "value: 250.0, unit: TWh", "3c"),
    ("value: 75.39, unit: TWh", "value: 80.0, unit: TWh", "5d"),
  ])
  func changedFigureFails(original: String, changed: String, check: String) throws {
    let (result, _, text) = try Self.year.get()
    #expect(text.contains(original))
    let facts = try PublishedFacts.parse(text.replacingOccurrences(of: original, with: changed), file: "changed.yaml")
    let report = try Validation.report(result: result, facts: facts)
    #expect(!report.passed)
    #expect(report.checks.first { $0.id == check }?.pass == false)
  }

  @Test func missingFactIsAnError() throws {
    let (result, _, text) = try Self.year.get()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("id: jiquan_rating") }
    let facts = try PublishedFacts.parse(lines.joined(separator: "\n"), file: "short.yaml")
    #expect(throws: ParseError.self) { try Validation.report(result: result, facts: facts) }
    #expect(throws: ParseError.self) { try PublishedFacts.parse(text.replacingOccurrences(of: "unit: TWh", with: "unit: PJ"), file: "x.yaml") }
  }
}
