import Testing

@testable import GridCore

/// Problems without an optimum end in an error that names what cannot be met, never a result.
struct DCOPFInfeasibleTests {
  /// Two islands: the second (buses 3, 4) has 300 MW of demand and 100 MW of capacity.
  @Test func islandWithoutEnoughCapacityIsNamedBeforeSolving() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, type: 3), busRow(4, pd: 300)],
      gen: [genRow(1, pg: 0), genRow(3, pg: 0, pmax: 100)], branch: [branchRow(1, 2, x: 0.1), branchRow(3, 4, x: 0.1)],
      extra: gencost([linearCost(10), linearCost(20)]))
    let error = try #require(try opfError(text))
    guard case .islandImbalance(let islands) = error else {
      Issue.record("expected islandImbalance, got \(error)")
      return
    }
    #expect(islands.map(\.islands) == [[2]])
    #expect(error.description == "infeasible: island 2 (2 buses: 3, 4) has 300 MW of demand but only 100 MW of generation capacity (sum of PMAX)")
  }

  @Test func islandWithLoadAndNoGeneration() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, pd: 20)], gen: [genRow(1, pg: 0)], branch: [branchRow(1, 2, x: 0.1)],
      extra: gencost([linearCost(10)]))
    #expect(try opfError(text)?.description == "infeasible: island 2 (1 bus: 3) has 20 MW of demand and no in-service generation")
  }

  @Test func minimumGenerationAboveDemand() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50)], gen: [genRow(1, pmin: 80, pmax: 200)], branch: [branchRow(1, 2, x: 0.1)],
      extra: gencost([linearCost(10)]))
    #expect(try opfError(text)?.description.contains("must produce at least 80 MW (sum of PMIN)") == true)
  }

  /// Enough capacity, but only through a 50 MW line to a 100 MW load.
  @Test func flowLimitThatCannotBeMetIsNamed() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 100)], gen: [genRow(1, pg: 0)], branch: [branchRow(1, 2, x: 0.1, rate: 50)],
      extra: gencost([linearCost(10)]))
    let error = try #require(try opfError(text))
    guard case .infeasible(let violations) = error else {
      Issue.record("expected infeasible, got \(error)")
      return
    }
    // The line must carry 50 MW more than its rating (or bus 2 go 50 MW short: named last).
    #expect(violations == ["branch 1 (1–2) needs 50 MW above its RATE_A of 50 MW"])
    #expect(error.description.hasPrefix("infeasible: the limits cannot all be met"))
  }

  @Test func contradictoryLimits() throws {
    let text = caseText(
      bus: [busRow(1, type: 3, pd: 10)], gen: [genRow(1, pmin: 50, pmax: 20)], branch: [], extra: gencost([linearCost(10)]))
    #expect(try opfError(text)?.description == "generator 1 (bus 1): PMIN 50 MW is above PMAX 20 MW; no output meets both")
  }

  /// A −5 $/MWh unit without PMAX and a dispatchable load without PMIN: the cost falls forever.
  @Test func unboundedNamesTheUnits() throws {
    let text = caseText(
      bus: [busRow(1, type: 3, pd: 10), busRow(2)], gen: ["1 0 0 100 -100 1 100 1 Inf 0", "2 0 0 100 -100 1 100 1 0 -Inf"],
      branch: [branchRow(1, 2, x: 0.1)], extra: gencost([linearCost(-5), linearCost(10)]))
    let error = try #require(try opfError(text))
    guard case .unbounded(let causes) = error else {
      Issue.record("expected unbounded, got \(error)")
      return
    }
    #expect(causes == ["generator 1 (bus 1): cost -5.0 $/MWh with PMAX unlimited", "generator 2 (bus 2): cost 10.0 $/MWh with PMIN unlimited (−∞)"])
  }
}
