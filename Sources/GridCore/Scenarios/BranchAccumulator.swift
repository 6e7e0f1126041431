/// Streaming statistics of every branch: the hourly flows pass through once and are not
/// kept, so memory is O(branches × bins), whatever the period.
///
/// The branches are taken in segments of ``segmentBranches``, updated side by side on the
/// run's threads (branches are independent). A segment takes a chunk's hours one at a time,
/// so that its histograms (8 kB per branch) stay in cache instead of every hour touching all
/// of them.
///
/// Sums of flows and loadings are taken per chunk in doubles, hour after hour (one add per
/// branch and hour: the hot loop), and the chunk's sums are then added to ``FixedPointSum``s.
/// A chunk's hours are the same in any run that covers it (shards are cut at chunk
/// boundaries) and the fixed-point sums do not depend on order, so the figures depend on the
/// hours and the chunk length alone — not on the number of threads or on the shards a period
/// was cut into (``tallies`` and ``merge(_:)`` give a partial result's branch sums;
/// docs/scale-out.md).
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

  /// Every branch's running totals, in input order (with its loading histogram when rated).
  var tallies: [BranchTally] { segments.flatMap(\.tallies) }

  /// Adds the totals of later hours, one per branch in input order (exact: the statistics
  /// are then those of both ranges).
  mutating func merge(_ later: [BranchTally]) {
    precondition(later.count == segments.reduce(0) { $0 + $1.branches.count }, "one tally per branch")
    for s in segments.indices { segments[s].merge(later[segments[s].branches]) }
  }
}

/// One branch's running totals over some hours: what a partial result keeps of it.
struct BranchTally: Sendable {
  /// Hours in service, and of those with a rating.
  var hoursInService = 0
  var ratedHours = 0
  /// Rated hours above 80 % and above 100 % of the hour's rating.
  var over80 = 0
  var over100 = 0
  /// Largest |flow|, MW, and largest loading, %.
  var maxAbsFlow = 0.0
  var maxLoading = 0.0
  /// Σ |flow| over the hours in service, MWh, and Σ loading over the rated hours, % · h.
  var sumAbsFlow = FixedPointSum()
  var sumLoading = FixedPointSum()
  /// The loading histogram of a rated branch (``BranchAccumulator/resolutionPct`` bins); nil
  /// for a branch without a rating.
  var histogram: LoadingHistogram? = nil

  /// Adds the totals of later hours (histograms of the same bins).
  mutating func merge(_ later: BranchTally) {
    hoursInService += later.hoursInService
    ratedHours += later.ratedHours
    over80 += later.over80
    over100 += later.over100
    if later.maxAbsFlow > maxAbsFlow { maxAbsFlow = later.maxAbsFlow }
    if later.maxLoading > maxLoading { maxLoading = later.maxLoading }
    sumAbsFlow = sumAbsFlow.adding(later.sumAbsFlow)
    sumLoading = sumLoading.adding(later.sumLoading)
    if let h = later.histogram { histogram?.merge(h) }
  }
}

/// The running totals of consecutive branches.
struct BranchSegment: Sendable {
  let branches: Range<Int>
  /// Per branch of the segment (histograms aside: those are in `histograms`).
  private var totals: [BranchTally]
  /// Per branch of the segment: its loading histogram in `histograms`, −1 for none.
  private let histogramOf: [Int]
  private var histograms: LoadingHistogramSet

  init(network: Network, branches: Range<Int>) {
    self.branches = branches
    totals = Array(repeating: BranchTally(), count: branches.count)
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

  /// Adds the chunk's hours in time order (the chunk's sums in doubles, then those to the
  /// fixed-point sums).
  mutating func add(_ chunk: ScenarioHourChunk, ratings: [[Double]], inService: [[Bool]]) {
    let m = chunk.branchCount, range = branches, lower = range.lowerBound
    let flowsOf = chunk.blocks.map(\.flowsMW)
    let topologyOf = chunk.blocks.map(\.topology)
    var loadings = [Double](repeating: 0, count: branches.count), slots = [Int](repeating: 0, count: branches.count)
    var chunkAbsFlow = [Double](repeating: 0, count: branches.count), chunkLoading = chunkAbsFlow
    let slotOf = histogramOf  // a local reference: a span of self's array would overlap the tallies' span
    for j in 0..<chunk.count {
      let block = chunk.blockOfColumn[j], offset = chunk.positionInBlock[j] * m
      let flowOf = flowsOf[block], ratingOf = ratings[topologyOf[block]], activeOf = inService[topologyOf[block]]
      var count = 0
      do {
        // Spans: bounds-checked like arrays, without a uniqueness check on every store.
        let flow = flowOf.span, rating = ratingOf.span, active = activeOf.span, histogramOf = slotOf.span
        var tally = totals.mutableSpan, hourLoadings = loadings.mutableSpan, hourSlots = slots.mutableSpan
        var sumAbsFlow = chunkAbsFlow.mutableSpan, sumLoading = chunkLoading.mutableSpan
        for b in range where active[b] {
          let t = b - lower, f = abs(flow[offset + b])
          tally[t].hoursInService += 1
          sumAbsFlow[t] += f
          if f > tally[t].maxAbsFlow { tally[t].maxAbsFlow = f }
          guard rating[b] > 0 else { continue }
          let loading = 100 * f / rating[b]
          tally[t].ratedHours += 1
          sumLoading[t] += loading
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
    for t in totals.indices {
      totals[t].sumAbsFlow += chunkAbsFlow[t]
      totals[t].sumLoading += chunkLoading[t]
    }
  }

  func statistics(_ network: Network) -> [BranchStatistics] {
    branches.map { b in
      let t = totals[b - branches.lowerBound], branch = network.branches[b]
      let rated = t.ratedHours > 0
      let slot = histogramOf[b - branches.lowerBound]
      let histogram = slot >= 0 ? histograms.histogram(slot) : nil
      let sumAbsFlow = t.sumAbsFlow.value, sumLoading = t.sumLoading.value
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

  /// The segment's branches' totals, each with its histogram.
  var tallies: [BranchTally] {
    totals.indices.map { t in
      var tally = totals[t]
      tally.histogram = histogramOf[t] >= 0 ? histograms.histogram(histogramOf[t]) : nil
      return tally
    }
  }

  /// Adds later hours' totals of the segment's branches (`later`: one per branch, in order).
  mutating func merge(_ later: ArraySlice<BranchTally>) {
    for (t, tally) in zip(totals.indices, later) {
      var counts = tally
      counts.histogram = nil
      totals[t].merge(counts)
      if histogramOf[t] >= 0, let h = tally.histogram { histograms.merge(h, into: histogramOf[t]) }
    }
  }
}
