import Foundation
import Testing

struct InfoConvertCommandTests {
  @Test func infoDescribesWithoutSolving() throws {
    let r = try GridtoolRunner.run(["info", GridtoolRunner.network("case9.m")])
    #expect(r.status == 0)
    #expect(r.stdout.contains("9 (6 pq, 2 pv, 1 reference, 0 isolated)"))
    let j = try GridtoolRunner.run(["info", GridtoolRunner.network("case5.m"), "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
    #expect((json["islands"] as? [Any])?.count == 1)
    #expect(json["total_demand_mw"] as? Double == 1000)
  }

  @Test func convertRoundTripSolvesTheSame() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let m = dir.appendingPathComponent("again.m").path
    #expect(try GridtoolRunner.run(["convert", GridtoolRunner.network("case5.m"), m]).status == 0)
    let a = try GridtoolRunner.run(["solve", GridtoolRunner.network("case5.m"), "--format", "csv"])
    let b = try GridtoolRunner.run(["solve", m, "--format", "csv"])
    #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
  }

  @Test func convertNeedsAKnownExtension() throws {
    let r = try GridtoolRunner.run(["convert", GridtoolRunner.network("case5.m"), "/tmp/x.unknown"])
    #expect(r.status == 64)
  }
}
