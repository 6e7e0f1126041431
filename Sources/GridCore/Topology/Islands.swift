/// Connected components of a graph on `0..<nodeCount`, by union–find.
enum Islands {
  /// Component label of each node, numbered 0, 1, ... in order of each component's first node.
  static func label(nodeCount: Int, edges: [(Int, Int)]) -> (labels: [Int], count: Int) {
    var parent = Array(0..<nodeCount)
    func find(_ x: Int) -> Int {
      var r = x
      while parent[r] != r { r = parent[r] }
      var y = x
      while parent[y] != r {
        let next = parent[y]
        parent[y] = r
        y = next
      }
      return r
    }
    for (a, b) in edges {
      let ra = find(a), rb = find(b)
      if ra != rb { if ra < rb { parent[rb] = ra } else { parent[ra] = rb } }
    }
    var labels = [Int](repeating: -1, count: nodeCount)
    var rootLabel: [Int: Int] = [:]
    var count = 0
    for i in 0..<nodeCount {
      let r = find(i)
      if let l = rootLabel[r] {
        labels[i] = l
      } else {
        rootLabel[r] = count
        labels[i] = count
        count += 1
      }
    }
    return (labels, count)
  }
}
