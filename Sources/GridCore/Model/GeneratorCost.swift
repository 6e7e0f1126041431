/// The operating cost of a generator (or of the power sent into a DC line), $/h as a function
/// of its real power P in MW: MATPOWER's `gencost` models 1 and 2.
public enum GeneratorCost: Sendable, Hashable, Codable {
  /// `Σₖ cₖ·Pᵏ`, coefficients highest order first as `gencost` lists them: `[c2, c1, c0]` is
  /// `c2·P² + c1·P + c0` ($/MW²h, $/MWh, $/h). An empty list costs nothing. MATPOWER model 2.
  case polynomial([Double])
  /// Piecewise linear through `points` (P increasing), extended beyond the first and last
  /// point along the end segments. MATPOWER model 1.
  case piecewiseLinear([CostPoint])

  /// A point of a piecewise-linear cost.
  public struct CostPoint: Sendable, Hashable, Codable {
    /// Real power, MW.
    public var mw: Double
    /// Cost at that power, $/h.
    public var costPerHour: Double

    /// The point (`mw` MW, `costPerHour` $/h).
    public init(mw: Double, costPerHour: Double) {
      self.mw = mw
      self.costPerHour = costPerHour
    }
  }

  /// No cost: `polynomial([])`.
  public static let zero = GeneratorCost.polynomial([])

  /// Cost at `p` MW, $/h.
  public func costPerHour(atMW p: Double) -> Double {
    switch self {
    case .polynomial(let c):
      return c.reduce(0) { $0 * p + $1 }  // Horner, highest order first
    case .piecewiseLinear(let points):
      // A convex curve is the maximum of its segments' lines, which is what the OPF minimizes
      // (MATPOWER's constrained cost variable); for a single point, a constant.
      guard points.count >= 2 else { return points.first?.costPerHour ?? 0 }
      var best = -Double.infinity
      for (a, b) in zip(points, points.dropFirst()) {
        let slope = (b.costPerHour - a.costPerHour) / (b.mw - a.mw)
        best = max(best, a.costPerHour + slope * (p - a.mw))
      }
      return best
    }
  }

  /// Polynomial coefficients as `(quadratic, linear, constant)` ($/MW²h, $/MWh, $/h); nil for
  /// a piecewise-linear cost. Throws nothing: degrees above 2 are rejected when costs are built.
  var quadraticLinearConstant: (Double, Double, Double)? {
    guard case .polynomial(let c) = self else { return nil }
    let padded = [Double](repeating: 0, count: max(0, 3 - c.count)) + c.suffix(3)
    return (padded[0], padded[1], padded[2])
  }

  /// Slopes of the segments of a piecewise-linear cost, $/MWh; empty for a polynomial.
  var segmentSlopes: [Double] {
    guard case .piecewiseLinear(let points) = self, points.count >= 2 else { return [] }
    return zip(points, points.dropFirst()).map { ($1.costPerHour - $0.costPerHour) / ($1.mw - $0.mw) }
  }
}
