/// What the OPF made of one hour beyond the dispatch itself: its cost, the limits that held
/// it back, the slack it needed, the security rounds.
struct OPFHourOutcome: Sendable {
  /// Total cost of the hour's LP, $/h (the prices of ``OPFDispatch`` included).
  var objectivePerHour = 0.0
  /// Binding branch, post-contingency and interface limits of the hour, and the generator
  /// limits of the free export links' variables, largest shadow price first.
  var binding: [DCOPFResult.BindingConstraint] = []
  /// Shadow price of each corridor limit (``ScenarioOPFModel/interfaces`` order), $/MWh.
  var interfacePricePerMWh: [Double] = []
  /// Scheduled exports not sent (HVDC schedules and export loads), MW.
  var exportCutMW = 0.0
  /// Constraint-generation rounds of the hour.
  var securityRounds = 0
  /// Binding limits after HVDC trips: monitored branch, tripped link, shadow price ($/MWh).
  var hvdcTripBinding: [(branch: Int, link: Int, shadowPrice: Double)] = []
}

/// The OPF form of a scenario: the network with the pseudo-generators that carry the priced
/// slack, their costs, and the problem of every topology (``DispatchMode/opf`` and
/// ``DispatchMode/scopf``; docs/scenarios.md, "Dispatch modes").
///
/// The OPF network is the scenario's network with generators appended (the real ones keep
/// their positions): per dispatchable unit with a must-run minimum its must-run part (the
/// unit's own column then covers the rest of its availability), per demand item an unserved
/// demand generator (its demand at most), per HVDC link to an external system an export-cut
/// generator at the sending converter (scheduled links, up to the schedule) or an export
/// variable (free links: −rating … 0 MW, a dispatchable load).
struct ScenarioOPFModel: Sendable {
  let settings: OPFDispatch
  let security: Bool
  let network: Network
  let costs: [GeneratorCost]
  /// Per real generator: its must-run part (−1: none).
  let mustRunPart: [Int]
  /// Per demand item: its unserved-demand generator (−1: none), and whether it is an export.
  let unservedGenerator: [Int]
  let isExport: [Bool]
  /// Per HVDC link: the export-cut generator of a scheduled link, the export variable of a free one (−1: none).
  let cutGenerator: [Int]
  let freeGenerator: [Int]
  /// The corridor limits (``OPFDispatch/corridorLimits``).
  let interfaces: [DCOPFInterfaceLimit]
  /// How each HVDC link's trip depends on the dispatch (SCOPF).
  let hvdcTrips: DCOPFHVDCTrips
  /// Per topology of the scenario: the problem and, for SCOPF, its post-contingency factors.
  let problems: [DCOPFProblem]
  let contingencies: [DCOPFContingencies?]
  /// Bus position of each internal bus of the scenario's model.
  let busPositions: [Int]
  /// OPF runs start every this many hours of the period (a fresh basis and constraint set),
  /// so that the result does not depend on the number of threads.
  static let runHours = 96

  init(_ scenario: Scenario, model: ScenarioHourModel, topologies: inout ScenarioTopologies) throws(ScenarioError) {
    settings = scenario.opf
    security = scenario.dispatchMode == .scopf
    let base = try topologies.system(0)
    busPositions = base.busPositions
    var network = scenario.network
    let real = network.generators.count
    var costs: [GeneratorCost] = []
    let tie = 0.01 / Double(max(1, real))
    for (g, gen) in network.generators.enumerated() {
      var c = (settings.costPerMWh[gen.technology] ?? 0) + tie * Double(g)
      if model.isVariable[g] { c -= settings.curtailmentCostPerMWh }
      costs.append(.polynomial([c, 0]))
      network.generators[g].minMW = 0
      network.generators[g].maxMW = model.capacity[g]
    }
    func add(_ name: String, bus: BusID, technology: Technology = .other, costPerMWh: Double) -> Int {
      network.generators.append(
        Generator(bus: bus, outputMW: 0, maxMW: 0, minMW: 0, name: name, technology: technology))
      costs.append(.polynomial([costPerMWh, 0]))
      return network.generators.count - 1
    }
    var mustRunPart = [Int](repeating: -1, count: real)
    for g in model.dispatcher.dispatchable where model.mustRunShare[g] > 0 || model.minimumMW[g] > 0 {
      let gen = scenario.network.generators[g]
      let c = (settings.costPerMWh[gen.technology] ?? 0) + tie * Double(g) - settings.mustRunCutCostPerMWh
      mustRunPart[g] = add("\(gen.name) (must-run)", bus: gen.bus, technology: gen.technology, costPerMWh: c)
    }
    self.mustRunPart = mustRunPart
    var unserved: [Int] = [], isExport: [Bool] = []
    for (d, origin) in model.demandOrigin.enumerated() {
      let export = origin.isLoad && settings.exportLoads.contains(origin.index)
      isExport.append(export)
      let bus = scenario.network.buses[base.busPositions[model.demandBus[d]]].id
      let name = origin.isLoad ? scenario.network.loads[origin.index].name : "bus \(bus)"
      unserved.append(
        add(export ? "export cut: \(name)" : "unserved: \(name)", bus: bus,
          costPerMWh: export ? settings.exportCutCostPerMWh : settings.unservedCostPerMWh))
    }
    unservedGenerator = unserved
    self.isExport = isExport
    var cut = [Int](repeating: -1, count: network.hvdcLinks.count), free = cut
    for (k, link) in network.hvdcLinks.enumerated() where model.linkFrom[k] >= 0 && model.linkTo[k] < 0 {
      if settings.freeLinks.contains(k) {
        free[k] = add("export: \(link.name)", bus: link.from, costPerMWh: settings.exportValuePerMWh)
        network.hvdcLinks[k].setpointMW = 0
      } else {
        cut[k] = add("export cut: \(link.name)", bus: link.from, costPerMWh: settings.exportCutCostPerMWh)
      }
    }
    cutGenerator = cut
    freeGenerator = free
    interfaces = settings.corridorLimits ? DCOPFInterfaceLimit.corridors(of: network) : []
    // A link's sending power: its schedule less its export cut, or its free export variable;
    // the generation at its sending converter (units and their must-run parts) trips with it.
    var terms: [[(generator: Int, coefficient: Double)]] = [], tripped: [[Int]] = []
    for (k, link) in network.hvdcLinks.enumerated() {
      terms.append(cut[k] >= 0 ? [(cut[k], -1)] : free[k] >= 0 ? [(free[k], -1)] : [])
      var atBus: [Int] = []
      for g in 0..<real where scenario.network.generators[g].bus == link.from && scenario.network.generators[g].inService {
        atBus.append(g)
        if mustRunPart[g] >= 0 { atBus.append(mustRunPart[g]) }
      }
      tripped.append(atBus)
    }
    hvdcTrips = DCOPFHVDCTrips(sendingTerms: terms, trippedGenerators: tripped)
    self.network = network
    self.costs = costs
    var problems: [DCOPFProblem] = [], contingencies: [DCOPFContingencies?] = []
    for t in 0..<topologies.count {
      let variant = ScenarioTopologies.variant(of: network, removing: topologies.outageSets[t])
      do {
        let system = try DCSystem(variant, backend: .automatic, parallelism: .serial)
        problems.append(try DCOPFProblem(system: system, generatorCosts: costs))
        var options = settings.contingency
        if security, settings.branchAndCircuitOutages, options.contingencies == nil {
          // Whole branches (and HVDC trips) as the default screen, then one circuit of each
          // multi-circuit branch as the per-circuit screen.
          let sensitivity = DCSensitivity(system)
          var list = ContingencyAnalysis.defaultContingencies(sensitivity, options: options.with(perCircuit: false))
          for (k, branch) in system.network.branches.enumerated() where branch.inService && (branch.lineInfo?.circuits ?? 1) > 1 {
            list.append(.circuit(k))
          }
          options.contingencies = list
        }
        contingencies.append(security ? try DCOPFContingencies(system: system, options: options) : nil)
      } catch let error as PowerFlowError {
        throw .powerFlow(error, context: topologies.describe(t))
      } catch {
        throw .invalid("\(topologies.describe(t)): OPF: \(error)")
      }
    }
    self.problems = problems
    self.contingencies = contingencies
  }

  /// The hour's generator limits and fixed injections (per bus position), from its
  /// availability, must-run minimums, demand and schedules (``ScenarioHourModel/prepare(hour:into:)``).
  func limits(_ s: HourState, model: ScenarioHourModel) -> (min: [Double], max: [Double], fixed: [Double]) {
    let count = network.generators.count
    let lower = [Double](repeating: 0, count: count)
    var upper = lower
    var fixed = [Double](repeating: 0, count: network.buses.count)
    for g in model.dispatcher.variable { upper[g] = max(0, s.available[g]) }
    for g in model.dispatcher.dispatchable {
      let available = max(0, s.available[g]), minimum = min(available, max(0, s.minimum[g]))
      if mustRunPart[g] >= 0 {
        upper[mustRunPart[g]] = minimum
        upper[g] = available - minimum
      } else {
        upper[g] = available
      }
    }
    for (i, mw) in model.shuntMW.enumerated() { fixed[busPositions[i]] -= mw }
    for d in model.demandBus.indices {
      fixed[busPositions[model.demandBus[d]]] -= s.demand[d]
      upper[unservedGenerator[d]] = max(0, s.demand[d])
    }
    for k in model.linkFrom.indices where model.linkFrom[k] >= 0 {
      if freeGenerator[k] >= 0 {
        upper[freeGenerator[k]] = 0
        continue
      }
      fixed[busPositions[model.linkFrom[k]]] -= s.hvdc[k].fromMW
      if model.linkTo[k] >= 0 { fixed[busPositions[model.linkTo[k]]] += s.hvdc[k].toMW }
      if cutGenerator[k] >= 0 { upper[cutGenerator[k]] = max(0, s.hvdc[k].fromMW) }
    }
    var minimum = lower
    for (k, link) in network.hvdcLinks.enumerated() where freeGenerator[k] >= 0 {
      minimum[freeGenerator[k]] = -max(0, link.ratingMW)
    }
    return (minimum, upper, fixed)
  }

  /// Writes the OPF's dispatch into the hour: outputs, served demand, HVDC set-points after
  /// cuts or as decided, and the outcome (curtailment, unserved, must-run and export cuts).
  func apply(_ snap: DCOPFSnapshot, to s: inout HourState, model: ScenarioHourModel) {
    var outcome = DispatchOutcome()
    for g in model.dispatcher.variable {
      s.output[g] = max(0, snap.generatorMW[g])
      outcome.curtailedMW += max(0, s.available[g] - s.output[g])
    }
    for g in model.dispatcher.dispatchable {
      let part = mustRunPart[g] >= 0 ? max(0, snap.generatorMW[mustRunPart[g]]) : 0
      s.output[g] = max(0, snap.generatorMW[g]) + part
      if mustRunPart[g] >= 0 { outcome.mustRunCutMW += max(0, min(s.available[g], s.minimum[g]) - part) }
    }
    var exportCut = 0.0
    for d in model.demandBus.indices {
      let lost = max(0, snap.generatorMW[unservedGenerator[d]])
      s.served[d] = s.demand[d] - lost
      if isExport[d] { exportCut += lost } else { outcome.shortageMW += lost }
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      if cutGenerator[k] >= 0 {
        let lost = max(0, snap.generatorMW[cutGenerator[k]])
        guard lost > 0 else { continue }
        exportCut += lost
        s.setpoint[k] = max(0, s.setpoint[k] - lost)
        s.hvdc[k] = link.transfer(at: s.setpoint[k])
      } else if freeGenerator[k] >= 0 {
        s.setpoint[k] = max(0, -snap.generatorMW[freeGenerator[k]])
        s.hvdc[k] = link.transfer(at: s.setpoint[k])
      }
    }
    outcome.exportCutMW = exportCut
    s.outcome = outcome
    let isFree = Set(freeGenerator.filter { $0 >= 0 })
    s.opf = OPFHourOutcome(
      objectivePerHour: snap.objectivePerHour,
      binding: snap.binding.filter { b in
        switch b.kind {
        case .generatorPMax, .generatorPMin: return isFree.contains(b.element)
        default: return true
        }
      },
      interfacePricePerMWh: snap.interfacePricePerMWh, exportCutMW: exportCut, securityRounds: snap.securityRounds,
      hvdcTripBinding: snap.hvdcTripBinding)
  }

  /// The OPF dispatch of hours `first..<first + count`, in hour order: runs of
  /// ``runHours`` (cut at multiples of it in the period) solved side by side, each hour
  /// warm-started from the previous one of its run, one ``DCOPFSequence`` per topology and run.
  func dispatch(
    first: Int, count: Int, model: ScenarioHourModel, hourTopology: [Int32], start: ClockHour, parallelism: Parallelism
  ) throws(ScenarioError) -> [HourState] {
    var runs: [Range<Int>] = []
    var h = first
    while h < first + count {
      let end = min(first + count, (h / Self.runHours + 1) * Self.runHours)
      runs.append(h..<end)
      h = end
    }
    let pieces = runs
    let results = parallelism.map(pieces.count) { r -> Result<[HourState], ScenarioError> in
      var sequences: [Int: DCOPFSequence] = [:]
      var states: [HourState] = []
      states.reserveCapacity(pieces[r].count)
      var s = model.makeState()
      for hour in pieces[r] {
        model.prepare(hour: hour, into: &s)
        let t = Int(hourTopology[hour])
        do throws(DCOPFError) {
          let sequence: DCOPFSequence
          if let existing = sequences[t] {
            sequence = existing
          } else {
            sequence = try DCOPFSequence(
              problem: problems[t], contingencies: contingencies[t], interfaces: interfaces, hvdcTrips: security ? hvdcTrips : nil)
            sequences[t] = sequence
          }
          let (lower, upper, fixed) = limits(s, model: model)
          let sending = s.hvdc.enumerated().map { k, t in cutGenerator[k] >= 0 ? t.fromMW : 0 }
          let snap = try sequence.solve(generatorMinMW: lower, generatorMaxMW: upper, fixedInjectionMW: fixed, hvdcSendingMW: sending)
          apply(snap, to: &s, model: model)
        } catch {
          return .failure(.invalid("\(start.adding(hours: hour)): the hour's OPF failed: \(error)"))
        }
        states.append(s)
      }
      return .success(states)
    }
    var states: [HourState] = []
    states.reserveCapacity(count)
    for result in results {
      switch result {
      case .success(let part): states.append(contentsOf: part)
      case .failure(let error): throw error
      }
    }
    return states
  }
}

extension ContingencyOptions {
  /// The same options with ``perCircuit`` set.
  func with(perCircuit: Bool) -> ContingencyOptions {
    var copy = self
    copy.perCircuit = perCircuit
    return copy
  }
}
