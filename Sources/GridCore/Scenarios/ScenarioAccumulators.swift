/// Streaming energy of one HVDC link or corridor.
struct TransferAccumulator {
  let name: String
  let displayName: String?
  let ratingMW: Double
  /// The period's first calendar day (hours since 1970 ÷ 24).
  let firstDay: Int
  /// What the hours added so far sum to (mergeable: ``TransferTally/merge(_:)``).
  var tally: TransferTally

  /// An empty accumulator for a period of `months` months and `days` calendar days from `firstDay`.
  init(name: String, displayName: String?, ratingMW: Double, months: Int, firstDay: Int, days: Int) {
    self.name = name
    self.displayName = displayName
    self.ratingMW = ratingMW
    self.firstDay = firstDay
    tally = TransferTally(
      months: months, days: days,
      histogram: ratingMW > 0 ? LoadingHistogram(lower: -200, upper: 200, width: BranchAccumulator.resolutionPct) : nil)
  }

  mutating func add(sendMW: Double, deliverMW: Double, month: Int, day: Int) {
    tally.add(sendMW: sendMW, deliverMW: deliverMW, month: month, day: day - firstDay, ratingMW: ratingMW)
  }

  var statistics: TransferStatistics {
    let t = tally
    // The largest whole or partial day, the first one on a tie.
    var maxDay: Int? = nil, maxDaySent = -Double.infinity
    for (d, sum) in t.dailySent.enumerated() where d >= t.firstTouchedDay {
      let v = sum.value
      if v > maxDaySent {
        maxDaySent = v
        maxDay = d
      }
    }
    let touched = t.touchedDays
    return TransferStatistics(
      name: name, displayName: displayName, ratingMW: ratingMW, sentMWh: t.sent.value, deliveredMWh: t.delivered.value,
      hoursInUse: t.hoursInUse, hoursOverRating: t.hoursOver, maxSendMW: t.maxSendMW ?? 0,
      monthlySentMWh: t.monthlySent.map(\.value), monthlyDeliveredMWh: t.monthlyDelivered.map(\.value),
      durationCurvePct: t.histogram?.durationCurve(),
      maxDailySentMWh: maxDay == nil ? 0 : maxDaySent,
      maxDailySentDay: maxDay.map { ClockHour(index: (firstDay + $0) * 24) },
      firstDay: touched.isEmpty ? nil : ClockHour(index: (firstDay + touched.lowerBound) * 24),
      dailySentMWh: t.dailySent[touched].map(\.value), dailyDeliveredMWh: t.dailyDelivered[touched].map(\.value))
  }
}

/// The sums of one HVDC link or corridor over some hours: what a partial result keeps of it
/// (docs/scale-out.md). Sums are ``FixedPointSum``s, so two tallies of consecutive hour ranges
/// merge into exactly the tally of both.
struct TransferTally: Sendable {
  /// Energy sent and delivered, MWh.
  var sent = FixedPointSum()
  var delivered = FixedPointSum()
  /// Largest hourly sending power, MW; nil before the first hour.
  var maxSendMW: Double? = nil
  /// Hours with power sent (> 0), and above the rating.
  var hoursInUse = 0
  var hoursOver = 0
  /// Per month of the period: energy sent and delivered, MWh.
  var monthlySent: [FixedPointSum]
  var monthlyDelivered: [FixedPointSum]
  /// Per calendar day of the period (from its first day): energy sent and delivered, MWh.
  var dailySent: [FixedPointSum]
  var dailyDelivered: [FixedPointSum]
  /// Days with at least one hour added (`Int.max`…`Int.min` when none).
  var firstTouchedDay = Int.max
  var lastTouchedDay = Int.min
  /// Sending power, % of rating, −200…200 % in 0.1 % bins; nil without a rating.
  var histogram: LoadingHistogram?

  init(months: Int, days: Int, histogram: LoadingHistogram?) {
    monthlySent = Array(repeating: FixedPointSum(), count: months)
    monthlyDelivered = monthlySent
    dailySent = Array(repeating: FixedPointSum(), count: days)
    dailyDelivered = dailySent
    self.histogram = histogram
  }

  /// The days with hours, as indices of ``dailySent``.
  var touchedDays: Range<Int> { firstTouchedDay <= lastTouchedDay ? firstTouchedDay..<(lastTouchedDay + 1) : 0..<0 }

  /// One hour: `month` and `day` are 0-based in the period.
  mutating func add(sendMW: Double, deliverMW: Double, month: Int, day: Int, ratingMW: Double) {
    firstTouchedDay = min(firstTouchedDay, day)
    lastTouchedDay = max(lastTouchedDay, day)
    dailySent[day] += sendMW
    dailyDelivered[day] += deliverMW
    sent += sendMW
    delivered += deliverMW
    monthlySent[month] += sendMW
    monthlyDelivered[month] += deliverMW
    if sendMW > (maxSendMW ?? -.infinity) { maxSendMW = sendMW }
    if sendMW > 0 { hoursInUse += 1 }
    if ratingMW > 0, sendMW > ratingMW * (1 + 1e-11) { hoursOver += 1 }
    if ratingMW > 0 { histogram?.add(100 * sendMW / ratingMW) }
  }

  /// Adds the tally of later hours (exact: the result is the tally of both ranges).
  mutating func merge(_ later: TransferTally) {
    sent = sent.adding(later.sent)
    delivered = delivered.adding(later.delivered)
    if let m = later.maxSendMW, m > (maxSendMW ?? -.infinity) { maxSendMW = m }
    hoursInUse += later.hoursInUse
    hoursOver += later.hoursOver
    for i in monthlySent.indices where i < later.monthlySent.count {
      monthlySent[i] = monthlySent[i].adding(later.monthlySent[i])
      monthlyDelivered[i] = monthlyDelivered[i].adding(later.monthlyDelivered[i])
    }
    for d in dailySent.indices where d < later.dailySent.count {
      dailySent[d] = dailySent[d].adding(later.dailySent[d])
      dailyDelivered[d] = dailyDelivered[d].adding(later.dailyDelivered[d])
    }
    firstTouchedDay = min(firstTouchedDay, later.firstTouchedDay)
    lastTouchedDay = max(lastTouchedDay, later.lastTouchedDay)
    if let h = later.histogram { histogram?.merge(h) }
  }
}

/// Region and system totals of the dispatch (no flows needed).
struct SystemAccumulator {
  let regionNames: [String]
  /// What the hours added so far sum to (mergeable: ``SystemTally/merge(_:)``).
  var tally: SystemTally
  private let techIndex: [Int]
  private let windIndex = Technology.allCases.firstIndex(of: .wind) ?? 0
  /// The current hour's figures per technology (installed, generation, available) and per
  /// region (demand, unserved, wind, wind available, solar, solar available), MW: summed in
  /// doubles within the hour (a fixed order), then added to the fixed-point sums once each.
  private var hourTech: [Double]
  private var hourRegion: [Double]

  init(model: ScenarioHourModel) {
    regionNames = model.regionNames
    tally = SystemTally(regions: model.regionNames.count)
    let all = Technology.allCases
    techIndex = model.scenario.network.generators.map { g in all.firstIndex(of: g.technology) ?? 0 }
    hourTech = Array(repeating: 0, count: 3 * all.count)
    hourRegion = Array(repeating: 0, count: 6 * model.regionNames.count)
  }

  mutating func add(_ s: HourState, model: ScenarioHourModel, hour h: Int) {
    let scenario = model.scenario, techs = Technology.allCases.count
    for i in hourTech.indices { hourTech[i] = 0 }
    for i in hourRegion.indices { hourRegion[i] = 0 }
    // hourTech: [installed | generation | available] by technology; hourRegion: 6 per region.
    for g in model.dispatcher.variable {
      hourTech[techIndex[g]] += model.capacity[g] * (scenario.generatorCapacity[g]?.value(scenario.profiles, hour: h) ?? 1)
    }
    for g in model.dispatcher.dispatchable {
      hourTech[techs + techIndex[g]] += s.output[g]
      hourTech[2 * techs + techIndex[g]] += s.available[g]
    }
    for g in model.dispatcher.variable {
      hourTech[techs + techIndex[g]] += s.output[g]
      hourTech[2 * techs + techIndex[g]] += s.available[g]
      let r = 6 * model.generatorRegion[g] + (techIndex[g] == windIndex ? 2 : 4)
      hourRegion[r] += s.output[g]
      hourRegion[r + 1] += s.available[g]
    }
    var demand = 0.0
    for d in model.demandBus.indices {
      demand += s.demand[d]
      let r = 6 * model.demandRegion[d]
      hourRegion[r] += s.demand[d]
      hourRegion[r + 1] += s.demand[d] - s.served[d]
    }
    for t in 0..<techs {
      tally.installed[t] += hourTech[t]
      tally.generation[t] += hourTech[techs + t]
      tally.available[t] += hourTech[2 * techs + t]
    }
    for r in tally.regions.indices {
      let o = 6 * r
      tally.regions[r].demand += hourRegion[o]
      tally.regions[r].unserved += hourRegion[o + 1]
      tally.regions[r].wind += hourRegion[o + 2]
      tally.regions[r].windAvailable += hourRegion[o + 3]
      tally.regions[r].solar += hourRegion[o + 4]
      tally.regions[r].solarAvailable += hourRegion[o + 5]
      if hourRegion[o] > tally.regions[r].peakMW {
        tally.regions[r].peakMW = hourRegion[o]
        tally.regions[r].peakHour = h
      }
    }
    for mw in model.shuntMW { demand += mw }
    tally.demand += demand
    tally.peakDemandMW = max(tally.peakDemandMW, demand)
    tally.unserved += s.outcome.shortageMW
    tally.mustRunCut += s.outcome.mustRunCutMW
    if s.outcome.curtailedMW > 1e-6 { tally.hoursCurtailed += 1 }
    if s.outcome.shortageMW > 1e-6 { tally.hoursUnserved += 1 }
    for t in s.hvdc {
      tally.hvdcSent += t.sendMW
      tally.hvdcDelivered += t.receiveMW
    }
  }

  mutating func addSlack(_ mw: Double) {
    tally.slackAbs += abs(mw)
    tally.maxAbsSlackMW = max(tally.maxAbsSlackMW, abs(mw))
  }

  /// The regions and totals of the hours added, with the installed capacity in the last hour
  /// of the period.
  func finish(model: ScenarioHourModel) -> (regions: [RegionStatistics], totals: ScenarioTotals) {
    let t = tally, start = model.scenario.start
    let regions = zip(regionNames, t.regions).map { name, r in
      RegionStatistics(
        name: name, demandMWh: r.demand.value, unservedMWh: r.unserved.value, windAvailableMWh: r.windAvailable.value,
        windMWh: r.wind.value, solarAvailableMWh: r.solarAvailable.value, solarMWh: r.solar.value, peakDemandMW: r.peakMW,
        peakTime: r.peakHour.map { start.adding(hours: $0) })
    }
    var totals = ScenarioTotals(
      demandMWh: t.demand.value, unservedMWh: t.unserved.value, peakDemandMW: t.peakDemandMW, generationMWh: [:], availableMWh: [:],
      installedAtEndMW: [:], hvdcSentMWh: t.hvdcSent.value, hvdcDeliveredMWh: t.hvdcDelivered.value,
      mustRunCutMWh: t.mustRunCut.value, slackAbsMWh: t.slackAbs.value, maxAbsSlackMW: t.maxAbsSlackMW,
      hoursCurtailed: t.hoursCurtailed, hoursUnserved: t.hoursUnserved, installedMWh: [:])
    for (i, tech) in Technology.allCases.enumerated() {
      let generation = t.generation[i].value, available = t.available[i].value, installed = t.installed[i].value
      guard available != 0 || generation != 0 else { continue }
      totals.generationMWh[tech] = generation
      totals.availableMWh[tech] = available
      if installed > 0 { totals.installedMWh[tech] = installed }
    }
    let network = model.scenario.network, profiles = model.scenario.profiles
    for (g, gen) in network.generators.enumerated() where model.generatorBus[g] >= 0 {
      let share = model.scenario.generatorCapacity[g]?.value(profiles, hour: profiles.hours - 1) ?? 1
      totals.installedAtEndMW[gen.technology, default: 0] += model.capacity[g] * share
    }
    return (regions, totals)
  }
}

/// The system and region sums over some hours: what a partial result keeps of the dispatch
/// (docs/scale-out.md). Energies MWh, powers MW.
struct SystemTally: Sendable {
  /// One region's sums.
  struct Region: Sendable {
    var demand = FixedPointSum()
    var unserved = FixedPointSum()
    var windAvailable = FixedPointSum()
    var wind = FixedPointSum()
    var solarAvailable = FixedPointSum()
    var solar = FixedPointSum()
    /// Largest hourly demand (0 before any) and its hour in the period (the first on a tie).
    var peakMW = 0.0
    var peakHour: Int? = nil
  }

  var regions: [Region]
  var demand = FixedPointSum()
  var unserved = FixedPointSum()
  var mustRunCut = FixedPointSum()
  var hvdcSent = FixedPointSum()
  var hvdcDelivered = FixedPointSum()
  var slackAbs = FixedPointSum()
  var peakDemandMW = 0.0
  var maxAbsSlackMW = 0.0
  var hoursCurtailed = 0
  var hoursUnserved = 0
  /// Per technology (`Technology.allCases` order): generation, availability and Σ hourly
  /// installed capacity, MWh.
  var generation = [FixedPointSum](repeating: FixedPointSum(), count: Technology.allCases.count)
  var available = [FixedPointSum](repeating: FixedPointSum(), count: Technology.allCases.count)
  var installed = [FixedPointSum](repeating: FixedPointSum(), count: Technology.allCases.count)

  init(regions: Int) { self.regions = Array(repeating: Region(), count: regions) }

  /// Adds the tally of later hours (exact: the result is the tally of both ranges).
  mutating func merge(_ later: SystemTally) {
    for r in regions.indices where r < later.regions.count {
      let b = later.regions[r]
      regions[r].demand = regions[r].demand.adding(b.demand)
      regions[r].unserved = regions[r].unserved.adding(b.unserved)
      regions[r].windAvailable = regions[r].windAvailable.adding(b.windAvailable)
      regions[r].wind = regions[r].wind.adding(b.wind)
      regions[r].solarAvailable = regions[r].solarAvailable.adding(b.solarAvailable)
      regions[r].solar = regions[r].solar.adding(b.solar)
      if b.peakMW > regions[r].peakMW {
        regions[r].peakMW = b.peakMW
        regions[r].peakHour = b.peakHour
      }
    }
    demand = demand.adding(later.demand)
    unserved = unserved.adding(later.unserved)
    mustRunCut = mustRunCut.adding(later.mustRunCut)
    hvdcSent = hvdcSent.adding(later.hvdcSent)
    hvdcDelivered = hvdcDelivered.adding(later.hvdcDelivered)
    slackAbs = slackAbs.adding(later.slackAbs)
    peakDemandMW = max(peakDemandMW, later.peakDemandMW)
    maxAbsSlackMW = max(maxAbsSlackMW, later.maxAbsSlackMW)
    hoursCurtailed += later.hoursCurtailed
    hoursUnserved += later.hoursUnserved
    for i in generation.indices where i < later.generation.count {
      generation[i] = generation[i].adding(later.generation[i])
      available[i] = available[i].adding(later.available[i])
      installed[i] = installed[i].adding(later.installed[i])
    }
  }
}
