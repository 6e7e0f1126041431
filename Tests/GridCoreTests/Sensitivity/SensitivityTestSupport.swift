import Foundation
import Testing

@testable import GridCore

/// A reference CSV of ../shared/cases (`branch,<columns>` header, one row per branch,
/// numbers written with `%.17g`, `nan` for NaN).
struct ReferenceCSV {
  var columns: [String]
  /// Row labels (1-based branch rows) and values.
  var labels: [Int]
  var rows: [[Double]]

  init(_ name: String) throws {
    let path = try #require(TestPaths.shared(name))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    columns = Array(header.dropFirst())
    labels = []
    rows = []
    for line in lines {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      labels.append(Int(fields[0]) ?? -1)
      rows.append(fields.dropFirst().map { $0 == "nan" ? .nan : (Double($0) ?? .nan) })
    }
  }
}

/// A shared MATPOWER case as a network, its DC model and its sensitivities.
func sharedSensitivity(_ name: String, backend: LinearSolverBackend = .automatic) throws -> DCSensitivity {
  let path = try #require(TestPaths.shared("\(name).m"))
  let network = try MatpowerReader.read(contentsOf: path).network
  return DCSensitivity(try DCSystem(network, backend: backend))
}

/// A bundled network's sensitivities.
func bundledSensitivity(_ file: String) throws -> DCSensitivity {
  DCSensitivity(try DCSystem(try NetworkFile.read(TestPaths.network(file)).network))
}

/// The network with some branches out of service, solved from scratch: what a
/// post-contingency flow must equal.
func freshFlows(_ network: Network, without branches: [Int], isolating buses: [BusID] = [], point: OperatingPoint? = nil) throws -> [Double] {
  var changed = network
  for k in branches { changed.branches[k].inService = false }
  let cut = Set(buses)
  for p in changed.buses.indices where cut.contains(changed.buses[p].id) { changed.buses[p].type = .isolated }
  // Buses made isolated drop out with their generators and demand, as a cut-off part does.
  return try DCSystem(changed).solve(point).branchFlowMW
}

/// Calls `body(branch, loading %)` for every monitored branch after `outcome` (flows from
/// ``ContingencyAnalysis/forEachOutcome(at:withFlows:_:)``), with the post-contingency rating the screens
/// use: a tripped circuit of a multi-circuit line leaves its branch 1 − 1/circuits of the rating.
func forEachPostContingencyLoading(
  _ analysis: ContingencyAnalysis, _ network: Network, _ outcome: ContingencyOutcome, _ flows: Span<Double>,
  _ body: (Int, Double) -> Void
) {
  guard outcome.status != .singular, outcome.status != .inactive else { return }
  for l in analysis.monitored {
    var rating = analysis.postRating[l]
    if case .circuit(let k) = outcome.contingency, k == l, let c = network.branches[l].lineInfo?.circuits, c > 1 {
      rating *= 1 - 1 / Double(c)
    }
    if rating > 0 { body(l, 100 * abs(flows[l]) / rating) }
  }
}

/// Two islands (7 buses), a radial branch (row 5: an islanding outage), two identical parallel
/// circuits (rows 1 and 2: their outages give every other branch the same loading, an exact
/// tie) and a branch without a rating (row 5).
func twoIslandsWithParallelCircuits() throws -> Network {
  try parseCase(
    caseText(
      bus: [
        "1\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9", "2\t1\t90\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9",
        "3\t1\t60\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9", "4\t1\t40\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9",
        "5\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9", "6\t1\t70\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9",
        "7\t1\t20\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9",
      ],
      gen: ["1\t190\t0\t300\t-300\t1\t100\t1\t300\t0", "5\t90\t0\t300\t-300\t1\t100\t1\t300\t0"],
      branch: [
        "1\t2\t0\t0.1\t0\t120\t0\t0\t0\t0\t1\t-360\t360", "1\t2\t0\t0.1\t0\t120\t0\t0\t0\t0\t1\t-360\t360",
        "2\t3\t0\t0.2\t0\t80\t0\t0\t0\t0\t1\t-360\t360", "1\t3\t0\t0.15\t0\t100\t0\t0\t0\t0\t1\t-360\t360",
        "3\t4\t0\t0.1\t0\t0\t0\t0\t0\t0\t1\t-360\t360", "5\t6\t0\t0.1\t0\t90\t0\t0\t0\t0\t1\t-360\t360",
        "6\t7\t0\t0.1\t0\t30\t0\t0\t0\t0\t1\t-360\t360", "5\t7\t0\t0.3\t0\t30\t0\t0\t0\t0\t1\t-360\t360",
      ]))
}
