import Foundation
import Testing

/// `gridtool contingency --contingencies FILE`, `--rate-default` and the case without ratings.
struct ContingencyListCommandTests {
  private func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  private func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func changeTableAndYAMLList() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let file = GridtoolRunner.network("case9.m")
    let table = try write(
      "function chgtab = contab_t\ndefine_constants;\nchgtab = [\n 1 0 CT_TBRCH 4 BR_STATUS CT_REP 0;\n 2 0 CT_TGEN 2 GEN_STATUS CT_REP 0;\n];\n",
      "contab_t.m", in: dir)
    let r = try GridtoolRunner.run(["contingency", file, "--contingencies", table, "--format", "json", "--limit", "150"])
    #expect([0, 2].contains(r.status), "\(r.stderr)")
    let outages = try #require(try object(r.stdout)["outages"] as? [[String: Any]])
    #expect(outages.map { $0["kind"] as? String } == ["branch", "generator"])
    #expect(outages[1]["generator"] as? Int == 2 && outages[1]["bus"] as? Int == 2)
    let yaml = try write(
      "format: gridtool-contingencies/1\ncontingencies:\n  - label: unit 3\n    generators: [3]\n", "list.yaml", in: dir)
    let y = try GridtoolRunner.run(["contingency", file, "--contingencies", yaml, "--format", "csv", "--limit", "150"])
    #expect([0, 2].contains(y.status) && y.stdout.contains("\n1,generator,3,"), "\(y.stdout)\(y.stderr)")
    let both = try GridtoolRunner.run(["contingency", file, "--contingencies", yaml, "--outages", "1"])
    #expect(both.status == 64)
    let load = try write(
      "function chgtab = c\ndefine_constants;\nchgtab = [\n 1 0 CT_TLOAD 4 CT_LOAD_ALL_P CT_REL 1.1;\n];\n", "load.m", in: dir)
    let refused = try GridtoolRunner.run(["contingency", file, "--contingencies", load])
    #expect(refused.status == 1 && refused.stderr.contains("load.m:4:") && refused.stderr.contains("outages only"), "\(refused.stderr)")
    // A contingency list given as the network: a hint, not a crash.
    let wrong = try GridtoolRunner.run(["solve", table])
    #expect(wrong.status == 1 && wrong.stderr.contains("--contingencies"), "\(wrong.stderr)")
  }

  /// A case without ratings (MATPOWER's case118 has none): nothing to monitor is an error,
  /// unless unrated branches get a rating or branches are named.
  @Test func nothingMonitoredIsAnError() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let text = try String(contentsOfFile: GridtoolRunner.network("case9.m"), encoding: .utf8)
    let unrated = text.replacingOccurrences(of: #"\t(250|150|300)\t(250|150|300)\t(250|150|300)\t"#, with: "\t0\t0\t0\t", options: .regularExpression)
    let file = try write(unrated, "unrated.m", in: dir)
    let none = try GridtoolRunner.run(["contingency", file])
    #expect(none.status == 1 && none.stderr.contains("nothing is monitored") && none.stderr.contains("--rate-default"), "\(none.stderr)")
    let rated = try GridtoolRunner.run(["contingency", file, "--rate-default", "1000", "--format", "json"])
    #expect([0, 2].contains(rated.status), "\(rated.stderr)")
    #expect((try object(rated.stdout)["summary"] as? [String: Any])?["monitored"] as? Int == 9)
    #expect([0, 2].contains(try GridtoolRunner.run(["contingency", file, "--monitor", "1-3"]).status))
    #expect(try GridtoolRunner.run(["contingency", file, "--rate-default", "-5"]).status == 64)
  }
}
