/// What one hour of a scenario asks of the network, MW: available and
/// dispatched generation, demand before and after shedding, HVDC transfers.
/// One value is reused hour after hour, so the run allocates nothing per hour.
struct HourState {
  var available: [Double]
  var minimum: [Double]
  var output: [Double]
  /// Demand items (``ScenarioHourModel/demandBus``): asked and served.
  var demand: [Double]
  var served: [Double]
  var setpoint: [Double]
  var hvdc: [HVDCTransfer]
  /// Demand + HVDC sending − HVDC receiving inside the model (the dispatch target), MW.
  var requirementMW = 0.0
  /// What each balancing area serves first, MW.
  var areaRequirementMW: [Double]
  var outcome = DispatchOutcome()
  /// The hour's OPF, in the OPF dispatch modes; nil under the rule.
  var opf: OPFHourOutcome? = nil
}

/// The scenario's elements in the form the hourly loop needs: internal bus of
/// every generator, demand and HVDC end, their profiles, and the dispatcher.
///
/// Demand items are the non-zero bus demands (`PD`) followed by the in-service
/// load elements, each at a bus inside the model. Bus shunt conductance (`GS`)
/// is a constant demand that is never shed.
struct ScenarioHourModel {
  let scenario: Scenario
  let dispatcher: HourlyDispatcher
  /// Per generator: internal bus (−1 when out of service or outside the model), capacity (MW).
  let generatorBus: [Int]
  let capacity: [Double]
  let isVariable: [Bool]
  let isWind: [Bool]
  /// Per generator: static availability share (wind and solar: `p_mw / capacity`; others 1),
  /// must-run share of installed capacity, and `p_min_mw` (MW), precomputed for the hourly loop.
  let staticShare: [Double]
  let mustRunShare: [Double]
  let minimumMW: [Double]
  /// Per demand item: internal bus, profile (nil: static), static MW, region, and where it came from.
  let demandBus: [Int]
  let demandProfile: [DemandProfile?]
  let demandStatic: [Double]
  let demandRegion: [Int]
  /// Per demand item: the bus position (for `PD`) or the load index, to rebuild an ``OperatingPoint``.
  let demandOrigin: [(isLoad: Bool, index: Int)]
  /// GS per internal bus, MW.
  let shuntMW: [Double]
  /// Per HVDC link: internal from / to bus (−1: outside the model or external receiver).
  let linkFrom: [Int]
  let linkTo: [Int]
  /// Balancing area (−1: none) of each demand item, internal bus (for GS) and HVDC link.
  let demandArea: [Int]
  let busArea: [Int]
  let linkArea: [Int]
  /// Region (index into `regionNames`) of each generator; regions in report order.
  let generatorRegion: [Int]
  let regionNames: [String]

  init(_ scenario: Scenario, system: DCSystem) {
    self.scenario = scenario
    let network = scenario.network
    var regionNames: [String] = []
    var regionIndex: [String: Int] = [:]
    func region(_ name: String) -> Int {
      if let r = regionIndex[name] { return r }
      regionIndex[name] = regionNames.count
      regionNames.append(name)
      return regionNames.count - 1
    }
    for group in network.groups(ofKind: .region) { _ = region(group.displayName ?? group.name) }
    let busRegion = ScenarioRegions.reportName(of: network)

    var inModel = [Bool](repeating: false, count: network.generators.count)
    var generatorBus = [Int](repeating: -1, count: network.generators.count)
    var generatorRegion = [Int](repeating: 0, count: network.generators.count)
    for (g, gen) in network.generators.enumerated() {
      let i = system.internalBus(of: gen.bus)
      guard let p = system.positionOfBus[gen.bus] else { continue }
      generatorRegion[g] = region(busRegion[p])
      guard gen.inService, i >= 0 else { continue }
      inModel[g] = true
      generatorBus[g] = i
    }
    self.generatorBus = generatorBus
    self.generatorRegion = generatorRegion
    capacity = network.generators.map { $0.maxMW.isFinite ? max(0, $0.maxMW) : max(0, $0.outputMW) }
    let isVariable = network.generators.map { DispatchRule.variableTechnologies.contains($0.technology) }
    self.isVariable = isVariable
    isWind = network.generators.map { $0.technology == .wind }
    let capacity = self.capacity
    staticShare = network.generators.enumerated().map { g, gen in
      isVariable[g] ? (capacity[g] > 0 ? max(0, gen.outputMW) / capacity[g] : 0) : 1
    }
    mustRunShare = network.generators.map { scenario.dispatch.mustRun[$0.technology] ?? 0 }
    minimumMW = network.generators.map { max(0, $0.minMW) }
    dispatcher = HourlyDispatcher(rule: scenario.dispatch, generators: network.generators, inModel: inModel)

    var bus: [Int] = [], profile: [DemandProfile?] = [], value: [Double] = [], regions: [Int] = []
    var origin: [(isLoad: Bool, index: Int)] = []
    for (p, b) in network.buses.enumerated() where b.loadMW != 0 || scenario.busDemand[p] != nil {
      let i = system.internalIndex[p]
      guard i >= 0 else { continue }
      bus.append(i)
      profile.append(scenario.busDemand[p])
      value.append(b.loadMW)
      regions.append(region(busRegion[p]))
      origin.append((false, p))
    }
    for (l, load) in network.loads.enumerated() where load.inService {
      let i = system.internalBus(of: load.bus)
      guard i >= 0, let p = system.positionOfBus[load.bus] else { continue }
      bus.append(i)
      profile.append(scenario.loadDemand[l])
      value.append(load.demandMW)
      regions.append(region(load.region ?? busRegion[p]))
      origin.append((true, l))
    }
    demandBus = bus
    demandProfile = profile
    demandStatic = value
    demandRegion = regions
    demandOrigin = origin
    shuntMW = system.busPositions.map { network.buses[$0].shuntMW }
    linkFrom = network.hvdcLinks.map { system.linkInModel($0) ? system.internalBus(of: $0.from) : -1 }
    linkTo = network.hvdcLinks.map { link in
      guard system.linkInModel(link), let to = link.to else { return -1 }
      return system.internalBus(of: to)
    }
    self.regionNames = regionNames
    let areas = scenario.dispatch.areas
    func areaOf(_ bus: BusID) -> Int { areas.firstIndex { $0.buses.contains(bus) } ?? -1 }
    busArea = system.busPositions.map { areaOf(network.buses[$0].id) }
    demandArea = origin.map { o in
      if o.isLoad, let listed = areas.firstIndex(where: { $0.loads.contains(o.index) }) { return listed }
      return areaOf(o.isLoad ? network.loads[o.index].bus : network.buses[o.index].id)
    }
    linkArea = network.hvdcLinks.indices.map { k in areas.firstIndex { $0.hvdcLinks.contains(k) } ?? -1 }
  }

  func makeState() -> HourState {
    let g = capacity.count, d = demandBus.count, k = linkFrom.count
    return HourState(
      available: Array(repeating: 0, count: g), minimum: Array(repeating: 0, count: g), output: Array(repeating: 0, count: g),
      demand: Array(repeating: 0, count: d), served: Array(repeating: 0, count: d), setpoint: Array(repeating: 0, count: k),
      hvdc: Array(repeating: HVDCTransfer(fromMW: 0, toMW: 0), count: k),
      areaRequirementMW: Array(repeating: 0, count: scenario.dispatch.areas.count))
  }

  /// Availability, demand, HVDC schedules and dispatch of hour `h` (0-based in the period).
  func evaluate(hour h: Int, into s: inout HourState) {
    prepare(hour: h, into: &s)
    s.outcome = dispatcher.dispatch(
      requirementMW: s.requirementMW, areaRequirementMW: s.areaRequirementMW, available: s.available, minimum: s.minimum,
      output: &s.output)
    // A shortfall is shed pro rata from the positive demands; HVDC schedules are kept.
    var positive = 0.0
    if s.outcome.shortageMW > 0 { for d in demandBus.indices where s.demand[d] > 0 { positive += s.demand[d] } }
    let shed = positive > 0 ? min(1, s.outcome.shortageMW / positive) : 0
    for d in demandBus.indices { s.served[d] = s.demand[d] > 0 ? s.demand[d] * (1 - shed) : s.demand[d] }
  }

  /// Availability, must-run minimums, demand and HVDC schedules of hour `h`, without a
  /// dispatch (the OPF modes dispatch from these).
  func prepare(hour h: Int, into s: inout HourState) {
    let network = scenario.network, profiles = scenario.profiles
    for g in dispatcher.variable { setAvailability(g, hour: h, profiles: profiles, into: &s) }
    for g in dispatcher.dispatchable { setAvailability(g, hour: h, profiles: profiles, into: &s) }
    var requirement = 0.0
    for a in s.areaRequirementMW.indices { s.areaRequirementMW[a] = 0 }
    for i in shuntMW.indices {
      requirement += shuntMW[i]
      if busArea[i] >= 0 { s.areaRequirementMW[busArea[i]] += shuntMW[i] }
    }
    for d in demandBus.indices {
      let mw = demandProfile[d].map { $0.value.value(profiles, hour: h) * $0.factor } ?? demandStatic[d]
      s.demand[d] = mw
      requirement += mw
      if demandArea[d] >= 0 { s.areaRequirementMW[demandArea[d]] += mw }
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      let p = scenario.hvdcSchedule[k]?.value(profiles, hour: h) ?? link.setpointMW
      s.setpoint[k] = p
      s.hvdc[k] = linkFrom[k] >= 0 ? link.transfer(at: p) : HVDCTransfer(fromMW: 0, toMW: 0)
      let net = s.hvdc[k].fromMW - (linkTo[k] >= 0 ? s.hvdc[k].toMW : 0)
      requirement += net
      if linkArea[k] >= 0 { s.areaRequirementMW[linkArea[k]] += net }
    }
    s.requirementMW = requirement
  }

  /// Available output of generator `g` (installed share × availability × capacity) and its must-run minimum.
  @inline(__always)
  private func setAvailability(_ g: Int, hour h: Int, profiles: ProfileTable, into s: inout HourState) {
    let installed = capacity[g] * (scenario.generatorCapacity[g]?.value(profiles, hour: h) ?? 1)
    // Static availability (PyPSA convention): wind and solar at their set-point share, other units at full capacity.
    let available = installed * (scenario.generatorAvailability[g]?.value(profiles, hour: h) ?? staticShare[g])
    s.available[g] = available
    if !isVariable[g] { s.minimum[g] = min(available, max(minimumMW[g], mustRunShare[g] * installed)) }
  }

  /// Writes the net injection of each internal bus (MW) into `column` of `block` (buses × columns):
  /// generation − served demand − GS − HVDC sending + HVDC receiving, as ``DCSystem/internalInjectionsMW(_:)``.
  func writeInjections(_ s: HourState, into block: inout [Double], column: Int) {
    let n = shuntMW.count, o = column * n
    for i in 0..<n { block[o + i] = -shuntMW[i] }
    for g in dispatcher.variable { block[o + generatorBus[g]] += s.output[g] }
    for g in dispatcher.dispatchable { block[o + generatorBus[g]] += s.output[g] }
    for d in demandBus.indices { block[o + demandBus[d]] -= s.served[d] }
    for k in linkFrom.indices where linkFrom[k] >= 0 {
      block[o + linkFrom[k]] -= s.hvdc[k].fromMW
      if linkTo[k] >= 0 { block[o + linkTo[k]] += s.hvdc[k].toMW }
    }
  }

  /// The hour as an ``OperatingPoint`` of the network, for a single ``DCSystem/solve(_:slack:)``.
  func operatingPoint(_ s: HourState) -> OperatingPoint {
    let network = scenario.network
    var point = OperatingPoint(base: network)
    point.generatorMW = network.generators.indices.map { generatorBus[$0] >= 0 ? s.output[$0] : 0 }
    for p in network.buses.indices where scenario.busDemand[p] != nil { point.busDemandMW[p] = 0 }
    for (d, origin) in demandOrigin.enumerated() {
      if origin.isLoad { point.loadMW[origin.index] = s.served[d] } else { point.busDemandMW[origin.index] = s.served[d] }
    }
    point.hvdcSetpointMW = s.setpoint
    return point
  }
}
