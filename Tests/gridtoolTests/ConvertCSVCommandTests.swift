import Foundation
import Testing

/// `gridtool convert` warnings and `--strict`, and the CSV tables of `gridtool solve`.
struct ConvertCSVCommandTests {
  /// YAML → .m → YAML: the same `solve` JSON byte for byte, and one warning for what MATPOWER
  /// sees differently (the two HVDC links to external systems are demand at their sending bus).
  @Test(arguments: ["xinjiang-2024.yaml", "xinjiang-2025.yaml"])
  func yamlThroughMatpowerSolvesTheSame(file: String) throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let m = dir.appendingPathComponent("grid.m").path, yaml = dir.appendingPathComponent("grid.yaml").path
    let toMatpower = try GridtoolRunner.run(["convert", GridtoolRunner.network(file), m])
    #expect(toMatpower.status == 0)
    let warnings = toMatpower.stderr.split(separator: "\n")
    #expect(warnings.count == 1, "\(toMatpower.stderr)")
    #expect(warnings.first?.hasPrefix("warning: not kept in MATPOWER: HVDC links (") == true)
    #expect(try GridtoolRunner.run(["convert", m, yaml]).status == 0)
    let original = try GridtoolRunner.run(["solve", GridtoolRunner.network(file), "--format", "json"])
    for converted in [m, yaml] {
      let again = try GridtoolRunner.run(["solve", converted, "--format", "json"])
      #expect(again.status == 0 && again.stdout == original.stdout && !original.stdout.isEmpty)
    }
    #expect(try String(contentsOfFile: m, encoding: .utf8).contains("mpc.gridtool_group_member = ["))
  }

  @Test func strictConversionWritesNothing() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    let m = dir.appendingPathComponent("grid.m").path
    let r = try GridtoolRunner.run(["convert", "--strict", GridtoolRunner.network("xinjiang-2024.yaml"), m])
    #expect(r.status == 1)
    #expect(r.stderr.contains("warning: not kept in MATPOWER: HVDC links (2)") && r.stderr.contains("with --strict"))
    #expect(!FileManager.default.fileExists(atPath: m))
    // A MATPOWER case converts to YAML without losing anything, so --strict lets it through.
    let yaml = dir.appendingPathComponent("case9.yaml").path
    let lossless = try GridtoolRunner.run(["convert", "--strict", GridtoolRunner.network("case9.m"), yaml])
    #expect(lossless.status == 0 && lossless.stderr.isEmpty, "\(lossless.stderr)")
  }

  @Test func csvTablesHaveNamesNextToNumbers() throws {
    let net = GridtoolRunner.network("xinjiang-2024.yaml")
    let generators = try GridtoolRunner.run(["solve", net, "--format", "csv", "--table", "generators"])
    #expect(generators.status == 0)
    let rows = generators.stdout.split(separator: "\n")
    #expect(rows.first == "index,name,bus,bus_name,technology,p_mw,p_max_mw,in_service")
    #expect(rows.count == 91)
    #expect(rows.dropFirst().first?.hasPrefix("1,wucaiwan-coal,6,wucaiwan,coal,") == true)
    let buses = try GridtoolRunner.run(["solve", net, "--format", "csv", "--table", "buses"])
    #expect(buses.stdout.hasPrefix("id,name,island,angle_deg,injection_mw\n1,wubei,1,"))
    let branches = try GridtoolRunner.run(["solve", net, "--format", "csv"])
    #expect(branches.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("1,wubei-turpan,1,wubei,14,turpan,") == true)
  }

  @Test func csvDirectoryHoldsTheThreeTables() throws {
    let dir = try GridtoolRunner.temporaryDirectory().appendingPathComponent("tables")
    let net = GridtoolRunner.network("case9.m")
    let r = try GridtoolRunner.run(["solve", net, "--csv-dir", dir.path])
    #expect(r.status == 0 && r.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["branches.csv", "buses.csv", "generators.csv"])
    for table in ["branches", "buses", "generators"] {
      let file = try String(contentsOf: dir.appendingPathComponent("\(table).csv"), encoding: .utf8)
      let alone = try GridtoolRunner.run(["solve", net, "--format", "csv", "--table", table])
      #expect(file == alone.stdout, "\(table)")
    }
  }

  @Test func csvOptionsAreCheckedAsUsage() throws {
    let net = GridtoolRunner.network("case9.m")
    #expect(try GridtoolRunner.run(["solve", net, "--table", "buses"]).status == 64)
    #expect(try GridtoolRunner.run(["solve", net, "--csv-dir", "/tmp/x", "-o", "/tmp/y.csv"]).status == 64)
    #expect(try GridtoolRunner.run(["solve", net, "--csv-dir", "/tmp/x", "--format", "json"]).status == 64)
    let file = try GridtoolRunner.temporaryDirectory().appendingPathComponent("plain")
    try Data("x".utf8).write(to: file)
    let notADirectory = try GridtoolRunner.run(["solve", net, "--csv-dir", file.path])
    #expect(notADirectory.status == 1 && notADirectory.stderr.contains("is not a directory"))
  }
}
