import Testing

@testable import GridCore

struct ExportLimitStudyTests {
  /// The study's hourly limit against a brute force: for each hour, raise Jiquan with the Zhundong
  /// units' spare output, solve from scratch, and bisect for the largest set-point with no overload
  /// on a branch Jiquan moves.
  @Test func limitMatchesBruteForceBisection() throws {
    var scenario = try ScenarioFixtures.xinjiang(start: "2024-07-10T00:00", hours: 24)
    // A tighter converter feeder, so that lines (not only the 12 GW rating) limit some hours.
    let feeder = try #require(scenario.network.branches.firstIndex { $0.name == "changji-jijihu" })
    scenario.network.branches[feeder].ratingMW = 3800
    let study = try ExportLimitStudy(network: scenario.network, link: "jiquan", supplyBuses: ["changji", "wucaiwan", "jijihu"])
    let (result, _) = try ScenarioFixtures.run(scenario, chunk: 5, study: study)
    let limit = try #require(result.exportLimit)
    #expect(limit.hoursOverloadedAtSchedule == 0)  // every hour starts feasible: the bisection below applies

    let system = try DCSystem(scenario.network, backend: .dense)
    let model = ScenarioHourModel(scenario, system: system)
    let supply = scenario.network.generators.indices.filter {
      model.generatorBus[$0] >= 0 && study.supplyBuses.contains(scenario.network.generators[$0].bus)
    }
    var total = 0.0, branchLimited = 0
    for h in 0..<scenario.hours {
      var state = model.makeState()
      model.evaluate(hour: h, into: &state)
      let base = model.operatingPoint(state)
      let schedule = base.hvdcSetpointMW[study.link]
      let spare = supply.map { max(0, state.available[$0] - state.output[$0]) }
      let spareTotal = spare.reduce(0, +)
      func flows(_ p: Double) throws -> [Double] {
        var point = base
        point.hvdcSetpointMW[study.link] = p
        for (i, g) in supply.enumerated() { point.generatorMW[g] += (p - schedule) * spare[i] / spareTotal }
        return try system.solve(point).branchFlowMW
      }
      let f0 = try flows(schedule), f1 = try flows(schedule + 1)
      let moved = scenario.network.branches.indices.filter { abs(f1[$0] - f0[$0]) >= study.sensitivityThreshold }
      func feasible(_ p: Double) throws -> Bool {
        let f = try flows(p)
        return moved.allSatisfy { b in
          let r = scenario.network.branches[b].ratingMW
          return r <= 0 || abs(f[b]) <= r + 1e-6
        }
      }
      let cap = min(12000, schedule + spareTotal)
      var best = cap
      if try !feasible(cap) {
        branchLimited += 1
        var lo = schedule, hi = cap
        for _ in 0..<50 {
          let mid = 0.5 * (lo + hi)
          if try feasible(mid) { lo = mid } else { hi = mid }
        }
        best = lo
      }
      total += best
    }
    #expect(branchLimited > 0, "the test should exercise a line limit")
    #expect(limit.bindingBranches.first?.name == "changji-jijihu")
    #expect(isClose(limit.maxExportMWh, total, absolute: 1e-3 * Double(scenario.hours)), "\(limit.maxExportMWh) vs \(total)")
    #expect(limit.bindingBranches.reduce(0) { $0 + $1.hours } == branchLimited)
    #expect(isClose(limit.scheduledMWh, result.hvdc[study.link].sentMWh, relative: 1e-12))
  }

  /// An overload at the schedule that only a lower set-point clears: the lowering sensitivity decides.
  @Test func overloadAtScheduleLowersTheLimit() {
    let network = Network(
      name: "n", buses: [Bus(id: BusID(1), type: .reference), Bus(id: BusID(2))],
      branches: [Branch(from: BusID(1), to: BusID(2), reactancePU: 0.1, ratingMW: 100, name: "line")],
      hvdcLinks: [HVDCLink(from: BusID(1), to: nil, setpointMW: 0, ratingMW: 1000)])
    var acc = ExportLimitAccumulator(study: ExportLimitStudy(link: 0, supplyBuses: []), network: network)
    // One branch rated 100 MW carrying 120 MW; raising the link adds 0.5 MW per MW, lowering removes 0.4.
    func hour(_ raising: Double) -> ExportLimitAccumulator.Hour {
      ExportLimitAccumulator.Hour(
        base: [120], baseOffset: 0, raising: [raising], raisingOffset: 0, constant: [0], ratings: [100], inService: [true],
        schedule: 500)
    }
    let feasible = acc.addRaising(hour(0.5), spareMW: 1000)
    #expect(!feasible)
    acc.addLowering(hour(0.5), lowering: [0.4], offset: 0)
    let r = acc.finished()
    #expect(r.bindingBranches.first?.name == "line")
    #expect(r.hoursOverloadedAtSchedule == 1 && r.hoursScheduleAboveLimit == 1 && r.hoursInfeasible == 0)
    #expect(isClose(r.maxExportMWh, 450) && isClose(r.energyAboveLimitMWh, 50))
    // The same overload relieved by more export: the limit is the spare generation, above the schedule.
    var relief = ExportLimitAccumulator(study: ExportLimitStudy(link: 0, supplyBuses: []), network: network)
    let relieved = relief.addRaising(hour(-0.5), spareMW: 300)
    #expect(relieved)
    // A branch moved by less than 1 % of the change does not limit the link, overloaded or not.
    var weak = ExportLimitAccumulator(study: ExportLimitStudy(link: 0, supplyBuses: []), network: network)
    let weakFeasible = weak.addRaising(hour(0.005), spareMW: 300)
    #expect(weakFeasible)
    #expect(weak.finished().hoursOverloadedAtSchedule == 0 && isClose(weak.finished().maxExportMWh, 800))
    #expect(isClose(relief.finished().maxExportMWh, 800) && relief.finished().hoursLimitedByGeneration == 1)
  }
}
