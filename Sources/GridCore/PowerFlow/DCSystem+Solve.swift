extension DCSystem {
  /// Solves the DC power flow at `point` (default: the network's own set-points), MATPOWER `rundcpf` semantics:
  /// reference angles from the case, slack taken by the first in-service generator at each reference bus
  /// (``SlackPolicy/reference``), or shared among the island's generators (``SlackPolicy/distributed(_:)``).
  ///
  /// A generator the slack moves beyond its PMAX or PMIN is reported in
  /// ``DCFlowResult/diagnostics`` (MATPOWER says nothing and neither does the default otherwise).
  public func solve(_ point: OperatingPoint? = nil, slack policy: SlackPolicy = .reference) throws(PowerFlowError) -> DCFlowResult {
    let point = point ?? OperatingPoint(base: network)
    let hvdc = hvdcTransfers(point)
    var injection = injectionsMW(point, hvdc: hvdc)
    try checkFinite(injectionsMW: injection, point: point, hvdc: hvdc)
    var generatorMW = network.generators.enumerated().map { k, g in
      g.inService && internalBus(of: g.bus) >= 0 ? point.generatorMW[k] : 0
    }
    // A distributed slack moves the participating units first; the reference takes what is left
    // (round-off, or what they could not take within their limits).
    var participants = [[Int]](repeating: [], count: islands.count)
    var shared = [Double](repeating: 0, count: islands.count)
    var diagnostics: [Diagnostic] = []
    if case .distributed(let rule) = policy {
      var members = [[Int]](repeating: [], count: islands.count)
      for (g, gen) in network.generators.enumerated() where gen.inService {
        let i = internalBus(of: gen.bus)
        if i >= 0 { members[islandOfBus[i]].append(g) }
      }
      for island in islands where island.isSolvable {
        let balance = -island.buses.reduce(0) { $0 + injection[$1] }
        let (shares, remainder) = Self.shareBalance(balance, among: members[island.index], network: network, outputMW: generatorMW, rule: rule)
        for (g, mw) in shares {
          generatorMW[g] += mw
          injection[internalBus(of: network.generators[g].bus)] += mw
          shared[island.index] += mw
        }
        participants[island.index] = shares.map(\.generator)
        if abs(remainder) > 1e-6 {
          let g = island.slackGenerators[0]
          if !participants[island.index].contains(g) { participants[island.index].append(g) }
          let limit = remainder > 0 ? "PMAX" : "PMIN"
          let why =
            shares.isEmpty
            ? "no generator can take part in the distributed slack (\(rule.rawValue)\(rule == .weights ? ": no participation factor above 0, MATPOWER's APF column 21" : ""))"
            : "the distributed slack (\(rule.rawValue)) needs \(DisplayNumber.fixed(abs(remainder), 1)) MW more \(remainder > 0 ? "generation" : "reduction") than its \(shares.count) participating generator\(shares.count == 1 ? "" : "s") can give within \(limit)"
          diagnostics.append(
            Diagnostic(
              "island \(island.index + 1): \(why); the reference generator \(generatorLabel(g)) takes \(DisplayNumber.fixed(remainder, 1)) MW",
              at: network.generators[g].source))
        }
      }
    }
    let theta = try solveAngles(injectionsMW: injection, columns: 1)
    var slack = slackMW(angles: theta, injectionsMW: injection, columns: 1)

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
      slack[island.index] += shared[island.index]
      for bus in island.buses {
        angles[busPositions[bus]] = theta[bus] * 180 / .pi
        netInjection[busPositions[bus]] = finalInjection[bus]
      }
      // Reference buses report the angle of the case exactly, not a degree→radian→degree round trip.
      for r in island.referenceBuses { angles[busPositions[r]] = network.buses[busPositions[r]].angleDeg }
      diagnostics += slackLimitWarnings(island, participants: participants[island.index], generatorMW: generatorMW, point: point)
    }
    let result = DCFlowResult(
      angleDeg: angles, branchFlowMW: branchFlowsMW(angles: theta, columns: 1), generatorMW: generatorMW, hvdc: hvdc,
      busInjectionMW: netInjection, slackMW: slack, slackPolicy: policy, slackGenerators: participants, diagnostics: diagnostics)
    try checkFinite(result, point: point, hvdc: hvdc)
    return result
  }

  /// Warnings for the generators the slack of `island` moved (its reference generators and the
  /// distributed slack's participants) that end above PMAX or below PMIN.
  private func slackLimitWarnings(_ island: DCIsland, participants: [Int], generatorMW: [Double], point: OperatingPoint) -> [Diagnostic] {
    var warnings: [Diagnostic] = []
    var seen = Set<Int>()
    for g in island.slackGenerators + participants where seen.insert(g).inserted {
      let gen = network.generators[g], p = generatorMW[g], moved = p - point.generatorMW[g]
      // Round-off of the balance is no excursion: 1e-6 MW, relative 1e-9.
      let margin = 1e-6 + 1e-9 * abs(p)
      let role = participants.isEmpty ? "slack generator" : "generator"
      if gen.maxMW.isFinite, p > gen.maxMW + margin, moved > margin {
        warnings.append(
          Diagnostic(
            "island \(island.index + 1): \(role) \(generatorLabel(g)) produces \(DisplayNumber.fixed(p, 1)) MW after taking up \(DisplayNumber.fixed(moved, 1)) MW of the island's balance, \(DisplayNumber.fixed(p - gen.maxMW, 1)) MW above its PMAX of \(DisplayNumber.fixed(gen.maxMW, 1)) MW",
            at: gen.source))
      } else if gen.minMW.isFinite, p < gen.minMW - margin, moved < -margin {
        warnings.append(
          Diagnostic(
            "island \(island.index + 1): \(role) \(generatorLabel(g)) produces \(DisplayNumber.fixed(p, 1)) MW after taking up \(DisplayNumber.fixed(moved, 1)) MW of the island's balance, \(DisplayNumber.fixed(gen.minMW - p, 1)) MW below its PMIN of \(DisplayNumber.fixed(gen.minMW, 1)) MW",
            at: gen.source))
      }
    }
    return warnings
  }

  /// "generator 1 'wucaiwan-coal' (bus 6)", or without the name for MATPOWER rows.
  func generatorLabel(_ g: Int) -> String {
    let gen = network.generators[g]
    return "\(g + 1)\(gen.name.isEmpty ? "" : " '\(gen.name)'") (bus \(gen.bus))"
  }
}

extension DCSystem {
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
