import Foundation
import Testing

@testable import GridCore

/// How the RAW reader treats the format's conventions: terminators and `Q`, headings,
/// optional sections of revisions 34–35, defaults, and where it departs from psse2mpc.
struct PSSERawReaderTests {
  func read(_ text: String, file: String = "t.raw") throws -> (network: Network, diagnostics: [Diagnostic]) {
    try PSSERawReader.parse(text, file: file)
  }

  @Test func qEndsTheDataAndMaySkipLaterSections() throws {
    // Everything after Q (sequence data, say) is not read; Q may end a section that holds records.
    let text = rawText(tail: "Q\nthis is not data\n")
    #expect(try read(text).network.buses.count == 2)
    let early = "0, 100, 33\n\n\n1,'A',230,3\n2,'B',230,1\n0 / END OF BUS DATA, BEGIN LOAD DATA\n2,'1',1,1,1,5\nQ\n"
    let network = try read(early).network
    #expect(network.buses.map(\.loadMW) == [0, 5] && network.branches.isEmpty)
    // A file may also simply end after a terminator.
    #expect(try read("0, 100, 33\n\n\n1,'A',230,3\n0\n").network.buses.count == 1)
  }

  @Test func blankLinesHeadingsLineEndsAndByteOrderMark() throws {
    let plain = try read(rawText()).network
    var text = rawText().replacingOccurrences(of: "0 / END OF BUS DATA", with: "\n@! I,'ID',STAT\n\n0 / END OF BUS DATA")
    text = "\u{FEFF}@!IC,SBASE,REV\n" + text.replacingOccurrences(of: "\n", with: "\r\n")
    let network = try read(text).network
    #expect(network.buses.map(\.loadMW) == plain.buses.map(\.loadMW))
    #expect(network.branches.map(\.reactancePU) == plain.branches.map(\.reactancePU))
    #expect(try read(rawText().replacingOccurrences(of: "\n", with: "\r")).network.generators.count == 1)
  }

  @Test func revisionFromTheFirstLinesComment() throws {
    let text = rawText(revision: 30).replacingOccurrences(of: "0, 100.0, 30, 0, 0, 60.00 / test", with: "0, 100.0 / PSS(tm)E-30 RAW")
    let buses = ["1 'ONE' 230 3 0 0 1 1 1.0 0", "2 'TWO' 230 1 5.0 7.0 1 1 1.0 0"]
    let v30 = text.replacingOccurrences(of: "1,'ONE',230,3\n2,'TWO',230,1", with: buses.joined(separator: "\n"))
      .replacingOccurrences(
        of: "0 / END OF LOAD DATA, BEGIN FIXED SHUNT DATA\n0 / END OF FIXED SHUNT DATA", with: "0 / END OF LOAD DATA")
    let network = try read(v30).network
    // Revision 30 keeps GL, BL on the bus record.
    #expect(network.buses[1].shuntMW == 5 && network.buses[1].shuntMVAr == 7)
  }

  @Test func defaultsForBlankAndMissingFields() throws {
    let network = try read(rawText(buses: ["1,'ONE',230,3", "2,,,,,,,,,"], loads: ["2"])).network
    let bus = network.buses[1]
    #expect(bus.type == .pq && bus.area == 1 && bus.zone == 1 && bus.voltagePU == 1 && bus.baseKV == 0)
    #expect(bus.maxVoltagePU == 1.1 && bus.minVoltagePU == 0.9 && bus.loadMW == 0)
    let gen = try read(rawText(generators: ["1"])).network.generators[0]
    #expect(gen.outputMW == 0 && gen.maxMW == 9999 && gen.minMW == -9999 && gen.machineBaseMVA == 100 && gen.inService)
  }

  /// PSS/E's NOMV = 0 is the bus base voltage; psse2mpc would divide by it.
  @Test func zeroNominalWindingVoltageIsTheBusVoltage() throws {
    func transformer(nomv1: String, nomv2: String) -> [String] {
      ["1,2,0,'1',3,2,1,0,0,2,'T',1", "0.01,0.1,50", "1.02,\(nomv1),0", "0.99,\(nomv2)"]
    }
    let buses = ["1,'ONE',230,3", "2,'TWO',115,1"]
    let zero = try read(rawText(buses: buses, branches: [], transformers: transformer(nomv1: "0", nomv2: "0"))).network
    let explicit = try read(rawText(buses: buses, branches: [], transformers: transformer(nomv1: "230", nomv2: "115"))).network
    #expect(zero.branches.map(\.reactancePU) == explicit.branches.map(\.reactancePU))
    #expect(zero.branches.map(\.tapRatio) == explicit.branches.map(\.tapRatio))
    #expect(isClose(explicit.branches[0].reactancePU, 0.2, absolute: 1e-15))  // 0.1 on 50 MVA is 0.2 on 100 MVA
  }

  @Test func revision35SwitchingDevicesAndSystemWideData() throws {
    let text = """
      0, 100.0, 35, 0, 0, 60.00 / test
      SMALL CASE

      GENERAL, THRSHZ=0.0001, PQBRAK=0.7
      RATING, 1, "RATE1 ", "RATING SET 1"
      0 / END OF SYSTEM-WIDE DATA, BEGIN BUS DATA
      1,'ONE',230,3
      2,'TWO',230,1
      3,'THREE',230,1
      0 / END OF BUS DATA, BEGIN LOAD DATA
      3,'1',1,1,1,40,10
      0 / END OF LOAD DATA, BEGIN FIXED SHUNT DATA
      0 / END OF FIXED SHUNT DATA, BEGIN GENERATOR DATA
      1,'1',40
      0 / END OF GENERATOR DATA, BEGIN BRANCH DATA
      1,2,'1',0.01,0.1,0.02,'LINE 1-2',100
      0 / END OF BRANCH DATA, BEGIN SYSTEM SWITCHING DEVICE DATA
      2,3,'1',0.0002,200,0,0,0,0,0,0,0,0,0,0,0,1,1,1,2,'BREAKER A'
      2,3,'2',,,,,,,,,,,,,,0
      0 / END OF SYSTEM SWITCHING DEVICE DATA, BEGIN TRANSFORMER DATA
      0 / END OF TRANSFORMER DATA
      Q

      """
    let network = try read(text).network
    #expect(network.branches.map(\.name) == ["LINE 1-2", "BREAKER A", "2-3 2"])
    #expect(network.branches.map(\.reactancePU) == [0.1, 0.0002, 0.0001])
    #expect(network.branches.map(\.inService) == [true, true, false])
    #expect(network.branches[1].ratingMW == 200 && network.branches[1].kind == .line)
    let flows = try DCSystem(network).solve().branchFlowMW
    #expect(isClose(flows[1], 40, absolute: 1e-9))
    // Revision 34 without system-wide data and switching devices: the labels tell.
    let v34 = rawText(revision: 34, branches: ["1,2,'1',0.01,0.1,0.02,'',100"])
    #expect(try read(v34).network.branches.map(\.ratingMW) == [100])
  }

  @Test func warningsForWhatIsNotModelled() throws {
    let text = rawText(tail: """
      0 / END OF VOLTAGE SOURCE CONVERTER DATA, BEGIN IMPEDANCE CORRECTION DATA
      0 / END OF IMPEDANCE CORRECTION DATA, BEGIN MULTI-TERMINAL DC DATA
      'MTDC',2,1,1,1,500,0,0
      0 / END OF MULTI-TERMINAL DC DATA
      0
      0
      0
      0
      0 / END OF FACTS DEVICE DATA, BEGIN SWITCHED SHUNT DATA
      2,1,0,1,1.05,0.95,0,100,'',25.0,1,25.0
      0 / END OF SWITCHED SHUNT DATA
      0
      0
      0 / EXTRA
      Q
      """).replacingOccurrences(of: "0, 100.0, 33, 0, 0", with: "1, 100.0, 33, 0, 0")
    let (network, diagnostics) = try read(text)
    #expect(network.buses[1].shuntMVAr == 25)
    let messages = diagnostics.map(\.description)
    #expect(messages.count == 4, "\(messages)")
    #expect(messages.contains { $0.hasPrefix("t.raw:1:1: warning: IC = 1 marks a change case") })
    #expect(messages.contains { $0.hasPrefix("t.raw:21: warning: multi-terminal DC line data (1 record) is ignored") })
    #expect(messages.contains { $0.hasPrefix("t.raw:28: warning: 1 switched shunt: only the initial susceptance BINIT") })
    #expect(messages.contains { $0.hasPrefix("t.raw:32: warning: 1 more section than PSS/E revision 33 has") })
  }

  @Test func infiniteLimitsAreReadAsMatpowerWritesThem() throws {
    let network = try read(rawText(generators: ["1,'1',40,0,Inf,-Inf,1,0,100,0,1,0,0,1,1,100,INF,-inf"])).network
    #expect(network.generators[0].maxMVAr == .infinity && network.generators[0].minMVAr == -.infinity)
    #expect(network.generators[0].maxMW == .infinity && network.generators[0].minMW == -.infinity)
  }

  @Test func networkFileDetectsRawByExtensionAndContent() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("psse-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["case.RAW", "case.txt", "case"] {
      let path = dir.appendingPathComponent(name).path
      try rawText().write(toFile: path, atomically: true, encoding: .utf8)
      #expect(try NetworkFile.read(path).network.branches.count == 1, "\(name)")
    }
    #expect(PSSERawReader.looksLikeRaw(Array(rawText().utf8)))
    #expect(PSSERawReader.looksLikeRaw(Array("@!IC,SBASE\n 0,   100.00 / PSS/E-29.0\n".utf8)))
    #expect(!PSSERawReader.looksLikeRaw(Array("function mpc = case9\nmpc.baseMVA = 100;\n".utf8)))
    #expect(!PSSERawReader.looksLikeRaw(Array("format: gridtool-network/1\nname: x\n".utf8)))
    #expect(!PSSERawReader.looksLikeRaw(Array("% comment\n0, 100\n".utf8)))
  }

  /// The fuzz seeds (Tests/Fuzz/raw) are valid files.
  @Test func seedCorpusReads() throws {
    let dir = TestPaths.repository.appendingPathComponent("Tests/Fuzz/raw")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".raw") }.sorted()
    #expect(files.count >= 4)
    for name in files {
      let network = try PSSERawReader.read(contentsOf: dir.appendingPathComponent(name).path).network
      #expect(try DCSystem(network).solve().branchFlowMW.allSatisfy { $0.isFinite }, "\(name)")
    }
  }
}
