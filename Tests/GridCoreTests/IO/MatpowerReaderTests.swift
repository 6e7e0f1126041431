import Testing

@testable import GridCore

struct MatpowerReaderTests {
  @Test func readsTheBundledCase9() throws {
    let (network, diagnostics) = try MatpowerReader.read(contentsOf: TestPaths.network("case9.m"))
    #expect(network.name == "case9")
    #expect(network.baseMVA == 100)
    #expect(network.buses.count == 9 && network.generators.count == 3 && network.branches.count == 9)
    #expect(network.buses[4].loadMW == 125 && network.buses[0].type == .reference)
    #expect(network.branches[4].reactancePU == 0.170 && network.branches[4].ratingMW == 150)
    #expect(network.generators[0].outputMW == 71.6 && network.generators[0].maxMW == 250)
    #expect(network.branches[2].source?.line == 43)
    #expect(diagnostics.isEmpty)
  }

  /// What real files contain: comments anywhere, continuations, rows ended by `;` or newline or both,
  /// commas, tabs, CRLF, blank lines, several rows on one line, and unused fields.
  @Test func toleratesTheSyntaxOfRealFiles() throws {
    let text = [
      "function mpc = odd % a comment after the header",
      "%% a comment line",
      "mpc.version = '2';",
      "",
      "mpc.baseMVA = 100.0 ;   % base",
      "mpc.bus = [",
      "\t1\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9   % trailing comment, no semicolon",
      "  2, 1, 50, 0, 0, 0, 1, 1, 0, 230, 1, 1.1, 0.9;",
      "",
      "  3 1 .5e2 0 0 0 1 1 0 ...  continued on the next line",
      "    230 1 1.1 0.9; 4 1 -0 0 0 0 1 1 0 230 1 Inf -Inf;",
      "];",
      "mpc.gen = [1 100 0 Inf -Inf 1 100 1 Inf 0];",
      "mpc.branch = [",
      "  1 2 0 0.1 0 0 0 0 0 0 1 -360 360;",
      "  2 3 0 0.1 0 0 0 0 0 0 1 -360 360",
      "  3 4 0 0.1 0 0 0 0 0 0 1 -360 360;",
      "];",
      "mpc.gencost = [2 0 0 3 0.1 10 0];",
      "mpc.gentype = {'ST'};",
      "mpc.bus_name = {'A''s bus'; 'B'; 'C'; 'D'};",
    ].joined(separator: "\r\n")
    let (network, diagnostics) = try MatpowerReader.parse(text, file: "odd.m")
    #expect(network.name == "odd")
    #expect(network.buses.map(\.id.rawValue) == [1, 2, 3, 4])
    #expect(network.buses.map(\.loadMW) == [0, 50, 50, 0])
    #expect(network.buses[3].maxVoltagePU == .infinity)
    #expect(network.buses[0].name == "A's bus")
    #expect(network.branches.count == 3)
    #expect(network.branches[2].source?.line == 17)
    #expect(network.generators[0].maxMW == .infinity)
    // gencost becomes the generator's cost; gentype its unit type.
    #expect(network.matpowerExtras.isEmpty)
    #expect(network.generators[0].cost == .polynomial([0.1, 10, 0]))
    #expect(network.generators[0].unitType == "ST")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
  }

  @Test func ignoresResultColumns() throws {
    let network = try parseCase(
      caseText(
        bus: [busRow(1, type: 3) + " 0 0 0 0", busRow(2) + " 0 0 0 0"], gen: [genRow(1, pg: 0) + " 0 0 0 0 0 0 0 0 0 0 0 5 6 7 8"],
        branch: [branchRow(1, 2, x: 0.1) + " 99 0 -99 0 0 0 0 0"]))
    #expect(network.buses.count == 2 && network.branches.count == 1)
    #expect(network.generators[0].matpowerExtra.count == 11)
  }

  @Test func readsDCLines() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 10)], gen: [genRow(1, pg: 10)], branch: [branchRow(1, 2, x: 0.1)],
      extra: "mpc.dcline = [1 2 1 10 8.9 0 0 1 1 1 10 -10 10 -10 10 1 0.01];")
    let network = try parseCase(text)
    let link = try #require(network.hvdcLinks.first)
    #expect(link.from == BusID(1) && link.to == BusID(2) && link.setpointMW == 10)
    #expect(link.losses == .matpower(fixedMW: 1, fraction: 0.01))
    #expect(isClose(link.transfer().toMW, 8.9, absolute: 1e-12))
  }

  @Test func branchKindFollowsTapAndShift() throws {
    let network = try parseCase(
      caseText(
        bus: [busRow(1, type: 3), busRow(2), busRow(3)], gen: [genRow(1, pg: 0)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.1, tap: 0.95), branchRow(1, 3, x: 0.1, tap: 1, shift: 5)]))
    #expect(network.branches.map(\.kind) == [.line, .transformer, .transformer])
  }
}
