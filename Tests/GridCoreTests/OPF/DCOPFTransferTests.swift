import Foundation
import Testing

@testable import GridCore

/// `DCOPFProblem.maximizeTransfer`: the largest export of a corridor or HVDC link with
/// redispatch, N-0 and N-1 (checked by the N-1 screen at the dispatch), the HVDC loss model's
/// stated error, the duals against a re-solve with a limit moved, and the tie-breaks.
struct DCOPFTransferTests {
  static func xinjiang() throws -> Network { try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml")).network }

  /// The dispatch of a maximum as an operating point of the network: outputs, and the target
  /// links at their sending power.
  static func point(_ t: DCOPFTransferResult, network: Network) -> OperatingPoint {
    var point = OperatingPoint(base: network)
    point.generatorMW = t.result.flow.generatorMW
    for k in t.target.hvdcLinks { point.hvdcSetpointMW[k] = t.result.flow.hvdc[k].fromMW }
    return point
  }

  /// Every generator within its limits, and the island balanced.
  static func checkDispatch(_ t: DCOPFTransferResult, network: Network) {
    var generation = 0.0
    for (g, gen) in network.generators.enumerated() where gen.inService {
      let p = t.result.flow.generatorMW[g]
      #expect(p <= gen.maxMW + 1e-6 && p >= gen.minMW - 1e-6, "generator \(gen.name): \(p)")
      generation += p
    }
    let injected = t.result.flow.busInjectionMW.reduce(0, +)
    #expect(abs(injected) < 1e-5, "net injection \(injected)")
    #expect(generation > 0)
  }

  /// "How much can Xinjiang export over Jiquan, N-1 secure": the link's 12,000 MW rating, with
  /// a dispatch that the N-1 screen (branch outages, islanding, HVDC pole and link trips)
  /// finds secure, and the delivered power within the stated error of the loss model.
  @Test func jiquanN1SecureUpToItsRating() throws {
    let network = try Self.xinjiang()
    let system = try DCSystem(network)
    let (problem, tieBreak) = try DCOPFProblem.transferProblem(system: system)
    #expect(tieBreak == .leastRedispatch)  // the native file has no costs
    let target = try TransferTarget.corridor("jiquan", in: network)
    let t = try problem.maximizeTransfer(target, options: TransferMaximization(contingencies: ContingencyOptions(), tieBreak: tieBreak))
    #expect(isClose(t.sentMW, 12000, absolute: 1e-3) && t.scheduledMW == 11000)
    #expect(t.limits.first?.kind == .hvdcRating)
    #expect(t.securityConstraints > 0 && t.securityRounds > 0)
    Self.checkDispatch(t, network: network)
    // The N-1 screen of `gridtool contingency` at this dispatch: nothing above 100 %.
    let screen = try ContingencyAnalysis(DCSensitivity(system)).run(at: Self.point(t, network: network))
    #expect((screen.summary.worstLoadingPct ?? 0) <= 100 + 1e-4, "worst \(screen.summary.worstLoadingPct ?? .nan) %")
    // At the file's own dispatch the same screen finds violations: the redispatch did the work.
    let before = try ContingencyAnalysis(DCSensitivity(system)).run()
    #expect((before.summary.worstLoadingPct ?? 0) > 100)
    // The loss model: the LP's delivered power within the stated error of the link's own model.
    let k = try #require(network.hvdcLinks.firstIndex { $0.name == "jiquan" })
    let exact = network.hvdcLinks[k].transfer(at: t.sentMW).toMW
    #expect(isClose(t.deliveredExactMW, exact, absolute: 1e-6))
    #expect(abs(t.deliveredMW - exact) <= t.lossModelMaxErrorMW + 1e-6 && t.lossModelMaxErrorMW > 0 && t.lossModelMaxErrorMW < 1)
  }

  /// The chords of a quadratic line loss k·P² miss it by k·h²/4 at most: 4 × less error with
  /// twice the segments, and the model is exact at the points.
  @Test func lossModelErrorShrinksWithSegments() throws {
    let network = try Self.xinjiang()
    let link = try #require(network.hvdcLinks.first { $0.name == "jiquan" })
    let coarse = HVDCLossLinearization(link, maxMW: 12000, segments: 16)
    let fine = HVDCLossLinearization(link, maxMW: 12000, segments: 32)
    #expect(coarse.segments == 16 && fine.segments == 32)
    #expect(isClose(coarse.maxErrorMW / fine.maxErrorMW, 4, absolute: 0.1), "\(coarse.maxErrorMW) / \(fine.maxErrorMW)")
    for x in stride(from: 0.0, through: 12000, by: 750) {
      #expect(isClose(coarse.deliveredMW(at: x), link.transfer(at: x).toMW, absolute: 1e-6))
    }
    // Between the points the chords lie below the concave curve: the LP delivers less, never more.
    #expect(coarse.deliveredMW(at: 375) <= link.transfer(at: 375).toMW)
    // A MATPOWER dcline is linear and exact.
    var dcline = link
    dcline.losses = .matpower(fixedMW: 1, fraction: 0.01)
    let linear = HVDCLossLinearization(dcline, maxMW: 100, segments: 16)
    #expect(linear.segments == 1 && linear.maxErrorMW == 0 && isClose(linear.deliveredMW(at: 50), 48.5, absolute: 1e-12))
  }

  /// An AC corridor without its own rating: N-1 limits it below the line rating, and the dual
  /// of the binding post-contingency limit predicts what 10 MW more of that rating gives.
  @Test func acCorridorLimitedByPostContingencyFlowAndItsDual() throws {
    let network = try Self.xinjiang()
    var target = try TransferTarget.corridor("hami-dunhuang", in: network)
    #expect(target.isAC && target.receivingBuses.count == 1)
    target.ratingMW = 0
    let options = TransferMaximization(contingencies: ContingencyOptions(), tieBreak: .leastRedispatch, corridorLimits: false)
    let system = try DCSystem(network)
    let problem = try DCOPFProblem.transferProblem(system: system).problem
    let n0 = try problem.maximizeTransfer(target, options: TransferMaximization(tieBreak: .leastRedispatch, corridorLimits: false))
    let n1 = try problem.maximizeTransfer(target, options: options)
    #expect(n1.sentMW < n0.sentMW - 100)
    let rated = network.branches.first { $0.name == "hami-dunhuang" }?.ratingMW ?? 0
    #expect(isClose(n0.sentMW, rated, absolute: 1e-4))
    let limit = try #require(n1.limits.first)
    #expect(limit.kind == .postContingency && limit.sensitivity > 0)
    // The corridor flow at the dispatch is what the result says.
    let flow = zip(target.branches, target.signs).reduce(0) { $0 + $1.1 * n1.result.flow.branchFlowMW[$1.0] }
    #expect(isClose(flow, n1.sentMW, absolute: 1e-4))
    Self.checkDispatch(n1, network: network)
    // KKT: the maximum is concave in a branch's rating and the duals of that branch's limits
    // (their sum) are a supergradient: 10 MW more rating gains at most 10 × the dual, 10 MW
    // less loses at least as much.
    let dual = n1.limits.filter { $0.element == limit.element && $0.kind != .generatorMax && $0.kind != .generatorMin }
      .reduce(0) { $0 + $1.sensitivity }
    func maximum(ratingChange: Double) throws -> Double {
      var changed = network
      changed.branches[limit.element].ratingMW += ratingChange
      return try DCOPFProblem.transferProblem(system: try DCSystem(changed)).problem.maximizeTransfer(target, options: options).sentMW
    }
    let up = try maximum(ratingChange: 10) - n1.sentMW, down = try n1.sentMW - maximum(ratingChange: -10)
    #expect(up >= -1e-6 && up <= 10 * dual + 1e-4, "gain \(up) for a dual \(dual)")
    #expect(down >= 10 * dual - 1e-4, "loss \(down) for a dual \(dual)")
  }

  /// Least redispatch without network limits in the way: the extra 1,000 MW are shared pro rata
  /// to each unit's range (PMAX − PMIN), the QP's unique optimum.
  @Test func leastRedispatchSharesProRataToRange() throws {
    let network = try Self.xinjiang()
    let problem = try DCOPFProblem.transferProblem(system: try DCSystem(network)).problem
    let t = try problem.maximizeTransfer(try .hvdc("jiquan", in: network), options: TransferMaximization(tieBreak: .leastRedispatch))
    #expect(isClose(t.sentMW, 12000, absolute: 1e-3))
    var ratios: [Double] = []
    var total = 0.0
    for (g, gen) in network.generators.enumerated() where gen.inService && gen.maxMW > gen.minMW {
      let change = t.result.flow.generatorMW[g] - gen.outputMW
      total += change
      ratios.append(change / (gen.maxMW - gen.minMW))
    }
    #expect(isClose(total, 1000, absolute: 1e-3))
    let spread = (ratios.max() ?? 0) - (ratios.min() ?? 0)
    #expect(spread < 1e-6, "shares per MW of range differ by \(spread)")
    #expect(isClose(t.redispatchMW, 1000, absolute: 1e-3))
  }

  /// A MATPOWER case with DC lines and costs: the dcline's PF at its limit, its exact linear
  /// loss, and the least cost among the dispatches that reach it.
  @Test(.enabled(if: TestPaths.shared("t_case9_dcline.m") != nil, "../shared/cases/t_case9_dcline.m is absent"))
  func matpowerDCLineWithCosts() throws {
    let path = try #require(TestPaths.shared("t_case9_dcline.m"))
    // As MATPOWER's t_dcline does (and DCOPFConformanceTests): the file alone is infeasible.
    var network = try NetworkFile.read(path).network
    network.generators[0].minMW = 10
    network.branches[4].ratingMW = 100
    let system = try DCSystem(network)
    let (problem, tieBreak) = try DCOPFProblem.transferProblem(system: system)
    #expect(tieBreak == .cost)
    let k = try #require(network.hvdcLinks.indices.first { network.hvdcLinks[$0].inService })
    let t = try problem.maximizeTransfer(try .hvdc("\(k + 1)", in: network))
    guard case .matpower(let loss0, let loss1) = network.hvdcLinks[k].losses else { Issue.record("not a dcline"); return }
    let pf = t.result.flow.hvdc[k].fromMW, pt = t.result.flow.hvdc[k].toMW
    #expect(isClose(pt, pf - loss0 - loss1 * pf, absolute: 1e-6) && t.lossModelMaxErrorMW == 0)
    #expect(isClose(t.deliveredMW, pt, absolute: 1e-6))
    // The cost of the dispatch is no more than the plain OPF's with the line forced to that PF.
    let plain = try problem.solve()
    #expect(t.result.objectivePerHour >= plain.objectivePerHour - 1e-6)
  }

  @Test func unknownTargetsAreNamed() throws {
    let network = try Self.xinjiang()
    #expect(throws: DCOPFError.self) { try TransferTarget.corridor("nowhere", in: network) }
    do {
      _ = try TransferTarget.parse("hvdc:nowhere", in: network)
    } catch {
      #expect(error.description.contains("links: tianzhong, jiquan"), "\(error)")
    }
  }
}
