import Foundation
import Testing

@testable import GridCore

struct ValidationTests {
  /// One run of the bundled year with the rule its profiles were calibrated with, shared by the tests below.
  static let year: Result<(ScenarioResult, PublishedFacts, String), any Error> = Result {
    let scenario = try ScenarioReader.read(contentsOf: ScenarioFixtures.xinjiang)
    let path = try #require(scenario.factsPath)
    let facts = try PublishedFacts.read(contentsOf: path)
    let result = try ScenarioRunner.run(scenario)
    return (result, facts, try String(contentsOfFile: path, encoding: .utf8))
  }

  /// Every check has one kind; calibration and source-consistency checks hold for the rule
  /// year; the summary says how many independent checks there are and how many pass.
  @Test func kindsAndSummary() throws {
    let (result, facts, _) = try Self.year.get()
    let report = try Validation.report(Validation.Runs(year: result), facts: facts)
    let kinds = Set(report.checks.map(\.kind))
    #expect(kinds == [.calibration, .sourceConsistency, .independent, .sanityBound])
    #expect(Set(report.checks.map(\.id)).count == report.checks.count)
    for c in report.checks where c.kind == .calibration || c.kind == .sourceConsistency {
      #expect(c.pass, "\(c.id) \(c.name): \(c.model) vs \(c.published)")
    }
    // Held-out facts are checks of their own: the regional peaks with their dates, the record day.
    for name in ["Aksu peak load", "Kashgar peak load", "Jiquan largest daily energy"] {
      #expect(report.checks.contains { $0.name == name && $0.kind == .independent }, "\(name)")
    }
    let independent = report.checks.filter(\.independent)
    #expect(report.summaryLine == "\(report.checks.filter(\.pass).count) of \(report.checks.count) pass; \(independent.count) independent, of which \(independent.filter(\.pass).count) pass")
    // The rating × hours bound is labelled for what it is.
    #expect(report.checks.first { $0.id == "4b" }?.kind == .sanityBound)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    let checks = try #require(json["checks"] as? [[String: Any]])
    for key in ["name", "published", "model", "unit", "difference", "tolerance", "kind", "independent", "pass", "source"] {
      #expect(checks.allSatisfy { $0[key] != nil }, "\(key)")
    }
    #expect(json["summary"] as? String == report.summaryLine)
    let csv = report.csv().split(separator: "\n")
    #expect(csv.count == report.checks.count + 1 && csv[0].hasPrefix("id,kind,name,published,model"))
  }

  /// A published figure changed in the facts file makes the checks that use it fail.
  @Test(arguments: [
    ("value: 68.373, unit: TWh", "value: 60.0, unit: TWh", "1a"),
    ("value: 75.39, unit: TWh", "value: 80.0, unit: TWh", "1f"),
    ("value: 4070, unit: MW", "value: 3700, unit: MW", "3a"),
  ])
  func changedFigureFails(original: String, changed: String, check: String) throws {
    let (result, _, text) = try Self.year.get()
    #expect(text.contains(original))
    let facts = try PublishedFacts.parse(text.replacingOccurrences(of: original, with: changed), file: "changed.yaml")
    let report = try Validation.report(Validation.Runs(year: result), facts: facts)
    #expect(!report.passed)
    #expect(report.checks.first { $0.id == check }?.pass == false)
  }

  /// A fact with `scenario:` is checked on that run (a hold-out year) and skipped when it did not run.
  @Test func holdOutFactUsesItsOwnRun() throws {
    let (result, facts, _) = try Self.year.get()
    let fact = try #require(facts.facts["jiquan_2023_holdout"])
    let path = try #require(fact.scenario)
    #expect(path.hasSuffix("networks/scenarios/xinjiang-2023.yaml"))
    let without = try Validation.report(Validation.Runs(year: result), facts: facts)
    #expect(!without.checks.contains { $0.name.contains("hold-out") })
    // Any run stands in for the hold-out year here: the check reads Jiquan's energy from it.
    let with = try Validation.report(Validation.Runs(year: result, holdOut: [path: result]), facts: facts)
    let check = try #require(with.checks.first { $0.name.contains("hold-out") })
    #expect(check.kind == .independent && check.published == 62.0)
  }

  @Test func missingFactIsAnError() throws {
    let (result, _, text) = try Self.year.get()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("id: jiquan_rating") }
    let facts = try PublishedFacts.parse(lines.joined(separator: "\n"), file: "short.yaml")
    #expect(throws: ParseError.self) { try Validation.report(Validation.Runs(year: result), facts: facts) }
    #expect(throws: ParseError.self) { try PublishedFacts.parse(text.replacingOccurrences(of: "unit: TWh", with: "unit: PJ"), file: "x.yaml") }
  }
}
