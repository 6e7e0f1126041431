import Foundation
import Testing

/// `gridtool opf`: exit codes, the JSON format field and prices, CSV tables, and no output on failure.
struct OPFCommandTests {
  /// The congested triangle of the library tests (P1 = 30, P2 = 120, LMPs 10/30/50 $/MWh),
  /// with `rate` on line 1–3 and `load` MW at bus 3.
  static func triangle(rate: Int = 60, load: Int = 150) -> String {
    """
    function mpc = triangle
    mpc.version = '2';
    mpc.baseMVA = 100;
    mpc.bus = [
    1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;
    2 2 0 0 0 0 1 1 0 230 1 1.1 0.9;
    3 1 \(load) 0 0 0 1 1 0 230 1 1.1 0.9;
    ];
    mpc.gen = [
    1 0 0 100 -100 1 100 1 200 0;
    2 0 0 100 -100 1 100 1 200 0;
    ];
    mpc.branch = [
    1 2 0 0.1 0 0 0 0 0 0 1 -360 360;
    1 3 0 0.1 0 \(rate) 0 0 0 0 1 -360 360;
    2 3 0 0.1 0 0 0 0 0 0 1 -360 360;
    ];
    mpc.gencost = [
    2 0 0 2 10 0;
    2 0 0 2 30 0;
    ];
    """
  }

  static func write(_ text: String, _ name: String) throws -> String {
    let url = try GridtoolRunner.temporaryDirectory().appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func tableReport() throws {
    let r = try GridtoolRunner.run(["opf", try Self.write(Self.triangle(), "triangle.m")])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("DC optimal power flow: triangle"))
    #expect(r.stdout.contains("objective               3,900.00 $/h"), "\(r.stdout)")
    #expect(r.stdout.contains("branch 2 (1–3) flow limit (from → to)"))
  }

  @Test func jsonFormatAndPrices() throws {
    let r = try GridtoolRunner.run(["opf", try Self.write(Self.triangle(), "triangle.m"), "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(json["format"] as? String == "gridtool-opf/1")
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(abs((summary["objective_per_h"] as? Double ?? 0) - 3900) < 1e-6)
    let buses = try #require(json["buses"] as? [[String: Any]])
    let lmp = buses.map { $0["lmp_per_mwh"] as? Double ?? .nan }
    #expect(zip(lmp, [10.0, 30, 50]).allSatisfy { abs($0 - $1) < 1e-6 })
    let branches = try #require(json["branches"] as? [[String: Any]])
    #expect(abs((branches[1]["mu_from_per_mwh"] as? Double ?? 0) - 60) < 1e-6)
    #expect(branches[1]["mu_to_per_mwh"] as? Double == 0)
    let generators = try #require(json["generators"] as? [[String: Any]])
    for key in ["p_mw", "mu_pmin_per_mwh", "mu_pmax_per_mwh", "cost_per_h"] { #expect(generators[0][key] != nil, "\(key)") }
    let binding = try #require(json["binding"] as? [[String: Any]])
    #expect(binding.first?["kind"] as? String == "branch_flow_from" && binding.first?["index"] as? Int == 2)
    // The solve contract still holds: the same keys on buses and branches.
    for key in ["id", "angle_deg", "island", "injection_mw"] { #expect(buses[0][key] != nil, "\(key)") }
  }

  @Test func csvTables() throws {
    let file = try Self.write(Self.triangle(), "triangle.m")
    let branches = try GridtoolRunner.run(["opf", file, "--format", "csv"])
    #expect(branches.stdout.hasPrefix("index,name,from,to,p_from_mw,p_to_mw,rating_mw,loading_pct,in_service,mu_from_per_mwh,mu_to_per_mwh\n"))
    #expect(branches.stdout.split(separator: "\n").count == 4)
    let buses = try GridtoolRunner.run(["opf", file, "--format", "csv", "--table", "buses"])
    #expect(buses.stdout.split(separator: "\n").first == "id,name,island,angle_deg,lmp_per_mwh,injection_mw")
    let gens = try GridtoolRunner.run(["opf", file, "--format", "csv", "--table", "generators"])
    #expect(gens.stdout.split(separator: "\n").count == 3)
  }

  /// Infeasible: exit 1, a message naming the cause, nothing on stdout or in --output.
  @Test func infeasibleExitsOneWithoutOutput() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let out = dir.appendingPathComponent("out.json").path
    let short = try Self.write(Self.triangle(load: 500), "short.m")
    let r = try GridtoolRunner.run(["opf", short, "--format", "json", "--output", out])
    #expect(r.status == 1)
    #expect(r.stderr.contains("Error: infeasible: island 1 (3 buses: 1, 2, 3) has 500 MW of demand but only 400 MW"), "\(r.stderr)")
    #expect(r.stdout.isEmpty && !FileManager.default.fileExists(atPath: out))
    // 200 MW of cheap power cannot pass a 10 MW line plus the 2–3 path: the relaxation names the line.
    let congested = try GridtoolRunner.run(["opf", try Self.write(Self.triangle(rate: 10, load: 390), "tight.m")])
    #expect(congested.status == 1 && congested.stdout.isEmpty)
    #expect(congested.stderr.contains("infeasible: the limits cannot all be met"), "\(congested.stderr)")
  }

  /// `--security n-1`: two parallel 100 MW lines can carry 100 MW, not 150, once one may fail.
  @Test func securityN1() throws {
    let text = Self.triangle().replacingOccurrences(
      of: "1 2 0 0.1 0 0 0 0 0 0 1 -360 360;\n1 3 0 0.1 0 60 0 0 0 0 1 -360 360;\n2 3 0 0.1 0 0 0 0 0 0 1 -360 360;",
      with: "1 3 0 0.1 0 100 0 0 0 0 1 -360 360;\n1 3 0 0.1 0 100 0 0 0 0 1 -360 360;\n2 3 0 0.1 0 0 0 0 0 0 1 -360 360;")
    let file = try Self.write(text, "parallel.m")
    let r = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["security"] as? String == "n-1")
    #expect(abs((summary["objective_per_h"] as? Double ?? 0) - (100 * 10 + 50 * 30)) < 1e-6)
    let binding = try #require(json["binding"] as? [[String: Any]])
    #expect(binding.contains { $0["kind"] as? String == "post_contingency_flow_from" && $0["outage"] != nil })
    let table = try GridtoolRunner.run(["opf", file, "--security", "n-1"])
    #expect(table.stdout.hasPrefix("DC optimal power flow, preventive N-1: triangle") && table.stdout.contains("after outage of branch"))
    let bad = try GridtoolRunner.run(["opf", file, "--security", "n-2"])
    #expect(bad.status == 64)
  }

  /// An N-1 infeasible case: exit 1 naming the outages that cannot be secured alone and the
  /// options; --soft-limits, --shed-load and --emergency-rating each give a dispatch.
  @Test func n1InfeasibleAndWhatAPlannerDoesNext() throws {
    // Two 100 MW lines (RATE_C 160 MW) to 150 MW of demand, one unit: no dispatch survives either outage on RATE_A.
    let text = Self.triangle(load: 150).replacingOccurrences(
      of: "1 2 0 0.1 0 0 0 0 0 0 1 -360 360;\n1 3 0 0.1 0 60 0 0 0 0 1 -360 360;\n2 3 0 0.1 0 0 0 0 0 0 1 -360 360;",
      with: "1 3 0 0.1 0 100 0 160 0 0 1 -360 360;\n1 3 0 0.1 0 100 0 160 0 0 1 -360 360;\n2 3 0 0.1 0 0 0 0 0 0 0 -360 360;")
      .replacingOccurrences(of: "2 0 0 100 -100 1 100 1 200 0;", with: "2 0 0 100 -100 1 100 0 200 0;")
    let file = try Self.write(text, "insecure.m")
    let hard = try GridtoolRunner.run(["opf", file, "--security", "n-1"])
    #expect(hard.status == 1 && hard.stdout.isEmpty)
    #expect(hard.stderr.contains("2 outages cannot be secured even on their own"), "\(hard.stderr)")
    #expect(hard.stderr.contains("--emergency-rating rate_c") && hard.stderr.contains("--soft-limits PRICE"), "\(hard.stderr)")

    let soft = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--soft-limits", "100", "--format", "json"])
    #expect(soft.status == 0, "\(soft.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(soft.stdout.utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(abs((summary["post_contingency_overload_mw"] as? Double ?? 0) - 100) < 1e-6)
    #expect(abs((summary["penalty_cost_per_h"] as? Double ?? 0) - 10000) < 1e-6)
    let overloads = try #require(json["post_contingency_overloads"] as? [[String: Any]])
    #expect(overloads.count == 2 && overloads.allSatisfy { abs(($0["overload_mw"] as? Double ?? 0) - 50) < 1e-6 })
    let softTable = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--soft-limits", "100"])
    #expect(softTable.stdout.contains("Post-contingency overloads (soft limits)") && softTable.stdout.contains("100.0 MW on 2 limits"))

    let shed = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--shed-load", "500"])
    #expect(shed.status == 0 && shed.stdout.contains("Load shed\n") && shed.stdout.contains("50.0 MW at 500.00 $/MWh"), "\(shed.stdout)")

    let emergency = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--emergency-rating", "rate_c", "--format", "json"])
    #expect(emergency.status == 0, "\(emergency.stderr)")
    let e = try #require(try JSONSerialization.jsonObject(with: Data(emergency.stdout.utf8)) as? [String: Any])
    #expect((e["summary"] as? [String: Any])?["post_contingency_rating"] as? String == "rate_c")

    #expect(try GridtoolRunner.run(["opf", file, "--soft-limits", "100"]).status == 64)
    #expect(try GridtoolRunner.run(["opf", file, "--security", "n-1", "--soft-limits", "-1"]).status == 64)
  }

  /// `--maximize corridor:jiquan --security n-1` on the bundled Xinjiang network (no costs:
  /// least redispatch), and `gridtool transfer --redispatch`, which gives the same maximum.
  @Test func maximizeJiquanN1AndTransferWithRedispatch() throws {
    let network = GridtoolRunner.network("xinjiang-2024.yaml")
    let r = try GridtoolRunner.run(["opf", network, "--maximize", "corridor:jiquan", "--security", "n-1", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let transfer = try #require(json["transfer"] as? [String: Any])
    #expect(transfer["target"] as? String == "jiquan" && transfer["security"] as? String == "n-1")
    #expect(abs((transfer["sent_mw"] as? Double ?? 0) - 12000) < 1e-3 && transfer["scheduled_mw"] as? Double == 11000)
    #expect(transfer["tie_break"] as? String == "least_redispatch")
    let error = try #require(transfer["loss_model_max_error_mw"] as? Double)
    #expect(error > 0 && error < 1)
    let delivered = try #require(transfer["delivered_mw"] as? Double), exact = try #require(transfer["delivered_exact_mw"] as? Double)
    #expect(abs(delivered - exact) <= error + 1e-6)
    let limits = try #require(transfer["limits"] as? [[String: Any]])
    #expect(limits.first?["kind"] as? String == "hvdc_rating")
    let hvdc = try #require(json["hvdc"] as? [[String: Any]])
    #expect(hvdc.contains { $0["name"] as? String == "jiquan" && abs(($0["p_send_mw"] as? Double ?? 0) - 12000) < 1e-3 })

    let table = try GridtoolRunner.run(["opf", network, "--maximize", "corridor:jiquan", "--security", "n-1"])
    #expect(table.stdout.hasPrefix("DC OPF maximising the transfer on Jiquan"), "\(table.stdout)")
    #expect(table.stdout.contains("12,000.0 MW sent") && table.stdout.contains("max error 0.569 MW"))
    let capability = try GridtoolRunner.run(["transfer", network, "--corridor", "jiquan", "--redispatch"])
    #expect(capability.status == 0 && capability.stdout.contains("12,000.0 MW sent"), "\(capability.stdout)")
    #expect(capability.stdout.contains("What limits the transfer") && capability.stdout.contains("Redispatch"))

    let unknown = try GridtoolRunner.run(["opf", network, "--maximize", "corridor:nowhere"])
    #expect(unknown.status == 1 && unknown.stderr.contains("corridors: hami-dunhuang"), "\(unknown.stderr)")
    #expect(try GridtoolRunner.run(["opf", network, "--maximize", "jiquan", "--shed-load", "100"]).status == 64)
    #expect(try GridtoolRunner.run(["transfer", network, "--from", "tag:base:zhundong", "--to", "northwest", "--redispatch"]).status == 64)
  }

  /// `--security n-1` on the Xinjiang network with costs by technology: the HVDC trips are
  /// secured by the rule of `--hvdc-rule` (`--no-hvdc` leaves them out), the islanding outages
  /// with `--secure-islanding`; `gridtool contingency` on the dispatched network (the OPF's
  /// outputs written back as the generators' `p_mw`) then finds no violation.
  @Test func securityN1WithHVDCTripsPassesTheContingencyScreen() throws {
    let prices = ["coal": 30, "gas": 60, "hydro": 5, "wind": 0, "solar": 0, "other": 20, "nuclear": 20, "storage": 20]
    var text = try String(contentsOfFile: GridtoolRunner.network("xinjiang-2024.yaml"), encoding: .utf8)
    for (technology, price) in prices {
      text = text.replacingOccurrences(of: "technology: \(technology),", with: "technology: \(technology), cost: {c1_per_mwh: \(price)},")
    }
    let file = try Self.write(text, "xinjiang-costs.yaml")
    let r = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--secure-islanding", "--hvdc-rule", "slack", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["hvdc_trips"] as? Bool == true && summary["hvdc_rule"] as? String == "slack")
    #expect(summary["hvdc_trips_considered"] as? Int == 4 && (summary["hvdc_trip_constraints"] as? Int ?? 0) > 0)
    #expect((summary["outages_islanding_secured"] as? [Int])?.isEmpty == false)
    let binding = try #require(json["binding"] as? [[String: Any]])
    #expect(binding.contains { ($0["kind"] as? String)?.hasPrefix("post_contingency_hvdc_trip") == true && $0["link"] as? Int != nil })

    // The dispatch written back into the network file: secure by the screen with the same rule.
    let generators = try #require(json["generators"] as? [[String: Any]])
    var output: [String: Double] = [:]
    for g in generators { if let name = g["name"] as? String, let p = g["p_mw"] as? Double { output[name] = p } }
    var lines = text.components(separatedBy: "\n")
    var written = 0
    for (i, line) in lines.enumerated() where line.hasPrefix("  - {id: ") {
      let id = line.dropFirst(9).prefix { $0 != "," }
      guard let p = output[String(id)], let at = line.range(of: "p_mw: ") else { continue }
      let end = line[at.upperBound...].firstIndex(of: ",") ?? line.endIndex
      lines[i] = String(line[..<at.upperBound]) + "\(p)" + String(line[end...])
      written += 1
    }
    #expect(written == generators.count)
    let dispatched = try Self.write(lines.joined(separator: "\n"), "xinjiang-dispatched.yaml")
    let screen = try GridtoolRunner.run(["contingency", dispatched, "--hvdc-rule", "slack"])
    #expect(screen.status == 0 && screen.stdout.contains("result                          secure"), "\(screen.stdout)")

    let table = try GridtoolRunner.run(["opf", file, "--security", "n-1"])
    #expect(table.stdout.contains("4 pole and link trips (curtail rule)"), "\(table.stdout)")
    let branchOnly = try GridtoolRunner.run(["opf", file, "--security", "n-1", "--no-hvdc", "--format", "json"])
    let other = try #require(try JSONSerialization.jsonObject(with: Data(branchOnly.stdout.utf8)) as? [String: Any])
    #expect((other["summary"] as? [String: Any])?["hvdc_trips"] as? Bool == false)
    #expect(try GridtoolRunner.run(["opf", file, "--no-hvdc"]).status == 64)
    #expect(try GridtoolRunner.run(["opf", file, "--secure-islanding"]).status == 64)
  }

  @Test func missingCostsAndUsageErrors() throws {
    let noCost = try GridtoolRunner.run(["opf", GridtoolRunner.network("case9.m")])
    #expect(noCost.status == 1 && noCost.stderr.contains("no generator costs"), "\(noCost.stderr)")
    let usage = try GridtoolRunner.run(["opf", GridtoolRunner.network("case9.m"), "--table", "buses"])
    #expect(usage.status == 64)
  }
}
