import Foundation
import Testing

@testable import GridCore

/// Every `*.dcopf.json` in ../shared/cases (MATPOWER 8.1 `rundcopf`) against our DC OPF:
/// objective within 1e-6 relative, LMPs within 1e-3 $/MWh; dispatch, flows and multipliers
/// within 1e-3 where the optimum is unique (every in-service cost strictly convex). Where it is
/// degenerate (linear or piecewise-linear costs), other dispatches are optimal too: the cost of
/// ours must equal the objective, and the LMPs must still match.
/// Set GRIDTOOL_CONFORMANCE_REPORT=1 to print one line per case.
struct DCOPFConformanceTests {
  static let references: [String] = {
    guard let dir = TestPaths.sharedCases,
      let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".dcopf.json") }.map { String($0.dropLast(".dcopf.json".count)) }.sorted()
  }()

  @Test(.enabled(if: !references.isEmpty, "../shared/cases has no *.dcopf.json"), arguments: references)
  func matchesMatpower(_ name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).dcopf.json"))
    let path = try #require(TestPaths.shared("\(name).m"))
    let started = Date()
    let network = try NetworkFile.read(path).network
    let system = try DCSystem(network)
    let problem = try DCOPFProblem(system: system)
    let result = try problem.solve()
    let seconds = Date().timeIntervalSince(started)

    func numbers(_ key: String) throws -> [Double] {
      try #require(reference[key] as? [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    let objective = try #require((reference["objective"] as? NSNumber)?.doubleValue)
    let relative = abs(result.objectivePerHour - objective) / abs(objective)
    #expect(relative <= 1e-6, "\(name): objective \(result.objectivePerHour) vs \(objective)")

    let lmp = try numbers("lam_p")
    let lmpError = maxAbsDifference(result.lmpPerMWh.map { $0 ?? 0 }, lmp)
    #expect(lmpError <= 1e-3, "\(name): LMP error \(lmpError) $/MWh")

    // Our dispatch's own cost is our objective (the pwl cost variables sit on their curves).
    let ownCost = result.generatorCostPerHour.reduce(0, +)
    #expect(abs(ownCost - result.objectivePerHour) <= 1e-7 * abs(objective), "\(name): dispatch cost \(ownCost)")
    let balance = result.flow.generatorMW.reduce(0, +) - (try #require((reference["total_load_mw"] as? NSNumber)?.doubleValue))
      - (try #require((reference["total_gs_mw"] as? NSNumber)?.doubleValue))
    #expect(abs(balance) <= 1e-6, "\(name): generation − demand = \(balance) MW")

    let unique = network.generators.indices.allSatisfy { k in
      guard network.generators[k].inService, let (a, _, _) = problem.generatorCosts[k].quadraticLinearConstant else {
        return !network.generators[k].inService
      }
      return a > 0 || network.generators[k].minMW == network.generators[k].maxMW
    }
    let dispatchError = maxAbsDifference(result.flow.generatorMW, try numbers("pg_mw"))
    let flowError = maxAbsDifference(result.flow.branchFlowMW, try numbers("pf_mw"))
    let muFlowError = max(
      maxAbsDifference(result.muFromPerMWh, try numbers("mu_sf")), maxAbsDifference(result.muToPerMWh, try numbers("mu_st")))
    let muGenError = max(
      maxAbsDifference(result.muPMaxPerMWh, try numbers("mu_pmax")), maxAbsDifference(result.muPMinPerMWh, try numbers("mu_pmin")))
    if unique {
      #expect(dispatchError <= 1e-3, "\(name): dispatch error \(dispatchError) MW")
      #expect(flowError <= 1e-3, "\(name): flow error \(flowError) MW")
      #expect(muFlowError <= 1e-3, "\(name): flow-limit multiplier error \(muFlowError) $/MWh")
      #expect(muGenError <= 1e-3, "\(name): generator-limit multiplier error \(muGenError) $/MWh")
    }
    if ProcessInfo.processInfo.environment["GRIDTOOL_CONFORMANCE_REPORT"] != nil {
      print(
        "| \(name) | \(String(format: "%.1e", relative)) | \(String(format: "%.1e", lmpError)) | \(String(format: "%.1e", dispatchError)) / \(String(format: "%.1e", flowError)) | \(String(format: "%.1e", muFlowError)) / \(String(format: "%.1e", muGenError)) | \(unique ? "unique" : "degenerate") | \(result.solver.problemClass) \(result.solver.iterations) it | \(String(format: "%.3f", seconds)) s |"
      )
    }
  }

  /// MATPOWER's own DC OPF test with DC lines (lib/t/t_dcline.m, "DC OPF (with DC lines)"):
  /// t_case9_dcline without dclinecost, PMIN of generator 1 = 10 MW, RATE_A of branch 5 = 100 MW,
  /// toggle_dcline on, rundcopf. Expected PF, PT and the line multipliers to 4 and 3 decimals.
  @Test(.enabled(if: TestPaths.shared("t_case9_dcline.m") != nil, "../shared/cases/t_case9_dcline.m is absent"))
  func matpowerDCLineTest() throws {
    var network = try NetworkFile.read(try #require(TestPaths.shared("t_case9_dcline.m"))).network
    network.matpowerExtras.removeAll { $0.field == "dclinecost" }
    network.generators[0].minMW = 10
    network.branches[4].ratingMW = 100
    let result = try DCOPFProblem(system: try DCSystem(network)).solve()
    #expect(maxAbsDifference(result.flow.hvdc.map(\.fromMW), [10, 2, 0, 10]) < 1e-4)
    #expect(maxAbsDifference(result.flow.hvdc.map(\.toMW), [8.9, 2, 0, 9.5]) < 1e-4)
    #expect(maxAbsDifference(result.hvdcMuPMinPerMWh, [0, 1.8507, 0, 0]) < 1e-3, "\(result.hvdcMuPMinPerMWh)")
    #expect(maxAbsDifference(result.hvdcMuPMaxPerMWh, [1.8602, 0, 0, 0.2681]) < 1e-3, "\(result.hvdcMuPMaxPerMWh)")
  }
}
