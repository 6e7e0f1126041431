import Foundation
import Testing

/// Files are safe (issue 15): an output never replaces an input, a read-only file is kept unless
/// `--force`, `-` is standard input or output, and hostile inputs end with a message, not a crash.
struct FileSafetyCommandTests {
  private let folder: URL

  init() throws { folder = try GridtoolRunner.temporaryDirectory() }

  private func copy(_ network: String, as name: String) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try FileManager.default.copyItem(atPath: GridtoolRunner.network(network), toPath: path)
    return path
  }

  private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  // MARK: An output is never an input

  @Test func theOutputCannotBeTheInput() throws {
    let input = try copy("case9.m", as: "case.m")
    let original = try bytes(input)
    let link = folder.appendingPathComponent("link.m").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
    let hard = folder.appendingPathComponent("hard.m").path
    try FileManager.default.linkItem(atPath: input, toPath: hard)
    let attempts: [[String]] = [
      ["solve", input, "-o", input],
      ["solve", input, "--format", "json", "--output", link],  // a symbolic link to the input
      ["solve", input, "-o", hard],  // a hard link: same device and inode
      ["solve", "case.m", "-o", "./case.m"],  // the same file, written another way
      ["convert", input, input],
      ["info", input, "-o", input, "--format", "json"],
      ["ptdf", input, "-o", hard],
      ["report", input, "-o", link],
    ]
    for arguments in attempts {
      let r = try GridtoolRunner.run(arguments, directory: folder)
      #expect(r.status == 64, "\(arguments): \(r.stderr)")
      #expect(r.stderr.contains("input") && r.stderr.contains("write the result elsewhere"), "\(r.stderr)")
      #expect(try bytes(input) == original, "\(arguments)")
    }
  }

  /// The files a scenario names (its network and profiles) are inputs too.
  @Test func theOutputCannotBeAFileTheScenarioReads() throws {
    let scenarios = GridtoolRunner.repository.appendingPathComponent("networks/scenarios")
    let profiles = scenarios.appendingPathComponent("load-scaling-2024.csv").path
    let original = try bytes(profiles)
    let r = try GridtoolRunner.run(["scenario", scenarios.appendingPathComponent("case9-48h.yaml").path, "--hourly", profiles])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("load-scaling-2024.csv"))
    #expect(try bytes(profiles) == original)
  }

  @Test func twoOutputsCannotGoToOnePlace() throws {
    let scenario = GridtoolRunner.repository.appendingPathComponent("networks/scenarios/case9-48h.yaml").path
    let r = try GridtoolRunner.run(["scenario", scenario, "--hourly", "-"])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("standard output"))
  }

  // MARK: Read-only outputs

  @Test func aReadOnlyOutputIsKeptUnlessForced() throws {
    let output = folder.appendingPathComponent("report.txt").path
    try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: output))
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: output)
    let kept = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "-o", output])
    #expect(kept.status == 1, "\(kept.stderr)")
    #expect(kept.stderr.contains("read-only") && kept.stderr.contains("--force"), "\(kept.stderr)")
    #expect(try bytes(output) == Data("keep me\n".utf8))
    let forced = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "-o", output, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(String(decoding: try bytes(output), as: UTF8.self).hasPrefix("DC power flow: case9"))
    // The replacement keeps the file's permissions.
    let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
    #expect(mode == 0o444)
  }

  // MARK: Standard input and output

  @Test func dashIsStandardOutput() throws {
    let r = try GridtoolRunner.run(["solve", GridtoolRunner.network("case9.m"), "-o", "-"], directory: folder)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("DC power flow: case9"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    let converted = try GridtoolRunner.run(["convert", GridtoolRunner.network("case9.m"), "-", "--to", "yaml"], directory: folder)
    #expect(converted.status == 0, "\(converted.stderr)")
    #expect(converted.stdout.contains("format: gridtool-network/1"))
  }

  @Test func dashIsStandardInputOfEitherFormat() throws {
    for name in ["case9.m", "xinjiang-2024.yaml"] {
      let r = try GridtoolRunner.run(["solve", "-", "--format", "json"], stdin: try bytes(GridtoolRunner.network(name)))
      #expect(r.status == 0, "\(name): \(r.stderr)")
      #expect(r.stdout.contains("\"branches\""))
    }
    let bad = try GridtoolRunner.run(["solve", "-"], stdin: Data("function mpc = x\nmpc.bus = [1 2\n".utf8))
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("Error: <stdin>:"), "\(bad.stderr)")
    let neither = try GridtoolRunner.run(["info", "-"], stdin: Data("hello\n".utf8))
    #expect(neither.status == 1)
    #expect(neither.stderr.contains("cannot tell the format"), "\(neither.stderr)")
  }

  // MARK: Hostile inputs

  @Test func emptyFilesGetAHintForTheirOwnFormat() throws {
    let yaml = folder.appendingPathComponent("empty.yaml").path
    let m = folder.appendingPathComponent("empty.m").path
    try #require(FileManager.default.createFile(atPath: yaml, contents: Data()))
    try #require(FileManager.default.createFile(atPath: m, contents: Data("% nothing\n".utf8)))
    let y = try GridtoolRunner.run(["solve", yaml])
    #expect(y.status == 1)
    #expect(y.stderr.contains("gridtool-network/1") && !y.stderr.contains("MATPOWER"), "\(y.stderr)")
    let s = try GridtoolRunner.run(["scenario", yaml])
    #expect(s.status == 1)
    #expect(s.stderr.contains("gridtool-scenario/1"), "\(s.stderr)")
    let c = try GridtoolRunner.run(["solve", m])
    #expect(c.status == 1)
    #expect(c.stderr.contains("MATPOWER"), "\(c.stderr)")
  }

  @Test func devZeroEndsWithAMessage() throws {
    let scenario = folder.appendingPathComponent("zero.yaml").path
    try Data("format: gridtool-scenario/1\nname: z\nnetwork: /dev/zero\nperiod: {start: \"2024-01-01T00:00\", hours: 1}\n".utf8)
      .write(to: URL(fileURLWithPath: scenario))
    for arguments in [["solve", "/dev/zero"], ["scenario", "/dev/zero"], ["scenario", scenario], ["contingency", "/dev/zero"]] {
      let r = try GridtoolRunner.run(arguments)
      #expect(r.status == 1, "\(arguments): \(r.stderr)")
      #expect(r.stderr.contains("/dev/zero:1:1: the file is not text"), "\(arguments): \(r.stderr)")
    }
  }

  @Test func deepYAMLEndsWithALocatedMessage() throws {
    let path = folder.appendingPathComponent("deep.yaml").path
    try Data(String(repeating: "[", count: 4718).utf8).write(to: URL(fileURLWithPath: path))
    for command in ["solve", "scenario", "info"] {
      let r = try GridtoolRunner.run([command, path])
      #expect(r.status == 1, "\(command): \(r.stderr)")
      #expect(r.stderr.contains("deep.yaml:1:51: the YAML nests deeper than 100 levels"), "\(r.stderr)")
    }
  }

  @Test func overflowingValuesAreErrorsNamingThem() throws {
    let text = try String(contentsOfFile: GridtoolRunner.network("case9.m"), encoding: .utf8)
      .replacingOccurrences(of: "\t5\t1\t125\t", with: "\t5\t1\t1e308\t")
      .replacingOccurrences(of: "\t6\t1\t90\t", with: "\t6\t1\t1e308\t")
    let path = folder.appendingPathComponent("huge.m").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let r = try GridtoolRunner.run(["solve", path, "--format", "json"])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("not a finite number") && r.stderr.contains("huge.m:23") && r.stderr.contains("huge.m:24"), "\(r.stderr)")
    let weights = try GridtoolRunner.run(["ptdf", GridtoolRunner.network("case9.m"), "--slack-weights", "1=1e308,2=1e308"])
    #expect(weights.status == 1)
    #expect(weights.stderr.contains("sum beyond"), "\(weights.stderr)")
  }
}
