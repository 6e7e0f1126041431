import Testing

@testable import GridCore

/// MATPOWER cost models 1 (piecewise linear) and 2 (polynomial): reading, evaluation, and the
/// piecewise-linear formulation of the OPF (one cost variable, one row per segment).
struct GeneratorCostTests {
  @Test func polynomialAndPiecewiseLinearValues() throws {
    let quadratic = try GeneratorCost.parse([2, 0, 0, 3, 0.11, 5, 150], label: "row")
    #expect(quadratic == .polynomial([0.11, 5, 150]))
    #expect(isClose(quadratic.costPerHour(atMW: 10), 0.11 * 100 + 50 + 150))
    let pwl = try GeneratorCost.parse([1, 0, 0, 3, 0, 0, 50, 500, 100, 1500], label: "row")
    #expect(pwl.segmentSlopes == [10, 20])
    #expect(pwl.costPerHour(atMW: 25) == 250 && pwl.costPerHour(atMW: 75) == 1000)
    #expect(pwl.costPerHour(atMW: 120) == 1900)  // the last segment, extended
    // Leading zero coefficients are the same cost (MATPOWER's DC OPF would refuse NCOST = 4).
    #expect(try GeneratorCost.parse([2, 0, 0, 4, 0, 0.1, 2, 3], label: "row") == .polynomial([0.1, 2, 3]))
  }

  @Test func unusableRowsAreNamed() {
    func message(_ row: [Double]) -> String {
      do {
        _ = try GeneratorCost.parse(row, label: "mpc.gencost row 2")
        return ""
      } catch { return error.description }
    }
    #expect(message([2, 0, 0, 4, 1, 0.1, 2, 3]).contains("degree 3"))
    #expect(message([2, 0, 0, 3, -0.1, 2, 3]).contains("concave"))
    #expect(message([1, 0, 0, 2, 10, 0, 5, 100]).contains("must increase"))
    #expect(message([3, 0, 0, 2, 1, 0]).contains("MODEL = 3"))
    #expect(message([2, 0, 0, 3, 1]).contains("NCOST = 3 coefficients"))
    #expect(message([2, 0, 0, 3, 1, 2, 3]).isEmpty)
  }

  /// A missing gencost, or too few rows, stops the OPF with the file named.
  @Test func missingCostsAreAnError() throws {
    let text = caseText(bus: [busRow(1, type: 3, pd: 10)], gen: [genRow(1, pg: 0)], branch: [])
    #expect(try opfError(text)?.description.contains("no generator costs; a DC OPF needs mpc.gencost") == true)
    let short = caseText(
      bus: [busRow(1, type: 3, pd: 10)], gen: [genRow(1, pg: 0), genRow(1, pg: 0)], branch: [], extra: gencost([linearCost(1)]))
    #expect(try opfError(short)?.description.contains("mpc.gencost has 1 rows but mpc.gen has 2") == true)
  }

  /// Unit 1 costs 10 $/MWh up to 50 MW and 20 above; unit 2 costs 15 $/MWh. For 80 MW the
  /// cheapest dispatch is 50 + 30 (950 $/h, LMP 15); with unit 2 held to 20 MW, unit 1 runs on
  /// its second segment: 60 + 20, 1,000 $/h, LMP 20, μ_PMAX of unit 2 = 5.
  @Test(arguments: [(1000.0, 950.0, 50.0, 15.0, 0.0), (20, 1000, 60, 20, 5)])
  func piecewiseLinearDispatch(pmax2: Double, cost: Double, p1: Double, lmp: Double, mu: Double) throws {
    let (_, r) = try solveOPF(
      caseText(
        bus: [busRow(1, type: 3), busRow(2, type: 2, pd: 80)], gen: [genRow(1, pg: 0), genRow(2, pg: 0, pmax: pmax2)],
        branch: [branchRow(1, 2, x: 0.1)], extra: gencost(["1 0 0 3 0 0 50 500 100 1500", "2 0 0 2 15 0 0 0 0 0"])))
    #expect(isClose(r.objectivePerHour, cost, absolute: 1e-6))
    #expect(isClose(r.flow.generatorMW[0], p1, absolute: 1e-6))
    #expect(isClose(r.lmpPerMWh[1] ?? .nan, lmp, absolute: 1e-6))
    #expect(isClose(r.muPMaxPerMWh[1], mu, absolute: 1e-6))
    #expect(isClose(r.generatorCostPerHour[0] + r.generatorCostPerHour[1], cost, absolute: 1e-6))
    #expect(r.solver.problemClass == "LP")
  }

  /// A non-convex curve is optimized as the largest of its segments, with a warning.
  @Test func nonConvexPiecewiseLinearWarns() throws {
    let problem = try DCOPFProblem(
      system: try DCSystem(
        try parseCase(
          caseText(
            bus: [busRow(1, type: 3, pd: 10)], gen: [genRow(1, pg: 0)], branch: [],
            extra: gencost(["1 0 0 3 0 0 50 1000 100 1200"])))))
    #expect(problem.diagnostics.first?.message.contains("not convex") == true)
  }
}
