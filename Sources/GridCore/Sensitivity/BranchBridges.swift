/// The branches whose outage splits an island (bridges of the graph of in-service
/// branches), found from the topology alone — never from `1 − h_kk ≈ 0`, which
/// round-off makes unreliable (MATPOWER's `makeLODF` returns a mix of NaN, ±Inf and
/// finite numbers in those columns).
///
/// Tarjan's low-link algorithm over a depth-first forest, iterative (no recursion, so
/// 100,000-bus cases do not exhaust the stack), with edges identified by branch so that
/// parallel branches are never bridges. O(buses + branches).
struct BranchBridges: Sendable {
  /// Per input branch: its outage increases the number of islands.
  let isBridge: [Bool]
  /// Per input branch that is a bridge: the internal bus at the far end of its tree edge;
  /// the buses of that bus's subtree are one side of the split, the rest of the island the other.
  let child: [Int]
  /// Preorder number of each internal bus; the subtree of `v` is `order[entry[v]..<exit[v]]`.
  let entry: [Int]
  let exit: [Int]
  /// Internal buses in preorder.
  let order: [Int]

  /// - Parameters:
  ///   - busCount: internal buses.
  ///   - ends: per input branch, internal from/to buses (−1 when the branch is not in the model).
  init(busCount n: Int, ends: [(from: Int, to: Int)]) {
    // Adjacency in compressed form: for each bus, (neighbour, branch) pairs.
    var degree = [Int](repeating: 0, count: n + 1)
    for (f, t) in ends where f >= 0 && t >= 0 && f != t {
      degree[f + 1] += 1
      degree[t + 1] += 1
    }
    for i in 0..<n { degree[i + 1] += degree[i] }
    var next = degree
    var neighbour = [Int](repeating: 0, count: degree[n])
    var edge = [Int](repeating: 0, count: degree[n])
    for (k, (f, t)) in ends.enumerated() where f >= 0 && t >= 0 && f != t {
      neighbour[next[f]] = t
      edge[next[f]] = k
      next[f] += 1
      neighbour[next[t]] = f
      edge[next[t]] = k
      next[t] += 1
    }

    var entry = [Int](repeating: -1, count: n), exit = [Int](repeating: 0, count: n)
    var low = [Int](repeating: 0, count: n)
    var isBridge = [Bool](repeating: false, count: ends.count)
    var child = [Int](repeating: -1, count: ends.count)
    var order: [Int] = []
    order.reserveCapacity(n)
    // Frame: bus, branch it was reached by, next adjacency slot to look at.
    var stack: [(bus: Int, via: Int, slot: Int)] = []
    for root in 0..<n where entry[root] < 0 {
      entry[root] = order.count
      low[root] = order.count
      order.append(root)
      stack.append((root, -1, degree[root]))
      while let top = stack.last {
        let v = top.bus
        if top.slot < degree[v + 1] {
          stack[stack.count - 1].slot += 1
          let w = neighbour[top.slot], k = edge[top.slot]
          if k == top.via { continue }  // the tree edge back to the parent (a parallel branch is another k)
          if entry[w] < 0 {
            entry[w] = order.count
            low[w] = order.count
            order.append(w)
            stack.append((w, k, degree[w]))
          } else {
            low[v] = min(low[v], entry[w])
          }
        } else {
          stack.removeLast()
          exit[v] = order.count
          if let parent = stack.last {
            low[parent.bus] = min(low[parent.bus], low[v])
            if low[v] > entry[parent.bus] {
              isBridge[top.via] = true
              child[top.via] = v
            }
          }
        }
      }
    }
    self.isBridge = isBridge
    self.child = child
    self.entry = entry
    self.exit = exit
    self.order = order
  }

  /// True when internal bus `bus` lies in the subtree cut off below bridge `branch`.
  @inline(__always) func isBelow(_ bus: Int, bridge branch: Int) -> Bool {
    let c = child[branch]
    return entry[bus] >= entry[c] && entry[bus] < exit[c]
  }

  /// Internal buses of the subtree below bridge `branch`.
  func busesBelow(bridge branch: Int) -> ArraySlice<Int> {
    let c = child[branch]
    return order[entry[c]..<exit[c]]
  }
}
