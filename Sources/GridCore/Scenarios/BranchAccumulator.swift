/// Streaming statistics of every branch: the hourly flows pass through once and are not
/// kept, so memory is O(branches × bins), whatever the period.
///
/// The branches are taken in segments of ``segmentBranches``, updated side by side on the
/// run's threads (branches are independent). A segment takes a chunk's hours one at a time,
/// so that its histograms (8 kB per branch) stay in cache instead of every hour touching all
/// of them.
///
/// Sums of flows and loadings are kept in three lanes, by the kind of block an hour was
/// solved in: the first and second halves of chunks on one topology, and whole blocks; the
/// means add them in that fixed order. The figures therefore depend on the hours alone, not
/// on the number of threads (and reproduce the engine's earlier per-half sums bit for bit).
struct BranchAccumulator {
  /// Loading histograms cover 0–200 % in 0.1 % bins (above: overflow, reported as the maximum).
  static let resolutionPct = 0.1
  /// Branches per segment.
  static let segmentBranches = 256

  private var segments: [BranchSegment]

  init(network: Network) {
    let m = network.branches.count
    segments = stride(from: 0, to: m, by: Self.segmentBranches).map { start in
      BranchSegment(network: network, branches: start..<min(start + Self.segmentBranches, m))
    }
  }

  /// Adds the hours of a solved chunk, each with its topology's `ratings` (MW, 0: none) and
  /// `inService` flags (per topology, per branch).
  mutating func add(_ chunk: ScenarioHourChunk, ratings: [[Double]], inService: [[Bool]], parallelism: Parallelism) {
    // Side by side only when there is enough to do (about a quarter of a million loadings).
    let worthIt = chunk.branchCount * chunk.count >= 1 << 18
    parallelism.update(&segments, worthIt: worthIt) { _, segment in segment.add(chunk, ratings: ratings, inService: inService) }
  }

  /// Every branch's statistics, in input order.
  func statistics(_ network: Network) -> [BranchStatistics] {
    segments.flatMap { $0.statistics(network) }
  }
}

/// The running totals of consecutive branches.
struct BranchSegment: Sendable {
  /// One branch's running totals. Sums per lane: 0, 1 the halves of one-topology chunks, 2 whole blocks.
  private struct Tally {
    var hoursInService = 0
    var ratedHours = 0
    var over80 = 0
    var over100 = 0
    var maxAbsFlow = 0.0
    var maxLoading = 0.0
    var sumAbsFlow = InlineArray<3, Double>(repeating: 0)
    var sumLoading = InlineArray<3, Double>(repeating: 0)
  }

  let branches: Range<Int>
  private var tallies: [Tally]
  /// Per branch of the segment: its loading histogram in `histograms`, −1 for none.
  private let histogramOf: [Int]
  private var histograms: LoadingHistogramSet

  init(network: Network, branches: Range<Int>) {
    self.branches = branches
    tallies = Array(repeating: Tally(), count: branches.count)
    // Histograms only where the network gives a rating; unlimited branches have no loading.
    var rated = 0
    histogramOf = branches.map { b in
      guard network.branches[b].ratingMW > 0 else { return -1 }
      rated += 1
      return rated - 1
    }
    histograms = LoadingHistogramSet(
      count: rated, lower: 0, upper: 200, width: BranchAccumulator.resolutionPct)
  }

  /// Adds the chunk's hours in time order.
  mutating func add(_ chunk: ScenarioHourChunk, ratings: [[Double]], inService: [[Bool]]) {
    let m = chunk.branchCount, range = branches, lower = range.lowerBound
    let flowsOf = chunk.blocks.map(\.flowsMW), laneOf = chunk.blocks.map { $0.half ?? 2 }
    let topologyOf = chunk.blocks.map(\.topology)
    var loadings = [Double](repeating: 0, count: branches.count), slots = [Int](repeating: 0, count: branches.count)
    let slotOf = histogramOf  // a local reference: a span of self's array would overlap the tallies' span
    for j in 0..<chunk.count {
      let block = chunk.blockOfColumn[j], lane = laneOf[block], offset = chunk.positionInBlock[j] * m
      let flowOf = flowsOf[block], ratingOf = ratings[topologyOf[block]], activeOf = inService[topologyOf[block]]
      var count = 0
      do {
        // Spans: bounds-checked like arrays, without a uniqueness check on every store.
        let flow = flowOf.span, rating = ratingOf.span, active = activeOf.span, histogramOf = slotOf.span
        var tally = tallies.mutableSpan, hourLoadings = loadings.mutableSpan, hourSlots = slots.mutableSpan
        for b in range where active[b] {
          let t = b - lower, f = abs(flow[offset + b])
          tally[t].hoursInService += 1
          tally[t].sumAbsFlow[lane] += f
          if f > tally[t].maxAbsFlow { tally[t].maxAbsFlow = f }
          guard rating[b] > 0 else { continue }
          let loading = 100 * f / rating[b]
          tally[t].ratedHours += 1
          tally[t].sumLoading[lane] += loading
          if loading > tally[t].maxLoading { tally[t].maxLoading = loading }
          // The same tolerance as FlowReport's overloads: exactly at the limit is not above it.
          if loading > 80 + 1e-9 { tally[t].over80 += 1 }
          if loading > 100 + 1e-9 { tally[t].over100 += 1 }
          if histogramOf[t] >= 0 {
            hourLoadings[count] = loading
            hourSlots[count] = histogramOf[t]
            count += 1
          }
        }
      }
      histograms.add(loadings, to: slots, count: count)
    }
  }

  func statistics(_ network: Network) -> [BranchStatistics] {
    branches.map { b in
      let t = tallies[b - branches.lowerBound], branch = network.branches[b]
      let rated = t.ratedHours > 0
      let slot = histogramOf[b - branches.lowerBound]
      let histogram = slot >= 0 ? histograms.histogram(slot) : nil
      // The lanes in their fixed order.
      let sumAbsFlow = (t.sumAbsFlow[0] + t.sumAbsFlow[1]) + t.sumAbsFlow[2]
      let sumLoading = (t.sumLoading[0] + t.sumLoading[1]) + t.sumLoading[2]
      return BranchStatistics(
        index: b, name: branch.name.isEmpty ? "branch \(b + 1)" : branch.name, from: branch.from, to: branch.to,
        ratingMW: branch.ratingMW, hoursInService: t.hoursInService,
        maxLoadingPct: rated ? t.maxLoading : nil,
        meanLoadingPct: rated ? sumLoading / Double(t.ratedHours) : nil,
        p95LoadingPct: rated ? histogram?.quantile(0.95) : nil,
        hoursOver80: t.over80, hoursOver100: t.over100, maxFlowMW: t.maxAbsFlow,
        meanAbsFlowMW: t.hoursInService > 0 ? sumAbsFlow / Double(t.hoursInService) : 0,
        durationCurvePct: rated ? histogram?.durationCurve() : nil)
    }
  }
}
