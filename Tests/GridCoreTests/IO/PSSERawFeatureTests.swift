import Foundation
import Testing

@testable import GridCore

/// The hand-made RAW files of Tests/Fixtures/psse: `features_v33.raw` holds every code the
/// conversion treats (CW and CZ 1, 2, 3; three-winding transformers with each STAT; DC lines
/// in power, current and blocked mode; loads with current and admittance parts; fixed,
/// switched and line shunts; out-of-service elements; isolated buses). Its reference,
/// `features_v33.raw.psse2mpc.json`, is MATPOWER 8.1's `psse2mpc` and `rundcpf` of it
/// (bench/psse_raw_refs.m). `features_v34.raw` and `features_v35.raw` are the same network in
/// the layouts of revisions 34 and 35 (system-wide data, `@!` headings, 12 ratings, NREG...).
struct PSSERawFeatureTests {
  static func fixture(_ name: String) -> String {
    TestPaths.repository.appendingPathComponent("Tests/Fixtures/psse/\(name)").path
  }

  static func reference() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture("features_v33.raw.psse2mpc.json")))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The conversion equals psse2mpc's, column by column (to round-off).
  @Test func conversionEqualsPsse2mpc() throws {
    let ref = try Self.reference()
    let network = try PSSERawReader.read(contentsOf: Self.fixture("features_v33.raw")).network
    func column(_ key: String) throws -> [Double] {
      try #require(ref[key] as? [Any], "\(key)").map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    func expectColumn(_ key: String, _ values: [Double]) throws {
      let expected = try column(key)
      #expect(values.count == expected.count, "\(key): \(values.count) rows vs \(expected.count)")
      for (k, (a, b)) in zip(values, expected).enumerated() {
        #expect(isClose(a, b, absolute: 1e-12, relative: 1e-12), "\(key) row \(k + 1): \(a) vs \(b)")
      }
    }
    let buses = network.buses, branches = network.branches
    try expectColumn("bus_i", buses.map { Double($0.id.rawValue) })
    try expectColumn("bus_type", buses.map { Double($0.type.rawValue) })
    try expectColumn("bus_pd", buses.map(\.loadMW))
    try expectColumn("bus_qd", buses.map(\.loadMVAr))
    try expectColumn("bus_gs", buses.map(\.shuntMW))
    try expectColumn("bus_bs", buses.map(\.shuntMVAr))
    try expectColumn("bus_area", buses.map { Double($0.area) })
    try expectColumn("bus_zone", buses.map { Double($0.zone) })
    try expectColumn("bus_vm", buses.map(\.voltagePU))
    try expectColumn("bus_va", buses.map(\.angleDeg))
    try expectColumn("bus_base_kv", buses.map(\.baseKV))
    try expectColumn("branch_from", branches.map { Double($0.from.rawValue) })
    try expectColumn("branch_to", branches.map { Double($0.to.rawValue) })
    try expectColumn("branch_r", branches.map(\.resistancePU))
    try expectColumn("branch_x", branches.map(\.reactancePU))
    try expectColumn("branch_b", branches.map(\.chargingPU))
    try expectColumn("branch_rate_a", branches.map(\.ratingMW))
    try expectColumn("branch_tap", branches.map(\.tapRatio))
    try expectColumn("branch_shift", branches.map(\.phaseShiftDeg))
    try expectColumn("branch_status", branches.map { $0.inService ? 1 : 0 })
    try expectColumn("gen_bus", network.generators.map { Double($0.bus.rawValue) })
    try expectColumn("gen_status", network.generators.map { $0.inService ? 1 : 0 })
    try expectColumn("gen_pmax", network.generators.map(\.maxMW))
    try expectColumn("dcline_from", network.hvdcLinks.map { Double($0.from.rawValue) })
    try expectColumn("dcline_to", network.hvdcLinks.map { Double($0.to?.rawValue ?? 0) })
    try expectColumn("dcline_status", network.hvdcLinks.map { $0.inService ? 1 : 0 })
  }

  /// The DC power flow matches rundcpf of psse2mpc's case.
  @Test func flowsMatchRundcpf() throws {
    let ref = try Self.reference()
    let network = try PSSERawReader.read(contentsOf: Self.fixture("features_v33.raw")).network
    let result = try DCSystem(network).solve()
    let va = try #require(ref["va_deg"] as? [Double]), types = try #require(ref["bus_type"] as? [Int])
    for (i, expected) in va.enumerated() where types[i] != 4 {
      #expect(abs(try #require(result.angleDeg[i]) - expected) <= 1e-9, "angle of bus row \(i + 1)")
    }
    // Isolated buses (type 4) are left out of the model, as MATPOWER's ext2int leaves them out.
    #expect(zip(types, result.angleDeg).allSatisfy { $0 != 4 || $1 == nil })
    func expectMW(_ got: [Double], _ key: String) throws {
      let expected = try #require(ref[key] as? [Double])
      #expect(got.count == expected.count && maxAbsDifference(got, expected) <= 1e-9, "\(key)")
    }
    try expectMW(result.branchFlowMW, "pf_mw")
    try expectMW(result.generatorMW, "pg_mw")
    try expectMW(result.hvdc.map(\.fromMW), "dcline_pf_mw")
    try expectMW(result.hvdc.map(\.toMW), "dcline_pt_mw")
  }

  /// Revisions 34 and 35 of the same network read to the same elements and flows.
  @Test(arguments: ["features_v34.raw", "features_v35.raw"])
  func laterRevisionsReadTheSame(file: String) throws {
    let v33 = try PSSERawReader.read(contentsOf: Self.fixture("features_v33.raw")).network
    let (network, diagnostics) = try PSSERawReader.read(contentsOf: Self.fixture(file))
    #expect(comparable(network) == comparable(v33))
    #expect(network.branches[3].name == "4-8")
    #expect(diagnostics.count == 3, "VSC, FACTS, switched shunts: \(diagnostics)")
    let flows = try DCSystem(network).solve().branchFlowMW, expected = try DCSystem(v33).solve().branchFlowMW
    #expect(maxAbsDifference(flows, expected) <= 1e-9)
  }

  /// The network without what differs between revisions of one file: where each element
  /// was written, and the branch names (revisions 34–35 name branches).
  func comparable(_ network: Network) -> Network {
    var n = network
    for i in n.buses.indices { n.buses[i].source = nil }
    for i in n.generators.indices { n.generators[i].source = nil }
    for i in n.branches.indices {
      n.branches[i].source = nil
      n.branches[i].name = ""
    }
    for i in n.hvdcLinks.indices { n.hvdcLinks[i].source = nil }
    return n
  }

  /// Names, tags and regions: what a planner sees of the PSS/E identities.
  @Test func namesTagsAndRegions() throws {
    let network = try PSSERawReader.read(contentsOf: Self.fixture("features_v33.raw")).network
    #expect(network.name == "FEATURES TEST CASE")
    let bus8 = try #require(network.buses.first { $0.id == BusID(8) })
    #expect(bus8.name == "HV D" && bus8.info?.region == "SOUTH" && bus8.info?.tags == ["area:2", "zone:3", "owner:1"])
    #expect(network.buses.suffix(4).map(\.name) == ["STR_PT_XF_1", "STR_PT_XF_2", "STR_PT_XF_3", "STR_PT_XF_4"])
    #expect(network.branches.prefix(2).map(\.name) == ["2-3 1", "3-4 1"])
    #expect(network.branches[6].name == "GSU A" && network.branches[6].kind == .transformer)
    #expect(network.branches[10].name == "THREE W C w1")
    #expect(network.generators.map(\.name) == ["1 1", "7 1", "9 1"])
    #expect(network.hvdcLinks.map(\.name) == ["DC1", "DC2", "DC3"])
    #expect(try PSSERawReader.parse(rawText(titles: ["", ""]), file: "dir/grid.RAW").network.name == "grid")
  }
}

/// A small valid RAW text of `revision` (two buses, one line, one load, one generator) with
/// room for extra records in each section; the base of the error and edge-case tests.
func rawText(
  revision: Int = 33, titles: [String] = ["SMALL CASE", ""], buses: [String]? = nil, loads: [String] = ["2,'1',1,1,1,40,10"],
  generators: [String]? = nil, branches: [String] = ["1,2,'1',0.01,0.1,0.02,100,100,100,0,0,0,0,1"],
  transformers: [String] = [], dcLines: [String] = [], tail: String = "Q"
) -> String {
  let busRecords = buses ?? ["1,'ONE',230,3", "2,'TWO',230,1"]
  let generatorRecords = generators ?? ["1,'1',40,0,100,-100,1,0,100,0,1,0,0,1,1,100,200,0"]
  return """
    0, 100.0, \(revision), 0, 0, 60.00 / test
    \(titles.joined(separator: "\n"))
    \(busRecords.joined(separator: "\n"))
    0 / END OF BUS DATA, BEGIN LOAD DATA
    \(loads.joined(separator: "\n"))
    0 / END OF LOAD DATA, BEGIN FIXED SHUNT DATA
    0 / END OF FIXED SHUNT DATA, BEGIN GENERATOR DATA
    \(generatorRecords.joined(separator: "\n"))
    0 / END OF GENERATOR DATA, BEGIN BRANCH DATA
    \(branches.joined(separator: "\n"))
    0 / END OF BRANCH DATA, BEGIN TRANSFORMER DATA
    \(transformers.joined(separator: "\n"))
    0 / END OF TRANSFORMER DATA, BEGIN AREA DATA
    0 / END OF AREA DATA, BEGIN TWO-TERMINAL DC DATA
    \(dcLines.joined(separator: "\n"))
    0 / END OF TWO-TERMINAL DC DATA
    \(tail)

    """
}
