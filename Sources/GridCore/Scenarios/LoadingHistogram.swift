/// Counts of values in fixed-width bins, for percentiles and duration curves in
/// memory that does not grow with the number of hours.
///
/// Bins of `width` cover `[lower, upper)`; values below or above land in an
/// underflow or overflow bin, and the exact minimum and maximum are kept.
/// A quantile is reported as the upper edge of the bin that holds it, capped
/// at the maximum: it never understates, and overstates by less than `width`
/// when it lies inside `[lower, upper)`. Outside that range it is the maximum
/// (above) or `lower` (below), both still upper bounds.
struct LoadingHistogram: Sendable {
  let lower: Double
  let width: Double
  let binCount: Int
  /// `counts[0]` underflow, `counts[1...binCount]` the bins, `counts[binCount + 1]` overflow.
  private(set) var counts: [UInt32]
  private(set) var total = 0
  private(set) var minimum = Double.infinity
  private(set) var maximum = -Double.infinity

  init(lower: Double, upper: Double, width: Double) {
    precondition(upper > lower && width > 0)
    self.lower = lower
    self.width = width
    binCount = Int(((upper - lower) / width).rounded(.up))
    counts = [UInt32](repeating: 0, count: binCount + 2)
  }

  @inline(__always) mutating func add(_ value: Double) {
    let position = (value - lower) / width
    let bin: Int
    if position < 0 {
      bin = 0
    } else if position >= Double(binCount) {
      bin = binCount + 1
    } else {
      bin = Int(position) + 1
    }
    counts[bin] &+= 1
    total += 1
    if value < minimum { minimum = value }
    if value > maximum { maximum = value }
  }

  /// The nearest-rank quantile: the smallest value `v` with at least `q · total` values ≤ `v`
  /// (rank ⌈q·N⌉), reported as an upper bound (see the type's notes); nil when empty.
  func quantile(_ q: Double) -> Double? {
    guard total > 0 else { return nil }
    let rank = max(1, Int((q * Double(total)).rounded(.up)))
    if rank >= total { return maximum }
    if rank == 1, q <= 0 { return minimum }
    var cumulative = 0
    for bin in counts.indices {
      cumulative += Int(counts[bin])
      guard cumulative >= rank else { continue }
      if bin == 0 { return min(lower, maximum) }
      if bin == binCount + 1 { return maximum }
      return min(lower + Double(bin) * width, maximum)
    }
    return maximum
  }

  /// Duration curve: for p = 0, 1, …, 100, the value reached or exceeded during p % of the hours
  /// (p = 0: the maximum; p = 100: the minimum).
  func durationCurve() -> [Double]? {
    guard total > 0 else { return nil }
    return (0...100).map { p in p == 100 ? minimum : quantile(1 - Double(p) / 100) ?? maximum }
  }
}
