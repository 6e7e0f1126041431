import Foundation
import Testing

@testable import GridCore

/// PTDF, LODF and transfer PTDF against MATPOWER 8.1 `makePTDF`/`makeLODF` (../shared/cases),
/// to 1e-9. Skipped when ../shared is absent.
@Suite(.enabled(if: TestPaths.haveSharedCases, "../shared/cases not present"))
struct MatpowerSensitivityTests {
  static let cases = ["case9", "case14", "case30", "case118", "case300"]

  @Test(arguments: cases)
  func ptdfMatchesMakePTDF(name: String) throws {
    let reference = try ReferenceCSV("\(name).ptdf.csv")
    for backend in [LinearSolverBackend.automatic, .sparse] {
      let s = try sharedSensitivity(name, backend: backend)
      #expect(reference.columns == s.network.buses.map { $0.id.description })
      #expect(reference.labels == Array(1...s.network.branches.count))
      let h = try s.ptdf()
      var worst = 0.0
      for (r, row) in reference.rows.enumerated() {
        for (c, expected) in row.enumerated() { worst = max(worst, abs(h[r, c] - expected)) }
      }
      #expect(worst <= 1e-9, "\(name) (\(backend)): max |PTDF − makePTDF| = \(worst)")
      // The row approach (streamed blocks) gives the same numbers.
      var rowWorst = 0.0
      try s.forEachPTDFRowBlock { block, first in
        for r in 0..<block.branches.count {
          for c in 0..<block.buses.count { rowWorst = max(rowWorst, abs(block[r, c] - reference.rows[first + r][c])) }
        }
      }
      #expect(rowWorst <= 1e-9, "\(name) (\(backend)) rows: \(rowWorst)")
    }
  }

  @Test(arguments: cases)
  func lodfMatchesMakeLODF(name: String) throws {
    let reference = try ReferenceCSV("\(name).lodf.csv")
    let sens = try #require(try TestPaths.sharedJSON("\(name).sens.json"))
    let bridges = try #require(sens["bridge_branches"] as? [Int])
    let s = try sharedSensitivity(name)
    #expect(s.islandingBranches.map { $0 + 1 } == bridges)
    let lodf = try s.lodf()
    var worst = 0.0
    for (c, kind) in lodf.columns.enumerated() {
      #expect(kind == (bridges.contains(c + 1) ? .islanding : .factors), "\(name): column \(c + 1) is \(kind)")
      for (r, row) in reference.rows.enumerated() {
        let got = lodf.factor(r, c)
        if kind == .islanding && r != c {
          #expect(got == nil)
          #expect(lodf.values[r, c] == 0)
        } else {
          worst = max(worst, abs((got ?? .nan) - row[c]))
        }
      }
    }
    #expect(worst <= 1e-9, "\(name): max |LODF − makeLODF| = \(worst)")
    #expect(lodf.values.values.allSatisfy { $0.isFinite })
    // Streamed rows: the same.
    var rowWorst = 0.0
    try s.forEachLODFRowBlock { block, first in
      for r in 0..<block.monitored.count {
        for c in 0..<block.outaged.count {
          guard let v = block.factor(r, c) else { continue }
          rowWorst = max(rowWorst, abs(v - reference.rows[first + r][c]))
        }
      }
    }
    #expect(rowWorst <= 1e-9, "\(name) rows: \(rowWorst)")
  }

  @Test(arguments: ["case14", "case118"])
  func transferPTDFMatchesMakePTDF(name: String) throws {
    let reference = try ReferenceCSV("\(name).txfr.csv")
    let s = try sharedSensitivity(name)
    // Header `from_<i>_to_<j>`.
    let parts = try #require(reference.columns.first).split(separator: "_")
    let from = try #require(Int(parts[1])), to = try #require(Int(parts[3]))
    let position = { (id: Int) throws -> Int in try #require(s.network.buses.firstIndex { $0.id.rawValue == id }) }
    let t = try s.transferPTDF(
      source: InjectionPattern(name: "from", bus: try position(from)), sink: InjectionPattern(name: "to", bus: try position(to)))
    let worst = zip(t, reference.rows.map { $0[0] }).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-9, "\(name): transfer \(from)→\(to): \(worst)")
  }

  /// DC power flow after each single-branch outage, against MATPOWER re-solves, to 1e-6 MW.
  @Test(arguments: ["case118", "case300"])
  func n1MatchesRundcpfPerOutage(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("\(name).n1.json"))
    let outages = try #require(reference["outages"] as? [[String: Any]])
    let islanding = try #require(reference["islanding_branches"] as? [Int])
    let s = try sharedSensitivity(name)
    let result = try ContingencyAnalysis(s, options: ContingencyOptions(includeHVDC: false)).run(keepFlows: true)
    #expect(result.contingencies.count == s.network.branches.count)
    #expect(result.outcomes.filter { $0.status == .islanding }.map { ($0.contingency.branch ?? -1) + 1 } == islanding)
    let base = try #require(reference["base_pf_mw"] as? [Double])
    #expect(maxAbsDifference(result.baseFlowMW, base) <= 1e-6)
    var worst = 0.0
    for outage in outages {
      let k = try #require(outage["branch"] as? Int) - 1
      let pf = try #require(outage["pf_mw"] as? [Double])
      let outcome = result.outcomes[k]
      #expect(outcome.status == .solved)
      worst = max(worst, maxAbsDifference(try #require(outcome.flowsMW), pf))
    }
    #expect(worst <= 1e-6, "\(name): max |post-outage flow − rundcpf| = \(worst) MW")
  }
}
