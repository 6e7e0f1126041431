extension DCSystem {
  /// Solves the DC power flow at `point` (default: the network's own set-points), MATPOWER `rundcpf` semantics:
  /// reference angles from the case, slack taken by the first in-service generator at each reference bus.
  public func solve(_ point: OperatingPoint? = nil) throws(PowerFlowError) -> DCFlowResult {
    let point = point ?? OperatingPoint(base: network)
    let n = internalBusCount
    let base = baseMVA
    let hvdc = network.hvdcLinks.enumerated().map { k, link in
      linkInModel(link) ? link.transfer(at: point.hvdcSetpointMW[k]) : HVDCTransfer(fromMW: 0, toMW: 0)
    }
    var injection = injectionsMW(point, hvdc: hvdc)
    for i in 0..<n { injection[i] = injection[i] / base - busShiftInjection[i] }  // Pbus, p.u.

    var theta = [Double](repeating: 0, count: n)
    var solved = [Bool](repeating: false, count: n)
    var generatorMW = network.generators.enumerated().map { k, g in
      g.inService && internalBus(of: g.bus) >= 0 ? point.generatorMW[k] : 0
    }
    var slack = [Double](repeating: 0, count: islands.count)
    for island in islands where island.isSolvable {
      for r in island.referenceBuses { theta[r] = network.buses[busPositions[r]].angleDeg * .pi / 180 }
      if let factorization = island.factorization {
        var rhs = island.unknowns.map { injection[$0] }
        for c in island.referenceCoupling { rhs[c.row] -= c.value * theta[c.reference] }
        let x: [Double]
        do {
          x = try SymmetricSolver.solve(island.reducedB, factorization, rhs: rhs, columns: 1)
        } catch {
          throw .singularIsland(island: island.index, buses: island.buses.map { network.buses[busPositions[$0]].id }, reason: error)
        }
        for (p, bus) in island.unknowns.enumerated() { theta[bus] = x[p] }
      }
      for bus in island.buses { solved[bus] = true }
      // Slack: mismatch at each reference bus goes to its first in-service generator.
      for (r, g) in zip(island.referenceBuses, island.slackGenerators) {
        var flowOut = 0.0
        for p in busSusceptance.columnStarts[r]..<busSusceptance.columnStarts[r + 1] {
          flowOut += busSusceptance.values[p] * theta[busSusceptance.rowIndices[p]]
        }
        let mismatchMW = (flowOut - injection[r]) * base
        generatorMW[g] += mismatchMW
        slack[island.index] += mismatchMW
      }
    }

    var flows = [Double](repeating: 0, count: network.branches.count)
    for k in flows.indices {
      let f = branchFrom[k], t = branchTo[k]
      guard f >= 0, solved[f] else { continue }
      flows[k] = (branchSusceptance[k] * (theta[f] - theta[t]) + branchShiftInjection[k]) * base
    }
    var angles = [Double?](repeating: nil, count: network.buses.count)
    for i in 0..<n where solved[i] { angles[busPositions[i]] = theta[i] * 180 / .pi }
    // Reference buses report the angle of the case exactly, not a degree→radian→degree round trip.
    for island in islands { for r in island.referenceBuses { angles[busPositions[r]] = network.buses[busPositions[r]].angleDeg } }
    var netInjection = [Double](repeating: 0, count: network.buses.count)
    let finalInjection = injectionsMW(point, hvdc: hvdc, generatorMW: generatorMW)
    for i in 0..<n where solved[i] { netInjection[busPositions[i]] = finalInjection[i] }
    return DCFlowResult(
      angleDeg: angles, branchFlowMW: flows, generatorMW: generatorMW, hvdc: hvdc, busInjectionMW: netInjection,
      slackMW: slack)
  }

  /// Internal index of a bus id, −1 when unknown or isolated.
  func internalBus(of id: BusID) -> Int {
    guard let p = positionOfBus[id] else { return -1 }
    return internalIndex[p]
  }

  func linkInModel(_ link: HVDCLink) -> Bool {
    guard link.inService, internalBus(of: link.from) >= 0 else { return false }
    if let to = link.to { return internalBus(of: to) >= 0 }
    return true
  }

  /// Net injection per internal bus, MW: generation − demand − GS − loads − HVDC sending + HVDC receiving.
  func injectionsMW(_ point: OperatingPoint, hvdc: [HVDCTransfer], generatorMW: [Double]? = nil) -> [Double] {
    var p = [Double](repeating: 0, count: internalBusCount)
    for (i, position) in busPositions.enumerated() {
      p[i] = -point.busDemandMW[position] - network.buses[position].shuntMW
    }
    func bus(_ id: BusID) -> Int { internalBus(of: id) }
    for (k, gen) in network.generators.enumerated() where gen.inService {
      let i = bus(gen.bus)
      if i >= 0 { p[i] += generatorMW?[k] ?? point.generatorMW[k] }
    }
    for (k, load) in network.loads.enumerated() where load.inService {
      let i = bus(load.bus)
      if i >= 0 { p[i] -= point.loadMW[k] }
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      let i = bus(link.from)
      if i >= 0 { p[i] -= hvdc[k].fromMW }
      if let to = link.to {
        let j = bus(to)
        if j >= 0 { p[j] += hvdc[k].toMW }
      }
    }
    return p
  }
}
