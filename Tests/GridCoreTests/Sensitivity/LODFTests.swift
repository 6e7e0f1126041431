import Testing

@testable import GridCore

/// LODF and outage identities on the bundled networks: post-outage flows by LODF equal a
/// fresh DC power flow of the network without the branch.
struct LODFTests {
  static let networks = ["case9.m", "case5.m", "xinjiang-2024.yaml"]

  /// Cross-formulation (MATPOWER `makeLODF`): off the diagonal, the factor of a non-islanding
  /// outage k on branch l is `(H[l,f_k] − H[l,t_k]) / (1 − (H[k,f_k] − H[k,t_k]))` with H the
  /// PTDF; every factor is finite, and the streamed row blocks give the same values.
  @Test(arguments: networks)
  func factorsFollowFromThePTDFAndStreamedRowsAgree(file: String) throws {
    let s = try bundledSensitivity(file)
    let network = s.network
    let lodf = try s.lodf()
    let h = try s.ptdf()
    let position = Dictionary(uniqueKeysWithValues: network.buses.enumerated().map { ($1.id, $0) })
    var checked = 0
    for k in network.branches.indices where lodf.columns[k] == .factors {
      let f = try #require(position[network.branches[k].from]), t = try #require(position[network.branches[k].to])
      let own = h[k, f] - h[k, t]
      for l in network.branches.indices where l != k {
        let expected = (h[l, f] - h[l, t]) / (1 - own)
        let got = try #require(lodf.factor(l, k))
        #expect(isClose(got, expected, absolute: 1e-9, relative: 1e-9), "\(file): LODF[\(l + 1), \(k + 1)]")
        checked += 1
      }
    }
    #expect(checked > 0)
    #expect(lodf.values.values.allSatisfy { $0.isFinite })
    var rowsSeen = 0
    try s.forEachLODFRowBlock { block, first in
      for r in 0..<block.monitored.count {
        for c in 0..<block.outaged.count {
          let whole = lodf.factor(first + r, c)
          if let value = block.factor(r, c), let whole {
            #expect(isClose(value, whole, absolute: 1e-12, relative: 1e-12), "\(file): row \(first + r + 1), outage \(c + 1)")
          } else {
            #expect(block.factor(r, c) == nil && whole == nil, "\(file): row \(first + r + 1), outage \(c + 1)")
          }
        }
        rowsSeen += 1
      }
    }
    #expect(rowsSeen == network.branches.count)
  }

  /// Random outages at random operating points: base + LODF·base = a fresh solve.
  @Test(arguments: networks)
  func postOutageFlowsEqualAFreshSolve(file: String) throws {
    let s = try bundledSensitivity(file)
    let network = s.network
    var rng = SplitMix(seed: 5)
    let lodf = try s.lodf()
    for trial in 0..<8 {
      var point = OperatingPoint(base: network)
      if trial > 0 {
        point.generatorMW = point.generatorMW.map { $0 * (0.7 + 0.6 * rng.uniform()) }
        point.busDemandMW = point.busDemandMW.map { $0 * (0.7 + 0.6 * rng.uniform()) }
        point.loadMW = point.loadMW.map { $0 * (0.7 + 0.6 * rng.uniform()) }
      }
      let base = try s.system.solve(point).branchFlowMW
      let candidates = network.branches.indices.filter { lodf.columns[$0] == .factors }
      let k = candidates[Int(rng.next() % UInt64(candidates.count))]
      let fresh = try freshFlows(network, without: [k], point: point)
      for l in network.branches.indices {
        let post = l == k ? 0 : base[l] + (lodf.factor(l, k) ?? .nan) * base[k]
        #expect(isClose(post, fresh[l], absolute: 1e-7, relative: 1e-10), "\(file): outage \(k + 1), branch \(l + 1)")
      }
    }
  }

  /// Outages that split an island: the cut-off part is lost and the rest equals a fresh solve
  /// with those buses isolated (its reference promoted when the reference was cut off).
  @Test(arguments: networks)
  func islandingOutagesEqualAFreshSolveOfTheSurvivingPart(file: String) throws {
    let s = try bundledSensitivity(file)
    let result = try ContingencyAnalysis(s, options: ContingencyOptions(includeHVDC: false)).run(keepFlows: true)
    let islanding = result.outcomes.filter { $0.status == .islanding }
    #expect(islanding.map { $0.contingency.branch ?? -1 } == s.islandingBranches)
    for outcome in islanding {
      let impact = try #require(outcome.islanding)
      let k = try #require(outcome.contingency.branch)
      let fresh = try freshFlows(s.network, without: [k], isolating: impact.busesCutOff)
      let flows = try #require(outcome.flowsMW)
      #expect(maxAbsDifference(flows, fresh) <= 1e-7, "\(file): islanding outage of branch \(k + 1)")
      #expect(impact.loadLostMW >= 0 && impact.generationLostMW >= 0)
    }
  }

  /// Bundled case9 (Anderson–Fouad numbering): the transformer 1–4 feeds the reference bus 1
  /// radially; tripping it cuts bus 1 off and bus 2 (largest capacity left) takes the balance.
  @Test func cuttingOffTheReferencePromotesANewOne() throws {
    let s = try bundledSensitivity("case9.m")
    let result = try ContingencyAnalysis(s).run()
    let outcome = result.outcomes[0]
    #expect(outcome.status == .islanding)
    let impact = try #require(outcome.islanding)
    #expect(impact.busesCutOff == [BusID(1)])
    #expect(impact.newReference == BusID(2))
    #expect(impact.loadLostMW == 0)
    let slack = try s.system.solve().generatorMW[0]
    #expect(isClose(impact.generationLostMW, slack, absolute: 1e-9))
    #expect(isClose(impact.slackChangeMW, slack, absolute: 1e-9))
  }

  /// An island with two REF buses (MATPOWER allows it; both angles are fixed): a bridge with a
  /// reference on each side. The cut-off side is lost, the rest equals a fresh solve.
  @Test func bridgeBetweenTwoReferences() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 80), busRow(3, type: 3, va: 2), busRow(4, pd: 40), busRow(5, pd: 10)],
      gen: [genRow(1, pg: 30), genRow(3, pg: 100)],
      branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.2), branchRow(2, 4, x: 0.1), branchRow(3, 4, x: 0.3), branchRow(4, 5, x: 0.1)])
    let network = try parseCase(text)
    let s = DCSensitivity(try DCSystem(network))
    #expect(s.islandingBranches == [0, 4])
    let result = try ContingencyAnalysis(s).run(keepFlows: true)
    for outcome in result.outcomes where outcome.status == .islanding {
      let impact = try #require(outcome.islanding)
      let k = try #require(outcome.contingency.branch)
      let fresh = try freshFlows(network, without: [k], isolating: impact.busesCutOff)
      #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh) <= 1e-9, "outage of branch \(k + 1)")
    }
    #expect(result.outcomes[0].islanding?.busesCutOff == [BusID(1)])
  }

  /// One circuit of a double-circuit line: the same as a fresh solve with that branch's
  /// reactance doubled; its own rating halves.
  @Test func circuitOutageEqualsHalvingTheBranch() throws {
    let s = try bundledSensitivity("xinjiang-2024.yaml")
    let network = s.network
    let double = network.branches.indices.filter { (network.branches[$0].lineInfo?.circuits ?? 1) == 2 }
    #expect(double.count > 10)
    let options = ContingencyOptions(contingencies: double.map { .circuit($0) }, includeHVDC: false)
    let result = try ContingencyAnalysis(s, options: options).run(keepFlows: true)
    for outcome in result.outcomes {
      let k = try #require(outcome.contingency.branch)
      #expect(outcome.status == .solved)
      var changed = network
      changed.branches[k].reactancePU *= 2
      let fresh = try DCSystem(changed).solve().branchFlowMW
      #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh) <= 1e-7, "circuit of branch \(k + 1)")
      if let v = outcome.violations.first(where: { $0.branch == k }) { #expect(v.ratingMW == network.branches[k].ratingMW / 2) }
    }
  }

  /// A branch that is not a bridge but whose outage leaves B singular (a series capacitor
  /// cancelling the parallel reactor): reported, never divided by |1 − h| ≈ 0.
  @Test func singularOutageIsReported() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, pd: 10)], gen: [genRow(1, pg: 60)],
      branch: [branchRow(1, 2, x: 0.1, rate: 100), branchRow(1, 2, x: 0.2), branchRow(1, 2, x: -0.2), branchRow(2, 3, x: 0.1, rate: 100)])
    let s = DCSensitivity(try DCSystem(try parseCase(text)))
    let lodf = try s.lodf()
    #expect(lodf.columns == [.singular, .factors, .factors, .islanding])
    #expect(lodf.factor(1, 0) == nil && lodf.factor(0, 0) == -1)
    #expect(lodf.values.values.allSatisfy { $0.isFinite })
    let result = try ContingencyAnalysis(s).run()
    #expect(result.outcomes[0].status == .singular)
    #expect(result.summary.singular == 1)
  }
}
