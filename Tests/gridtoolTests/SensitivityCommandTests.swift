import Foundation
import Testing

/// `gridtool ptdf | lodf | contingency | transfer`: contracts, exit status, errors.
struct SensitivityCommandTests {
  static let sharedCases = GridtoolRunner.repository.deletingLastPathComponent().appendingPathComponent("shared/cases")
  static var haveSharedCases: Bool { FileManager.default.fileExists(atPath: sharedCases.appendingPathComponent("case118.m").path) }

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  func csvRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test func ptdfCSVHasTheReferenceLayout() throws {
    let r = try GridtoolRunner.run(["ptdf", GridtoolRunner.network("case9.m")])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = csvRows(r.stdout)
    #expect(rows.first == ["branch"] + (1...9).map(String.init))
    #expect(rows.count == 10 && rows.dropFirst().map { $0[0] } == (1...9).map(String.init))
    #expect(rows[1][1] == "0")  // the reference bus column
    #expect(!r.stdout.contains("nan") && !r.stdout.contains("inf"))
  }

  @Test func ptdfSelectionsSlackAndTransfer() throws {
    let file = GridtoolRunner.network("xinjiang-2024.yaml")
    let part = try GridtoolRunner.run(["ptdf", file, "--branches", "1,3-4,changji-jijihu", "--buses", "wubei,changji", "--slack", "hami"])
    #expect(part.status == 0, "\(part.stderr)")
    let rows = csvRows(part.stdout)
    #expect(rows.map { $0.count } == [3, 3, 3, 3, 3])
    #expect(rows.dropFirst().map { $0[0] } == ["1", "3", "4", "33"])
    let transfer = try GridtoolRunner.run(["ptdf", file, "--from", "tag:base:zhundong", "--to", "urumqi", "--format", "json"])
    #expect(transfer.status == 0, "\(transfer.stderr)")
    let j = try json(transfer.stdout)
    #expect(j["transfer"] as? String == "from_tag:base:zhundong_to_urumqi")
    #expect((j["ptdf"] as? [Double])?.count == 39)
    let distributed = try GridtoolRunner.run(["ptdf", file, "--distributed", "capacity", "--format", "json"])
    #expect(try json(distributed.stdout)["slack"] as? String == "distributed (capacity)")
  }

  @Test func ptdfErrors() throws {
    let file = GridtoolRunner.network("case9.m")
    #expect(try GridtoolRunner.run(["ptdf", file, "--slack", "1", "--distributed", "load"]).status == 64)
    #expect(try GridtoolRunner.run(["ptdf", file, "--from", "1"]).status == 64)
    let unknown = try GridtoolRunner.run(["ptdf", file, "--slack", "99"])
    #expect(unknown.status == 1 && unknown.stderr.contains("unknown bus '99'"))
    let branch = try GridtoolRunner.run(["ptdf", file, "--branches", "12"])
    #expect(branch.status == 1 && branch.stderr.contains("unknown branch '12'"))
  }

  /// Bridge columns are empty off the diagonal in CSV and null in JSON, listed as islanding.
  @Test func lodfMarksIslandingColumns() throws {
    let file = GridtoolRunner.network("case9.m")
    let r = try GridtoolRunner.run(["lodf", file])
    #expect(r.status == 0)
    let rows = csvRows(r.stdout)
    #expect(rows[0] == ["branch"] + (1...9).map(String.init))
    #expect(rows[2][1] == "" && rows[1][1] == "-1")  // branch 1 is a bridge (bus 1's transformer)
    let j = try json(try GridtoolRunner.run(["lodf", file, "--format", "json", "--outages", "1,2"]).stdout)
    #expect(j["islanding"] as? [Int] == [1])
    let lodf = try #require(j["lodf"] as? [[Any]])
    #expect(lodf.count == 9 && lodf[1][0] is NSNull)
  }

  /// Exit status 2 when violations are found, 0 when secure; the JSON contract.
  @Test func contingencyJSONContractAndExitStatus() throws {
    let file = GridtoolRunner.network("case9.m")
    let r = try GridtoolRunner.run(["contingency", file, "--format", "json", "--flows"])
    #expect(r.status == 2, "\(r.stderr)")
    let j = try json(r.stdout)
    let outages = try #require(j["outages"] as? [[String: Any]])
    #expect(outages.map { $0["branch"] as? Int } == (1...9).map { $0 })
    for o in outages {
      for key in ["kind", "status", "islanding", "max_loading_pct", "violations", "p_from_mw"] { #expect(o[key] != nil, "\(key)") }
      #expect((o["p_from_mw"] as? [Double])?.count == 9)
    }
    let first = outages[0]
    #expect(first["islanding"] as? Bool == true && first["buses_cut_off"] as? [Int] == [1])
    #expect(first["load_lost_mw"] as? Double == 0 && (first["generation_lost_mw"] as? Double ?? 0) > 0)
    let summary = try #require(j["summary"] as? [String: Any])
    #expect(summary["secure"] as? Bool == false && summary["contingencies_with_violations"] as? Int == 1)
    #expect((j["branches"] as? [[String: Any]])?.count == 9)
    let secure = try GridtoolRunner.run(["contingency", file, "--limit", "120"])
    #expect(secure.status == 0 && secure.stdout.contains("secure"))
  }

  @Test func contingencyCSVAndTable() throws {
    let file = GridtoolRunner.network("xinjiang-2024.yaml")
    let csv = try GridtoolRunner.run(["contingency", file, "--format", "csv", "--per-circuit"])
    let rows = csvRows(csv.stdout)
    #expect(rows[0].prefix(5) == ["index", "kind", "element", "name", "status"])
    #expect(rows.count == 1 + 39 + 4)
    #expect(rows.last?[1] == "hvdc_link" && rows.last?[3] == "jiquan")
    #expect(rows.contains { $0[1] == "circuit" })
    let table = try GridtoolRunner.run(["contingency", file, "--outages", "santanghu-hami,hvdc:jiquan,pole:tianzhong"])
    #expect(table.status == 2)
    #expect(table.stdout.contains("HVDC trips") && table.stdout.contains("one pole of HVDC tianzhong"))
    #expect(try GridtoolRunner.run(["contingency", file, "--flows"]).status == 64)
    #expect(try GridtoolRunner.run(["contingency", file, "--outages", "hvdc:nowhere"]).status == 1)
  }

  /// The example: Jiquan raised, supplied by the Zhundong base.
  @Test func transferJiquanFromZhundong() throws {
    let file = GridtoolRunner.network("xinjiang-2024.yaml")
    let r = try GridtoolRunner.run(["transfer", file, "--corridor", "jiquan", "--from", "tag:base:zhundong", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let j = try json(r.stdout)
    #expect(j["transfer_mw"] as? Double == 1000 && j["limiting"] as? String == "hvdc_rating")
    let limits = try #require(j["limits"] as? [[String: Any]])
    #expect(limits.first?["name"] as? String == "changji-jijihu")
    let table = try GridtoolRunner.run(["transfer", file, "--from", "hami", "--to", "urumqi", "--no-n1"])
    #expect(table.status == 0 && table.stdout.contains("transfer headroom"))
    #expect(try GridtoolRunner.run(["transfer", file]).status == 64)
    let bad = try GridtoolRunner.run(["transfer", file, "--corridor", "nowhere"])
    #expect(bad.status == 1 && bad.stderr.contains("no corridor 'nowhere'"))
  }

  /// PTDF through the command line against MATPOWER's makePTDF (skipped without ../shared).
  @Test(.enabled(if: SensitivityCommandTests.haveSharedCases)) func ptdfMatchesMatpowerThroughTheCLI() throws {
    let r = try GridtoolRunner.run(["ptdf", Self.sharedCases.appendingPathComponent("case118.m").path])
    let reference = try String(contentsOf: Self.sharedCases.appendingPathComponent("case118.ptdf.csv"), encoding: .utf8)
    let got = csvRows(r.stdout), expected = csvRows(reference)
    #expect(got[0] == expected[0] && got.count == expected.count)
    var worst = 0.0
    for (a, b) in zip(got.dropFirst(), expected.dropFirst()) {
      for (x, y) in zip(a.dropFirst(), b.dropFirst()) { worst = max(worst, abs((Double(x) ?? .nan) - (Double(y) ?? .nan))) }
    }
    #expect(worst <= 1e-9)
  }
}
