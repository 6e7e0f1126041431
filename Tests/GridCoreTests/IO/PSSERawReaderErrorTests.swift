import Foundation
import Testing

@testable import GridCore

/// The error a RAW text gives; nil when it reads.
func rawError(_ text: String, file: String = "t.raw") -> ParseError? {
  do {
    _ = try PSSERawReader.parse(text, file: file)
    return nil
  } catch {
    return error
  }
}

/// One-defect RAW files: every error names `file:line:column`, the field and what to do,
/// quoting at most a short excerpt. Line numbers refer to ``rawText(revision:titles:buses:loads:generators:branches:transformers:dcLines:tail:)``:
/// line 1 identification, 2–3 titles, 4–5 buses, 7 load, 10 generator, 12 branch,
/// 14 the first transformer record, 17 the first DC line record.
struct PSSERawReaderErrorTests {
  func expectError(_ text: String, at location: String, containing parts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let error = rawError(text) else {
      Issue.record("read without error", sourceLocation: sourceLocation)
      return
    }
    #expect(error.location.description == location, "\(error)", sourceLocation: sourceLocation)
    for part in parts {
      #expect(error.message.contains(part), "\(error.message) lacks '\(part)'", sourceLocation: sourceLocation)
    }
  }

  @Test func theSmallCaseReads() throws {
    let (network, diagnostics) = try PSSERawReader.parse(rawText(), file: "t.raw")
    #expect(network.buses.count == 2 && network.branches.count == 1 && network.generators.count == 1 && diagnostics.isEmpty)
  }

  @Test func badNumbers() {
    expectError(rawText(buses: ["1,'ONE',2x30,3", "2,'TWO',230,1"]), at: "t.raw:4:9", containing: ["BASKV", "bus record", "'2x30'"])
    expectError(rawText(loads: ["2,'1',1,1,1,4O,10"]), at: "t.raw:7:13", containing: ["PL", "load record", "'4O'"])
    expectError(rawText(buses: ["1.5,'ONE',230,3", "2,'TWO',230,1"]), at: "t.raw:4:1", containing: ["I of this bus record must be a whole number", "'1.5'"])
    expectError(rawText(loads: ["2,'1',1,1,1,'40',10"]), at: "t.raw:7:13", containing: ["PL", "not quoted text '40'"])
    expectError(rawText(loads: ["2,'1',1,1,1,1e999,10"]), at: "t.raw:7:13", containing: ["PL", "finite"])
    expectError(rawText(generators: ["1,'1',Inf,0,100,-100,1,0,100,0,1,0,0,1,1,100,200,0"]), at: "t.raw:10:7", containing: ["PG"])
    expectError(rawText(branches: ["1,2,'1',0.01"]), at: "t.raw:12:13", containing: ["lacks X (field 5)"])
  }

  @Test func unknownBuses() {
    expectError(rawText(loads: ["3,'1',1,1,1,40,10"]), at: "t.raw:7:1", containing: ["load (I) connects to unknown bus 3"])
    expectError(
      rawText(generators: ["9,'1',40,0,100,-100,1,0,100,0,1,0,0,1,1,100,200,0"]), at: "t.raw:10:1",
      containing: ["generator (I) connects to unknown bus 9"])
    expectError(rawText(branches: ["1,-7,'1',0.01,0.1"]), at: "t.raw:12:3", containing: ["branch (J) connects to unknown bus 7"])
    let transformer = ["1,2,5,'1',1,1,1,0,0,2,'T',1", "0,0.1,100,0,0.1,100,0,0.1,100,1,0", "1,230,0", "1,230,0", "1,230,0"]
    expectError(rawText(transformers: transformer), at: "t.raw:14:5", containing: ["transformer (K) connects to unknown bus 5"])
    let dc = ["'DC',1,5,100,500", "4,1,20,5", "2,1,20,15"]
    expectError(rawText(dcLines: dc), at: "t.raw:18:1", containing: ["DC line rectifier (IPR) connects to unknown bus 4"])
    expectError(rawText(buses: ["1,'ONE',230,3", "1,'TWO',230,1"]), at: "t.raw:5", containing: ["bus 1 is defined more than once"])
    expectError(rawText(buses: ["0,'ONE',230,3", "2,'TWO',230,1"]), at: "t.raw:4:1", containing: ["I of this bus record = 0", "1 to 999999999"])
  }

  @Test func truncatedData() {
    let transformer = ["1,2,0,'1',1,1,1,0,0,2,'T',1", "0,0.1,100", "1,230,0"]
    expectError(rawText(transformers: transformer), at: "t.raw:14", containing: ["two-winding transformer needs 4 records", "ends after 3"])
    expectError(rawText(dcLines: ["'DC',1,5,100,500", "1,1,20,5"]), at: "t.raw:17", containing: ["3 records", "ends after 2"])
    // The file stops inside bus data: no terminator.
    expectError("0, 100, 33\n\n\n1,'A',230,3\n2,'B',230,1\n", at: "t.raw:5", containing: ["ends inside bus data", "cut short"])
    expectError("0, 100, 33\n\n\n0 / END OF BUS DATA\nQ\n", at: "t.raw:5", containing: ["no bus data"])
  }

  @Test func unsupportedOrMissingRevisions() {
    expectError(rawText(revision: 28), at: "t.raw:1:11", containing: ["revision 28 is not supported", "29–35"])
    expectError(rawText(revision: 36), at: "t.raw:1:11", containing: ["revision 36 is not supported"])
    expectError("0, 100.0\nA\nB\n1,'A',230,3\n0\nQ\n", at: "t.raw:1:9", containing: ["revision is not stated", "REV"])
    expectError("function mpc = case9\nmpc.version = '2';\n", at: "t.raw:1:10", containing: ["case identification record", "SBASE"])
    expectError("0, -100.0, 33\nA\nB\n", at: "t.raw:1:4", containing: ["SBASE"])
    expectError("", at: "t.raw:1", containing: ["empty"])
    #expect(rawError("0, 100, 33\u{0}\n")?.kind == .binary)
  }

  @Test func codesOutOfRange() {
    expectError(rawText(buses: ["1,'ONE',230,5", "2,'TWO',230,1"]), at: "t.raw:4:13", containing: ["IDE of this bus record = 5"])
    expectError(rawText(loads: ["2,'1',2,1,1,40,10"]), at: "t.raw:7:7", containing: ["STATUS of this load record = 2", "0 (out of service) or 1"])
    expectError(rawText(branches: ["1,2,'1',0.01,0.1,0,0,0,0,0,0,0,0,3"]), at: "t.raw:12:34", containing: ["ST of this branch record = 3"])
    let transformer = ["1,2,0,'1',4,1,1,0,0,2,'T',1", "0,0.1,100", "1,230,0", "1,230"]
    expectError(rawText(transformers: transformer), at: "t.raw:14:11", containing: ["CW of this transformer record 1 = 4"])
    expectError(rawText(dcLines: ["'DC',3,5,100,500", "1,1,20,5", "2,1,20,15"]), at: "t.raw:17:6", containing: ["MDC", "= 3"])
  }

  @Test func degenerateValues() {
    expectError(rawText(branches: ["1,2,'1',0.01,0.0"]), at: "t.raw:12:14", containing: ["branch 1-2 1 is in service with zero reactance", "zero-impedance"])
    // WINDV2 = 0: the tap ratio WINDV1 / WINDV2 is not a number.
    let transformer = ["1,2,0,'1',1,1,1,0,0,2,'T',1", "0,0.1,100", "1,230,0", "0,230"]
    expectError(rawText(transformers: transformer), at: "t.raw:16", containing: ["tap ratio of transformer T", "WINDV2 is 0"])
    // CZ = 3 with |Z| below R.
    let lossy = ["1,2,0,'1',1,3,1,0,0,2,'T',1", "2e7,0.1,100", "1,230,0", "1,230"]
    expectError(rawText(transformers: lossy), at: "t.raw:15", containing: ["X1-2", "must not be below R1-2"])
    expectError(rawText(loads: ["2,'1',1,1,1,1e308,10", "2,'2',1,1,1,1e308,10"]), at: "t.raw:8", containing: ["demand at bus 2 overflows"])
  }

  @Test func syntaxAndSections() {
    expectError(rawText(buses: ["1,'ONE,230,3", "2,'TWO',230,1"]), at: "t.raw:4:3", containing: ["quote opened here is not closed"])
    // A revision-30 file stated as 33: generator data stands where fixed shunts should.
    let v30 = "0, 100, 33\n\n\n1,'A',230,3\n0 / END OF BUS DATA, BEGIN LOAD DATA\n0 / END OF LOAD DATA, BEGIN GENERATOR DATA\n"
      + "1,'1',10\n0 / END OF GENERATOR DATA, BEGIN BRANCH DATA\nQ\n"
    expectError(v30, at: "t.raw:8", containing: ["ends generator data", "revision 33 file has fixed shunt data here"])
  }

  /// Messages quote at most a short excerpt of the offending text.
  @Test func excerptsAreShort() throws {
    let long = String(repeating: "9", count: 5000) + "x"
    let error = try #require(rawError(rawText(buses: ["1,'ONE',\(long),3", "2,'TWO',230,1"])))
    #expect(error.description.count < 200)
    let name = String(repeating: "N", count: 100_000)
    let quoted = try #require(rawError(rawText(loads: ["2,'1',1,1,1,'\(name)',10"])))
    #expect(quoted.description.count < 200)
  }
}
