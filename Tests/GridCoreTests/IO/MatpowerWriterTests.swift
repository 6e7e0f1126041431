import Testing

@testable import GridCore

struct MatpowerWriterTests {
  /// read → write → read gives the same network (sources aside).
  @Test(arguments: ["case9.m", "case5.m"])
  func roundTripOfBundledCases(file: String) throws {
    let original = try MatpowerReader.read(contentsOf: TestPaths.network(file)).network
    try expectRoundTrip(original)
  }

  @Test(.enabled(if: TestPaths.haveSharedCases), arguments: ["case118.m", "case300.m", "t_case9_dcline.m", "case_ACTIVSg2000.m"])
  func roundTripOfSharedCases(file: String) throws {
    let original = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared(file))).network
    try expectRoundTrip(original)
  }

  @Test func numbersAreWrittenExactly() {
    for v in [0.1, 1.0 / 3, -2.5e-17, 1e300, 123456.789, -0.0576, Double.leastNonzeroMagnitude * 3] {
      #expect(MatpowerReader.parseNumberForTest(MatpowerWriter.number(v)) == v)
    }
    #expect(MatpowerWriter.number(100) == "100" && MatpowerWriter.number(.infinity) == "Inf")
  }

  /// A physical HVDC link becomes a dcline whose linear loss reproduces the loss at the set-point,
  /// and a link to an external system becomes demand at its sending bus: the AC flows are unchanged.
  @Test func hvdcLinksExportToTheSameFlows() throws {
    var network = try MatpowerReader.read(contentsOf: TestPaths.network("case9.m")).network
    network.hvdcLinks = [
      HVDCLink(
        name: "dc", from: BusID(5), to: BusID(9), setpointMW: -40, ratingMW: 100,
        losses: .physical(PhysicalHVDC(poles: 2, poleVoltageKV: 100, poleResistanceOhm: 5, converterFraction: 0.01))),
      HVDCLink(name: "out", from: BusID(7), to: nil, externalReceiver: "elsewhere", setpointMW: 30, ratingMW: 50),
    ]
    let before = try DCSystem(network).solve()
    let exported = try MatpowerReader.parse(MatpowerWriter.text(for: network), file: "x.m").network
    let after = try DCSystem(exported).solve()
    #expect(maxAbsDifference(before.branchFlowMW, after.branchFlowMW) < 1e-9)
    #expect(maxAbsDifference(before.generatorMW, after.generatorMW) < 1e-9)
  }

  private func expectRoundTrip(_ original: Network) throws {
    let text = MatpowerWriter.text(for: original)
    let again = try MatpowerReader.parse(text, file: "again.m").network
    #expect(stripped(again) == stripped(original))
  }

  private func stripped(_ n: Network) -> Network {
    var n = n
    for i in n.buses.indices { n.buses[i].source = nil }
    for i in n.branches.indices { n.branches[i].source = nil }
    for i in n.generators.indices {
      n.generators[i].source = nil
      // The reader takes technologies from mpc.genfuel, which this writer does not write.
      n.generators[i].technology = .other
      // The writer pads generator rows to MATPOWER's 21 columns.
      while n.generators[i].matpowerExtra.count < 11 { n.generators[i].matpowerExtra.append(0) }
    }
    for i in n.hvdcLinks.indices { n.hvdcLinks[i].source = nil }
    return n
  }
}

extension MatpowerReader {
  static func parseNumberForTest(_ text: String) -> Double? {
    var s = MatpowerScanner(bytes: Array((text + " ").utf8), file: "t")
    return s.number()
  }
}
