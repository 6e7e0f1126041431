import Foundation
import Testing

/// `gridtool contingency SCENARIO` and `gridtool transfer SCENARIO`: contracts and exit status.
struct ScenarioSensitivityCommandTests {
  static let case9 = GridtoolRunner.network("scenarios/case9-48h.yaml")

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The Xinjiang scenario (`file`: the rule year by default) cut to `hours` from `start`,
  /// written with absolute paths to a temporary folder.
  func xinjiangWindow(start: String, hours: Int, in folder: URL, file: String = "xinjiang-2024-rule.yaml") throws -> String {
    try GridtoolRunner.xinjiangWindow(file, start: start, hours: hours, in: folder)
  }

  @Test func contingencyScenarioJSONAndExitStatus() throws {
    let r = try GridtoolRunner.run(["contingency", Self.case9, "--format", "json"])
    #expect(r.status == 2, "insecure hours: exit status 2 (\(r.stderr))")
    let j = try json(r.stdout)
    #expect(j["format"] as? String == "gridtool-scenario-contingency/1")
    #expect(j["hours"] as? Int == 48 && j["start"] as? String == "2024-01-01T00:00")
    for key in ["scenario", "network", "options", "topologies", "branches", "contingencies", "summary"] { #expect(j[key] != nil, "\(key)") }
    let summary = try #require(j["summary"] as? [String: Any])
    for key in [
      "secure", "hours", "insecure_hours", "base_insecure_hours", "contingencies", "contingencies_with_violations", "monitored",
      "worst_loading_pct", "worst_branch", "worst_time", "worst_outage", "worst_contingency",
    ] {
      #expect(summary[key] != nil, "summary.\(key)")
    }
    #expect(summary["secure"] as? Bool == false)
    let insecure = try #require(summary["insecure_hours"] as? Int)
    #expect(insecure > 0 && insecure < 48)
    let branches = try #require(j["branches"] as? [[String: Any]])
    #expect(branches.map { $0["branch"] as? Int } == (1...9).map { $0 })
    for key in ["rating_mw", "hours_monitored", "worst_loading_pct", "worst_time", "worst_outage", "worst_contingency", "insecure_hours"] {
      #expect(branches.allSatisfy { $0[key] != nil }, "branches[].\(key)")
    }
    let contingencies = try #require(j["contingencies"] as? [[String: Any]])
    #expect(contingencies.count == 9)
    let violating = contingencies.filter { ($0["violation_hours"] as? Int ?? 0) > 0 }
    #expect(!violating.isEmpty)
    for c in violating {
      let periods = try #require(c["violation_periods"] as? [[String: Any]])
      #expect(periods.reduce(0) { $0 + ($1["hours"] as? Int ?? 0) } == c["violation_hours"] as? Int)
      #expect(periods.allSatisfy { ($0["from"] as? String)?.hasPrefix("2024-01-0") == true && $0["to"] != nil })
    }
    let topologies = try #require(j["topologies"] as? [[String: Any]])
    #expect(topologies.map { $0["hours"] as? Int } == [42, 6])
  }

  @Test func contingencyScenarioSecureTableCSVAndUsage() throws {
    // With a 1000 % limit nothing is violated: exit status 0.
    let secure = try GridtoolRunner.run(["contingency", Self.case9, "--limit", "1000"])
    #expect(secure.status == 0, "\(secure.stderr)")
    #expect(secure.stdout.hasPrefix("N-1 screen of every hour: case9: 48 h of load scaling (case9)"))
    #expect(secure.stdout.contains("secure in every hour"))
    let csv = try GridtoolRunner.run(["contingency", Self.case9, "--format", "csv"])
    #expect(csv.status == 2)
    let rows = csv.stdout.split(separator: "\n")
    #expect(rows.first == "index,kind,element,label,hours_screened,violation_hours,worst_loading_pct,worst_time,violation_periods")
    #expect(rows.count == 10)
    // --flows would be the hour × contingency × branch cube: a usage error.
    #expect(try GridtoolRunner.run(["contingency", Self.case9, "--flows", "--format", "json"]).status == 64)
    let unknown = try GridtoolRunner.run(["contingency", Self.case9, "--monitor", "12"])
    #expect(unknown.status == 1 && unknown.stderr.contains("unknown branch '12'"))
  }

  @Test func transferScenarioJSONDurationCurveAndHourly() throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try xinjiangWindow(start: "2024-04-12T00:00", hours: 30, in: folder)
    let hourly = folder.appendingPathComponent("hourly.csv").path
    let r = try GridtoolRunner.run(
      ["transfer", scenario, "--corridor", "jiquan", "--from", "tag:base:zhundong", "--format", "json", "--hourly", hourly])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    #expect(j["format"] as? String == "gridtool-scenario-transfer/1")
    #expect(j["hours"] as? Int == 30 && j["topologies"] as? Int == 2)
    let headroom = try #require(j["headroom"] as? [String: Any])
    for key in ["energy_mwh", "mean_mw", "hours_unlimited", "hours_without_headroom", "percentiles_mw"] {
      #expect(headroom[key] != nil, "headroom.\(key)")
    }
    let percentiles = try #require(headroom["percentiles_mw"] as? [String: Any])
    #expect(Set(percentiles.keys) == ["p0", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p100"])
    let limiting = try #require(j["limiting"] as? [[String: Any]])
    #expect(!limiting.isEmpty && limiting.reduce(0) { $0 + ($1["hours"] as? Int ?? 0) } == 30)
    #expect(limiting.allSatisfy { ["branch", "hvdc_rating", "source_capacity"].contains($0["kind"] as? String ?? "") })
    let direction = try #require(j["direction"] as? [String: Any])
    #expect(direction["name"] as? String == "jiquan" && direction["hvdc"] as? [String] == ["jiquan"])

    let lines = try String(contentsOfFile: hourly, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 31 && lines[1].hasPrefix("2024-04-12T00:00,"))
    #expect(lines[0] == "time,headroom_mw,network_limit_mw,hvdc_rating_limit_mw,source_capacity_limit_mw,limiting,branch,contingency,link")

    let csv = try GridtoolRunner.run(["transfer", scenario, "--corridor", "jiquan", "--from", "tag:base:zhundong", "--format", "csv"])
    let rows = csv.stdout.split(separator: "\n")
    #expect(rows.first == "rank,hours_pct,headroom_mw" && rows.count == 31)
    let values = rows.dropFirst().compactMap { Double($0.split(separator: ",")[2]) }
    #expect(values == values.sorted(by: >) && values.count == 30)

    let table = try GridtoolRunner.run(["transfer", scenario, "--corridor", "jiquan", "--from", "tag:base:zhundong"])
    #expect(table.status == 0 && table.stdout.contains("annual energy headroom") && table.stdout.contains("Most frequent limiting elements"))
  }

  @Test func transferScenarioErrors() throws {
    let unknown = try GridtoolRunner.run(["transfer", Self.case9, "--corridor", "nowhere"])
    #expect(unknown.status == 1 && unknown.stderr.contains("no corridor 'nowhere'"))
    #expect(try GridtoolRunner.run(["transfer", GridtoolRunner.network("case9.m"), "--from", "2", "--to", "5", "--hourly", "/tmp/x.csv"]).status == 64)
    let ac = try GridtoolRunner.run(["transfer", Self.case9, "--from", "2", "--to", "5", "--format", "json"])
    #expect(ac.status == 0, "\(ac.stderr)")
    #expect(try json(ac.stdout)["hours"] as? Int == 48)
  }

  /// The SCOPF year (the bundled file's dispatch) is N-1 secure where the rule is not: exit 0
  /// against exit 2 on the same window; `--dispatch` overrides the file.
  @Test func scopfWindowIsSecure() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let path = try xinjiangWindow(start: "2024-05-13T00:00", hours: 72, in: dir, file: "xinjiang-2024.yaml")
    let secure = try GridtoolRunner.run(["contingency", path])
    #expect(secure.status == 0 && secure.stdout.contains("insecure hours                 0 of 72"), "\(secure.stdout)\(secure.stderr)")
    #expect(try GridtoolRunner.run(["contingency", path, "--dispatch", "rule"]).status == 2)
    let scenario = try GridtoolRunner.run(["scenario", path, "--format", "json"])
    let j = try json(scenario.stdout)
    #expect(j["dispatch"] as? String == "scopf")
    let opf = try #require(j["opf"] as? [String: Any])
    for key in ["binding", "slack_hours", "hours_with_slack", "security_rounds", "free_links"] { #expect(opf[key] != nil, "opf.\(key)") }
    let table = try GridtoolRunner.run(["scenario", path, "--dispatch", "opf"])
    #expect(table.status == 0 && table.stdout.contains("Dispatch: opf (hourly DC OPF)"), "\(table.stderr)")
  }
}
