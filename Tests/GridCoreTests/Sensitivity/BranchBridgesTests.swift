import Testing

@testable import GridCore

/// Bridges from Tarjan's algorithm against brute force (remove each edge, count components).
struct BranchBridgesTests {
  func bruteForce(nodes: Int, edges: [(from: Int, to: Int)]) -> [Bool] {
    let active = edges.filter { $0.from >= 0 && $0.to >= 0 && $0.from != $0.to }.map { ($0.from, $0.to) }
    let count = Islands.label(nodeCount: nodes, edges: active).count
    return edges.indices.map { k in
      let (f, t) = edges[k]
      guard f >= 0, t >= 0, f != t else { return false }
      var rest = edges
      rest.remove(at: k)
      let others = rest.filter { $0.from >= 0 && $0.to >= 0 && $0.from != $0.to }.map { ($0.from, $0.to) }
      return Islands.label(nodeCount: nodes, edges: others).count > count
    }
  }

  /// Random sparse multigraphs: parallel edges, self-loops, missing edges, several components.
  @Test func randomGraphsMatchBruteForce() {
    var rng = SplitMix(seed: 17)
    for _ in 0..<300 {
      let n = 1 + Int(rng.next() % 25)
      let m = Int(rng.next() % UInt64(2 * n + 1))
      var edges: [(from: Int, to: Int)] = []
      for _ in 0..<m {
        if rng.uniform() < 0.05 {
          edges.append((-1, -1))
        } else {
          let f = Int(rng.next() % UInt64(n)), t = rng.uniform() < 0.5 && !edges.isEmpty ? edges[Int(rng.next() % UInt64(edges.count))].to : Int(rng.next() % UInt64(n))
          edges.append((f, max(t, 0)))
        }
      }
      let bridges = BranchBridges(busCount: n, ends: edges)
      #expect(bridges.isBridge == bruteForce(nodes: n, edges: edges), "\(n) nodes, edges \(edges)")
      // The subtree below each bridge is one side of the split.
      for k in edges.indices where bridges.isBridge[k] {
        let (f, t) = edges[k]
        #expect(bridges.isBelow(f, bridge: k) != bridges.isBelow(t, bridge: k))
      }
    }
  }

  @Test(arguments: ["case9.m", "case5.m", "xinjiang-2024.yaml"])
  func bundledNetworks(file: String) throws {
    let s = try bundledSensitivity(file)
    let ends = s.network.branches.indices.map { s.system.branchEnds($0) }
    #expect(s.bridges.isBridge == bruteForce(nodes: s.system.internalBusCount, edges: ends))
  }
}
