import Foundation
import Testing

struct SolveCommandTests {
  @Test func tableReport() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m")])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("DC power flow: case9"))
    #expect(r.stdout.contains("Most loaded branches"))
    #expect(r.stdout.contains("Overloads\nnone"))
  }

  /// The JSON contract of docs/json-output.md: arrays in input order, 1-based indices, p_to = −p_from.
  @Test func jsonContract() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "--format", "json"])
    #expect(r.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let buses = try #require(json["buses"] as? [[String: Any]])
    let branches = try #require(json["branches"] as? [[String: Any]])
    let generators = try #require(json["generators"] as? [[String: Any]])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(buses.count == 9 && branches.count == 9 && generators.count == 3)
    #expect(buses.map { $0["id"] as? Int } == (1...9).map { $0 })
    #expect(branches.map { $0["index"] as? Int } == (1...9).map { $0 })
    for b in branches {
      let pf = try #require(b["p_from_mw"] as? Double), pt = try #require(b["p_to_mw"] as? Double)
      #expect(abs(pf + pt) <= 1e-12 * abs(pf))  // exact in the text; Foundation's JSON parser rounds in the last bits
      for key in ["from", "to", "rating_mw", "loading_pct", "in_service"] { #expect(b[key] != nil, "\(key)") }
    }
    for key in ["total_generation_mw", "total_load_mw", "slack_mw", "islands", "overloads"] { #expect(summary[key] != nil, "\(key)") }
    let generation = try #require(summary["total_generation_mw"] as? Double)
    let load = try #require(summary["total_load_mw"] as? Double)
    #expect(abs(generation - load) < 1e-9)
  }

  /// A case whose single slack unit must pass its PMAX warns (stderr, JSON diagnostics, the
  /// table's notes; --strict fails); --distributed-slack headroom shares the balance instead.
  @Test func slackPastPMaxWarnsAndDistributedSlackShares() throws {
    let text = caseTextForCLI(pmax: [150, 300, 300])
    let path = try GridtoolRunner.temporaryDirectory().appendingPathComponent("short.m").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let single = try GridtoolRunner.run(["solve", path])
    #expect(single.status == 0)
    #expect(single.stderr.contains("slack generator 1 (bus 1) produces 200.0 MW"), "\(single.stderr)")
    #expect(single.stdout.contains("Notes\n- ") && single.stdout.contains("50.0 MW above its PMAX of 150.0 MW"))
    #expect(try GridtoolRunner.run(["solve", path, "--strict"]).status == 1)
    let json = try GridtoolRunner.run(["solve", path, "--format", "json"])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((document["diagnostics"] as? [Any])?.count == 1)
    #expect((document["summary"] as? [String: Any])?["slack_policy"] as? String == "reference")
    let info = try GridtoolRunner.run(["info", path])
    #expect(info.stdout.contains("must produce 200.0 MW to balance the island"), "\(info.stdout)")

    let shared = try GridtoolRunner.run(["solve", path, "--distributed-slack", "headroom", "--format", "json"])
    #expect(shared.status == 0 && shared.stderr.isEmpty, "\(shared.stderr)")
    let d = try #require(try JSONSerialization.jsonObject(with: Data(shared.stdout.utf8)) as? [String: Any])
    let summary = try #require(d["summary"] as? [String: Any])
    #expect(summary["slack_policy"] as? String == "headroom")
    #expect(abs((summary["slack_mw"] as? Double ?? 0) - 100) < 1e-9)
    let island = try #require((d["islands"] as? [[String: Any]])?.first)
    #expect(island["slack_generators"] as? [Int] == [1, 2, 3])
    let outputs = try #require(island["slack_generators_p_mw"] as? [Double])
    #expect(zip(outputs, [150.0, 300, 300]).allSatisfy { $0 <= $1 + 1e-9 })
    let table = try GridtoolRunner.run(["solve", path, "--distributed-slack", "capacity"])
    #expect(table.stdout.contains("100.0 MW shared by 3 generators (by capacity)"), "\(table.stdout)")
  }

  /// Four buses, 400 MW of demand at bus 3, three units of 100 MW set-point with these PMAX.
  private func caseTextForCLI(pmax: [Double]) -> String {
    let gens = zip([1, 2, 4], pmax).map { "\($0) 100 0 100 -100 1 100 1 \(Int($1)) 0" }.joined(separator: ";\n")
    return """
      function mpc = short
      mpc.version = '2';
      mpc.baseMVA = 100;
      mpc.bus = [
      1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;
      2 2 0 0 0 0 1 1 0 230 1 1.1 0.9;
      3 1 400 0 0 0 1 1 0 230 1 1.1 0.9;
      4 2 0 0 0 0 1 1 0 230 1 1.1 0.9;
      ];
      mpc.gen = [
      \(gens);
      ];
      mpc.branch = [
      1 2 0 0.1 0 0 0 0 0 0 1 -360 360;
      2 3 0 0.2 0 0 0 0 0 0 1 -360 360;
      3 4 0 0.1 0 0 0 0 0 0 1 -360 360;
      4 1 0 0.3 0 0 0 0 0 0 1 -360 360;
      ];
      """
  }

  @Test func csvHasOneRowPerBranch() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case5.m"), "--format", "csv"])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "index,name,from,from_name,to,to_name,p_from_mw,p_to_mw,rating_mw,loading_pct,in_service")
    #expect(lines.count == 7)
    // The PJM 5-bus dispatch of Li & Bo loads line 4–5 to its 240 MW limit.
    let line6 = lines[6].split(separator: ",", omittingEmptySubsequences: false)
    #expect(abs((Double(line6[6]) ?? 0) + 240) < 0.01)
  }

  @Test func outputFileIsWrittenWhole() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let path = dir.appendingPathComponent("r.json").path
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "--format", "json", "--output", path])
    #expect(r.status == 0 && r.stdout.isEmpty)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.json"])  // no temporary left behind
  }

  @Test func badInputExitsOneWithLocationAndWritesNothing() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let bad = dir.appendingPathComponent("bad.m")
    try "function mpc = bad\nmpc.baseMVA = 100;\nmpc.bus = [\n1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;\n2 1 x 0 0 0 1 1 0 230 1 1.1 0.9;\n];\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out.json").path
    let r = try GridtoolRunner.run(["solve", bad.path, "--format", "json", "--output", out])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.m:5:5: 'x' is not a number"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Numerical problems are input errors too: exit 1 with the file and the buses involved, never NaN.
  @Test func noGenerationAndSingularIslandExitOne() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let header = "function mpc = t\nmpc.baseMVA = 100;\nmpc.bus = [\n1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;\n2 1 0 0 0 0 1 1 0 230 1 1.1 0.9;\n3 1 10 0 0 0 1 1 0 230 1 1.1 0.9;\n];\n"
    let noGen = dir.appendingPathComponent("nogen.m")
    try (header + "mpc.gen = [1 0 0 0 0 1 100 0 100 0];\nmpc.branch = [1 2 0 0.1 0 0 0 0 0 0 1 -360 360; 2 3 0 0.1 0 0 0 0 0 0 1 -360 360];\n")
      .write(to: noGen, atomically: true, encoding: .utf8)
    let a = try GridtoolRunner.run(["solve", noGen.path])
    #expect(a.status == 1)
    #expect(a.stderr.contains("nogen.m: no reference bus and no in-service generator"), "\(a.stderr)")
    let singular = dir.appendingPathComponent("singular.m")
    try (header
      + "mpc.gen = [1 0 0 0 0 1 100 1 100 0];\nmpc.branch = [1 2 0 0.1 0 0 0 0 0 0 1 -360 360; 2 3 0 0.1 0 0 0 0 0 0 1 -360 360; 2 3 0 -0.1 0 0 0 0 0 0 1 -360 360];\n"
    ).write(to: singular, atomically: true, encoding: .utf8)
    let b = try GridtoolRunner.run(["solve", singular.path, "--format", "json"])
    #expect(b.status == 1)
    #expect(b.stderr.contains("island 1 (buses 1, 2, 3)"), "\(b.stderr)")
    #expect(b.stdout.isEmpty)
  }

  /// A usage error is reported as such even though the file was already being read.
  @Test func usageErrorsWinOverTheFileReadAhead() throws {
    let r = try GridtoolRunner.run(["solve", "/nonexistent/case.m", "--no-such-option"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("--no-such-option") && !r.stderr.contains("no such file"), "\(r.stderr)")
  }

  /// A usage error found while a network that exists is read ahead: exit 64 once the read is
  /// over (gridtool waits for it before exiting), with the option named.
  @Test func usageErrorWhileAnExistingNetworkIsReadAhead() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "--top=-1"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("--top must be 0 or more"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test func missingFileExitsOne() throws {
    let r = try GridtoolRunner.run(["solve", "/nonexistent/case.m"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("/nonexistent/case.m:1: cannot read the file: no such file"))
  }

  @Test func usageErrorExits64() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "--format", "xml"])
    #expect(r.status == 64)
    let none = try GridtoolRunner.run(["solve"])
    #expect(none.status == 64)
  }

  @Test func unwritableOutputExitsOne() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "--output", "/nonexistent/dir/r.txt"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("/nonexistent/dir/r.txt: cannot write the file"))
  }
}
