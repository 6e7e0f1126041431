/// The distinct outage sets of a scenario. Hours with the same set share one
/// network variant and one factored ``DCSystem``, built the first time an hour
/// needs it: a year with four planned outages factors five times, never once
/// per hour.
struct ScenarioTopologies {
  /// Circuits out per branch; −1: the whole branch. Sorted by branch.
  typealias OutageSet = [(branch: Int, out: Int)]

  let network: Network
  let backend: LinearSolverBackend
  /// Threads for building a large topology's model (the result does not depend on them).
  let parallelism: Parallelism
  /// Topology of each hour of the period (0: the network as read, when no outage is active).
  private(set) var hourTopology: [Int32]
  private(set) var outageSets: [OutageSet]
  private var systems: [DCSystem?]
  /// Per topology: rating (MW, 0 = none) and whether each branch is in the model.
  private(set) var ratings: [[Double]]
  private(set) var inService: [[Bool]]

  init(_ scenario: Scenario, backend: LinearSolverBackend, parallelism: Parallelism = .automatic) {
    network = scenario.network
    self.backend = backend
    self.parallelism = parallelism
    var keyIndex: [[Int]: Int] = [[]: 0]
    outageSets = [[]]
    hourTopology = [Int32](repeating: 0, count: scenario.hours)
    // Sweep the hours at the outages' start and end points only.
    var cuts = Set([0, scenario.hours])
    for o in scenario.outages { cuts.formUnion([o.startHour, o.endHour]) }
    let points = cuts.sorted()
    for (a, b) in zip(points, points.dropFirst()) where a < b {
      var out: [Int: Int] = [:]
      for o in scenario.outages where o.startHour <= a && o.endHour > a {
        let total = network.branches[o.branch].lineInfo?.circuits ?? 1
        let previous = out[o.branch] ?? 0
        let k = o.circuits ?? total
        out[o.branch] = previous < 0 || previous + k >= total ? -1 : previous + k
      }
      let set = out.keys.sorted().map { (branch: $0, out: out[$0] ?? -1) }
      let key = set.flatMap { [$0.branch, $0.out] }
      let index: Int
      if let known = keyIndex[key] {
        index = known
      } else {
        index = outageSets.count
        keyIndex[key] = index
        outageSets.append(set)
      }
      for h in a..<b { hourTopology[h] = Int32(index) }
    }
    systems = Array(repeating: nil, count: outageSets.count)
    ratings = []
    inService = []
    for set in outageSets {
      let variant = Self.variant(of: network, removing: set)
      ratings.append(variant.branches.map(\.ratingMW))
      inService.append(variant.branches.map(\.inService))
    }
  }

  var count: Int { outageSets.count }

  /// The network with an outage set applied: whole branches out of service; partial outages
  /// as fewer parallel circuits (`x · c / (c − k)`, rating · (c − k) / c).
  static func variant(of network: Network, removing set: OutageSet) -> Network {
    var copy = network
    for (b, out) in set {
      if out < 0 {
        copy.branches[b].inService = false
        continue
      }
      let c = Double(copy.branches[b].lineInfo?.circuits ?? 1), k = Double(out)
      copy.branches[b].reactancePU *= c / (c - k)
      copy.branches[b].resistancePU *= c / (c - k)
      copy.branches[b].ratingMW *= (c - k) / c
      copy.branches[b].lineInfo?.circuits -= out
    }
    return copy
  }

  /// The factored system of topology `t`, built on first use.
  mutating func system(_ t: Int) throws(ScenarioError) -> DCSystem {
    if let system = systems[t] { return system }
    let variant = Self.variant(of: network, removing: outageSets[t])
    do {
      let system = try DCSystem(variant, backend: backend, parallelism: parallelism)
      systems[t] = system
      return system
    } catch {
      throw .powerFlow(error, context: describe(t))
    }
  }

  /// "the network as read", or "outages: turpan-hami (1 circuit), yili-kuqa".
  func describe(_ t: Int) -> String {
    guard !outageSets[t].isEmpty else { return "the network as read" }
    let names = outageSets[t].map { b, out in
      let name = network.branches[b].name.isEmpty ? "branch \(b + 1)" : network.branches[b].name
      return out < 0 ? name : "\(name) (\(out) circuit\(out == 1 ? "" : "s"))"
    }
    return "outages: " + names.joined(separator: ", ")
  }

  /// Diagnostics of the systems built so far (islands without generation, promoted
  /// references), by topology index.
  var diagnosticsByTopology: [Int: [Diagnostic]] {
    var result: [Int: [Diagnostic]] = [:]
    for (t, system) in systems.enumerated() { if let system { result[t] = system.diagnostics } }
    return result
  }

  /// Diagnostics of the systems built so far, once each (see ``diagnostics(_:)``).
  func diagnostics() -> [Diagnostic] { diagnostics(diagnosticsByTopology) }

  /// The diagnostics of the topologies in `byTopology` (the systems built by one or more runs
  /// over parts of the period), once each, in topology order; those of a maintenance topology
  /// name its outages.
  func diagnostics(_ byTopology: [Int: [Diagnostic]]) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    var result: [Diagnostic] = []
    for t in byTopology.keys.sorted() where t < outageSets.count {
      for d in byTopology[t] ?? [] {
        let tagged = t == 0 ? d : Diagnostic("\(describe(t)): \(d.message)", at: d.location)
        if seen.insert(tagged).inserted { result.append(tagged) }
      }
    }
    return result
  }
}
