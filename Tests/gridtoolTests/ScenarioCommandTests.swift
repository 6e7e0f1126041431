import Foundation
import Testing

/// `gridtool scenario` and `gridtool validate`, run as a user would.
struct ScenarioCommandTests {
  static let case9 = GridtoolRunner.network("scenarios/case9-48h.yaml")

  /// Runs gridtool from the repository root (where `validate`'s default scenario lives).
  static func runAtRoot(_ arguments: [String]) throws -> GridtoolRunner.Output {
    let process = Process()
    process.executableURL = GridtoolRunner.binary
    process.arguments = arguments
    process.currentDirectoryURL = GridtoolRunner.repository
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return GridtoolRunner.Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func tableJSONAndDurationCurves() throws {
    let table = try GridtoolRunner.run(["scenario", Self.case9])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.hasPrefix("Scenario: case9: 48 h of load scaling\nNetwork: case9\nPeriod: 2024-01-01T00:00 to 2024-01-02T23:00 (48 h); topologies: 2"))
    #expect(table.stdout.contains("Most loaded branches") && table.stderr.isEmpty)

    let json = try GridtoolRunner.run(["scenario", Self.case9, "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["hours"] as? Int == 48)
    let branches = try #require(object["branches"] as? [[String: Any]])
    #expect(branches.count == 9 && branches.map { $0["index"] as? Int } == (1...9).map { $0 })
    for key in ["name", "max_loading_pct", "mean_loading_pct", "p95_loading_pct", "hours_over_80", "hours_over_100"] {
      #expect(branches.allSatisfy { $0[key] != nil }, "\(key)")
    }
    #expect(branches[4]["hours_in_service"] as? Int == 42)  // line 6–9 out for six hours
    for key in ["corridors", "hvdc", "regions", "totals"] { #expect(object[key] != nil, "\(key)") }

    let csv = try GridtoolRunner.run(["scenario", Self.case9, "--format", "csv"])
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.count == 102 && lines[0].hasPrefix("hours_pct,branch:1,branch:2,"))
  }

  @Test func hourlyFileHasOneRowPerHour() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let path = dir.appendingPathComponent("hours.csv").path
    let r = try GridtoolRunner.run(["scenario", Self.case9, "--hourly", path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 49 && lines[0].hasPrefix("time,demand_mw,unserved_mw,wind_mw,solar_mw,curtailed_mw,generation_mw,slack_mw,branch_1_mw"))
    #expect(lines[1].hasPrefix("2024-01-01T00:00,") && lines[48].hasPrefix("2024-01-02T23:00,"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["hours.csv"])
  }

  @Test func inputErrorsExitOneWithTheirLocation() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let csv = dir.appendingPathComponent("p.csv"), yaml = dir.appendingPathComponent("s.yaml")
    try "time,load\n2024-01-01T00:00,1\n2024-01-01T01:00,abc\n".write(to: csv, atomically: true, encoding: .utf8)
    try """
      format: gridtool-scenario/1
      name: bad
      network: \(GridtoolRunner.network("case9.m"))
      period: {start: "2024-01-01T00:00", hours: 2}
      profiles: [{file: p.csv}]
      loads: [{all: true, profile: load}]
      """.write(to: yaml, atomically: true, encoding: .utf8)
    let hourly = dir.appendingPathComponent("h.csv").path
    let r = try GridtoolRunner.run(["scenario", yaml.path, "--hourly", hourly])
    #expect(r.status == 1)
    #expect(r.stderr.contains("p.csv:3:18: 'abc' in column 'load' is not a finite number"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: hourly))
    #expect(try GridtoolRunner.run(["scenario", Self.case9, "--chunk", "0"]).status == 64)
  }

  /// The table names each check's kind and says exactly what holds; CSV is one row per check.
  /// (The rule year, without the N-1 screen and the Jiquan bound, to keep the test short.)
  @Test func validateTableSaysWhatHolds() throws {
    let r = try Self.runAtRoot(["validate", "networks/scenarios/xinjiang-2024-rule.yaml", "--no-security", "--no-bound", "--no-hold-out"])
    #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
    #expect(r.stdout.contains("1a  Jiquan energy sent 2024") && r.stdout.contains("source consistency") && r.stdout.contains("sanity bound"))
    #expect(r.stdout.range(of: #"\d+ of \d+ pass; \d+ independent, of which \d+ pass\."#, options: .regularExpression) != nil, "\(r.stdout)")
    #expect((r.status == 0) == !r.stdout.contains("FAIL"))
    let csv = try Self.runAtRoot(["validate", "networks/scenarios/xinjiang-2024-rule.yaml", "--no-security", "--no-bound", "--no-hold-out", "-f", "csv"])
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.first == "id,kind,name,published,model,unit,difference,tolerance,comparison,pass,source,basis")
    #expect(lines.count > 15 && lines[1].hasPrefix("1a,calibration,Jiquan energy sent 2024,68.373,"))
  }

  /// `--format csv` is refused where a command has no CSV form.
  @Test func infoRefusesCSV() throws {
    let r = try GridtoolRunner.run(["info", GridtoolRunner.network("case9.m"), "-f", "csv"])
    #expect(r.status == 64 && r.stderr.contains("no CSV form"), "\(r.stderr)")
  }

  /// Exit 3, and a FAIL row, when a published figure is changed in a copy of the facts file.
  @Test func validateFailsWhenAFigureChanges() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let original = try String(contentsOf: GridtoolRunner.repository.appendingPathComponent("networks/xinjiang-facts.yaml"), encoding: .utf8)
    let facts = dir.appendingPathComponent("facts.yaml")
    try original.replacingOccurrences(of: "value: 68.373, unit: TWh", with: "value: 72.0, unit: TWh")
      .write(to: facts, atomically: true, encoding: .utf8)
    let r = try Self.runAtRoot([
      "validate", "networks/scenarios/xinjiang-2024-rule.yaml", "--facts", facts.path, "--format", "json", "--no-security", "--no-bound",
      "--no-hold-out",
    ])
    #expect(r.status == 3, "\(r.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let checks = try #require(object["checks"] as? [[String: Any]])
    let first = try #require(checks.first { $0["id"] as? String == "1a" })
    #expect(first["pass"] as? Bool == false && first["published"] as? Double == 72 && first["kind"] as? String == "calibration")
    #expect(object["all_pass"] as? Bool == false)
  }
}
