import Foundation
import Testing

/// `gridtool` on PSS/E RAW files: solve, convert to YAML and MATPOWER, errors.
struct PSSERawCommandTests {
  static let features = GridtoolRunner.repository.appendingPathComponent("Tests/Fixtures/psse/features_v33.raw").path

  /// Branch flows of `solve --format json`, by branch name (conversion to YAML reorders branches).
  func flows(_ path: String) throws -> [String: Double] {
    let r = try GridtoolRunner.run(["solve", path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let branches = try #require(json["branches"] as? [[String: Any]])
    var out: [String: Double] = [:]
    for (k, b) in branches.enumerated() { out[(b["name"] as? String) ?? "\(k)"] = (b["p_from_mw"] as? Double) ?? 0 }
    return out
  }

  @Test func solveReadsRawAndWarnsAboutWhatItIgnores() throws {
    let r = try GridtoolRunner.run(["solve", Self.features])
    #expect(r.status == 0)
    #expect(r.stdout.contains("DC power flow: FEATURES TEST CASE"))
    #expect(r.stderr.contains("features_v33.raw:89: warning: VSC DC line data (3 records) is ignored"))
    let strict = try GridtoolRunner.run(["solve", Self.features, "--strict"])
    #expect(strict.status == 1 && strict.stderr.contains("3 warnings with --strict"))
  }

  @Test func convertToYAMLAndMatpowerSolvesTheSame() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let yaml = dir.appendingPathComponent("features.yaml").path, m = dir.appendingPathComponent("features.m").path
    #expect(try GridtoolRunner.run(["convert", Self.features, yaml]).status == 0)
    #expect(try GridtoolRunner.run(["convert", Self.features, m]).status == 0)
    let raw = try flows(Self.features)
    for other in [try flows(yaml), try flows(m)] {
      #expect(other.count == raw.count)
      let rawRows = raw.values.sorted(), otherRows = other.values.sorted()
      #expect(zip(rawRows, otherRows).allSatisfy { abs($0 - $1) <= 1e-9 })
    }
  }

  @Test func errorsNameTheFileLineAndColumn() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.raw").path
    try "0, 100, 33\n\n\n1,'A',2x30,3\n0\nQ\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let r = try GridtoolRunner.run(["solve", bad])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.raw:4:7: BASKV of this bus record must be a number; found '2x30'"), "\(r.stderr)")
    // RAW content under another extension is recognised.
    let txt = dir.appendingPathComponent("case.txt").path
    try FileManager.default.copyItem(atPath: Self.features, toPath: txt)
    #expect(try GridtoolRunner.run(["info", txt]).status == 0)
  }
}
