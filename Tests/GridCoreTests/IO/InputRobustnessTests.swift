import Foundation
import Testing
import Yams

@testable import GridCore

/// Hostile inputs to every reader (issue 15): each ends with a located ParseError, quickly and
/// in bounded memory, never a crash, a hang or a message that quotes megabytes.
struct InputRobustnessTests {
  private func error(_ body: () throws -> Void) -> ParseError? {
    do {
      try body()
      return nil
    } catch {
      return error as? ParseError
    }
  }

  private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let folder = try TemporaryFolders.make("gridtool-robust")
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  // MARK: Size and binary data

  @Test func devZeroEndsAtOnceAsNotText() throws {
    var table = ProfileTable(start: ClockHour(year: 2024, month: 1, day: 1, hour: 0)!, hours: 2)
    let errors = [
      error { _ = try NetworkFile.read("/dev/zero") },
      error { _ = try NetworkFile.read("/dev/zero.yaml") },  // no such file, but a clean error
      error { _ = try ScenarioReader.read(contentsOf: "/dev/zero") },
      error { try ProfileCSV.read("/dev/zero", into: &table) },
    ]
    #expect(errors[0] == ParseError(.binary, at: SourceLocation(file: "/dev/zero", line: 1, column: 1)))
    #expect(errors[1]?.kind == .unreadable(reason: "no such file"))
    #expect(errors[2] == ParseError(.binary, at: SourceLocation(file: "/dev/zero", line: 1, column: 1)))
    #expect(errors[3] == ParseError(.binary, at: SourceLocation(file: "/dev/zero", line: 1, column: 1)))
  }

  @Test func filesAboveTheLimitAreRefusedBeforeReading() throws {
    let path = try temporaryFile("big.m", Array(repeating: UInt8(ascii: "%"), count: 5000))
    let limits = InputLimits(maximumBytes: 4096)
    let e = try #require(error { _ = try NetworkFile.read(path, limits: limits) })
    #expect(e.location == SourceLocation(file: path, line: 1))
    #expect(e.message.contains("5000 bytes") && e.message.contains("4 KiB") && e.message.contains("InputLimits.maximumBytes"))
  }

  @Test func streamsAreReadUpToTheLimit() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 3000)
    #expect(text.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == 3000)
    close(fds[1])
    defer { close(fds[0]) }
    let e = try #require(error { _ = try InputFile.bytes(readingDescriptor: fds[0], name: "<stdin>", limits: InputLimits(maximumBytes: 1000)) })
    #expect(e.location.file == "<stdin>")
    #expect(e.message.contains("goes on past 1000 bytes"))
  }

  @Test func notTextIsReportedWhereItIs() throws {
    let cases: [(bytes: [UInt8], line: Int, column: Int)] = [
      (Array("format: x\nname: ab\u{0}c\n".utf8), 2, 9),
      (Array("format: x\nname: é".utf8) + [0xFF], 2, 8),
      (Array("format: x\n# ünïcode\nname: ".utf8) + [0xC3, 0x28], 3, 7),
      ([0xEF, 0xBB, 0xBF] + Array("a: 1\nb: ".utf8) + [0xED, 0xA0, 0x80], 2, 4),  // a surrogate
    ]
    for c in cases {
      let e = error { _ = try NativeNetworkReader.parse(bytes: c.bytes, file: "t.yaml") }
      #expect(e == ParseError(.binary, at: SourceLocation(file: "t.yaml", line: c.line, column: c.column)), "\(c.bytes)")
    }
    // A control character passes UTF-8 but not YAML: libyaml's offset is turned into line and column.
    let control = error { _ = try NativeNetworkReader.parse("format: x\nname: 日本\u{1}\n", file: "t.yaml") }
    #expect(control?.location == SourceLocation(file: "t.yaml", line: 2, column: 9))
  }

  // MARK: Byte-order marks and empty files

  @Test func byteOrderMarksAreAccepted() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let network = try NativeNetworkReader.parse(bytes: bom + Array(nativeHeader.utf8), file: "bom.yaml").network
    #expect(network.buses.count == 2)
    var table = ProfileTable(start: ClockHour(year: 2024, month: 1, day: 1, hour: 0)!, hours: 2)
    try ProfileCSV.parse(bom + Array("time,wind\n2024-01-01T00:00,0.5\n2024-01-01T01:00,0.25\n".utf8), file: "p.csv", into: &table)
    #expect(table.names == ["wind"])
    let bad = error { try ProfileCSV.parse(bom + Array("time,wind\n2024-01-01T00:00,x\n".utf8), file: "p.csv", into: &table) }
    #expect(bad?.location == SourceLocation(file: "p.csv", line: 2, column: 18))
    #expect(NetworkFile.Format(detecting: bom + Array("function mpc = x".utf8)) == .matpower)
    #expect(NetworkFile.Format(detecting: bom + Array("# c\nformat: gridtool-network/1".utf8)) == .yaml)
  }

  @Test func emptyFilesGetAHintForTheirOwnFormat() throws {
    let yaml = try #require(error { _ = try NativeNetworkReader.parse("# nothing\n", file: "e.yaml") })
    #expect(yaml.message.contains("format: gridtool-network/1") && !yaml.message.contains("MATPOWER"))
    let scenario = try #require(error { _ = try ScenarioReader.parse("", file: "s.yaml") })
    #expect(scenario.message.contains("gridtool-scenario/1"))
    let facts = try #require(error { _ = try PublishedFacts.parse("", file: "f.yaml") })
    #expect(facts.message.contains("gridtool-facts/1"))
    let stdin = try #require(error { _ = try NetworkFile.parse(bytes: Array(" \n".utf8), file: "<stdin>") })
    #expect(stdin.message.contains("MATPOWER") && stdin.message.contains("gridtool-network/1") && stdin.message.contains("PSS/E RAW"))
  }

  // MARK: Nesting

  @Test func deepNestingIsRefusedBeforeYamsRecurses() throws {
    let deep: [(String, Int, Int)] = [
      (String(repeating: "[", count: 4718), 1, 51),
      (String(repeating: "[", count: 200_000), 1, 51),
      (String(repeating: "- ", count: 100_000), 1, 101),
      (String(repeating: "{a: ", count: 10_000), 1, 201),
      ((0..<300).map { String(repeating: " ", count: $0) + "k:\n" }.joined(), 51, 52),
    ]
    for (text, line, column) in deep {
      let e = try #require(error { _ = try NativeNetworkReader.parse(text, file: "d.yaml") })
      #expect(e.location == SourceLocation(file: "d.yaml", line: line, column: column), "\(e)")
      #expect(e.message.contains("nests deeper than 100 levels"))
      let s = try #require(error { _ = try ScenarioReader.parse(text, file: "d.yaml") })
      #expect(s.message.contains("nests deeper"))
      let f = try #require(error { _ = try PublishedFacts.parse(text, file: "d.yaml") })
      #expect(f.message.contains("nests deeper"))
    }
    // 40 levels are fine for the scan: Yams reads them (and the reader names the shape).
    let fine = try #require(error { _ = try NativeNetworkReader.parse(String(repeating: "[", count: 40) + String(repeating: "]", count: 40), file: "d.yaml") })
    #expect(fine.message.contains("found a list"))
  }

  @Test func aliasesAreRefused() throws {
    let e = try #require(error { _ = try NativeNetworkReader.parse("format: &f gridtool-network/1\nname: *f\n", file: "a.yaml") })
    #expect(e.location == SourceLocation(file: "a.yaml", line: 2, column: 7))
    #expect(e.message.contains("aliases"))
  }

  /// The scan's bound is never below the nesting Yams composes: random texts of YAML's
  /// significant characters, compared with the depth of the tree Yams builds from them.
  @Test func theNestingBoundIsNeverBelowTheComposedDepth() throws {
    func depth(_ node: Yams.Node) -> Int {
      switch node {
      case .scalar: return 0
      case .sequence(let s): return 1 + (s.map(depth).max() ?? 0)
      case .mapping(let m): return 1 + (m.map { max(depth($0.key), depth($0.value)) }.max() ?? 0)
      }
    }
    let alphabet = Array("[]{}-:?,'\"#|>!&%@`\\ \n\n  \tab1.".utf8)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    var composed = 0
    for _ in 0..<20_000 {
      let bytes = (0..<(8 + next() % 56)).map { _ in alphabet[next() % alphabet.count] }
      let bound = YAMLNestingScan.deepestNesting(bytes)
      guard bound <= 60, let node = try? Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else { continue }
      composed += 1
      #expect(depth(node) <= bound, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    #expect(composed > 1000)
    // The gridtool files themselves: about 5 levels.
    for name in ["xinjiang-2024.yaml", "scenarios/xinjiang-2024.yaml", "xinjiang-facts.yaml"] {
      let bytes = try InputFile.bytes(of: TestPaths.network(name))
      #expect(YAMLNestingScan.deepestNesting(bytes) <= 12, "\(name)")
    }
  }

  // MARK: Huge tokens and wide headers

  @Test func messagesQuoteAShortExcerptOfHugeTokens() throws {
    let token = String(repeating: "a", count: 5_000_000)
    let texts = [
      "format: \(token)\n",
      "format: gridtool-network/1\nname: x\nbuses: \(token)\n",
      "format: gridtool-network/1\nname: x\n\(token): 1\n",
      "format: gridtool-network/1\nname: x\nbuses:\n  - {id: a, voltage_kv: \(token)}\n",
    ]
    for text in texts {
      let e = try #require(error { _ = try NativeNetworkReader.parse(text, file: "h.yaml") })
      #expect(e.description.count < 400, "\(e.description.prefix(400))")
    }
    var table = ProfileTable(start: ClockHour(year: 2024, month: 1, day: 1, hour: 0)!, hours: 1)
    let csv = error { try ProfileCSV.parse("time,w\n2024-01-01T00:00,\(token)\n", file: "p.csv", into: &table) }
    #expect((csv?.description.count ?? 0) < 400)
  }

  @Test func aWideHeaderIsCheckedInLinearTime() throws {
    let names = (0..<200_000).map { "c\($0)" }
    var table = ProfileTable(start: ClockHour(year: 2024, month: 1, day: 1, hour: 0)!, hours: 8784)
    let noTime = try #require(error { try ProfileCSV.parse(names.joined(separator: ",") + "\n", file: "w.csv", into: &table) })
    #expect(noTime.message.contains("(200000 in all)") && noTime.description.count < 1000)
    let twice = try #require(error { try ProfileCSV.parse("time," + names.joined(separator: ",") + ",c7\n", file: "w.csv", into: &table) })
    #expect(twice.kind == ParseError.Kind.duplicateID("c7"))
    let noRows = try #require(error { try ProfileCSV.parse("time," + names.joined(separator: ",") + "\n", file: "w.csv", into: &table) })
    #expect(noRows.message.contains("no rows"))
  }
}
