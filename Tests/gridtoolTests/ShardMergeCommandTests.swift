import Foundation
import Testing

/// `--shard k/N` and `gridtool merge`: for `scenario`, `contingency SCENARIO` and `transfer
/// SCENARIO` on the bundled Xinjiang scenario, the merge of 1, 2, 3, 4 and 7 shards prints
/// exactly — byte for byte — what the single run prints, in every format; bad sets of partial
/// results are refused with a message naming the file.
struct ShardMergeCommandTests {
  static let shardCounts = [1, 2, 3, 4, 7]
  static let scenarios = GridtoolRunner.repository.appendingPathComponent("networks/scenarios")

  static func window(_ file: String, start: String, hours: Int, in folder: URL) throws -> String {
    try GridtoolRunner.xinjiangWindow(file, start: start, hours: hours, in: folder, name: "window-\(hours).yaml")
  }

  /// Runs `command` as N shards into `folder`; the partial files in shard order.
  static func shards(_ command: [String], count n: Int, in folder: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try (0..<n).map { k in
      let path = folder.appendingPathComponent("part-\(k)-of-\(n).json").path
      let r = try GridtoolRunner.run(command + ["--shard", "\(k)/\(n)", "--output", path])
      #expect(r.status == 0, "shard \(k)/\(n): \(r.stderr)")
      return path
    }
  }

  /// The single run in `formats` against the merge of N shards, for every N: identical bytes
  /// and exit status. The shards run with the command's own format (table); the merge prints it
  /// by default and the others with --format.
  static func checkMerges(_ command: [String], formats: [String] = ["table", "json", "csv"], extra: [String] = []) throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    var single: [String: GridtoolRunner.Output] = [:]
    for format in formats { single[format] = try GridtoolRunner.run(command + ["--format", format] + extra) }
    for n in shardCounts {
      let parts = try shards(command, count: n, in: folder)
      for format in formats {
        let asked = format == "table" ? [] : ["--format", format]
        // The partials in reverse order: the merge puts them in hour order itself.
        let merged = try GridtoolRunner.run(["merge"] + parts.reversed() + asked + extra)
        let expected = try #require(single[format])
        #expect(merged.status == expected.status, "\(command[0]) \(format), \(n) shards: \(merged.stderr)")
        #expect(merged.stdout == expected.stdout, "\(command[0]) \(format), \(n) shards")
        #expect(!merged.stdout.isEmpty)
      }
    }
  }

  /// The bundled rule year (8,784 h, five topologies), every format.
  @Test func scenarioYearMergesToTheSingleRun() throws {
    try Self.checkMerges(["scenario", Self.scenarios.appendingPathComponent("xinjiang-2024-rule.yaml").path])
  }

  /// The SCOPF dispatch of the bundled year, over a window around a maintenance outage.
  @Test func scenarioSCOPFWindowMergesToTheSingleRun() throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.window("xinjiang-2024.yaml", start: "2024-05-13T00:00", hours: 96, in: folder)
    try Self.checkMerges(["scenario", path, "--chunk", "12"])
    try Self.checkMerges(["scenario", path, "--chunk", "12", "--dispatch", "opf"], formats: ["json"])
  }

  /// The year × N-1 screen over ten days around the Turpan–Hami maintenance, with a limit
  /// low enough for violations (exit status 2 from the single run and from every merge).
  @Test func contingencyMergesToTheSingleScreen() throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.window("xinjiang-2024-rule.yaml", start: "2024-04-05T00:00", hours: 240, in: folder)
    let single = try GridtoolRunner.run(["contingency", path, "--chunk", "24", "--limit", "80"])
    #expect(single.status == 2, "violations: exit status 2 (\(single.stderr))")
    try Self.checkMerges(["contingency", path, "--chunk", "24", "--limit", "80", "--per-circuit"])
  }

  /// Hourly transfer headroom over a window, with the hourly CSV written by the merge.
  @Test func transferMergesToTheSingleStudy() throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.window("xinjiang-2024-rule.yaml", start: "2024-04-08T00:00", hours: 96, in: folder)
    let command = ["transfer", path, "--corridor", "jiquan", "--from", "tag:base:zhundong", "--chunk", "12"]
    try Self.checkMerges(command)
    let single = folder.appendingPathComponent("single.csv").path, merged = folder.appendingPathComponent("merged.csv").path
    #expect(try GridtoolRunner.run(command + ["--hourly", single]).status == 0)
    let parts = try Self.shards(command, count: 3, in: folder)
    let r = try GridtoolRunner.run(["merge"] + parts + ["--hourly", merged, "--output", folder.appendingPathComponent("m.txt").path])
    #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: single)))
  }

  /// Missing, overlapping, foreign and damaged partials, changed inputs and usage errors.
  @Test func badPartialsAreRefused() throws {
    let folder = try GridtoolRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.window("xinjiang-2024-rule.yaml", start: "2024-04-08T00:00", hours: 48, in: folder)
    let command = ["scenario", path, "--chunk", "12"]
    let four = try Self.shards(command, count: 4, in: folder)
    func merge(_ files: [String]) throws -> GridtoolRunner.Output { try GridtoolRunner.run(["merge"] + files) }

    let missing = try merge([four[0], four[1], four[3]])
    #expect(missing.status == 1 && missing.stderr.contains("hours 24–35 of 48 are in no partial result: shard 2/4 missing"), "\(missing.stderr)")
    let twice = try merge(four + [four[2]])
    #expect(twice.status == 1 && twice.stderr.contains("overlaps"), "\(twice.stderr)")
    let two = try Self.shards(command, count: 2, in: folder)
    let mixed = try merge([four[0], four[1], two[1], four[2]])
    #expect(mixed.status == 1 && mixed.stderr.contains("overlaps"), "\(mixed.stderr)")

    let otherOptions = try Self.shards(command + ["--dispatch", "rule"], count: 4, in: folder.appendingPathComponent("o", isDirectory: true))
    let options = try merge([four[0], four[1], four[2], otherOptions[3]])
    #expect(options.status == 1 && options.stderr.contains("part-3-of-4.json") && options.stderr.contains("different options"), "\(options.stderr)")
    let contingency = try Self.shards(["contingency", path, "--chunk", "12"], count: 4, in: folder.appendingPathComponent("c", isDirectory: true))
    let study = try merge([four[0], contingency[1], four[2], four[3]])
    #expect(study.status == 1 && study.stderr.contains("partials of `gridtool contingency` and `gridtool scenario`"), "\(study.stderr)")

    // A damaged file, another format, and a file that is no partial at all.
    let damaged = folder.appendingPathComponent("damaged.json").path
    let text = try String(contentsOfFile: four[1], encoding: .utf8)
    try text.replacingOccurrences(of: "\"hours_in_use\":", with: "\"hours_in_use\":-").write(toFile: damaged, atomically: true, encoding: .utf8)
    let bad = try merge([four[0], damaged, four[2], four[3]])
    #expect(bad.status == 1 && bad.stderr.contains("damaged.json: hvdc[0].hours_in_use"), "\(bad.stderr)")
    let version = folder.appendingPathComponent("v2.json").path
    try text.replacingOccurrences(of: "gridtool-partial/1", with: "gridtool-partial/2").write(toFile: version, atomically: true, encoding: .utf8)
    let v2 = try merge([four[0], version, four[2], four[3]])
    #expect(v2.status == 1 && v2.stderr.contains("v2.json: format gridtool-partial/2"), "\(v2.stderr)")
    let report = try GridtoolRunner.run(["scenario", path, "--chunk", "12", "--format", "json"])
    let result = folder.appendingPathComponent("result.json").path
    try report.stdout.write(toFile: result, atomically: true, encoding: .utf8)
    let notPartial = try merge([result])
    #expect(notPartial.status == 1 && notPartial.stderr.contains("result.json: format gridtool-scenario/1"), "\(notPartial.stderr)")
    let absent = try merge([folder.appendingPathComponent("absent.json").path])
    #expect(absent.status == 1 && absent.stderr.contains("absent.json: cannot be read"), "\(absent.stderr)")

    // The scenario changed after the shards ran: refused, naming the file.
    try (try String(contentsOfFile: path, encoding: .utf8) + "\n# edited\n").write(toFile: path, atomically: true, encoding: .utf8)
    let changed = try merge(four)
    #expect(changed.status == 1 && changed.stderr.contains("has changed since the partial was written"), "\(changed.stderr)")

    // Usage errors: exit status 64.
    for arguments in [
      command + ["--shard", "4/4"], command + ["--shard", "1"], command + ["--shard", "0/2", "--hourly", "/tmp/h.csv"],
      ["contingency", GridtoolRunner.network("case9.m"), "--shard", "0/2"], ["merge"],
    ] {
      #expect(try GridtoolRunner.run(arguments).status == 64, "\(arguments)")
    }
  }
}
