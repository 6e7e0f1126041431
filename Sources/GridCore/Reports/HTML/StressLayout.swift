import Foundation

/// A drawing of a graph from its topology alone, for networks without bus coordinates
/// (MATPOWER cases): **PivotMDS** followed by **sparse stress majorization**.
///
/// 1. Hop distances from k pivots (k = min(50, nodes); the first pivot is the node of
///    highest degree, each next one the node farthest from the pivots chosen, ties to the
///    lower index), by breadth-first search: O(k · (nodes + edges)).
/// 2. PivotMDS (Brandes & Pich, *Eigensolver methods for progressive multidimensional
///    scaling of large data*, Graph Drawing 2006): the double-centred nodes × pivots matrix
///    C of −½·d², and the two leading eigenvectors of CᵀC (k × k, power iteration with
///    deflation from a fixed start): coordinates C·v₁, C·v₂.
/// 3. Sparse stress majorization (Ortmann, Klimenta & Brandes, *A sparse stress model*,
///    Graph Drawing 2016): the stress Σ w·(‖xᵢ − xⱼ‖ − dᵢⱼ)² over the edges
///    (d = 1, w = 1), the two-hop pairs (d = 2, w = ¼) and the node–pivot pairs (d = hop
///    distance, w = size of the pivot's region / d²), reduced by Jacobi majorization steps,
///    `iterations` of them. (The two-hop terms, which the sparse model leaves to the pivots,
///    keep buses with the same neighbours — the leaves of one bus — from sharing a point.)
///
/// Unit edge length; every step is a fixed sequence of floating-point operations on one
/// thread, so the same graph always gives the same bits. Connected components are laid out
/// one by one and packed in rows, largest first.
enum StressLayout {
  /// Positions of `nodes` nodes joined by `edges` (pairs of node indices; self-loops and
  /// repeated pairs are ignored), in units of one edge length.
  static func positions(nodes: Int, edges: [(Int, Int)], iterations: Int? = nil) -> [SIMD2<Double>] {
    guard nodes > 0 else { return [] }
    let graph = Adjacency(nodes: nodes, edges: edges)
    var result = [SIMD2<Double>](repeating: .zero, count: nodes)
    var boxes: [(nodes: [Int], size: SIMD2<Double>)] = []
    for component in graph.components() {
      var local = layout(component, graph: graph, iterations: iterations ?? (nodes > 20_000 ? 15 : 40))
      // Move the component's box to the origin.
      let low = local.reduce(SIMD2(Double.infinity, .infinity)) { pointwiseMin($0, $1) }
      let high = local.reduce(SIMD2(-Double.infinity, -.infinity)) { pointwiseMax($0, $1) }
      for i in local.indices { local[i] -= low }
      for (i, node) in component.enumerated() { result[node] = local[i] }
      boxes.append((component, high - low))
    }
    pack(boxes, into: &result)
    return result
  }

  /// Shelf packing: components in order (largest first), rows about as wide as the square
  /// root of the total area, one edge length apart.
  private static func pack(_ boxes: [(nodes: [Int], size: SIMD2<Double>)], into positions: inout [SIMD2<Double>]) {
    let gap = 1.5
    let area = boxes.reduce(0.0) { $0 + ($1.size.x + gap) * ($1.size.y + gap) }
    let rowWidth = max(area.squareRoot() * 1.3, boxes.first.map { $0.size.x } ?? 0)
    var x = 0.0, y = 0.0, rowHeight = 0.0
    for box in boxes {
      if x > 0, x + box.size.x > rowWidth {
        x = 0
        y += rowHeight + gap
        rowHeight = 0
      }
      for node in box.nodes { positions[node] += SIMD2(x, y) }
      x += box.size.x + gap
      rowHeight = max(rowHeight, box.size.y)
    }
  }

  /// One connected component (its nodes in increasing order), positions in that order.
  static func layout(_ component: [Int], graph: Adjacency, iterations: Int) -> [SIMD2<Double>] {
    let n = component.count
    if n == 1 { return [.zero] }
    if n == 2 { return [.zero, SIMD2(1, 0)] }
    var local = [Int](repeating: -1, count: graph.count)
    for (i, node) in component.enumerated() { local[node] = i }
    let neighbours: [[Int]] = component.map { graph.neighbours[$0].map { local[$0] } }

    // 1. Pivots and their hop distances.
    let k = min(50, n)
    var pivots: [Int] = []
    var distance: [[Double]] = []
    var nearest = [Double](repeating: .infinity, count: n)
    var region = [Int](repeating: 0, count: n)
    // The first pivot: the node of highest degree (lowest index on a tie).
    var next = 0
    for i in 0..<n where neighbours[i].count > neighbours[next].count { next = i }
    while pivots.count < k {
      let d = hops(from: next, neighbours)
      for i in 0..<n where d[i] < nearest[i] {
        nearest[i] = d[i]
        region[i] = pivots.count
      }
      pivots.append(next)
      distance.append(d)
      // The next pivot: farthest from those chosen (lowest index on a tie).
      var best = -1.0
      for i in 0..<n where nearest[i] > best {
        best = nearest[i]
        next = i
      }
      if best == 0 { break }
    }
    var x = pivotMDS(distance, n: n)
    // Nodes with the same neighbours get the same coordinates from PivotMDS; a fixed nudge
    // (golden-angle spiral by index) lets the two-hop terms below pull them apart.
    for i in 0..<n {
      let angle = 2.399963229728653 * Double(i)
      x[i] += 1e-3 * SIMD2(cos(angle), sin(angle))
    }
    // Two-hop pairs (d = 2): siblings of a hub and the leaves of one bus stay apart.
    let twoHop: [[Int]] = (0..<n).map { i in
      var set = Set<Int>()
      for j in neighbours[i] { for k in neighbours[j] where k != i { set.insert(k) } }
      for j in neighbours[i] { set.remove(j) }
      return set.sorted()
    }

    // 3. Sparse stress: edges, then node–pivot terms weighted by the pivot's region.
    var regionSize = [Double](repeating: 0, count: pivots.count)
    for i in 0..<n { regionSize[region[i]] += 1 }
    scaleToEdges(&x, neighbours)
    var updated = x
    for _ in 0..<iterations {
      for i in 0..<n {
        var numerator = SIMD2<Double>.zero, weights = 0.0
        func pull(_ j: SIMD2<Double>, _ d: Double, _ w: Double) {
          let delta = x[i] - j
          let length = (delta * delta).sum().squareRoot()
          numerator += w * (length > 1e-9 ? j + d * delta / length : j)
          weights += w
        }
        for j in neighbours[i] where j != i { pull(x[j], 1, 1) }
        for j in twoHop[i] { pull(x[j], 2, 0.25) }
        for (p, pivot) in pivots.enumerated() where pivot != i {
          let d = distance[p][i]
          if d <= 2 { continue }  // an edge or a two-hop pair already
          pull(x[pivot], d, regionSize[p] / (d * d))
        }
        if weights > 0 { updated[i] = numerator / weights }
      }
      swap(&x, &updated)
    }
    return x
  }

  /// Hop distances from `source` (within one component: all finite).
  static func hops(from source: Int, _ neighbours: [[Int]]) -> [Double] {
    var d = [Double](repeating: .infinity, count: neighbours.count)
    var queue = [source]
    queue.reserveCapacity(neighbours.count)
    d[source] = 0
    var head = 0
    while head < queue.count {
      let u = queue[head]
      head += 1
      for v in neighbours[u] where d[v] == .infinity {
        d[v] = d[u] + 1
        queue.append(v)
      }
    }
    return d
  }

  /// Step 2: the two leading eigenvectors of CᵀC by power iteration, coordinates C·v.
  static func pivotMDS(_ distance: [[Double]], n: Int) -> [SIMD2<Double>] {
    let k = distance.count
    // C (n × k, stored by pivot), −½d² double-centred.
    var c = distance.map { column in column.map { -0.5 * $0 * $0 } }
    var rowMean = [Double](repeating: 0, count: n)
    var grand = 0.0
    var columnMean = [Double](repeating: 0, count: k)
    for p in 0..<k {
      for i in 0..<n {
        columnMean[p] += c[p][i]
        rowMean[i] += c[p][i]
      }
      grand += columnMean[p]
      columnMean[p] /= Double(n)
    }
    for i in 0..<n { rowMean[i] /= Double(k) }
    grand /= Double(n * k)
    for p in 0..<k { for i in 0..<n { c[p][i] += grand - columnMean[p] - rowMean[i] } }
    // CᵀC, k × k.
    var ctc = [Double](repeating: 0, count: k * k)
    for p in 0..<k {
      for q in p..<k {
        var s = 0.0
        for i in 0..<n { s += c[p][i] * c[q][i] }
        ctc[p * k + q] = s
        ctc[q * k + p] = s
      }
    }
    var vectors: [[Double]] = []
    for axis in 0..<2 {
      // A fixed, non-symmetric start so that both axes are found.
      var v = (0..<k).map { 1 + Double(($0 * (axis + 3)) % 7) / 7 }
      for _ in 0..<200 {
        var w = [Double](repeating: 0, count: k)
        for p in 0..<k { for q in 0..<k { w[p] += ctc[p * k + q] * v[q] } }
        for u in vectors {
          let dot = zip(w, u).reduce(0) { $0 + $1.0 * $1.1 }
          for p in 0..<k { w[p] -= dot * u[p] }
        }
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 1e-300 else { break }
        v = w.map { $0 / norm }
      }
      vectors.append(v)
    }
    var x = [SIMD2<Double>](repeating: .zero, count: n)
    for i in 0..<n {
      var a = 0.0, b = 0.0
      for p in 0..<k {
        a += c[p][i] * vectors[0][p]
        b += c[p][i] * vectors[1][p]
      }
      x[i] = SIMD2(a, b)
    }
    return x
  }

  /// Scales the drawing so that edges are one unit long on average (the stress steps start
  /// near their fixed point instead of growing or shrinking the whole drawing first).
  private static func scaleToEdges(_ x: inout [SIMD2<Double>], _ neighbours: [[Int]]) {
    var total = 0.0, count = 0.0
    for i in x.indices {
      for j in neighbours[i] where j > i {
        let delta = x[i] - x[j]
        total += (delta * delta).sum().squareRoot()
        count += 1
      }
    }
    guard count > 0, total > 1e-12 else {
      // Degenerate (every node at one point): a circle.
      for i in x.indices {
        let angle = 2 * Double.pi * Double(i) / Double(x.count)
        x[i] = Double(x.count) / (2 * .pi) * SIMD2(cos(angle), sin(angle))
      }
      return
    }
    let scale = count / total
    for i in x.indices { x[i] *= scale }
  }
}

/// Undirected adjacency lists (neighbours in increasing order, each pair once).
struct Adjacency {
  let neighbours: [[Int]]
  var count: Int { neighbours.count }

  init(nodes: Int, edges: [(Int, Int)]) {
    var lists = [[Int]](repeating: [], count: nodes)
    for (a, b) in edges where a != b && a >= 0 && b >= 0 && a < nodes && b < nodes {
      lists[a].append(b)
      lists[b].append(a)
    }
    neighbours = lists.map { Array(Set($0)).sorted() }
  }

  /// Connected components, each in increasing node order; largest first, then by first node.
  func components() -> [[Int]] {
    var seen = [Bool](repeating: false, count: count)
    var result: [[Int]] = []
    for start in 0..<count where !seen[start] {
      var members = [start]
      seen[start] = true
      var head = 0
      while head < members.count {
        let u = members[head]
        head += 1
        for v in neighbours[u] where !seen[v] {
          seen[v] = true
          members.append(v)
        }
      }
      result.append(members.sorted())
    }
    return result.sorted { $0.count > $1.count || ($0.count == $1.count && $0[0] < $1[0]) }
  }
}
