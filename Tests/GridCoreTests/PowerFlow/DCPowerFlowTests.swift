import Foundation
import Testing

@testable import GridCore

struct DCPowerFlowTests {
  private func solve(_ text: String) throws -> (DCSystem, DCFlowResult) {
    let system = try DCSystem(try parseCase(text))
    return (system, try system.solve())
  }

  /// Three buses in a triangle, solved by hand: with b12 = 10, b13 = 5, b23 = 10 p.u. and
  /// 100 MW injected at bus 2, 150 MW drawn at bus 3 (bus 1 the slack at 0°):
  /// [20 −10; −10 15]·[θ2 θ3] = [1 −1.5] ⇒ θ2 = 0, θ3 = −0.1 rad.
  @Test func threeBusTriangleByHand() throws {
    let (_, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, type: 2), busRow(3, pd: 150)], gen: [genRow(1, pg: 0), genRow(2, pg: 100)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(1, 3, x: 0.2), branchRow(2, 3, x: 0.1)]))
    #expect(isClose(r.angleDeg[1] ?? .nan, 0, absolute: 1e-12))
    #expect(isClose(r.angleDeg[2] ?? .nan, -0.1 * 180 / .pi, absolute: 1e-12))
    #expect(isClose(r.branchFlowMW[0], 0, absolute: 1e-9))  // 10·(0 − 0)
    #expect(isClose(r.branchFlowMW[1], 50, absolute: 1e-9))  // 5·0.1 p.u.
    #expect(isClose(r.branchFlowMW[2], 100, absolute: 1e-9))  // 10·0.1 p.u.
    #expect(isClose(r.generatorMW[0], 50, absolute: 1e-9))  // slack picks up the balance
    #expect(isClose(r.slackMW[0], 50, absolute: 1e-9))
  }

  /// The reference bus keeps its angle from the case, as in MATPOWER.
  @Test func referenceAngleComesFromTheCase() throws {
    let (_, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3, va: 30), busRow(2, pd: 100)], gen: [genRow(1, pg: 100)], branch: [branchRow(1, 2, x: 0.1)]))
    #expect(r.angleDeg[0] == 30)
    #expect(isClose(r.angleDeg[1] ?? .nan, 30 - 0.1 * 180 / .pi, absolute: 1e-12))
  }

  /// A phase shifter of φ degrees adds −b·φ to the from-end flow (MATPOWER makeBdc), and taps divide b.
  @Test func phaseShiftAndTap() throws {
    let (_, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, pd: 100)], gen: [genRow(1, pg: 100)],
        branch: [branchRow(1, 2, x: 0.1, tap: 0.5, shift: 10), branchRow(1, 2, x: 0.2)]))
    // b1 = 1/(0.1·0.5) = 20, b2 = 5. Total 100 MW = 1 p.u. = 25·θ12 − 20·φ ⇒ θ12 = (1 + 20φ)/25.
    let phi = 10 * Double.pi / 180
    let theta = (1 + 20 * phi) / 25
    #expect(isClose(r.branchFlowMW[0], (20 * theta - 20 * phi) * 100, absolute: 1e-9))
    #expect(isClose(r.branchFlowMW[1], 5 * theta * 100, absolute: 1e-9))
    #expect(isClose(r.branchFlowMW[0] + r.branchFlowMW[1], 100, absolute: 1e-9))
  }

  /// Bus shunt conductance GS is a constant load of GS MW.
  @Test func shuntConductanceIsALoad() throws {
    let (_, r) = try solve(
      caseText(bus: [busRow(1, type: 3), busRow(2, pd: 60, gs: 40)], gen: [genRow(1, pg: 0)], branch: [branchRow(1, 2, x: 0.1)]))
    #expect(isClose(r.branchFlowMW[0], 100, absolute: 1e-9))
    #expect(isClose(r.generatorMW[0], 100, absolute: 1e-9))
  }

  @Test func outOfServiceElementsReadZero() throws {
    let (_, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, pd: 100)], gen: [genRow(1, pg: 0), genRow(2, pg: 70, status: 0)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(1, 2, x: 0.1, status: 0)]))
    #expect(r.branchFlowMW[1] == 0 && r.generatorMW[1] == 0)
    #expect(isClose(r.branchFlowMW[0], 100, absolute: 1e-9))
  }

  /// Two islands, each with its own reference; a third without generation is reported, not NaN;
  /// an isolated (type 4) bus is left out.
  @Test func islandsAreSolvedSeparately() throws {
    let (system, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, pd: 10), busRow(3, type: 2), busRow(4, pd: 20), busRow(5, pd: 5), busRow(6, pd: 5),
              busRow(7, type: 4, pd: 99)],
        gen: [genRow(1, pg: 0), genRow(3, pg: 0, pmax: 50), genRow(3, pg: 0, pmax: 80)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(3, 4, x: 0.1), branchRow(5, 6, x: 0.1), branchRow(6, 7, x: 0.1)]))
    #expect(system.islands.count == 3)
    #expect(system.islands.filter(\.isSolvable).count == 2)
    #expect(system.islands[1].promotedReference)
    #expect(system.diagnostics.contains { $0.message.contains("no in-service generation") })
    #expect(isClose(r.generatorMW[0], 10, absolute: 1e-9))
    #expect(isClose(r.generatorMW[1], 20, absolute: 1e-9))  // first generator at the promoted bus takes the slack
    #expect(r.angleDeg[4] == nil && r.angleDeg[5] == nil && r.angleDeg[6] == nil)
    #expect(r.branchFlowMW[2] == 0 && r.branchFlowMW[3] == 0)
    #expect(r.branchFlowMW.allSatisfy { $0.isFinite })
  }

  @Test func noGenerationAnywhereIsAnError() throws {
    let network = try parseCase(
      caseText(bus: [busRow(1, type: 3), busRow(2, pd: 10)], gen: [genRow(1, pg: 0, status: 0)], branch: [branchRow(1, 2, x: 0.1)]))
    #expect(throws: PowerFlowError.noGeneration(network: "test.m")) { try DCSystem(network) }
  }

  /// Parallel branches with x and −x cancel: B is singular. Reported with the island's buses.
  @Test func cancellingReactancesAreASingularIsland() throws {
    let network = try parseCase(
      caseText(
        bus: [busRow(1, type: 3), busRow(2), busRow(3, pd: 10)], gen: [genRow(1, pg: 0)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.1), branchRow(2, 3, x: -0.1)]))
    do {
      _ = try DCSystem(network).solve()
      Issue.record("expected a singular island")
    } catch {
      guard case .singularIsland(let island, let buses, _) = error else { Issue.record("\(error)"); return }
      #expect(island == 0 && buses == [1, 2, 3].map { BusID($0) })
      #expect(error.description.contains("buses 1, 2, 3"))
    }
  }

  /// A series capacitor makes B indefinite: the pivoting factorization must give the same answer as the physics.
  @Test func negativeReactanceUsesTheIndefiniteFactorization() throws {
    let (system, r) = try solve(
      caseText(
        bus: [busRow(1, type: 3), busRow(2), busRow(3, pd: 100)], gen: [genRow(1, pg: 0)],
        branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: -0.05), branchRow(1, 3, x: 0.3)]))
    #expect(system.islands[0].factorizationMethod == .denseIndefinite)
    // Path 1–2–3 has x = 0.05, path 1–3 has x = 0.3: flows split 6:1.
    #expect(isClose(r.branchFlowMW[0], 600.0 / 7, absolute: 1e-9))
    #expect(isClose(r.branchFlowMW[2], 100.0 / 7, absolute: 1e-9))
  }

  /// Power balance at every bus: injection = sum of flows leaving it (phase shifts included).
  @Test(arguments: ["case9.m", "case5.m"])
  func powerBalanceAtEveryBus(file: String) throws {
    let network = try MatpowerReader.read(contentsOf: TestPaths.network(file)).network
    let r = try DCSystem(network).solve()
    try expectBalance(network, r, tolerance: 1e-9)
  }
}

/// Σ flows leaving each bus = its net injection, and Σ injections = 0 (lossless AC network).
func expectBalance(_ network: Network, _ r: DCFlowResult, tolerance: Double) throws {
  var out = [Double](repeating: 0, count: network.buses.count)
  let position = Dictionary(uniqueKeysWithValues: network.buses.enumerated().map { ($1.id, $0) })
  for (k, br) in network.branches.enumerated() {
    guard let f = position[br.from], let t = position[br.to] else { continue }
    out[f] += r.branchFlowMW[k]
    out[t] -= r.branchFlowMW[k]
  }
  let worst = maxAbsDifference(out, r.busInjectionMW)
  #expect(worst <= tolerance * max(1, r.busInjectionMW.map(abs).max() ?? 1), "\(network.name): balance error \(worst) MW")
}
