extension DCOPFProblem {
  /// The islanding outages a preventive N-1 OPF left out (`outages`, 0-based branches)
  /// screened at its dispatch `flow` by the N-1 screen's own rule for them (the cut-off part
  /// lost, the surviving part's reference taking up what it sent; docs/sensitivity.md): those
  /// after which a monitored branch is above its post-contingency rating, worst first. This is
  /// what `gridtool contingency` reports on the dispatched case; ``N1Security/islandingOutages``
  /// secures them instead. Empty when the screen cannot be run (it is a report, not a limit).
  func islandingOverloads(
    _ outages: [Int], monitored: [Int], security: N1Security, flow: DCFlowResult
  ) -> [DCOPFResult.IslandingOverload] {
    let network = system.network
    var point = OperatingPoint(base: network)
    point.generatorMW = flow.generatorMW
    for q in network.hvdcLinks.indices where q < flow.hvdc.count { point.hvdcSetpointMW[q] = flow.hvdc[q].fromMW }
    let options = ContingencyOptions(
      monitored: monitored, contingencies: outages.map { .branch($0) }, hvdcRule: security.hvdcRule, rating: security.rating)
    guard let screen = try? ContingencyAnalysis(DCSensitivity(system), options: options).run(at: point) else { return [] }
    let found = screen.outcomes.compactMap { outcome -> DCOPFResult.IslandingOverload? in
      guard case .branch(let outage) = outcome.contingency, let worst = outcome.violations.first else { return nil }
      return DCOPFResult.IslandingOverload(outage: outage, branch: worst.branch, flowMW: worst.flowMW, loadingPct: worst.loadingPct)
    }
    return found.sorted { a, b in a.loadingPct > b.loadingPct || (a.loadingPct == b.loadingPct && a.outage < b.outage) }
  }
}
