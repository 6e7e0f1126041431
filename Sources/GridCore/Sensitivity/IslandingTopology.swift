/// What the outage of a bridge cuts off, from the topology alone.
///
/// Rule (docs/sensitivity.md): the outage splits an island in two parts. The part that
/// **survives** is the one with in-service generation; if both have some, the one with more
/// buses; on a tie, the one holding a reference bus, else the one holding the island's first
/// bus. The other part is **cut off**: it is de-energised, its load and its generation are
/// lost, and HVDC links with one converter in it are blocked. The surviving part keeps its
/// reference bus, or — when the reference was cut off — takes a new one by the rule
/// ``DCSystem`` applies to an island without a REF bus (``ReferenceBusRule``: MATPOWER's
/// first PV bus by default), whose first generator takes up the balance.
struct IslandingTopology: Sendable {
  /// Where the surviving part's balance goes after the outage.
  enum Balance: Sendable {
    /// The surviving part holds all of the island's reference buses.
    case references
    /// The references were cut off; this internal bus becomes the reference.
    case newReference(Int)
    /// Reference buses on both sides (several REF buses in one island): each part keeps its own.
    case split
  }

  let branch: Int
  let island: Int
  /// Internal buses cut off.
  let cutOff: [Int]
  /// Internal bus at the surviving end of the bridge.
  let survivingEnd: Int
  /// +1 when the cut-off part is at the bridge's from end (the from-end flow is the power
  /// the part sent into the surviving part), −1 when it is at the to end.
  let sign: Double
  let balance: Balance
  /// Input positions of the branches whose flow becomes 0: the bridge and every branch inside the cut-off part.
  let removedBranches: [Int]
  /// HVDC links with a converter in the cut-off part, and their converter bus in the surviving part (nil when none).
  let blockedLinks: [(link: Int, survivingBus: Int?)]
}

/// Finds the ``IslandingTopology`` of each bridge in O(size of the cut-off part) (or of the
/// island when the reference is cut off), from prefix counts over the depth-first order.
struct IslandingFinder: Sendable {
  let sensitivity: DCSensitivity
  /// Per internal bus: an in-service generator in the model is connected, and their capacity (PMAX, MW).
  let hasGeneration: [Bool]
  let capacity: [Double]
  let isReference: [Bool]
  /// Counts over `bridges.order[0..<i]` of buses with generation and of reference buses.
  let generationPrefix: [Int]
  let referencePrefix: [Int]
  /// Per island: buses with generation.
  let islandGeneration: [Int]
  /// In-model branches at each internal bus (compressed rows).
  let incidentStart: [Int]
  let incident: [Int]

  init(_ sensitivity: DCSensitivity) {
    self.sensitivity = sensitivity
    let system = sensitivity.system
    let n = system.internalBusCount
    var hasGeneration = [Bool](repeating: false, count: n), capacity = [Double](repeating: 0, count: n)
    for gen in system.network.generators where gen.inService {
      let i = system.internalBus(of: gen.bus)
      guard i >= 0 else { continue }
      hasGeneration[i] = true
      capacity[i] += gen.maxMW.isFinite ? max(gen.maxMW, 0) : 0
    }
    var isReference = [Bool](repeating: false, count: n)
    for island in system.islands { for r in island.referenceBuses { isReference[r] = true } }
    var generationPrefix = [0], referencePrefix = [0]
    generationPrefix.reserveCapacity(n + 1)
    referencePrefix.reserveCapacity(n + 1)
    for bus in sensitivity.bridges.order {
      generationPrefix.append(generationPrefix[generationPrefix.count - 1] + (hasGeneration[bus] ? 1 : 0))
      referencePrefix.append(referencePrefix[referencePrefix.count - 1] + (isReference[bus] ? 1 : 0))
    }
    var islandGeneration = [Int](repeating: 0, count: system.islands.count)
    for i in 0..<n where hasGeneration[i] { islandGeneration[system.islandOfBus[i]] += 1 }
    var start = [Int](repeating: 0, count: n + 1)
    let m = system.network.branches.count
    for k in 0..<m where sensitivity.branchIsland[k] >= 0 {
      let (f, t) = system.branchEnds(k)
      start[f + 1] += 1
      if t != f { start[t + 1] += 1 }
    }
    for i in 0..<n { start[i + 1] += start[i] }
    var next = start
    var incident = [Int](repeating: 0, count: start[n])
    for k in 0..<m where sensitivity.branchIsland[k] >= 0 {
      let (f, t) = system.branchEnds(k)
      incident[next[f]] = k
      next[f] += 1
      if t != f {
        incident[next[t]] = k
        next[t] += 1
      }
    }
    self.hasGeneration = hasGeneration
    self.capacity = capacity
    self.isReference = isReference
    self.generationPrefix = generationPrefix
    self.referencePrefix = referencePrefix
    self.islandGeneration = islandGeneration
    self.incidentStart = start
    self.incident = incident
  }

  /// The topology of the outage of bridge `branch` (an active branch with `isBridge`).
  func topology(of branch: Int) -> IslandingTopology {
    let bridges = sensitivity.bridges, system = sensitivity.system
    let island = sensitivity.branchIsland[branch]
    let members = system.islands[island].buses
    let child = bridges.child[branch]
    let lo = bridges.entry[child], hi = bridges.exit[child]
    // Part A: the subtree below the bridge; part B: the rest of the island (it holds the DFS root, the island's first bus).
    let sizeA = hi - lo, sizeB = members.count - sizeA
    let generationA = generationPrefix[hi] - generationPrefix[lo]
    let generationB = islandGeneration[island] - generationA
    let referencesA = referencePrefix[hi] - referencePrefix[lo]
    let referencesB = system.islands[island].referenceBuses.count - referencesA
    let survivesA: Bool
    if (generationA > 0) != (generationB > 0) {
      survivesA = generationA > 0
    } else if sizeA != sizeB {
      survivesA = sizeA > sizeB
    } else {
      survivesA = referencesA > 0 && referencesB == 0
    }
    func isCutOff(_ bus: Int) -> Bool {
      let below = bridges.isBelow(bus, bridge: branch)
      return survivesA ? !below : below
    }
    let cutOff = survivesA ? members.filter { !bridges.isBelow($0, bridge: branch) } : Array(bridges.busesBelow(bridge: branch))
    let (f, t) = system.branchEnds(branch)
    let fromCutOff = isCutOff(f)

    let referencesSurviving = survivesA ? referencesA : referencesB
    let referencesCut = survivesA ? referencesB : referencesA
    let balance: IslandingTopology.Balance
    if referencesCut == 0 {
      balance = .references
    } else if referencesSurviving > 0 {
      balance = .split
    } else {
      // The system's rule for an island without a reference, among the surviving buses.
      let buses = system.network.buses, positions = system.busPositions
      let chosen = system.referenceRule.choose(
        among: members.filter { !isCutOff($0) }, hasGeneration: hasGeneration, capacity: capacity,
        isPV: { buses[positions[$0]].type == .pv })
      balance = chosen.map { .newReference($0.0) } ?? .references
    }

    var removed = [branch]
    for bus in cutOff {
      for p in incidentStart[bus]..<incidentStart[bus + 1] {
        let k = incident[p]
        guard k != branch else { continue }
        let (a, b) = system.branchEnds(k)
        // Each inside branch is met from both ends; keep it once, from its from end.
        if a == bus, isCutOff(b) { removed.append(k) }
      }
    }
    removed.sort()

    var blocked: [(link: Int, survivingBus: Int?)] = []
    for (q, link) in system.network.hvdcLinks.enumerated() where system.linkInModel(link) {
      let from = system.internalBus(of: link.from)
      let to = link.to.map { system.internalBus(of: $0) }
      let fromCut = system.islandOfBus[from] == island && isCutOff(from)
      let toCut = to.map { system.islandOfBus[$0] == island && isCutOff($0) } ?? false
      if fromCut && !toCut {
        blocked.append((q, to))
      } else if toCut && !fromCut {
        blocked.append((q, from))
      } else if fromCut && toCut {
        blocked.append((q, nil))
      }
    }
    return IslandingTopology(
      branch: branch, island: island, cutOff: cutOff, survivingEnd: fromCutOff ? t : f, sign: fromCutOff ? 1 : -1,
      balance: balance, removedBranches: removed, blockedLinks: blocked)
  }
}
