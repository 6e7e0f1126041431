/// Streaming statistics of every branch: the hourly flows pass through once and
/// are not kept, so memory is O(branches × bins), whatever the period.
struct BranchAccumulator {
  /// Loading histograms cover 0–200 % in 0.1 % bins (above: overflow, reported as the maximum).
  static let resolutionPct = 0.1

  /// One branch's running totals, together in one cache line.
  private struct Tally {
    var hoursInService = 0
    var ratedHours = 0
    var over80 = 0
    var over100 = 0
    var sumAbsFlow = 0.0
    var maxAbsFlow = 0.0
    var sumLoading = 0.0
    var maxLoading = 0.0
  }

  private var tallies: [Tally]
  /// Loading histogram of each rated branch: `histogramOf[b]` in `histograms`, −1 for none.
  private let histogramOf: [Int]
  private var histograms: LoadingHistogramSet

  init(network: Network) {
    tallies = Array(repeating: Tally(), count: network.branches.count)
    // Histograms only where some topology gives a rating; unlimited branches have no loading.
    var rated = 0
    histogramOf = network.branches.map { branch in
      guard branch.ratingMW > 0 else { return -1 }
      rated += 1
      return rated - 1
    }
    histograms = LoadingHistogramSet(count: rated, lower: 0, upper: 200, width: Self.resolutionPct)
  }

  /// Adds `hours` hours: `flows[j · m + b]` is branch b's from-end flow in hour j, MW, and
  /// `topology[j]` indexes that hour's `ratings` and `inService`.
  ///
  /// Branches are taken a block at a time through all the hours, so that the block's
  /// histograms (8 kB per branch) stay in cache instead of every hour touching all of them.
  mutating func add(flows: [Double], hours: Int, topology: [Int], ratings: [[Double]], inService: [[Bool]]) {
    let m = tallies.count
    var loadings = [Double](repeating: 0, count: 256), slots = [Int](repeating: 0, count: 256)
    let slotOf = histogramOf  // a local reference: a span of self's array would overlap the tallies' span
    for blockStart in stride(from: 0, to: m, by: 256) {
      let block = blockStart..<min(blockStart + 256, m)
      for j in 0..<hours {
        let ratingOf = ratings[topology[j]], activeOf = inService[topology[j]], offset = j * m
        var count = 0
        do {
          // Spans: bounds-checked like arrays, without a uniqueness check on every store.
          let flow = flows.span, rating = ratingOf.span, active = activeOf.span, histogramOf = slotOf.span
          var tally = tallies.mutableSpan, blockLoadings = loadings.mutableSpan, blockSlots = slots.mutableSpan
          for b in block where active[b] {
            let f = abs(flow[offset + b])
            tally[b].hoursInService += 1
            tally[b].sumAbsFlow += f
            if f > tally[b].maxAbsFlow { tally[b].maxAbsFlow = f }
            guard rating[b] > 0 else { continue }
            let loading = 100 * f / rating[b]
            tally[b].ratedHours += 1
            tally[b].sumLoading += loading
            if loading > tally[b].maxLoading { tally[b].maxLoading = loading }
            // The same tolerance as FlowReport's overloads: exactly at the limit is not above it.
            if loading > 80 + 1e-9 { tally[b].over80 += 1 }
            if loading > 100 + 1e-9 { tally[b].over100 += 1 }
            if histogramOf[b] >= 0 {
              blockLoadings[count] = loading
              blockSlots[count] = histogramOf[b]
              count += 1
            }
          }
        }
        histograms.add(loadings, to: slots, count: count)
      }
    }
  }

  /// Adds the hours another accumulator of the same network has seen.
  mutating func merge(_ other: BranchAccumulator) {
    for b in tallies.indices {
      let o = other.tallies[b]
      tallies[b].hoursInService += o.hoursInService
      tallies[b].ratedHours += o.ratedHours
      tallies[b].over80 += o.over80
      tallies[b].over100 += o.over100
      tallies[b].sumAbsFlow += o.sumAbsFlow
      tallies[b].sumLoading += o.sumLoading
      tallies[b].maxAbsFlow = max(tallies[b].maxAbsFlow, o.maxAbsFlow)
      tallies[b].maxLoading = max(tallies[b].maxLoading, o.maxLoading)
    }
    histograms.merge(other.histograms)
  }

  func statistics(_ network: Network) -> [BranchStatistics] {
    network.branches.enumerated().map { b, branch in
      let t = tallies[b]
      let rated = t.ratedHours > 0
      let histogram = histogramOf[b] >= 0 ? histograms.histogram(histogramOf[b]) : nil
      return BranchStatistics(
        index: b, name: branch.name.isEmpty ? "branch \(b + 1)" : branch.name, from: branch.from, to: branch.to,
        ratingMW: branch.ratingMW, hoursInService: t.hoursInService,
        maxLoadingPct: rated ? t.maxLoading : nil,
        meanLoadingPct: rated ? t.sumLoading / Double(t.ratedHours) : nil,
        p95LoadingPct: rated ? histogram?.quantile(0.95) : nil,
        hoursOver80: t.over80, hoursOver100: t.over100, maxFlowMW: t.maxAbsFlow,
        meanAbsFlowMW: t.hoursInService > 0 ? t.sumAbsFlow / Double(t.hoursInService) : 0,
        durationCurvePct: rated ? histogram?.durationCurve() : nil)
    }
  }
}

/// Streaming energy of one HVDC link or corridor.
struct TransferAccumulator {
  let name: String
  let displayName: String?
  let ratingMW: Double
  private var sent = 0.0
  private var delivered = 0.0
  private var maxSend = -Double.infinity
  private var hoursInUse = 0
  private var hoursOver = 0
  private var monthlySent: [Double]
  private var monthlyDelivered: [Double]
  /// Sending power, % of rating, −200…200 % in 0.1 % bins.
  private var histogram: LoadingHistogram?

  init(name: String, displayName: String?, ratingMW: Double, months: Int) {
    self.name = name
    self.displayName = displayName
    self.ratingMW = ratingMW
    monthlySent = Array(repeating: 0, count: months)
    monthlyDelivered = monthlySent
    histogram = ratingMW > 0 ? LoadingHistogram(lower: -200, upper: 200, width: BranchAccumulator.resolutionPct) : nil
  }

  mutating func add(sendMW: Double, deliverMW: Double, month: Int) {
    sent += sendMW
    delivered += deliverMW
    monthlySent[month] += sendMW
    monthlyDelivered[month] += deliverMW
    if sendMW > maxSend { maxSend = sendMW }
    if sendMW > 0 { hoursInUse += 1 }
    if ratingMW > 0, sendMW > ratingMW * (1 + 1e-11) { hoursOver += 1 }
    if ratingMW > 0 { histogram?.add(100 * sendMW / ratingMW) }
  }

  var statistics: TransferStatistics {
    TransferStatistics(
      name: name, displayName: displayName, ratingMW: ratingMW, sentMWh: sent, deliveredMWh: delivered,
      hoursInUse: hoursInUse, hoursOverRating: hoursOver, maxSendMW: maxSend.isFinite ? maxSend : 0,
      monthlySentMWh: monthlySent, monthlyDeliveredMWh: monthlyDelivered, durationCurvePct: histogram?.durationCurve())
  }
}

/// Region and system totals of the dispatch (no flows needed).
struct SystemAccumulator {
  var regions: [RegionStatistics]
  var totals = ScenarioTotals(
    demandMWh: 0, unservedMWh: 0, peakDemandMW: 0, generationMWh: [:], availableMWh: [:], installedAtEndMW: [:],
    hvdcSentMWh: 0, hvdcDeliveredMWh: 0, mustRunCutMWh: 0, slackAbsMWh: 0, maxAbsSlackMW: 0, hoursCurtailed: 0,
    hoursUnserved: 0)
  /// Per technology, indexed by `Technology.allCases` order (dictionaries are too slow per hour).
  private var generation = [Double](repeating: 0, count: Technology.allCases.count)
  private var available = [Double](repeating: 0, count: Technology.allCases.count)
  private let techIndex: [Int]
  private let windIndex = Technology.allCases.firstIndex(of: .wind) ?? 0

  init(model: ScenarioHourModel) {
    regions = model.regionNames.map {
      RegionStatistics(name: $0, demandMWh: 0, unservedMWh: 0, windAvailableMWh: 0, windMWh: 0, solarAvailableMWh: 0, solarMWh: 0)
    }
    let all = Technology.allCases
    techIndex = model.scenario.network.generators.map { g in all.firstIndex(of: g.technology) ?? 0 }
  }

  mutating func add(_ s: HourState, model: ScenarioHourModel) {
    for g in model.dispatcher.dispatchable {
      generation[techIndex[g]] += s.output[g]
      available[techIndex[g]] += s.available[g]
    }
    for g in model.dispatcher.variable {
      generation[techIndex[g]] += s.output[g]
      available[techIndex[g]] += s.available[g]
      if techIndex[g] == windIndex {
        regions[model.generatorRegion[g]].windMWh += s.output[g]
        regions[model.generatorRegion[g]].windAvailableMWh += s.available[g]
      } else {
        regions[model.generatorRegion[g]].solarMWh += s.output[g]
        regions[model.generatorRegion[g]].solarAvailableMWh += s.available[g]
      }
    }
    var demand = 0.0
    for d in model.demandBus.indices {
      demand += s.demand[d]
      regions[model.demandRegion[d]].demandMWh += s.demand[d]
      regions[model.demandRegion[d]].unservedMWh += s.demand[d] - s.served[d]
    }
    for mw in model.shuntMW { demand += mw }
    totals.demandMWh += demand
    totals.peakDemandMW = max(totals.peakDemandMW, demand)
    totals.unservedMWh += s.outcome.shortageMW
    totals.mustRunCutMWh += s.outcome.mustRunCutMW
    if s.outcome.curtailedMW > 1e-6 { totals.hoursCurtailed += 1 }
    if s.outcome.shortageMW > 1e-6 { totals.hoursUnserved += 1 }
    for t in s.hvdc {
      totals.hvdcSentMWh += t.sendMW
      totals.hvdcDeliveredMWh += t.receiveMW
    }
  }

  mutating func addSlack(_ mw: Double) {
    totals.slackAbsMWh += abs(mw)
    totals.maxAbsSlackMW = max(totals.maxAbsSlackMW, abs(mw))
  }

  /// Moves the per-technology sums into the totals and records installed capacity in the last hour.
  mutating func finish(model: ScenarioHourModel) {
    for (i, tech) in Technology.allCases.enumerated() where available[i] != 0 || generation[i] != 0 {
      totals.generationMWh[tech] = generation[i]
      totals.availableMWh[tech] = available[i]
    }
    let network = model.scenario.network, profiles = model.scenario.profiles
    for (g, gen) in network.generators.enumerated() where model.generatorBus[g] >= 0 {
      let share = model.scenario.generatorCapacity[g]?.value(profiles, hour: profiles.hours - 1) ?? 1
      totals.installedAtEndMW[gen.technology, default: 0] += model.capacity[g] * share
    }
  }
}
