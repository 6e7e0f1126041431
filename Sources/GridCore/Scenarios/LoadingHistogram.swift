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
    binCount = Self.binCount(lower: lower, upper: upper, width: width)
    counts = [UInt32](repeating: 0, count: binCount + 2)
  }

  /// A histogram with its counts given (one of a ``LoadingHistogramSet``, or read back from a
  /// partial result): `counts` has `binCount + 2` entries (underflow, bins, overflow).
  init(lower: Double, width: Double, binCount: Int, counts: [UInt32], total: Int, minimum: Double, maximum: Double) {
    precondition(counts.count == binCount + 2, "LoadingHistogram: binCount + 2 counts")
    self.lower = lower
    self.width = width
    self.binCount = binCount
    self.counts = counts
    self.total = total
    self.minimum = minimum
    self.maximum = maximum
  }

  /// Adds the values of `other`, a histogram of the same bins.
  mutating func merge(_ other: LoadingHistogram) {
    precondition(other.binCount == binCount && other.lower == lower && other.width == width, "LoadingHistogram: different bins")
    for i in counts.indices { counts[i] &+= other.counts[i] }
    total += other.total
    if other.minimum < minimum { minimum = other.minimum }
    if other.maximum > maximum { maximum = other.maximum }
  }

  static func binCount(lower: Double, upper: Double, width: Double) -> Int {
    Int(((upper - lower) / width).rounded(.up))
  }

  /// Index in `counts` of the bin that holds `value`.
  @inline(__always) fileprivate static func bin(of value: Double, lower: Double, width: Double, binCount: Int) -> Int {
    let position = (value - lower) / width
    // `!(position >= 0)` also takes NaN, which the hour engine never hands on (it stops with
    // ScenarioError.nonFinite), so that no value can make `Int(position)` trap.
    if !(position >= 0) { return 0 }
    if position >= Double(binCount) { return binCount + 1 }
    return Int(position) + 1
  }

  @inline(__always) mutating func add(_ value: Double) {
    counts[Self.bin(of: value, lower: lower, width: width, binCount: binCount)] &+= 1
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

/// Many histograms with the same bins (one per branch), in one flat array: adding a value
/// is an index computation, without a nested array to check for uniqueness on every hour.
struct LoadingHistogramSet: Sendable {
  let lower: Double
  let width: Double
  let binCount: Int
  private var counts: [UInt32]
  /// Per histogram: how many values, and the smallest and largest.
  private var extents: [(total: Int, minimum: Double, maximum: Double)]

  init(count: Int, lower: Double, upper: Double, width: Double) {
    precondition(upper > lower && width > 0)
    self.lower = lower
    self.width = width
    binCount = LoadingHistogram.binCount(lower: lower, upper: upper, width: width)
    counts = [UInt32](repeating: 0, count: count * (binCount + 2))
    extents = Array(repeating: (0, .infinity, -.infinity), count: count)
  }

  /// Adds `values[i]` to histogram `slots[i]`, for i < `count`.
  mutating func add(_ values: [Double], to slots: [Int], count: Int) {
    let stride = binCount + 2, lower = self.lower, width = self.width, binCount = self.binCount
    // Both arrays at once: swapped out of self (no copy), since two spans may not borrow self together.
    var counts: [UInt32] = [], extents: [(total: Int, minimum: Double, maximum: Double)] = []
    swap(&counts, &self.counts)
    swap(&extents, &self.extents)
    defer {
      swap(&counts, &self.counts)
      swap(&extents, &self.extents)
    }
    let value = values.span, slot = slots.span
    var bins = counts.mutableSpan, extent = extents.mutableSpan
    for i in 0..<count {
      let v = value[i], h = slot[i]
      bins[h * stride + LoadingHistogram.bin(of: v, lower: lower, width: width, binCount: binCount)] &+= 1
      extent[h].total += 1
      if v < extent[h].minimum { extent[h].minimum = v }
      if v > extent[h].maximum { extent[h].maximum = v }
    }
  }

  /// Adds the values of `other` (a histogram of the same bins) to histogram `h`.
  mutating func merge(_ other: LoadingHistogram, into h: Int) {
    precondition(other.binCount == binCount && other.lower == lower && other.width == width, "LoadingHistogramSet: different bins")
    let start = h * (binCount + 2)
    for i in 0..<(binCount + 2) { counts[start + i] &+= other.counts[i] }
    extents[h].total += other.total
    if other.minimum < extents[h].minimum { extents[h].minimum = other.minimum }
    if other.maximum > extents[h].maximum { extents[h].maximum = other.maximum }
  }

  /// Histogram `h` on its own, for its quantiles and duration curve.
  func histogram(_ h: Int) -> LoadingHistogram {
    let start = h * (binCount + 2)
    return LoadingHistogram(
      lower: lower, width: width, binCount: binCount, counts: Array(counts[start..<(start + binCount + 2)]),
      total: extents[h].total, minimum: extents[h].minimum, maximum: extents[h].maximum)
  }
}
