/// Non-finite values caught where they arise: each value of a file may be finite (1e308 MW)
/// while their sum at a bus, the system's total or the angles of the solve overflow to ±Inf
/// and then NaN. ``DCSystem/solve(_:)`` checks its injections before solving and its results
/// after, and throws ``PowerFlowError/nonFinite(quantity:culprits:)`` naming the elements and
/// their places in the file, so that no NaN reaches a report.
extension DCSystem {
  /// Throws when a bus's net injection or the total generation or demand of `point` is not finite.
  func checkFinite(injectionsMW p: [Double], point: OperatingPoint, hvdc: [HVDCTransfer]) throws(PowerFlowError) {
    if let i = p.firstIndex(where: { !$0.isFinite }) {
      let position = busPositions[i]
      throw .nonFinite(quantity: "the net injection at \(busName(position))", culprits: contributions(point, hvdc: hvdc, bus: position))
    }
    var generation = 0.0, demand = 0.0
    for (k, g) in network.generators.enumerated() where g.inService { generation += abs(point.generatorMW[k]) }
    for (b, bus) in network.buses.enumerated() { demand += abs(point.busDemandMW[b]) + abs(bus.shuntMW) }
    for (k, load) in network.loads.enumerated() where load.inService { demand += abs(point.loadMW[k]) }
    for transfer in hvdc { demand += abs(transfer.fromMW) + abs(transfer.toMW) }
    guard generation.isFinite, demand.isFinite else {
      throw .nonFinite(
        quantity: generation.isFinite ? "the total demand" : "the total generation", culprits: contributions(point, hvdc: hvdc, bus: nil))
    }
  }

  /// Throws when the solve's angles, flows or slack outputs are not finite (finite injections
  /// on reactances so small, or so large, that the angles overflow).
  func checkFinite(_ result: DCFlowResult, point: OperatingPoint, hvdc: [HVDCTransfer]) throws(PowerFlowError) {
    let finite =
      result.branchFlowMW.allSatisfy(\.isFinite) && result.generatorMW.allSatisfy(\.isFinite)
      && result.angleDeg.allSatisfy { $0?.isFinite ?? true } && result.slackMW.allSatisfy(\.isFinite)
    guard !finite else { return }
    throw .nonFinite(
      quantity: "the power flow (its angles or branch flows overflow)", culprits: contributions(point, hvdc: hvdc, bus: nil))
  }

  /// The largest MW values of `point` (at one bus, or anywhere), with their places in the file.
  private func contributions(_ point: OperatingPoint, hvdc: [HVDCTransfer], bus position: Int?) -> [String] {
    var items: [(mw: Double, text: String)] = []
    func add(_ mw: Double, _ what: String, _ source: SourceLocation?) {
      let value = mw.isNaN ? "NaN" : mw.isInfinite ? (mw > 0 ? "+Inf" : "-Inf") : "\(mw)"
      items.append((mw, "\(what) \(value) MW" + (source.map { " (\($0))" } ?? "")))
    }
    let busID = position.map { network.buses[$0].id }
    for (b, bus) in network.buses.enumerated() where position == nil || position == b {
      if point.busDemandMW[b] != 0 { add(point.busDemandMW[b], "the demand of \(busName(b))", bus.source) }
      if bus.shuntMW != 0 { add(bus.shuntMW, "the shunt of \(busName(b))", bus.source) }
    }
    for (k, g) in network.generators.enumerated() where g.inService && (busID == nil || g.bus == busID) {
      add(point.generatorMW[k], "generator \(elementName(g.name, k))", g.source)
    }
    for (k, load) in network.loads.enumerated() where load.inService && (busID == nil || load.bus == busID) {
      add(point.loadMW[k], "load \(elementName(load.name, k))", load.source)
    }
    for (k, link) in network.hvdcLinks.enumerated() where k < hvdc.count && (busID == nil || link.from == busID || link.to == busID) {
      add(hvdc[k].fromMW, "HVDC link \(elementName(link.name, k))", link.source)
    }
    // Not finite first, then the largest magnitudes: the values to check.
    let sorted = items.sorted { a, b in
      (!a.mw.isFinite ? Double.infinity : abs(a.mw)) > (!b.mw.isFinite ? Double.infinity : abs(b.mw))
    }
    return sorted.prefix(4).map(\.text)
  }

  private func busName(_ position: Int) -> String {
    let bus = network.buses[position]
    return bus.name.isEmpty ? "bus \(bus.id)" : "bus '\(ParseError.excerpt(bus.name, limit: 40))'"
  }

  private func elementName(_ name: String, _ index: Int) -> String {
    name.isEmpty ? "\(index + 1)" : "'\(ParseError.excerpt(name, limit: 40))'"
  }
}
