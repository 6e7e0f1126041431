import Foundation
import Testing

@testable import GridCore

/// A large B with series capacitors is factored by KLU with the ordering computed on another
/// core while B was built (restricted to each island's unknowns): the flows must be those of
/// the dense factorization, which uses no such ordering.
struct KLUOrderingTests {
  /// Two islands of `size` buses each: a ring with chords, a few capacitive branches (x < 0,
  /// each stronger than the line it parallels: B is indefinite, with diagonal entries ≤ 0).
  private func twoIslands(size: Int) -> String {
    var buses: [String] = [], gens: [String] = [], branches: [String] = []
    for island in 0..<2 {
      let first = island * size + 1
      for k in 0..<size { buses.append(busRow(first + k, type: k == 0 ? 3 : 1, pd: Double((k * 7) % 13))) }
      gens.append(genRow(first, pg: 0))
      for k in 0..<size {
        let a = first + k, b = first + (k + 1) % size, c = first + (k * 37 + 11) % size
        branches.append(branchRow(a, b, x: 0.01 + Double(k % 5) * 0.002))
        if c != a { branches.append(branchRow(a, c, x: 0.05)) }
        if k % 50 == 0 { branches.append(branchRow(a, b, x: -0.004)) }
      }
    }
    return caseText(bus: buses, gen: gens, branch: branches)
  }

  @Test func orderedKLUMatchesDense() throws {
    let network = try parseCase(twoIslands(size: 1500))
    #expect(network.branches.count >= 4096)
    let sparse = try DCSystem(network, backend: .sparse)
    let dense = try DCSystem(network, backend: .dense)
    #expect(sparse.islands.count == 2)
    #expect(sparse.islands.allSatisfy { $0.factorization?.method == .sparseLU })
    let a = try sparse.solve().branchFlowMW, b = try dense.solve().branchFlowMW
    let scale = b.map(abs).max() ?? 1
    #expect(maxAbsDifference(a, b) <= 1e-9 * scale, "\(maxAbsDifference(a, b))")
  }

  @Test func theOrderingIsAPermutation() throws {
    let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (1, 2)]
    let order = try #require(MinimumDegreeOrdering.order(nodeCount: 5, edges: edges))
    #expect(order.map(Int.init).sorted() == Array(0..<5))
  }
}
