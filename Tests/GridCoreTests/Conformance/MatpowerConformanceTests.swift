import Foundation
import Testing

@testable import GridCore

/// Every case in ../shared/cases against MATPOWER's own `rundcpf` results.
/// Bar: angles within 1e-6 degrees, flows and generator outputs within 1e-6 MW
/// (or 1e-9 relative above 1,000 MW). Skipped when ../shared is absent.
@Suite(.enabled(if: TestPaths.haveSharedCases, "../shared/cases not present"))
struct MatpowerConformanceTests {
  static let cases = [
    "case9", "case14", "case30", "case118", "case300", "case2383wp", "case_ACTIVSg2000", "case9241pegase", "t_case9_dcline",
  ]

  @Test(arguments: cases)
  func matchesRundcpf(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).dcpf.json"))
    let path = try #require(TestPaths.shared("\(name).m"))
    let network = try MatpowerReader.read(contentsOf: path).network
    let result = try DCSystem(network).solve()
    try compare(result, network, reference, name: name)
    try expectBalance(network, result, tolerance: 1e-9)
  }

  /// Both backends pass the same conformance, whichever the automatic choice picks.
  @Test(arguments: cases)
  func sparseBackendMatches(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).dcpf.json"))
    let network = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared("\(name).m"))).network
    let system = try DCSystem(network, backend: .sparse)
    let expected: FactorizationMethod = ["case300", "case9241pegase"].contains(name) ? .sparseLU : .sparseCholesky
    #expect(system.islands[0].factorizationMethod == expected)
    try compare(try system.solve(), network, reference, name: name)
  }

  @Test(arguments: ["case9", "case118", "case300", "case2383wp", "case_ACTIVSg2000", "t_case9_dcline"])
  func denseBackendMatches(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).dcpf.json"))
    let network = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared("\(name).m"))).network
    let system = try DCSystem(network, backend: .dense)
    let expected: FactorizationMethod = name == "case300" ? .denseIndefinite : .denseCholesky
    #expect(system.islands[0].factorizationMethod == expected)
    try compare(try system.solve(), network, reference, name: name)
  }

  func compare(_ r: DCFlowResult, _ network: Network, _ reference: [String: Any], name: String) throws {
    let va = try #require(reference["va_deg"] as? [Double])
    let pf = try #require(reference["pf_mw"] as? [Double])
    let pg = try #require(reference["pg_mw"] as? [Double])
    #expect(va.count == network.buses.count && pf.count == network.branches.count && pg.count == network.generators.count)
    for (i, expected) in va.enumerated() {
      let got = try #require(r.angleDeg[i], "\(name): bus row \(i + 1) unsolved")
      #expect(abs(got - expected) <= 1e-6, "\(name): angle of bus row \(i + 1): \(got) vs \(expected)")
    }
    func within(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(1e-6, 1e-9 * abs(b)) }
    for (k, expected) in pf.enumerated() {
      #expect(within(r.branchFlowMW[k], expected), "\(name): flow of branch \(k + 1): \(r.branchFlowMW[k]) vs \(expected)")
    }
    for (g, expected) in pg.enumerated() {
      #expect(within(r.generatorMW[g], expected), "\(name): output of generator \(g + 1): \(r.generatorMW[g]) vs \(expected)")
    }
    if let send = reference["dcline_pf_mw"] as? [Double], let receive = reference["dcline_pt_mw"] as? [Double] {
      for k in send.indices {
        #expect(within(r.hvdc[k].fromMW, send[k]) && within(r.hvdc[k].toMW, receive[k]), "\(name): dcline \(k + 1)")
      }
    }
  }
}
