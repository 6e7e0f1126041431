extension OutageKernel {
  /// What the point-dependent effects need of one snapshot.
  struct PointState: Sendable {
    let point: OperatingPoint
    /// Each link's power at both ends at the point's set-points.
    let transfers: [HVDCTransfer]

    init(_ point: OperatingPoint, system: DCSystem) {
      self.point = point
      self.transfers = system.hvdcTransfers(point)
    }
  }

  /// The injection changes (MW at internal buses, in the frame where each island's reference
  /// takes up the rest) of contingency `c` at a point, and for HVDC trips what they do.
  /// - Parameters:
  ///   - transferMW, transferShares: generation a transfer adds at source buses (internal bus →
  ///     share), which can also be curtailed; the transfer study differentiates with them.
  func injections(_ c: Int, at state: PointState, transferMW: Double = 0, transferShares: [Int: Double] = [:])
    -> (entries: [(bus: Int, value: Double)], hvdc: HVDCImpact?)
  {
    let system = sensitivity.system
    switch effects[c].kind {
    case .inactive, .branch:
      return ([], nil)
    case .islanding(let topology):
      var entries: [(bus: Int, value: Double)] = []
      for (q, survivor) in topology.blockedLinks {
        guard let survivor else { continue }
        let link = system.network.hvdcLinks[q], t = state.transfers[q]
        // The surviving converter's injection into the AC system vanishes with the link.
        let injection = survivor == system.internalBus(of: link.from) ? -t.fromMW : t.toMW
        entries.append((survivor, -injection))
        if case .newReference(let r) = topology.balance { entries.append((r, injection)) }
      }
      return (entries, nil)
    case .generator(let g):
      // The output lost at its bus; the island's reference takes it up.
      let bus = system.internalBus(of: system.network.generators[g].bus)
      return ([(bus, -state.point.generatorMW[g])], nil)
    case .hvdc(let q, let pole):
      return hvdcInjections(link: q, pole: pole, state: state, transferMW: transferMW, transferShares: transferShares)
    }
  }

  /// The rule of ``HVDCOutageRule`` for a pole or link trip.
  private func hvdcInjections(link q: Int, pole: Bool, state: PointState, transferMW: Double, transferShares: [Int: Double])
    -> (entries: [(bus: Int, value: Double)], hvdc: HVDCImpact?)
  {
    let system = sensitivity.system
    let link = system.network.hvdcLinks[q]
    let before = state.transfers[q]
    var after = HVDCTransfer(fromMW: 0, toMW: 0)
    if pole, case .physical(var data) = link.losses, data.poles >= 2 {
      let poles = Double(data.poles)
      data.poles -= 1
      var healthy = link
      healthy.losses = .physical(data)
      after = healthy.transfer(at: state.point.hvdcSetpointMW[q] * (poles - 1) / poles)
    }
    let from = system.internalBus(of: link.from)
    let to = link.to.map { system.internalBus(of: $0) }
    // The link takes (fromMW − after) less at its from end and delivers (toMW − after) less at its to end.
    var entries: [(bus: Int, value: Double)] = [(from, before.fromMW - after.fromMW)]
    if let to { entries.append((to, -(before.toMW - after.toMW))) }
    var curtailed = 0.0
    if hvdcRule == .curtail {
      let sending = before.isReversed ? (to == nil ? nil : 1) : 0
      if let sending, entries[sending].value > 0 {
        let bus = entries[sending].bus
        var available = transferMW * (transferShares[bus] ?? 0)
        for g in generatorsAtBus[bus] ?? [] { available += max(0, state.point.generatorMW[g]) }
        curtailed = min(entries[sending].value, max(0, available))
        entries[sending].value -= curtailed
      }
    }
    let impact = HVDCImpact(
      link: q, sendBeforeMW: before.sendMW, sendAfterMW: after.sendMW, lostMW: before.sendMW - after.sendMW,
      curtailedMW: curtailed, slackChangeMW: -entries.reduce(0) { $0 + $1.value })
    return (entries, impact)
  }
}
