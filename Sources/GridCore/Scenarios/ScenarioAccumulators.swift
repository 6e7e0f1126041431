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

  /// Day (hours since 1970 ÷ 24) being summed, its energy sent so far, and the largest whole
  /// or partial day so far with its day.
  private var day = Int.min
  private var daySent = 0.0
  private var maxDaySent = -Double.infinity
  private var maxDay = 0
  /// Energy sent and delivered per calendar day, from the period's first day.
  private var firstDay = Int.min
  private var dailySent: [Double] = []
  private var dailyDelivered: [Double] = []

  mutating func add(sendMW: Double, deliverMW: Double, month: Int, day: Int) {
    if day != self.day {
      closeDay()
      self.day = day
      daySent = 0
      if firstDay == Int.min { firstDay = day }
      while dailySent.count <= day - firstDay {
        dailySent.append(0)
        dailyDelivered.append(0)
      }
    }
    daySent += sendMW
    dailySent[day - firstDay] += sendMW
    dailyDelivered[day - firstDay] += deliverMW
    sent += sendMW
    delivered += deliverMW
    monthlySent[month] += sendMW
    monthlyDelivered[month] += deliverMW
    if sendMW > maxSend { maxSend = sendMW }
    if sendMW > 0 { hoursInUse += 1 }
    if ratingMW > 0, sendMW > ratingMW * (1 + 1e-11) { hoursOver += 1 }
    if ratingMW > 0 { histogram?.add(100 * sendMW / ratingMW) }
  }

  private mutating func closeDay() {
    if day != Int.min, daySent > maxDaySent {
      maxDaySent = daySent
      maxDay = day
    }
  }

  var statistics: TransferStatistics {
    var copy = self
    copy.closeDay()
    return TransferStatistics(
      name: name, displayName: displayName, ratingMW: ratingMW, sentMWh: sent, deliveredMWh: delivered,
      hoursInUse: hoursInUse, hoursOverRating: hoursOver, maxSendMW: maxSend.isFinite ? maxSend : 0,
      monthlySentMWh: monthlySent, monthlyDeliveredMWh: monthlyDelivered, durationCurvePct: histogram?.durationCurve(),
      maxDailySentMWh: copy.maxDaySent.isFinite ? copy.maxDaySent : 0,
      maxDailySentDay: copy.maxDaySent.isFinite ? ClockHour(index: copy.maxDay * 24) : nil,
      firstDay: firstDay == Int.min ? nil : ClockHour(index: firstDay * 24), dailySentMWh: dailySent, dailyDeliveredMWh: dailyDelivered)
  }
}

/// Region and system totals of the dispatch (no flows needed).
struct SystemAccumulator {
  var regions: [RegionStatistics]
  var totals = ScenarioTotals(
    demandMWh: 0, unservedMWh: 0, peakDemandMW: 0, generationMWh: [:], availableMWh: [:], installedAtEndMW: [:],
    hvdcSentMWh: 0, hvdcDeliveredMWh: 0, mustRunCutMWh: 0, slackAbsMWh: 0, maxAbsSlackMW: 0, hoursCurtailed: 0,
    hoursUnserved: 0, installedMWh: [:])
  /// Per technology, indexed by `Technology.allCases` order (dictionaries are too slow per hour).
  private var generation = [Double](repeating: 0, count: Technology.allCases.count)
  private var available = [Double](repeating: 0, count: Technology.allCases.count)
  /// Σ hourly installed capacity (capacity × installed share) by technology, MWh.
  private var installed = [Double](repeating: 0, count: Technology.allCases.count)
  private let techIndex: [Int]
  private let windIndex = Technology.allCases.firstIndex(of: .wind) ?? 0
  /// The current hour's demand per region, MW.
  private var regionHourMW: [Double]

  init(model: ScenarioHourModel) {
    regions = model.regionNames.map {
      RegionStatistics(name: $0, demandMWh: 0, unservedMWh: 0, windAvailableMWh: 0, windMWh: 0, solarAvailableMWh: 0, solarMWh: 0)
    }
    let all = Technology.allCases
    techIndex = model.scenario.network.generators.map { g in all.firstIndex(of: g.technology) ?? 0 }
    regionHourMW = Array(repeating: 0, count: model.regionNames.count)
  }

  mutating func add(_ s: HourState, model: ScenarioHourModel, time: ClockHour, hour h: Int) {
    let scenario = model.scenario
    for g in model.dispatcher.variable {
      installed[techIndex[g]] += model.capacity[g] * (scenario.generatorCapacity[g]?.value(scenario.profiles, hour: h) ?? 1)
    }
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
    for r in regionHourMW.indices { regionHourMW[r] = 0 }
    for d in model.demandBus.indices {
      demand += s.demand[d]
      regionHourMW[model.demandRegion[d]] += s.demand[d]
      regions[model.demandRegion[d]].demandMWh += s.demand[d]
      regions[model.demandRegion[d]].unservedMWh += s.demand[d] - s.served[d]
    }
    for r in regionHourMW.indices where regionHourMW[r] > regions[r].peakDemandMW {
      regions[r].peakDemandMW = regionHourMW[r]
      regions[r].peakTime = time
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
      if installed[i] > 0 { totals.installedMWh[tech] = installed[i] }
    }
    let network = model.scenario.network, profiles = model.scenario.profiles
    for (g, gen) in network.generators.enumerated() where model.generatorBus[g] >= 0 {
      let share = model.scenario.generatorCapacity[g]?.value(profiles, hour: profiles.hours - 1) ?? 1
      totals.installedAtEndMW[gen.technology, default: 0] += model.capacity[g] * share
    }
  }
}
