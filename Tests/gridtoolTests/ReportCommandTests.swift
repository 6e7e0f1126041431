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

  @Test func unratedNetworkHasNoN1ViewAndSaysWhy() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let net = dir.appendingPathComponent("unrated.m").path
    try """
      function mpc = unrated
      mpc.baseMVA = 100;
      mpc.bus = [1 3 0 0 0 0 1 1 0 230 1 1.1 0.9; 2 1 60 0 0 0 1 1 0 230 1 1.1 0.9; 3 1 40 0 0 0 1 1 0 230 1 1.1 0.9];
      mpc.gen = [1 100 0 300 -300 1 100 1 250 0 0 0 0 0 0 0 0 0 0 0 0];
      mpc.branch = [1 2 0 0.1 0 0 0 0 0 0 1 -360 360; 2 3 0 0.1 0 0 0 0 0 0 1 -360 360; 1 3 0 0.2 0 0 0 0 0 0 1 -360 360];
      """.write(toFile: net, atomically: true, encoding: .utf8)
    let plain = try GridtoolRunner.run(["report", net, "-o", dir.appendingPathComponent("a.html").path])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stderr.contains("none of the 3 branches has a rating"))
    let html = try String(contentsOfFile: dir.appendingPathComponent("a.html").path, encoding: .utf8)
    #expect(html.contains("no N-1 screen") && !html.contains("id=\"contingency\""))
    let rated = try GridtoolRunner.run(["report", net, "--rate-default", "50", "-o", dir.appendingPathComponent("b.html").path])
    #expect(rated.status == 0, "\(rated.stderr)")
    let ratedHTML = try String(contentsOfFile: dir.appendingPathComponent("b.html").path, encoding: .utf8)
    #expect(ratedHTML.contains("id=\"contingency\""))
    #expect(try GridtoolRunner.run(["report", net, "--rate-default", "0"]).status == 64)
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
