import Testing

@testable import GridCore

struct DCBatchTests {
  /// Many snapshots solved in one block equal the same snapshots solved one at a time.
  @Test(arguments: ["case9.m", "case5.m", "xinjiang-2024.yaml"])
  func batchEqualsSingleSolves(file: String) throws {
    let network = try NetworkFile.read(TestPaths.network(file)).network
    let system = try DCSystem(network)
    var rng = SplitMix(seed: 11)
    var points: [OperatingPoint] = []
    for _ in 0..<7 {
      var p = OperatingPoint(base: network)
      p.generatorMW = p.generatorMW.map { $0 * (0.5 + rng.uniform()) }
      p.busDemandMW = p.busDemandMW.map { $0 * (0.7 + 0.6 * rng.uniform()) }
      p.loadMW = p.loadMW.map { $0 * (0.7 + 0.6 * rng.uniform()) }
      p.hvdcSetpointMW = p.hvdcSetpointMW.map { $0 * rng.uniform() }
      points.append(p)
    }
    let k = points.count, n = system.internalBusCount, m = network.branches.count
    let injections = points.flatMap { system.internalInjectionsMW($0) }
    let theta = try system.solveAngles(injectionsMW: injections, columns: k)
    let flows = system.branchFlowsMW(angles: theta, columns: k)
    let slack = system.slackMW(angles: theta, injectionsMW: injections, columns: k)
    #expect(theta.count == n * k && flows.count == m * k)
    for (c, point) in points.enumerated() {
      let single = try system.solve(point)
      let column = Array(flows[(c * m)..<((c + 1) * m)])
      #expect(maxAbsDifference(column, single.branchFlowMW) < 1e-9)
      #expect(isClose(slack[c * system.islands.count], single.slackMW[0], absolute: 1e-9))
    }
  }
}
