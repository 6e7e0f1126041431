import Testing

@testable import GridCore

/// PTDF identities on the bundled networks (no ../shared needed).
struct PTDFTests {
  static let networks = ["case9.m", "case5.m", "xinjiang-2024.yaml"]

  /// Branch flows are the PTDF times the net bus injections of the solved power flow
  /// (slack output and HVDC included), whatever slack the PTDF uses.
  @Test(arguments: networks)
  func flowsArePTDFTimesInjections(file: String) throws {
    let s = try bundledSensitivity(file)
    let result = try s.system.solve()
    let p = result.busInjectionMW
    for slack in [SlackDistribution.reference, .bus(s.network.buses.count - 1), .distributed(.capacity, network: s.network)] {
      let h = try s.ptdf(slack: slack)
      for l in s.network.branches.indices {
        let flow = (0..<p.count).reduce(0.0) { $0 + h[l, $1] * p[$1] }
        #expect(isClose(flow, result.branchFlowMW[l], absolute: 1e-8, relative: 1e-11), "\(file) \(slack): branch \(l + 1)")
      }
    }
  }

  /// MATPOWER's slack rules: a slack bus s gives PTDF − PTDF[:, s]; weights w give PTDF·(I − w·1ᵀ).
  @Test(arguments: networks)
  func slackChoices(file: String) throws {
    let s = try bundledSensitivity(file)
    let n = s.network.buses.count
    let h = try s.ptdf()
    let slackBus = n / 2
    let hs = try s.ptdf(slack: .bus(slackBus))
    var weights = (0..<n).map { Double(($0 * 7) % 5) }
    weights[0] = 1
    let total = weights.reduce(0, +)
    let hw = try s.ptdf(slack: .weights(weights))
    for l in s.network.branches.indices {
      let shift = (0..<n).reduce(0.0) { $0 + h[l, $1] * weights[$1] / total }
      for j in 0..<n {
        #expect(isClose(hs[l, j], h[l, j] - h[l, slackBus], absolute: 1e-12))
        #expect(isClose(hw[l, j], h[l, j] - shift, absolute: 1e-12))
      }
      // Zero by definition: the code sets the slack bus's column to 0, as MATPOWER's makePTDF does.
      #expect(hs[l, slackBus] == 0)
    }
  }

  /// Selected rows or columns equal the same entries of the whole matrix, by either approach.
  @Test(arguments: networks)
  func selectionsMatchTheWholeMatrix(file: String) throws {
    let s = try bundledSensitivity(file)
    let whole = try s.ptdf(slack: .distributed(.load, network: s.network))
    let rows = Array(stride(from: s.network.branches.count - 1, through: 0, by: -3))
    let columns = Array(stride(from: 0, to: s.network.buses.count, by: 2))
    for (rs, cs) in [(rows, columns), (Array(rows.prefix(2)), Array(s.network.buses.indices)), (Array(s.network.branches.indices), [1])] {
      let part = try s.ptdf(branches: rs, buses: cs, slack: .distributed(.load, network: s.network))
      for (r, l) in rs.enumerated() {
        for (c, j) in cs.enumerated() { #expect(isClose(part[r, c], whole[l, j], absolute: 1e-12)) }
      }
    }
  }

  /// A transfer PTDF is the source column minus the sink column; groups share by their weights.
  @Test func transferIsAColumnDifference() throws {
    let s = try bundledSensitivity("xinjiang-2024.yaml")
    let network = s.network
    let h = try s.ptdf()
    let zhundong = try NetworkSelection.busGroup("tag:base:zhundong", in: network)
    let source = try InjectionPattern(name: "zhundong", buses: zhundong.buses, rule: .generation, network: network)
    let sink = try InjectionPattern(name: "urumqi", buses: try NetworkSelection.busGroup("urumqi", in: network).buses, rule: .load, network: network)
    #expect(isClose(source.shares.reduce(0) { $0 + $1.share }, 1, absolute: 1e-15))
    let t = try s.transferPTDF(source: source, sink: sink)
    for l in network.branches.indices {
      let expected = source.shares.reduce(0) { $0 + $1.share * h[l, $1.bus] } - sink.shares.reduce(0) { $0 + $1.share * h[l, $1.bus] }
      #expect(isClose(t[l], expected, absolute: 1e-12))
    }
  }

  /// Each island keeps its own slack: an injection never moves flows in another island, and
  /// isolated buses and out-of-service branches have zero columns and rows.
  @Test func islandsAreIndependent() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, pd: 20), busRow(4, type: 3), busRow(5, pd: 30), busRow(6, type: 4)],
      gen: [genRow(1, pg: 70), genRow(4, pg: 30)],
      branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.2), branchRow(1, 3, x: 0.3), branchRow(4, 5, x: 0.1), branchRow(2, 5, x: 0.1, status: 0)])
    let s = DCSensitivity(try DCSystem(try parseCase(text)))
    let h = try s.ptdf()
    for l in 0..<3 { for j in 3..<6 { #expect(h[l, j] == 0) } }
    for j in 0..<3 { #expect(h[3, j] == 0) }
    for j in 0..<6 { #expect(h[4, j] == 0) }
    // Branch 4–5 is radial: all of an injection at bus 5 crosses it (computed, so not bit-exact).
    #expect(isClose(h[3, 4], -1, absolute: 1e-12))
    #expect(s.islandingBranches == [3])
  }

  @Test func badSlackAndTransferAreReported() throws {
    let s = try bundledSensitivity("case9.m")
    #expect(throws: SensitivityError.self) { try s.ptdf(slack: .weights([1, 2])) }
    #expect(throws: SensitivityError.self) { try s.ptdf(slack: .weights([Double](repeating: 0, count: 9))) }
    #expect(throws: SensitivityError.self) { try s.ptdf(branches: [42]) }
    #expect(throws: SensitivityError.self) { try NetworkSelection.busGroup("nowhere", in: s.network) }
    #expect(throws: SensitivityError.self) {
      try InjectionPattern(name: "loads", buses: [0], rule: .load, network: s.network)
    }
  }
}
