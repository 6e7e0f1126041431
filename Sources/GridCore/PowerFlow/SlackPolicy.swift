/// Which generators take up each island's balance in a DC power flow: what the set-points
/// leave unbalanced, `ΔP = Σ demand + Σ HVDC sent − Σ HVDC received − Σ set-points` (MW; a DC
/// network is lossless, so the balance of an island is known before it is solved).
///
/// ``reference`` is MATPOWER's rule (`rundcpf`): the first in-service generator at each
/// reference bus takes all of ΔP, whatever its limits. ``distributed(_:)`` shares ΔP among the
/// island's generators in proportion to a participation factor `w_g` and keeps each within
/// [PMIN, PMAX]: a unit that would pass a limit is held at it and the rest is shared again among
/// the others (pro rata, until nothing moves). What no participating unit can take (ΔP beyond
/// their headroom) goes to the reference generator, as in MATPOWER, with a warning. The
/// sensitivities' counterpart for PTDFs is ``SlackDistribution/weights(_:)``
/// (``busWeights(network:)``).
public enum SlackPolicy: Sendable, Hashable {
  /// MATPOWER: the first in-service generator at each reference bus takes the island's balance.
  case reference
  /// Every participating in-service generator of the island takes a share of the balance.
  case distributed(SlackParticipation)

  /// A short name for reports: `reference`, `capacity`, `headroom` or `weights`.
  public var name: String {
    switch self {
    case .reference: return "reference"
    case .distributed(let rule): return rule.rawValue
    }
  }

  /// The participation of the generators at `network`'s set-points summed per input bus, as
  /// ``SlackDistribution/weights(_:)`` for a PTDF whose slack is this policy's (``reference``:
  /// ``SlackDistribution/reference``). For ``SlackParticipation/headroom`` the headroom upwards.
  public func busWeights(network: Network) -> SlackDistribution {
    guard case .distributed(let rule) = self else { return .reference }
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    var weights = [Double](repeating: 0, count: network.buses.count)
    for (g, gen) in network.generators.enumerated() where gen.inService {
      guard let p = position[gen.bus] else { continue }
      weights[p] += rule.factor(gen, outputMW: network.generators[g].outputMW, raising: true)
    }
    return .weights(weights)
  }
}

/// How a distributed slack shares an island's balance among its generators.
public enum SlackParticipation: String, Sendable, Hashable, CaseIterable {
  /// In proportion to capacity, PMAX (units with PMAX ≤ 0 or unlimited do not take part).
  case capacity
  /// In proportion to the room left in the direction needed: PMAX − PG when generation must
  /// rise, PG − PMIN when it must fall (as an AGC allocates by headroom). A unit never passes
  /// a limit unless the island's balance exceeds all the room there is.
  case headroom
  /// In proportion to the participation factors of the file: MATPOWER's APF (column 21 of
  /// `mpc.gen`), the native format's `participation`. Units with 0 do not take part.
  case weights

  /// The participation factor of `gen` at output `outputMW` (≥ 0).
  func factor(_ gen: Generator, outputMW: Double, raising: Bool) -> Double {
    let w: Double
    switch self {
    case .capacity: w = gen.maxMW
    case .headroom: w = raising ? gen.maxMW - outputMW : outputMW - gen.minMW
    case .weights: w = gen.participationFactor
    }
    return w.isFinite ? max(0, w) : 0
  }
}

extension Generator {
  /// The participation factor of the unit in a distributed slack (``SlackParticipation/weights``):
  /// MATPOWER's APF, column 21 of `mpc.gen` (kept in ``matpowerExtra``); 0 when absent.
  public var participationFactor: Double {
    matpowerExtra.count > 10 ? matpowerExtra[10] : 0
  }
}

extension DCSystem {
  /// The share of `balanceMW` (MW, > 0: generation must rise) of each generator of `candidates`
  /// (input positions, their set-points in `outputMW`), pro rata to `rule`'s factors and held
  /// within [PMIN, PMAX]; `remainderMW` is what they could not take.
  static func shareBalance(
    _ balanceMW: Double, among candidates: [Int], network: Network, outputMW: [Double], rule: SlackParticipation
  ) -> (shares: [(generator: Int, mw: Double)], remainderMW: Double) {
    let raising = balanceMW > 0
    var active = candidates.filter { rule.factor(network.generators[$0], outputMW: outputMW[$0], raising: raising) > 0 }
    var share = [Int: Double]()
    var left = balanceMW
    // Water filling: share what is left pro rata among the units not yet at a limit; a unit
    // whose share would pass its limit is held there. Each pass fixes at least one unit or ends.
    while abs(left) > 1e-9 * max(1, abs(balanceMW)), !active.isEmpty {
      let weights = active.map { rule.factor(network.generators[$0], outputMW: outputMW[$0], raising: raising) }
      let total = weights.reduce(0, +)
      guard total > 0 else { break }
      var held: [Int] = []
      var taken = 0.0
      for (g, w) in zip(active, weights) {
        let gen = network.generators[g]
        let room = raising ? gen.maxMW - outputMW[g] - (share[g] ?? 0) : gen.minMW - outputMW[g] - (share[g] ?? 0)
        let wanted = left * w / total
        if raising ? wanted >= room : wanted <= room {
          held.append(g)
          share[g, default: 0] += (raising ? max(0, room) : min(0, room))
          taken += (raising ? max(0, room) : min(0, room))
        }
      }
      if held.isEmpty {
        for (g, w) in zip(active, weights) { share[g, default: 0] += left * w / total }
        left = 0
        break
      }
      left -= taken
      let heldSet = Set(held)
      active.removeAll { heldSet.contains($0) }
    }
    return (candidates.compactMap { g in share[g].map { (g, $0) } }, left)
  }
}
