import Foundation
import Testing

@testable import GridCore

/// One malformed input per error kind: each must throw a ParseError that names
/// the right line (and column where it can), never crash or hang.
struct MatpowerReaderErrorTests {
  private let good = caseText(
    bus: [busRow(1, type: 3), busRow(2, pd: 50)], gen: [genRow(1, pg: 50)], branch: [branchRow(1, 2, x: 0.1)])

  private func error(_ text: String) -> ParseError? { matpowerError(text, file: "bad.m") }

  private func error(bytes: [UInt8]) -> ParseError? {
    do {
      _ = try MatpowerReader.parse(bytes: bytes, file: "bad.m")
      return nil
    } catch {
      return error
    }
  }

  @Test func theGoodCaseParses() throws {
    #expect(error(good) == nil)
  }

  @Test func missingFile() throws {
    #expect(throws: ParseError(.unreadable(reason: "no such file"), at: SourceLocation(file: "/nonexistent/x.m", line: 1))) {
      try MatpowerReader.read(contentsOf: "/nonexistent/x.m")
    }
  }

  @Test func directoryInsteadOfFile() throws {
    let e = try #require(throws: ParseError.self) { try MatpowerReader.read(contentsOf: "/tmp") }
    #expect(e.message.contains("directory"))
  }

  /// Files are read straight into memory, in one read or several (past 64 kB, or a file
  /// longer than its size said): every byte, in order.
  @Test func inputFilesAreReadWhole() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridtool-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for size in [0, 1, 65_535, 65_536, 200_003] {
      let path = folder.appendingPathComponent("f\(size)").path
      let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 255 &* 31 &+ 7) | 1 }  // no NUL: InputFile refuses it
      try Data(content).write(to: URL(fileURLWithPath: path))
      #expect(try InputFile.bytes(of: path) == content, "\(size) bytes")
    }
  }

  @Test func emptyFile() throws {
    #expect(error("")?.kind == .empty)
    #expect(error("  \n% only a comment\n\n")?.kind == .empty)
  }

  @Test func binaryGarbage() throws {
    var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
    bytes += (0..<200).map { UInt8(($0 * 37) % 256) }
    #expect(error(bytes: bytes)?.kind == .binary)
    #expect(error(bytes: [0xFF, 0xFE, 0x80, 0x81, 0x90])?.kind == .binary)
  }

  @Test(arguments: ["bus", "gen", "branch"])
  func missingSection(field: String) throws {
    let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Drop `mpc.<field> = [` up to its `];`.
    guard let start = lines.firstIndex(where: { $0.hasPrefix("mpc.\(field) =") }),
      let end = lines[start...].firstIndex(where: { $0 == "];" })
    else { Issue.record("fixture"); return }
    let text = (lines[..<start] + lines[(end + 1)...]).joined(separator: "\n")
    let e = try #require(error(text))
    #expect(e.kind == .missingSection("mpc.\(field)"))
    #expect(e.description.contains("mpc.\(field) = [...]"))
  }

  @Test func missingBaseMVA() {
    #expect(error(good.replacingOccurrences(of: "mpc.baseMVA = 100;", with: ""))?.kind == .missingSection("mpc.baseMVA"))
  }

  @Test func unterminatedMatrix() throws {
    let text = good.replacingOccurrences(of: "];\nmpc.gen", with: "\nmpc.gen")
    let e = try #require(error(text))
    #expect(e.kind == .unterminated("matrix mpc.bus opened here"))
    #expect(e.location.line == 4)
    let atEnd = try #require(error("function mpc = t\nmpc.baseMVA = 100;\nmpc.bus = [\n1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;\n"))
    #expect(atEnd.kind == .unterminated("matrix mpc.bus opened here"))
  }

  @Test func tooFewColumns() throws {
    let text = good.replacingOccurrences(of: "1 2 0 0.1 0 0 0 0 0 0 1 -360 360", with: "1 2 0 0.1 0 0 0 0 0 0 1")
    let e = try #require(error(text))
    #expect(e.kind == .columnCount(section: "mpc.branch", expected: 13, found: 11))
    #expect(e.location.line == 12)
    #expect(e.description.hasPrefix("bad.m:12:1: mpc.branch row has 11 columns; the format needs at least 13"))
  }

  @Test func rowsOfDifferentWidths() throws {
    let text = good.replacingOccurrences(of: "2 1 50 0 0 0 1 1 0 230 1 1.1 0.9", with: "2 1 50 0 0 0 1 1 0 230 1 1.1")
    let e = try #require(error(text))
    #expect(e.location.line == 6)
    #expect(e.message.contains("12 columns but its first row has 13"))
  }

  @Test func nonNumericToken() throws {
    let text = good.replacingOccurrences(of: "2 1 50 0", with: "2 1 fifty 0")
    let e = try #require(error(text))
    #expect(e.message.contains("'fifty' is not a number, nor a name assigned before this point"))
    #expect(e.location.line == 6 && e.location.column == 5)
  }

  /// Arithmetic is computed as MATLAB would; code is refused, never run.
  @Test func expressionsAreComputedCodeIsRefused() throws {
    let network = try parseCase(good.replacingOccurrences(of: "2 1 50 0", with: "2 1 25+25 0"), file: "e.m")
    #expect(isClose(network.buses[1].loadMW, 50))
    let code = try #require(error(good + "\nsystem('rm -rf /');\n"))
    #expect(code.message.contains("calling 'system'") && code.message.contains("never run as code"), "\(code)")
    #expect(code.location.line == good.filter { $0 == "\n" }.count + 2)
  }

  @Test func duplicateBusNumber() throws {
    let text = good.replacingOccurrences(of: "2 1 50 0", with: "1 1 50.0 0")
    let e = try #require(error(text))
    #expect(e.kind == .duplicateBus("1"))
    #expect(e.location.line == 6)
  }

  @Test func branchAtUnknownBus() throws {
    let e = try #require(error(good.replacingOccurrences(of: "1 2 0 0.1", with: "1 7 0 0.1")))
    #expect(e.kind == .unknownBus(element: "branch 1", bus: "7"))
    #expect(e.location.line == 12 && e.location.column == 3)
  }

  @Test func generatorAtUnknownBus() throws {
    let e = try #require(error(good.replacingOccurrences(of: "1 50 0 100", with: "9 50.0 0 100")))
    #expect(e.kind == .unknownBus(element: "generator 1", bus: "9"))
    #expect(e.location.line == 9)
  }

  @Test func zeroReactanceInService() throws {
    let e = try #require(error(good.replacingOccurrences(of: "1 2 0 0.1", with: "1 2 0 0")))
    #expect(e.kind == .zeroReactance(element: "branch 1"))
    #expect(e.location.column == 7)
    // Out of service, a zero reactance is harmless.
    let off = good.replacingOccurrences(of: "1 2 0 0.1 0 0 0 0 0 0 1", with: "1 2 0 0 0 0 0 0 0 0 0")
    #expect(error(off) == nil)
  }

  @Test func nanWhereAValueIsNeeded() throws {
    let e = try #require(error(good.replacingOccurrences(of: "2 1 50 0", with: "2 1 NaN 0")))
    #expect(e.kind == .nonFinite(field: "PD of mpc.bus row 2"))
    let inf = try #require(error(good.replacingOccurrences(of: "1 2 0 0.1", with: "1 2 0 Inf")))
    #expect(inf.kind == .nonFinite(field: "BR_X of mpc.branch row 1"))
  }

  @Test func badBusType() throws {
    let e = try #require(error(good.replacingOccurrences(of: "2 1 50 0", with: "2 7 50.0 0")))
    #expect(e.message.contains("BUS_TYPE = 7"))
  }

  @Test func versionOneIsRejectedWithAHint() throws {
    let e = try #require(error("function [baseMVA, bus, gen, branch] = old\nbaseMVA = 100;\n"))
    #expect(e.message.contains("version 1"))
  }

  @Test func unterminatedString() throws {
    let e = try #require(error("function mpc = t\nmpc.version = '2;\n"))
    #expect(e.location.line == 2)
  }

  @Test func busNameCountMustMatch() throws {
    let e = try #require(error(good + "\nmpc.bus_name = {'a'};\n"))
    #expect(e.message.contains("1 names but mpc.bus has 2 rows"))
  }

  /// A case large enough (> 256 kB) for its matrices to be read on other threads while the
  /// statements are scanned: the error reported is still the first in the file.
  @Test func largeFilesReportTheFirstErrorInFileOrder() throws {
    let n = 6000
    let buses = (1...n).map { busRow($0, type: $0 == 1 ? 3 : 1, pd: 1) }
    let branches = (1..<n).map { branchRow($0, $0 + 1, x: 0.01) }
    let text = caseText(bus: buses, gen: [genRow(1, pg: 100)], branch: branches)
    #expect(text.utf8.count > 1 << 18)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // 1-based lines of bus 3000, branch 3000 and the gen statement.
    let busLine = try #require(lines.firstIndex { $0.hasPrefix("3000 1 ") }) + 1
    let branchLine = try #require(lines.firstIndex { $0.hasPrefix("3000 3001 ") }) + 1
    let genLine = try #require(lines.firstIndex { $0.hasPrefix("mpc.gen") }) + 1
    let network = try parseCase(text, file: "big.m")
    #expect(network.buses.count == n && network.branches.count == n - 1)
    #expect(network.branches[2999].from == BusID(3000) && network.branches[2999].source?.line == branchLine)
    #expect(network.buses[2999].source?.line == busLine)

    func withLines(_ replacements: [Int: String], append extra: String = "") -> String {
      var copy = lines
      for (line, text) in replacements { copy[line - 1] = text }
      return copy.joined(separator: "\n") + extra
    }
    let badBranch = "3000 3001 0 0.01x 0 0 0 0 0 0 1 -360 360;"
    // A bad number in the branch matrix comes before a statement error after it...
    var e = try #require(error(withLines([branchLine: badBranch], append: "\nx = 3;\n")))
    #expect(e.location.line == branchLine && e.message.contains("0.01x"))
    // ...after a bad number in the bus matrix...
    e = try #require(error(withLines([branchLine: badBranch, busLine: "3000 1 1 0 0 0 1 1 abc 230 1 1.1 0.9;"])))
    #expect(e.location.line == busLine)
    // ...and after a statement error before the branch matrix.
    e = try #require(error(withLines([branchLine: badBranch, genLine - 1: "];\nfor k = 1:3"])))
    #expect(e.location.line == genLine && e.message.contains("outside the MATPOWER data language"), "\(e)")
  }

  @Test func randomGarbageNeverCrashes() {
    var rng = SplitMix(seed: 7)
    let alphabet = Array("mpc.bus=[];{}'\"%...,0123456789eE+-InfNaN \t\n\r".utf8)
    for _ in 0..<2000 {
      let length = Int(rng.next() % 200)
      let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      _ = error(bytes: Array("function mpc = t\n".utf8) + bytes)
    }
    // Truncating a good file anywhere gives an error or a network, never a crash.
    let goodBytes = Array(good.utf8)
    for cut in stride(from: 0, to: goodBytes.count, by: 3) { _ = error(bytes: Array(goodBytes[..<cut])) }
  }
}
