/// Drawing positions derived from a ``MapLayout``: bus points, branch ends, the middle of
/// each branch (moved sideways for parallel branches, so that each stays visible), labels.
struct MapGeometry {
  /// Per bus (input order).
  let bus: [SIMD2<Double>]
  /// Per branch: from-end and to-end points; nil when a bus is unknown.
  let ends: [(SIMD2<Double>, SIMD2<Double>)?]
  /// Per branch: the sideways offset of its middle, map units (0 unless it has parallels).
  let offset: [Double]
  /// Bus position of each bus id.
  let position: [BusID: Int]
  private let network: Network

  init(network: Network, layout: MapLayout) {
    self.network = network
    bus = zip(layout.x, layout.y).map { SIMD2($0, $1) }
    var position: [BusID: Int] = [:]
    position.reserveCapacity(network.buses.count)
    for (p, b) in network.buses.enumerated() { position[b.id] = p }
    self.position = position
    var ends: [(SIMD2<Double>, SIMD2<Double>)?] = []
    ends.reserveCapacity(network.branches.count)
    var parallels: [SIMD2<Int>: [Int]] = [:]
    for (k, branch) in network.branches.enumerated() {
      guard let a = position[branch.from], let b = position[branch.to] else {
        ends.append(nil)
        continue
      }
      ends.append((bus[a], bus[b]))
      if branch.inService { parallels[SIMD2(min(a, b), max(a, b)), default: []].append(k) }
    }
    self.ends = ends
    var offset = [Double](repeating: 0, count: network.branches.count)
    for (_, group) in parallels where group.count > 1 {
      for (j, k) in group.sorted().enumerated() { offset[k] = (Double(j) - Double(group.count - 1) / 2) * 6 }
    }
    self.offset = offset
  }

  /// The middle of branch `k`, moved sideways by its parallel offset (same side whichever
  /// way the branch is drawn: the normal is taken from the lower bus position to the higher).
  func middle(_ k: Int) -> SIMD2<Double> {
    guard let (a, b) = ends[k] else { return .zero }
    let mid = (a + b) / 2
    guard offset[k] != 0 else { return mid }
    let from = network.branches[k].from, to = network.branches[k].to
    let flip = (position[from] ?? 0) > (position[to] ?? 0)
    let d = flip ? a - b : b - a
    let length = (d * d).sum().squareRoot()
    guard length > 1e-9 else { return mid + SIMD2(0, offset[k]) }
    return mid + offset[k] * SIMD2(-d.y, d.x) / length
  }

  /// Drawn length of branch `k`, map units.
  func length(_ k: Int) -> Double {
    guard let (a, b) = ends[k] else { return 0 }
    let d = b - a
    return (d * d).sum().squareRoot()
  }

  /// The name a bus is shown by: the native format's display name, else its name (may be empty).
  func busLabel(_ p: Int) -> String {
    let b = network.buses[p]
    return b.info?.displayName ?? b.name
  }

  /// Position of bus `id`; nil when it is not in the network.
  func point(_ id: BusID) -> SIMD2<Double>? { position[id].map { bus[$0] } }
}

/// Places labels without overlaps, greedily, in the order asked: each label takes the first
/// free place among a few candidates near its anchor, or is left out (it remains in the
/// tooltips). Widths are estimated from the characters (CJK ideographs as wide as the font size).
struct LabelPlacer {
  let width: Double
  let height: Double
  private var taken: [(SIMD2<Double>, SIMD2<Double>)] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Estimated width of `text` at font size `size`, map units.
  static func textWidth(_ text: String, size: Double) -> Double {
    text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? size : $1.value == 0x20 ? 0.3 * size : 0.56 * size) }
  }

  /// Marks a region as taken (a drawn element labels should not cover).
  mutating func block(_ low: SIMD2<Double>, _ high: SIMD2<Double>) { taken.append((low, high)) }

  /// A free baseline start for `text` (`lines` lines of `size`) near `at`: around a point
  /// (right, left, above, below) when `around`, else centred and stepped up and down.
  mutating func place(_ text: String, near at: SIMD2<Double>, size: Double, around: Bool, lines: Int = 1, gap: Double = 5)
    -> SIMD2<Double>?
  {
    let w = Self.textWidth(text, size: size)
    let h = size * 1.25 * Double(lines)
    var candidates: [SIMD2<Double>] = []
    if around {
      let d = gap
      candidates = [
        SIMD2(at.x + d, at.y + size * 0.35), SIMD2(at.x - d - w, at.y + size * 0.35),
        SIMD2(at.x - w / 2, at.y - d - 1), SIMD2(at.x - w / 2, at.y + d + 1 + size),
        SIMD2(at.x + d - 1, at.y - d), SIMD2(at.x - d + 1 - w, at.y - d),
        SIMD2(at.x + d - 1, at.y + d + size), SIMD2(at.x - d + 1 - w, at.y + d + size),
      ]
    } else {
      for step in 0..<9 {
        let dy = Double((step + 1) / 2) * (h + 3) * (step % 2 == 0 ? 1 : -1)
        candidates.append(SIMD2(at.x - w / 2, at.y + dy))
      }
    }
    for c in candidates {
      let low = SIMD2(c.x - 1, c.y - size), high = SIMD2(c.x + w + 1, c.y - size + h + 1)
      guard low.x >= 0, high.x <= width, low.y >= 0, high.y <= height else { continue }
      if taken.contains(where: { low.x < $0.1.x && $0.0.x < high.x && low.y < $0.1.y && $0.0.y < high.y }) { continue }
      taken.append((low, high))
      return c
    }
    return nil
  }
}
