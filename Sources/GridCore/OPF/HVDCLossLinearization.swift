/// A piecewise-linear, concave model of the power an HVDC link delivers, for an LP: the
/// delivered power `PT` may be at most each line `PT ≤ aⱼ + bⱼ·PF` (a convex set in (PF, PT)).
///
/// The lines join `segments + 1` equally spaced points of the link's own loss model
/// (``HVDCLink/transfer(at:)``) between 0 and `maxMW` (the upper concave hull of those points:
/// where the model is concave, as the physical model's `c0 + c1·P` stations and `poles·I²·R`
/// line are above the stations' fixed loss, these are its chords). Between the points a chord
/// lies below the concave curve, so the LP delivers a little less than the link would:
/// ``maxErrorMW`` is the largest gap, found by sampling each segment (for a line loss `k·P²` it
/// is `k·h²/4` with h the segment width). A MATPOWER `dcline` (`PT = PF − LOSS0 − LOSS1·PF`) is
/// linear and exact: one line, no error.
public struct HVDCLossLinearization: Sendable, Hashable {
  /// The lines: `PT ≤ intercept + slope·PF`, MW.
  public var lines: [(intercept: Double, slope: Double)] { zip(intercepts, slopes).map { ($0, $1) } }
  var intercepts: [Double]
  var slopes: [Double]
  /// Segments between the points (1 for a linear loss model).
  public var segments: Int
  /// The range of PF covered, MW: 0 … maxMW.
  public var maxMW: Double
  /// The largest amount by which the model's `PT` falls short of (or exceeds) the link's own
  /// loss model over 0 … maxMW, MW.
  public var maxErrorMW: Double

  /// The model of `link` over 0 … `maxMW` (> 0) with `segments` (≥ 1) pieces.
  public init(_ link: HVDCLink, maxMW: Double, segments: Int) {
    var probe = link
    probe.inService = true
    if case .matpower(let loss0, let loss1) = link.losses {
      intercepts = [-loss0]
      slopes = [1 - loss1]
      self.segments = 1
      self.maxMW = maxMW
      maxErrorMW = 0
      return
    }
    let n = max(1, segments)
    let xs = (0...n).map { maxMW * Double($0) / Double(n) }
    let ys = xs.map { probe.transfer(at: $0).toMW }
    // Upper concave hull (monotone chain over increasing x).
    var hull: [Int] = []
    for j in xs.indices {
      while hull.count >= 2 {
        let a = hull[hull.count - 2], b = hull[hull.count - 1]
        // b is below the segment a–j: drop it.
        if (ys[b] - ys[a]) * (xs[j] - xs[a]) <= (ys[j] - ys[a]) * (xs[b] - xs[a]) { hull.removeLast() } else { break }
      }
      hull.append(j)
    }
    var intercepts: [Double] = [], slopes: [Double] = []
    for (a, b) in zip(hull, hull.dropFirst()) {
      let slope = (ys[b] - ys[a]) / (xs[b] - xs[a])
      slopes.append(slope)
      intercepts.append(ys[a] - slope * xs[a])
    }
    self.intercepts = intercepts
    self.slopes = slopes
    self.segments = slopes.count
    self.maxMW = maxMW
    var error = 0.0
    for s in 0..<(n * 64) {
      let x = maxMW * Double(s) / Double(n * 64)
      let model = zip(intercepts, slopes).map { $0 + $1 * x }.min() ?? 0
      error = max(error, abs(model - probe.transfer(at: x).toMW))
    }
    maxErrorMW = error
  }

  /// `PT` of the model at `pf`, MW: the lowest of the lines.
  public func deliveredMW(at pf: Double) -> Double {
    zip(intercepts, slopes).map { $0 + $1 * pf }.min() ?? pf
  }
}
