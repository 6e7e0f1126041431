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
/// ``ContingencyAnalysis/forEachOutcome(at:_:)``), with the post-contingency rating the screens
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
