extension DCSystem {
  /// Solves the DC power flow at `point` (default: the network's own set-points), MATPOWER `rundcpf` semantics:
  /// reference angles from the case, slack taken by the first in-service generator at each reference bus.
  public func solve(_ point: OperatingPoint? = nil) throws(PowerFlowError) -> DCFlowResult {
    let point = point ?? OperatingPoint(base: network)
    let hvdc = hvdcTransfers(point)
    let injection = injectionsMW(point, hvdc: hvdc)
    try checkFinite(injectionsMW: injection, point: point, hvdc: hvdc)
    let theta = try solveAngles(injectionsMW: injection, columns: 1)
    let slack = slackMW(angles: theta, injectionsMW: injection, columns: 1)

    var generatorMW = network.generators.enumerated().map { k, g in
      g.inService && internalBus(of: g.bus) >= 0 ? point.generatorMW[k] : 0
    }
    var finalInjection = injection
    var angles = [Double?](repeating: nil, count: network.buses.count)
    var netInjection = [Double](repeating: 0, count: network.buses.count)
    for island in islands where island.isSolvable {
      // Slack: the mismatch at each reference bus goes to its first in-service generator.
      for (r, g) in zip(island.referenceBuses, island.slackGenerators) {
        var flowOut = 0.0
        for p in busSusceptance.columnStarts[r]..<busSusceptance.columnStarts[r + 1] {
          flowOut += busSusceptance.values[p] * theta[busSusceptance.rowIndices[p]]
        }
        let mismatchMW = (flowOut + busShiftInjection[r]) * baseMVA - injection[r]
        generatorMW[g] += mismatchMW
        finalInjection[r] += mismatchMW
      }
      for bus in island.buses {
        angles[busPositions[bus]] = theta[bus] * 180 / .pi
        netInjection[busPositions[bus]] = finalInjection[bus]
      }
      // Reference buses report the angle of the case exactly, not a degree→radian→degree round trip.
      for r in island.referenceBuses { angles[busPositions[r]] = network.buses[busPositions[r]].angleDeg }
    }
    let result = DCFlowResult(
      angleDeg: angles, branchFlowMW: branchFlowsMW(angles: theta, columns: 1), generatorMW: generatorMW, hvdc: hvdc,
      busInjectionMW: netInjection, slackMW: slack)
    try checkFinite(result, point: point, hvdc: hvdc)
    return result
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
