/// Which buses take up an injection in a PTDF (the "slack" of the sensitivity; it does not
/// change the power flow's own slack).
///
/// With weights `w` normalised to sum 1 over an island, `PTDF_w = PTDF_ref · (I − w·1ᵀ)`:
/// column j becomes `PTDF_ref[:, j] − PTDF_ref · w` (MATPOWER `makePTDF(mpc, slack)` with a
/// weight vector). A single slack bus s gives `PTDF_ref[:, j] − PTDF_ref[:, s]`, so column s is 0.
public enum SlackDistribution: Sendable, Hashable {
  /// Each island's reference bus (MATPOWER's default): its column is 0.
  case reference
  /// One bus, by input position in `Network.buses`; it takes up injections of its own
  /// island only (other islands keep their reference).
  case bus(Int)
  /// Participation weights per input bus (`Network.buses` order), ≥ 0; normalised to sum 1
  /// within each island. An island whose weights are all 0 keeps its reference.
  case weights([Double])

  /// Weights pro rata to a quantity of each bus (in-service generation output, capacity or load).
  public static func distributed(_ rule: ParticipationRule, network: Network) -> SlackDistribution {
    .weights(rule.busQuantities(network))
  }
}

/// How a group of buses shares an injection: pro rata to a quantity of each bus.
public enum ParticipationRule: String, Sendable, Hashable, CaseIterable {
  /// In-service generators' output set-points (PG), MW (negative outputs count as 0).
  case generation
  /// In-service generators' capacity (PMAX), MW.
  case capacity
  /// Demand: bus PD + in-service named loads, MW (negative demand counts as 0).
  case load
  /// Every bus the same.
  case equal

  /// The quantity of every input bus (`Network.buses` order), ≥ 0.
  public func busQuantities(_ network: Network) -> [Double] {
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    var q = [Double](repeating: 0, count: network.buses.count)
    switch self {
    case .equal:
      q = q.map { _ in 1 }
    case .generation, .capacity:
      for g in network.generators where g.inService {
        guard let p = position[g.bus] else { continue }
        let v = self == .generation ? g.outputMW : g.maxMW
        if v.isFinite { q[p] += max(0, v) }
      }
    case .load:
      for (p, bus) in network.buses.enumerated() { q[p] += bus.loadMW }
      for load in network.loads where load.inService {
        if let p = position[load.bus] { q[p] += load.demandMW }
      }
      q = q.map { max(0, $0) }
    }
    return q
  }
}
