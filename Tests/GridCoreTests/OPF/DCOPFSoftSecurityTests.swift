import Foundation
import Testing

@testable import GridCore

/// What a planner does with an N-1 infeasible case: emergency ratings, priced post-contingency
/// overloads, priced load shedding, and the outages that cannot be secured on their own.
struct DCOPFSoftSecurityTests {
  /// Two parallel lines from the cheap unit at bus 1 (10 $/MWh) to 150 MW of demand at bus 2,
  /// each with RATE_A `rateA` and RATE_C `rateC`; a dear unit at bus 2 (`dear` $/MWh) when given.
  static func corridor(rateA: Double = 100, rateC: Double = 0, dear: Double? = nil) throws -> DCOPFProblem {
    func line() -> String { "1 2 0 0.1 0 \(num(rateA)) 0 \(num(rateC)) 0 0 1 -360 360" }
    let gens = [genRow(1, pg: 0)] + (dear == nil ? [] : [genRow(2, pg: 0)])
    let costs = [linearCost(10)] + (dear.map { [linearCost($0)] } ?? [])
    let text = caseText(bus: [busRow(1, type: 3), busRow(2, pd: 150)], gen: gens, branch: [line(), line()], extra: gencost(costs))
    return try DCOPFProblem(system: try DCSystem(try parseCase(text)))
  }

  /// No dispatch survives either outage: both are named as infeasible on their own, each
  /// needing 50 MW on the other line, with the smallest relaxation of the whole problem.
  @Test func outagesThatCannotBeSecuredAloneAreNamed() throws {
    let problem = try Self.corridor()
    do {
      _ = try problem.solve(security: N1Security())
      Issue.record("expected an N-1 infeasible problem")
    } catch .n1Infeasible(let report) {
      #expect(report.candidateOutages == 2 && report.testedOutages == 2 && report.undetermined.isEmpty)
      #expect(Set(report.infeasibleAlone.map(\.branch)) == [0, 1])
      for outage in report.infeasibleAlone {
        #expect(outage.limits.count == 1 && outage.limits[0].branch == 1 - outage.branch)
        #expect(isClose(outage.limits[0].neededMW, 50, absolute: 1e-6) && outage.limits[0].limitMW == 100)
      }
      #expect(!report.relaxation.isEmpty)
      let text = report.description
      #expect(text.contains("2 outages cannot be secured even on their own"), "\(text)")
      #expect(text.contains("after the outage of branch 1 (1–2), branch 2 (1–2) needs 50 MW above its RATE_A of 100 MW"), "\(text)")
      #expect(text.contains("emergency rating") && text.contains("load shedding"), "\(text)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  /// RATE_C as the post-contingency limit: 150 MW on one line is within its 160 MW; an emergency
  /// rating of 0 falls back to RATE_A (and so stays infeasible).
  @Test func emergencyRatingRelaxesThePostContingencyLimit() throws {
    let secure = try Self.corridor(rateC: 160).solve(security: N1Security(rating: .c))
    #expect(isClose(secure.flow.generatorMW[0], 150, absolute: 1e-7) && secure.security?.rating == .c)
    #expect(secure.binding.allSatisfy { $0.outage == nil })
    #expect(throws: DCOPFError.self) { try Self.corridor(rateC: 0).solve(security: N1Security(rating: .c)) }
    // RATE_C binds at 130 MW: 20 MW come from the dear unit, and the binding limit reports 130.
    let tight = try Self.corridor(rateC: 130, dear: 30).solve(security: N1Security(rating: .c))
    #expect(isClose(tight.flow.generatorMW[0], 130, absolute: 1e-7) && isClose(tight.flow.generatorMW[1], 20, absolute: 1e-7))
    let post = tight.binding.filter { $0.outage != nil }
    #expect(!post.isEmpty && post.allSatisfy { $0.limit == 130 })
    #expect(isClose(post.reduce(0) { $0 + $1.shadowPrice }, 20, absolute: 1e-6))
  }

  /// Soft post-contingency limits: after either outage the other line carries 150 MW, 50 MW
  /// over its limit, at 100 $/MWh each (there is no other unit); a MW more demand at bus 2
  /// adds a MW to both overloads, so its LMP is 10 + 2 × 100; the penalty is in the objective.
  @Test func pricedOverloadsAreReported() throws {
    let result = try Self.corridor().solve(security: N1Security(overloadPricePerMWh: 100))
    #expect(isClose(result.flow.generatorMW[0], 150, absolute: 1e-7))
    #expect(result.overloads.count == 2 && Set(result.overloads.map(\.outage)) == [0, 1], "\(result.overloads)")
    for o in result.overloads {
      #expect(o.limitMW == 100 && isClose(o.overloadMW, 50, absolute: 1e-6) && isClose(abs(o.flowMW), 150, absolute: 1e-6))
      #expect(o.branch == 1 - o.outage)
    }
    #expect(isClose(result.penaltyCostPerHour, 10000, absolute: 1e-5))
    #expect(isClose(result.objectivePerHour, 1500 + 10000, absolute: 1e-5))
    #expect(isClose(result.lmpPerMWh[1] ?? .nan, 210, absolute: 1e-6) && isClose(result.lmpPerMWh[0] ?? .nan, 10, absolute: 1e-6))
    // With a dear unit at 30 $/MWh the overload (100 $/MWh) is not worth it.
    let redispatched = try Self.corridor(dear: 30).solve(security: N1Security(overloadPricePerMWh: 100))
    #expect(redispatched.overloads.isEmpty && isClose(redispatched.flow.generatorMW[1], 50, absolute: 1e-7))
    #expect(isClose(redispatched.penaltyCostPerHour, 0, absolute: 1e-9))
  }

  /// Priced load shedding: 50 MW of bus 2's demand is shed at 500 $/MWh, which sets its LMP.
  @Test func pricedLoadSheddingIsReported() throws {
    var problem = try Self.corridor()
    problem.loadSheddingPricePerMWh = 500
    let result = try problem.solve(security: N1Security())
    #expect(isClose(result.loadShedMW[1], 50, absolute: 1e-6) && result.loadShedMW[0] == 0)
    #expect(isClose(result.flow.generatorMW[0], 100, absolute: 1e-7))
    #expect(isClose(result.lmpPerMWh[1] ?? .nan, 500, absolute: 1e-6))
    #expect(isClose(result.penaltyCostPerHour, 25000, absolute: 1e-5))
    // The flow balance holds with the shed demand as an injection.
    #expect(isClose(result.flow.busInjectionMW[1], -100, absolute: 1e-6))
    // An island short of capacity is no longer infeasible with shedding: it sheds the rest.
    let short = caseText(
      bus: [busRow(1, type: 3, pd: 50), busRow(2, pd: 100)], gen: [genRow(1, pmin: 0, pmax: 120)],
      branch: [branchRow(1, 2, x: 0.1)], extra: gencost([linearCost(10)]))
    var shortProblem = try DCOPFProblem(system: try DCSystem(try parseCase(short)))
    #expect(throws: DCOPFError.self) { try shortProblem.solve() }
    shortProblem.loadSheddingPricePerMWh = 1000
    let shed = try shortProblem.solve()
    #expect(isClose(shed.loadShedMW.reduce(0, +), 30, absolute: 1e-6) && isClose(shed.flow.generatorMW[0], 120, absolute: 1e-7))
  }

  /// The LODF column of one outage from one transfer solve (used when the whole LODF does not
  /// fit in memory) equals the LODF matrix's column.
  @Test func lodfColumnFromOneSolve() throws {
    // The Xinjiang network: parallel circuits, rings and radial lines (bridges, left out).
    let network = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml")).network
    let sensitivity = DCSensitivity(try DCSystem(network))
    let monitored = Array(network.branches.indices)
    let bridges = Set(sensitivity.islandingBranches)
    for k in network.branches.indices where !bridges.contains(k) {
      let column = try PostContingencyScreen.lodfColumn(sensitivity, monitored: monitored, outage: k)
      let matrix = try sensitivity.lodf(monitored: monitored, outaged: [k])
      #expect(maxAbsDifference(column, monitored.indices.map { matrix.values[$0, 0] }) < 1e-12, "outage \(k + 1)")
    }
  }
}
