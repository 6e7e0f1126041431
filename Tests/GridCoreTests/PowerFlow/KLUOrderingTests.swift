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

  /// KLU's first allocation for L and U is sized from AMD's count of L. When the count is too
  /// small (here: none), KLU grows its arrays as it goes; the factors, and so the solution,
  /// are the same to the bit: the arithmetic does not depend on where the entries are stored.
  @Test func anUnderestimatedFactorSizeGivesTheSameFactors() throws {
    let network = try parseCase(twoIslands(size: 1500))
    let island = try #require(try DCSystem(network, backend: .sparse).islands.first)
    let b = island.reducedB
    var edges: [(Int, Int)] = []
    for j in 0..<b.columns {
      for p in b.columnStarts[j]..<b.columnStarts[j + 1] where b.rowIndices[p] > j { edges.append((b.rowIndices[p], j)) }
    }
    let order = try #require(MinimumDegreeOrdering.order(nodeCount: b.rows, edges: edges))
    #expect(order.lowerNonzeros >= edges.count)
    // With a count of 0, KLU starts from nnz(B) + n entries for L: too few for this L (the
    // chords fill it in), so the arrays must grow.
    #expect(order.lowerNonzeros > b.nonzeroCount + b.rows, "\(order.lowerNonzeros) vs \(b.nonzeroCount)")
    let sized = try KLUFactorization(b, ordering: order)
    let tooSmall = try KLUFactorization(b, ordering: .init(permutation: order.permutation, lowerNonzeros: 0))
    var x = (0..<b.rows).map { Double($0 % 7) - 3 }, y = x
    sized.solveInPlace(&x, columns: 1)
    tooSmall.solveInPlace(&y, columns: 1)
    #expect(x == y)
  }

  @Test func theOrderingIsAPermutation() throws {
    let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (1, 2)]
    let order = try #require(MinimumDegreeOrdering.order(nodeCount: 5, edges: edges))
    #expect(order.permutation.map(Int.init).sorted() == Array(0..<5))
    // Nodes 0-3 carry 5 distinct edges (all pairs but 0-3), node 4 none: L holds at least the
    // 5 edges and at most all 6 pairs (5 when 0 or 3 goes first, as minimum degree does).
    #expect((5...6).contains(order.lowerNonzeros))
  }
}
