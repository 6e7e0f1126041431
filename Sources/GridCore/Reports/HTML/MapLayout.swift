import Foundation

/// Where each bus of a network is drawn on the report's map, in map units (x to the right,
/// y downwards, the map ``width`` units wide).
///
/// - **Geographic** when at least half of the buses carry a latitude and longitude (the
///   native format's `lat`/`lon`): an equirectangular projection with its standard parallel
///   at the middle of the buses' latitudes, φ₀, and its central meridian at the middle of
///   their longitudes: x = R·(λ − λ₀)·cos φ₀, y = −R·(φ − φ₀). Distances are true along the
///   standard parallel and along meridians (the scale bar's ``unitsPerKm``); across the
///   13° of latitude of Xinjiang the east–west scale errs by at most 8 %. A bus without
///   coordinates is drawn at the mean of its drawn neighbours.
/// - **Computed** otherwise (MATPOWER cases): from the topology alone by PivotMDS and sparse
///   stress majorization (`StressLayout`), deterministic.
public struct MapLayout: Sendable {
  /// How the positions were found.
  public enum Method: Sendable, Hashable {
    /// Equirectangular projection of the buses' coordinates (degrees).
    case geographic(standardParallelDeg: Double, centralMeridianDeg: Double)
    /// PivotMDS + sparse stress majorization on the branch graph (hop distances).
    case stress
  }

  /// How the positions were found.
  public let method: Method
  /// Per bus, in input order: x, map units from the left edge.
  public let x: [Double]
  /// Per bus, in input order: y, map units from the top edge.
  public let y: [Double]
  /// Width of the map, map units (``mapWidth``; the buses lie inside, ``margin`` from the edges).
  public let width: Double
  /// Height of the map, map units: the buses' extent at the width's scale, with the margins.
  public let height: Double
  /// Map units per kilometre on the standard parallel (geographic layouts); nil otherwise.
  public let unitsPerKm: Double?

  /// Map units left free around the buses.
  public static let margin = 24.0
  /// Width of every map, map units.
  public static let mapWidth = 1000.0

  /// The layout of `network`'s buses: geographic when half of them or more have coordinates.
  public init(network: Network) {
    let n = network.buses.count
    var points = [SIMD2<Double>?](repeating: nil, count: n)
    var placed = 0
    for (p, bus) in network.buses.enumerated() {
      if let lat = bus.info?.latitude, let lon = bus.info?.longitude, lat.isFinite, lon.isFinite {
        points[p] = SIMD2(lon, lat)
        placed += 1
      }
    }
    let edges = Self.edges(network)
    if placed >= 2, 2 * placed >= n {
      let lats = points.compactMap { $0?.y }, lons = points.compactMap { $0?.x }
      let phi0 = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
      let lambda0 = ((lons.min() ?? 0) + (lons.max() ?? 0)) / 2
      let k = cos(phi0 * .pi / 180)
      // Degrees of latitude as the unit: (east, north).
      var projected = points.map { $0.map { SIMD2(($0.x - lambda0) * k, $0.y - phi0) } }
      Self.fillFromNeighbours(&projected, edges: edges)
      let fitted = Self.fit(projected.map { $0 ?? .zero }, flipY: true)
      method = .geographic(standardParallelDeg: phi0, centralMeridianDeg: lambda0)
      x = fitted.points.map(\.x)
      y = fitted.points.map(\.y)
      width = fitted.width
      height = fitted.height
      // One degree of latitude is 2πR/360 km (R = 6,371 km, the mean Earth radius).
      unitsPerKm = fitted.scale / (2 * .pi * 6371 / 360)
    } else {
      let drawn = StressLayout.positions(nodes: n, edges: edges)
      let fitted = Self.fit(drawn, flipY: false)
      method = .stress
      x = fitted.points.map(\.x)
      y = fitted.points.map(\.y)
      width = fitted.width
      height = fitted.height
      unitsPerKm = nil
    }
  }

  /// Branches and HVDC links between buses inside the network, as pairs of bus positions.
  static func edges(_ network: Network) -> [(Int, Int)] {
    var position: [BusID: Int] = [:]
    position.reserveCapacity(network.buses.count)
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    var edges: [(Int, Int)] = []
    edges.reserveCapacity(network.branches.count)
    for branch in network.branches where branch.inService {
      if let a = position[branch.from], let b = position[branch.to] { edges.append((a, b)) }
    }
    for link in network.hvdcLinks {
      if let to = link.to, let a = position[link.from], let b = position[to] { edges.append((a, b)) }
    }
    return edges
  }

  /// Buses without coordinates: the mean of their placed neighbours, wave by wave; those
  /// never reached go in a row under the map.
  private static func fillFromNeighbours(_ points: inout [SIMD2<Double>?], edges: [(Int, Int)]) {
    let graph = Adjacency(nodes: points.count, edges: edges)
    var changed = true
    while changed {
      changed = false
      var next = points
      for i in points.indices where points[i] == nil {
        let known = graph.neighbours[i].compactMap { points[$0] }
        guard !known.isEmpty else { continue }
        next[i] = known.reduce(.zero, +) / Double(known.count)
        changed = true
      }
      points = next
    }
    let placed = points.compactMap { $0 }
    guard placed.count < points.count else { return }
    let low = placed.reduce(SIMD2(Double.infinity, .infinity)) { pointwiseMin($0, $1) }
    let high = placed.reduce(SIMD2(-Double.infinity, -.infinity)) { pointwiseMax($0, $1) }
    let missing = points.indices.filter { points[$0] == nil }
    let step = (high.x - low.x) / Double(max(missing.count, 1))
    for (i, p) in missing.enumerated() { points[p] = SIMD2(low.x + step * Double(i), low.y - 0.05 * (high.y - low.y + 1)) }
  }

  /// Scales `points` uniformly into a map ``mapWidth`` wide (at most 1.3 × as high), with
  /// ``margin`` all round; `flipY` turns north-up coordinates into SVG's y-down.
  private static func fit(_ points: [SIMD2<Double>], flipY: Bool) -> (points: [SIMD2<Double>], width: Double, height: Double, scale: Double) {
    guard !points.isEmpty else { return ([], mapWidth, mapWidth / 2, 1) }
    let low = points.reduce(SIMD2(Double.infinity, .infinity)) { pointwiseMin($0, $1) }
    let high = points.reduce(SIMD2(-Double.infinity, -.infinity)) { pointwiseMax($0, $1) }
    let span = pointwiseMax(high - low, SIMD2(1e-9, 1e-9))
    let inner = mapWidth - 2 * margin
    var scale = inner / span.x
    if span.y * scale > 1.3 * inner { scale = 1.3 * inner / span.y }
    if points.count == 1 || (span.x < 1e-6 && span.y < 1e-6) { scale = 1 }
    let height = max(span.y * scale, 0.25 * inner) + 2 * margin
    let offsetX = (mapWidth - span.x * scale) / 2
    let offsetY = (height - span.y * scale) / 2
    let out = points.map { p -> SIMD2<Double> in
      let u = (p - low) * scale
      return SIMD2(offsetX + u.x, flipY ? height - offsetY - u.y : offsetY + u.y)
    }
    return (out, mapWidth, height, scale)
  }
}
