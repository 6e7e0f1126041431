import Foundation
import Testing

@testable import GridCore

/// The DC OPF on small cases solved by hand, and the KKT identities every optimum satisfies.
struct DCOPFProblemTests {
  /// Triangle of equal reactances, 150 MW at bus 3, a 10 $/MWh unit at bus 1 and a 30 $/MWh unit
  /// at bus 2, line 1–3 rated 60 MW. Its flow is (2·P1 + P2)/3, so P1 + P2 = 150 and
  /// 2·P1 + P2 = 180 give P1 = 30, P2 = 120 and a cost of 3,900 $/h. One more MW at bus 3 takes
  /// ΔP1 = −1, ΔP2 = 2 (50 $/MWh); one more MW of rating saves 60 $/h (μ_Sf = 60).
  static let congestedTriangle = caseText(
    bus: [busRow(1, type: 3), busRow(2, type: 2), busRow(3, pd: 150)], gen: [genRow(1, pg: 0), genRow(2, pg: 0)],
    branch: [branchRow(1, 2, x: 0.1), branchRow(1, 3, x: 0.1, rate: 60), branchRow(2, 3, x: 0.1)],
    extra: gencost([linearCost(10), linearCost(30)]))

  @Test func congestedTriangleByHand() throws {
    let (_, r) = try solveOPF(Self.congestedTriangle)
    #expect(isClose(r.objectivePerHour, 3900, absolute: 1e-6))
    #expect(isClose(r.flow.generatorMW[0], 30, absolute: 1e-7))
    #expect(isClose(r.flow.generatorMW[1], 120, absolute: 1e-7))
    #expect(isClose(r.flow.branchFlowMW[1], 60, absolute: 1e-7))
    let lmp = r.lmpPerMWh.map { $0 ?? .nan }
    #expect(isClose(lmp[0], 10, absolute: 1e-7) && isClose(lmp[1], 30, absolute: 1e-7) && isClose(lmp[2], 50, absolute: 1e-7))
    #expect(isClose(r.muFromPerMWh[1], 60, absolute: 1e-7) && r.muToPerMWh[1] == 0)
    #expect(r.muFromPerMWh[0] == 0 && r.muFromPerMWh[2] == 0)
    #expect(r.binding.map(\.kind) == [.branchFlowFrom])
    #expect(r.binding.first?.element == 1)
    #expect(r.solver.problemClass == "LP")
  }

  /// LMPs are the reference price minus the congestion component: λᵢ = λ_ref − Σ_l PTDF(l, i)·(μ_Sf − μ_St).
  @Test func lmpsDecomposeIntoEnergyAndCongestion() throws {
    let (problem, r) = try solveOPF(Self.congestedTriangle)
    let ptdf = try DCSensitivity(problem.system).ptdf()  // slack: bus 1, the reference
    for i in 0..<3 {
      var congestion = 0.0
      for l in 0..<3 { congestion += ptdf[l, i] * (r.muFromPerMWh[l] - r.muToPerMWh[l]) }
      #expect(isClose(r.lmpPerMWh[i] ?? .nan, (r.lmpPerMWh[0] ?? .nan) - congestion, absolute: 1e-6), "bus \(i + 1)")
    }
  }

  /// Quadratic costs, a phase shifter, a shunt (GS), an out-of-service generator and branch:
  /// power balance at every bus, LMP = marginal cost of every unit between its limits,
  /// complementary slackness of flow and generator limits.
  @Test func kktIdentities() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, type: 2, pd: 40), busRow(3, pd: 90, gs: 5), busRow(4, pd: 120)],
      gen: [genRow(1, pmin: 10, pmax: 150), genRow(2, pmin: 0, pmax: 80), genRow(4, pmin: 0, pmax: 100), genRow(4, pmin: 0, pmax: 500, status: 0)],
      branch: [
        branchRow(1, 2, x: 0.1), branchRow(1, 3, x: 0.2, rate: 70), branchRow(2, 3, x: 0.1, shift: -3),
        branchRow(3, 4, x: 0.05, rate: 60), branchRow(2, 4, x: 0.2), branchRow(1, 4, x: 0.1, status: 0),
      ],
      extra: gencost(["2 0 0 3 0.02 12 100", "2 0 0 3 0.05 15 0", "2 0 0 3 0.01 35 0", "2 0 0 3 0 1 0"]))
    let (problem, r) = try solveOPF(text)
    let network = problem.system.network
    #expect(r.solver.problemClass == "QP")
    #expect(r.flow.generatorMW[3] == 0 && r.flow.branchFlowMW[5] == 0)

    // Balance: generation − demand − GS = flows leaving, at every bus.
    for (p, bus) in network.buses.enumerated() {
      var leaving = 0.0
      for (k, b) in network.branches.enumerated() {
        if b.from == bus.id { leaving += r.flow.branchFlowMW[k] }
        if b.to == bus.id { leaving -= r.flow.branchFlowMW[k] }
      }
      let generation = network.generators.indices.filter { network.generators[$0].bus == bus.id }.reduce(0) { $0 + r.flow.generatorMW[$1] }
      #expect(isClose(generation - bus.loadMW - bus.shuntMW, leaving, absolute: 1e-6), "bus \(bus.id)")
      #expect(isClose(r.flow.busInjectionMW[p], leaving, absolute: 1e-6))
    }
    // Stationarity: 2a·P + b − λ = μ_PMIN − μ_PMAX, and μ > 0 only at the limit.
    for (k, g) in network.generators.enumerated() where g.inService {
      guard let (a, b, _) = problem.generatorCosts[k].quadraticLinearConstant, let i = network.buses.firstIndex(where: { $0.id == g.bus }) else { continue }
      let p = r.flow.generatorMW[k]
      let lmp = try #require(r.lmpPerMWh[i])
      #expect(isClose(2 * a * p + b - lmp, r.muPMinPerMWh[k] - r.muPMaxPerMWh[k], absolute: 1e-6), "generator \(k + 1)")
      if r.muPMaxPerMWh[k] > 1e-6 { #expect(isClose(p, g.maxMW, absolute: 1e-6)) }
      if r.muPMinPerMWh[k] > 1e-6 { #expect(isClose(p, g.minMW, absolute: 1e-6)) }
      if p > g.minMW + 1e-4 && p < g.maxMW - 1e-4 { #expect(isClose(lmp, 2 * a * p + b, absolute: 1e-6)) }
    }
    // Complementary slackness of the flow limits.
    var anyBinding = false
    for (k, b) in network.branches.enumerated() where b.ratingMW > 0 {
      let f = r.flow.branchFlowMW[k]
      #expect(abs(f) <= b.ratingMW + 1e-6)
      if r.muFromPerMWh[k] > 1e-6 { #expect(isClose(f, b.ratingMW, absolute: 1e-6)); anyBinding = true }
      if r.muToPerMWh[k] > 1e-6 { #expect(isClose(f, -b.ratingMW, absolute: 1e-6)); anyBinding = true }
      if abs(f) < b.ratingMW - 1e-4 { #expect(r.muFromPerMWh[k] == 0 && r.muToPerMWh[k] == 0) }
    }
    #expect(anyBinding, "the case is meant to congest")
    // The objective is the cost of the dispatch, constant terms included.
    #expect(isClose(r.objectivePerHour, r.generatorCostPerHour.reduce(0, +), absolute: 1e-6))
    // The flows are those of a power flow at the OPF's dispatch.
    var point = OperatingPoint(base: network)
    point.generatorMW = r.flow.generatorMW
    point.generatorMW[0] = network.generators[0].outputMW  // the slack takes up the rest
    let pf = try problem.system.solve(point)
    #expect(maxAbsDifference(pf.branchFlowMW, r.flow.branchFlowMW) < 1e-6)
  }

  /// ANGMIN/ANGMAX other than ±360 (and non-zero) limit θf − θt: at 1°, 100·10·π/180 MW.
  @Test func angleDifferenceLimit() throws {
    let limited = "1 2 0 0.1 0 0 0 0 0 0 1 -1 1"
    let (_, r) = try solveOPF(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, type: 2, pd: 100)], gen: [genRow(1, pg: 0), genRow(2, pg: 0)], branch: [limited],
        extra: gencost([linearCost(10), linearCost(30)])))
    let flowLimit = 100 * 10 * Double.pi / 180
    #expect(isClose(r.flow.branchFlowMW[0], flowLimit, absolute: 1e-7))
    #expect(isClose(r.flow.generatorMW[1], 100 - flowLimit, absolute: 1e-7))
    let binding = try #require(r.binding.first)
    #expect(binding.kind == .angleDifferenceMax && binding.limit == 1 && isClose(binding.value, 1, absolute: 1e-9))
    // Relaxing the limit by 1° moves 17.45 MW from the 30 to the 10 $/MWh unit.
    #expect(isClose(binding.shadowPrice, 20 * flowLimit, absolute: 1e-6))
  }

  /// ANGMIN = ANGMAX = 0 means no limit (MATPOWER makeAang), as do ±360.
  @Test func zeroAngleLimitsMeanUnlimited() throws {
    let unlimited = "1 2 0 0.1 0 0 0 0 0 0 1 0 0"
    let (_, r) = try solveOPF(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, type: 2, pd: 100)], gen: [genRow(1, pg: 0), genRow(2, pg: 0)], branch: [unlimited],
        extra: gencost([linearCost(10), linearCost(30)])))
    #expect(isClose(r.flow.generatorMW[0], 100, absolute: 1e-7))
    #expect(r.binding.map(\.kind) == [.generatorPMin])  // the 30 $/MWh unit at 0 MW
  }
}
