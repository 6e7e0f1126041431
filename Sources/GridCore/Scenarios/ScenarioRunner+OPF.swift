extension ScenarioRunner {
  /// The OPF of hour `hour` (0-based) of a scenario in an OPF dispatch mode, as one
  /// ``DCOPFProblem``: the scenario's OPF network (its generators, then the pseudo-generators
  /// of the priced slack; docs/scenarios.md, "Dispatch modes") with the hour's outages, each
  /// generator's PMIN and PMAX set to the hour's limits (availability, must-run), every demand
  /// to the hour's value and every scheduled HVDC link to its schedule, and the OPF costs.
  ///
  /// `problem.solve()` gives the hour of ``DispatchMode/opf`` (the run solves it warm-started,
  /// with ``DCOPFSequence``). Corridor limits (``OPFDispatch/corridorLimits``) are rows a
  /// ``DCOPFProblem`` does not have: turn them off to compare a run with single solves.
  /// - Throws: ``ScenarioError`` when a topology cannot be built.
  public static func opfProblem(_ scenario: Scenario, hour: Int) throws(ScenarioError) -> DCOPFProblem {
    precondition(hour >= 0 && hour < scenario.hours)
    var scenario = scenario
    if scenario.dispatchMode == .rule { scenario.dispatchMode = .opf }
    var topologies = ScenarioTopologies(scenario, backend: .dense)
    let model = ScenarioHourModel(scenario, system: try topologies.system(0))
    let opf = try ScenarioOPFModel(scenario, model: model, topologies: &topologies)
    var state = model.makeState()
    model.prepare(hour: hour, into: &state)
    let (lower, upper, _) = opf.limits(state, model: model)
    var network = ScenarioTopologies.variant(of: opf.network, removing: topologies.outageSets[Int(topologies.hourTopology[hour])])
    for g in network.generators.indices {
      network.generators[g].minMW = lower[g]
      network.generators[g].maxMW = max(lower[g], upper[g])
    }
    for p in network.buses.indices where scenario.busDemand[p] != nil { network.buses[p].loadMW = 0 }
    for (d, origin) in model.demandOrigin.enumerated() {
      if origin.isLoad { network.loads[origin.index].demandMW = state.demand[d] } else { network.buses[origin.index].loadMW = state.demand[d] }
    }
    for k in network.hvdcLinks.indices where opf.freeGenerator[k] < 0 { network.hvdcLinks[k].setpointMW = state.setpoint[k] }
    do {
      return try DCOPFProblem(system: try DCSystem(network, backend: .dense), generatorCosts: opf.costs)
    } catch let error as PowerFlowError {
      throw .powerFlow(error, context: "hour \(hour)")
    } catch {
      throw .invalid("hour \(hour): \(error)")
    }
  }
}
