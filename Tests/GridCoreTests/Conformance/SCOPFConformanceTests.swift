import Foundation
import Testing

@testable import GridCore

/// Every `*.scopf.json` in ../shared/cases (preventive N-1 DC SCOPF by PTDF/LODF and HiGHS,
/// cross-checked with PyPSA; README there) against `DCOPFProblem.solve(security:)`: objective
/// within 1e-6 relative, LMPs within 1e-3 $/MWh, dispatch within 1e-3 MW where every cost is
/// strictly convex, the same outage set and bridges skipped, and the same binding
/// post-contingency limits.
struct SCOPFConformanceTests {
  static let references: [String] = {
    guard let dir = TestPaths.sharedCases,
      let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".scopf.json") }.map { String($0.dropLast(".scopf.json".count)) }.sorted()
  }()

  @Test(.enabled(if: !references.isEmpty, "../shared/cases has no *.scopf.json"), arguments: references)
  func matchesReference(_ name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).scopf.json"))
    let network = try NetworkFile.read(try #require(TestPaths.shared("\(name).m"))).network
    let problem = try DCOPFProblem(system: try DCSystem(network))
    let result = try problem.solve(security: N1Security())
    let security = try #require(result.security)

    func numbers(_ key: String) throws -> [Double] {
      try #require(reference[key] as? [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    func rows(_ key: String) throws -> [Int] { try numbers(key).map { Int($0) - 1 } }

    let objective = try #require((reference["objective"] as? NSNumber)?.doubleValue)
    #expect(abs(result.objectivePerHour - objective) <= 1e-6 * abs(objective), "\(name): \(result.objectivePerHour) vs \(objective)")

    let busIndex = Dictionary(uniqueKeysWithValues: network.buses.enumerated().map { ($1.id.rawValue, $0) })
    let lmpError = try zip(numbers("bus_i"), numbers("lam_p")).map { bus, lmp in
      abs((result.lmpPerMWh[busIndex[Int(bus)] ?? -1] ?? .nan) - lmp)
    }.max() ?? 0
    #expect(lmpError <= 1e-3, "\(name): LMP error \(lmpError)")

    let unique = network.generators.indices.allSatisfy { k in
      !network.generators[k].inService || (problem.generatorCosts[k].quadraticLinearConstant?.0 ?? 0) > 0
    }
    if unique {
      // The reference was solved by HiGHS with its default qp_regularization_value (1e-7 added
      // to each Hessian entry), which moves a quadratic unit's dispatch by 1e-7·P/(2a): 0.014 MW
      // on case300, where that reference differs from MATPOWER's rundcopf by as much (no
      // ratings: the SCOPF is the OPF). Hence 0.02 MW here, and 1e-3 MW against rundcopf
      // wherever the case has no ratings.
      let dispatchError = try zip(rows("gen_row"), numbers("pg_mw")).map { abs(result.flow.generatorMW[$0] - $1) }.max() ?? 0
      #expect(dispatchError <= 2e-2, "\(name): dispatch error \(dispatchError) MW")
      if security.monitoredBranches == 0, let dcopf = try TestPaths.sharedJSON("\(name).dcopf.json"),
        let pg = dcopf["pg_mw"] as? [Double]
      {
        #expect(maxAbsDifference(result.flow.generatorMW, pg) <= 1e-3, "\(name): dispatch vs rundcopf")
      }
    }

    #expect(security.outagesConsidered == (reference["n_outages"] as? Int))
    #expect(security.skippedIslanding == (try rows("skipped_bridge_branch_rows")))
    #expect(security.monitoredBranches == (reference["n_rated_branches"] as? Int))
    let expected = try #require(reference["binding_post_contingency"] as? [[Double]]).map { [Int($0[0]) - 1, Int($0[1]) - 1] }
    let binding = result.binding.compactMap { c in c.outage.map { [$0, c.element] } }
    #expect(Set(binding) == Set(expected), "\(name): binding post-contingency limits \(binding) vs \(expected)")
    if ProcessInfo.processInfo.environment["GRIDTOOL_CONFORMANCE_REPORT"] != nil {
      let dispatchError = try zip(rows("gen_row"), numbers("pg_mw")).map { abs(result.flow.generatorMW[$0] - $1) }.max() ?? 0
      let relative = abs(result.objectivePerHour - objective) / abs(objective)
      print(
        "| \(name) (N-1) | \(String(format: "%.1e", relative)) | \(String(format: "%.1e", lmpError)) | \(String(format: "%.1e", dispatchError)) | \(security.outagesConsidered) × \(security.monitoredBranches), \(security.constraintsAdded) rows, \(security.rounds) rounds | \(binding.count) binding |"
      )
    }
  }

  /// A two-line corridor: either line alone must carry what both carry, so after the outage
  /// of one the other limits the transfer to its rating; the rest comes from the dear unit.
  @Test func parallelLinesLimitTransferToOneRating() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, type: 2, pd: 150)], gen: [genRow(1, pg: 0), genRow(2, pg: 0)],
      branch: [branchRow(1, 2, x: 0.1, rate: 100), branchRow(1, 2, x: 0.1, rate: 100)],
      extra: gencost([linearCost(10), linearCost(30)]))
    let problem = try DCOPFProblem(system: try DCSystem(try parseCase(text)))
    let base = try problem.solve()
    #expect(isClose(base.flow.generatorMW[0], 150, absolute: 1e-7))
    let secure = try problem.solve(security: N1Security())
    #expect(isClose(secure.flow.generatorMW[0], 100, absolute: 1e-7) && isClose(secure.flow.generatorMW[1], 50, absolute: 1e-7))
    #expect(isClose(secure.objectivePerHour, 1000 + 1500, absolute: 1e-6))
    // Both outages bind equally (20 $/MWh between them), and bus 1 still prices at 10.
    let post = secure.binding.filter { $0.outage != nil }
    #expect(post.count >= 1 && isClose(post.reduce(0) { $0 + $1.shadowPrice }, 20, absolute: 1e-6))
    #expect(isClose(secure.lmpPerMWh[0] ?? .nan, 10, absolute: 1e-7) && isClose(secure.lmpPerMWh[1] ?? .nan, 30, absolute: 1e-7))
    #expect(secure.security?.rounds == 1)
  }

  /// When no dispatch survives an outage, the message names the post-contingency limit.
  @Test func insecureCaseNamesThePostContingencyLimit() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 150)], gen: [genRow(1, pg: 0)],
      branch: [branchRow(1, 2, x: 0.1, rate: 100), branchRow(1, 2, x: 0.1, rate: 100)], extra: gencost([linearCost(10)]))
    let problem = try DCOPFProblem(system: try DCSystem(try parseCase(text)))
    do {
      _ = try problem.solve(security: N1Security())
      Issue.record("expected an infeasible N-1 problem")
    } catch {
      #expect(error.description.contains("after the outage of branch"), "\(error)")
      #expect(error.description.contains("needs 50 MW above its RATE_A of 100 MW"), "\(error)")
    }
  }
}
