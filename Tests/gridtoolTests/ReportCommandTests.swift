import Foundation
import Testing

/// `gridtool report` and the GeoJSON outputs, through the built binary.
struct ReportCommandTests {
  @Test func reportOfANetworkIsOneSelfContainedFile() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let out = dir.appendingPathComponent("r.html").path
    let r = try GridtoolRunner.run(["report", GridtoolRunner.network("xinjiang-2024.yaml"), "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("id=\"network\"") && html.contains("id=\"contingency\""))
    #expect(!html.contains("https://") && !html.contains("src="))
  }

  @Test func reportOfAJSONResultNeedsTheNetworkForContingencies() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let json = dir.appendingPathComponent("n1.json").path
    let net = GridtoolRunner.network("case9.m")
    #expect(try GridtoolRunner.run(["contingency", net, "--format", "json", "-o", json]).status != 1)
    let bare = try GridtoolRunner.run(["report", json, "-o", dir.appendingPathComponent("a.html").path])
    #expect(bare.status == 1 && bare.stderr.contains("--network"))
    let ok = try GridtoolRunner.run(["report", json, "--network", net, "-o", dir.appendingPathComponent("b.html").path])
    #expect(ok.status == 0, "\(ok.stderr)")
    let solve = dir.appendingPathComponent("s.json").path
    #expect(try GridtoolRunner.run(["solve", net, "--format", "json", "-o", solve]).status == 0)
    #expect(try GridtoolRunner.run(["report", solve, "-o", dir.appendingPathComponent("c.html").path]).status == 0)
  }

  @Test func usageErrors() throws {
    let r = try GridtoolRunner.run(["report", GridtoolRunner.network("case9.m"), "--network", GridtoolRunner.network("case9.m")])
    #expect(r.status == 64)
    let missing = try GridtoolRunner.run(["report", "/nonexistent/net.m", "-o", "/tmp/never.html"])
    #expect(missing.status == 1)
  }

  @Test func geoJSONFromConvertAndSolve() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let file = dir.appendingPathComponent("x.geojson").path
    #expect(try GridtoolRunner.run(["convert", GridtoolRunner.network("xinjiang-2024.yaml"), file]).status == 0)
    let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
    #expect(doc?["type"] as? String == "FeatureCollection")
    let solved = try GridtoolRunner.run(["solve", GridtoolRunner.network("xinjiang-2024.yaml"), "--format", "geojson"])
    #expect(solved.status == 0 && solved.stdout.contains("\"p_from_mw\""))
  }
}
