/// Linear sensitivities of a DC model: PTDFs, LODFs and the outage factors of the
/// contingency and transfer studies, all computed from the factorization the power flow
/// already holds (``DCSystem``), as multi-right-hand-side solves of each island's reduced B.
/// Nothing here forms an inverse of B, and nothing forms a whole PTDF or LODF unless asked.
///
/// Conventions (MATPOWER `makePTDF`/`makeLODF`): a PTDF entry is the change of the
/// from-end flow of a branch per unit injected at a bus and withdrawn at the slack
/// (MW/MW); SHIFT and GS do not enter; `b = 1/(x·τ)` as in the power flow. Each island
/// has its own slack (its reference buses), so an injection never moves flows in another island.
///
/// ```swift
/// let sensitivity = DCSensitivity(try DCSystem(network))
/// let h = try sensitivity.ptdf()                       // branches × buses
/// let l = try sensitivity.lodf(monitored: [0, 1, 2])   // 3 × branches
/// ```
public struct DCSensitivity: Sendable {
  /// The factored DC model the sensitivities come from.
  public let system: DCSystem
  /// Per internal bus: its position among its island's unknowns; −1 for reference buses
  /// and for buses of islands without generation.
  let unknownPosition: [Int]
  /// Per input branch: the solvable island it lies in, −1 when it is outside the model
  /// or in an island without generation (its flow is always 0).
  let branchIsland: [Int]
  /// Per input branch: position of its from/to bus among the island's unknowns (−1 for a
  /// reference bus or when the branch is outside the model) and its susceptance, p.u.
  let fromUnknown: [Int]
  let toUnknown: [Int]
  let susceptance: [Double]
  /// Bridges of the in-service network (outages that split an island).
  let bridges: BranchBridges

  /// Memory one block of right-hand sides and flow columns may take, bytes; blocks of
  /// outages or buses are sized from it so that no study needs O(buses²) memory.
  public static let blockBudgetBytes = 64 << 20

  /// The sensitivities of `system`: index maps and the bridges of the in-service network
  /// (Tarjan's low-link algorithm), O(buses + branches); no solve happens here.
  public init(_ system: DCSystem) {
    self.system = system
    var position = [Int](repeating: -1, count: system.internalBusCount)
    for island in system.islands where island.isSolvable {
      for (p, bus) in island.unknowns.enumerated() { position[bus] = p }
    }
    unknownPosition = position
    let m = system.network.branches.count
    var island = [Int](repeating: -1, count: m)
    var fromU = [Int](repeating: -1, count: m), toU = [Int](repeating: -1, count: m)
    var b = [Double](repeating: 0, count: m)
    var ends: [(from: Int, to: Int)] = []
    ends.reserveCapacity(m)
    for k in 0..<m {
      let (f, t) = system.branchEnds(k)
      ends.append((f, t))
      guard f >= 0, t >= 0 else { continue }
      let i = system.islandOfBus[f]
      guard system.islands[i].isSolvable else { continue }
      island[k] = i
      fromU[k] = position[f]
      toU[k] = position[t]
      b[k] = system.susceptance(ofBranch: k)
    }
    branchIsland = island
    fromUnknown = fromU
    toUnknown = toU
    susceptance = b
    bridges = BranchBridges(busCount: system.internalBusCount, ends: ends)
  }

  /// The network of ``system``.
  public var network: Network { system.network }

  /// Input positions of the branches whose outage splits an island (bridges), in input order.
  public var islandingBranches: [Int] { bridges.isBridge.indices.filter { bridges.isBridge[$0] } }

  /// True when the branch is in service, in the model, and in an island with generation.
  public func isActive(branch: Int) -> Bool { branchIsland[branch] >= 0 }

  // MARK: - Solves

  /// One right-hand side: injections at internal buses (p.u. or MW); entries at reference
  /// buses are dropped, because the reference takes up the balance.
  typealias Injection = [(bus: Int, value: Double)]

  /// Solves `columns` injections of island `island` at once; returns the island's unknown
  /// angles per unit of injection (unknowns × columns, column-major).
  /// The base case: the power flow at `point` (the network's set-points when nil).
  func solveBase(at point: OperatingPoint?) throws(SensitivityError) -> (point: OperatingPoint, flow: DCFlowResult) {
    let point = point ?? OperatingPoint(base: system.network)
    do {
      return (point, try system.solve(point))
    } catch {
      throw .powerFlow(error)
    }
  }

  func solve(island: Int, _ columns: [Injection]) throws(SensitivityError) -> [Double] {
    let size = system.islands[island].unknowns.count
    var rhs = [Double](repeating: 0, count: size * columns.count)
    for (c, column) in columns.enumerated() {
      for (bus, value) in column {
        let p = unknownPosition[bus]
        if p >= 0 { rhs[c * size + p] += value }
      }
    }
    do {
      return try system.solveReduced(island: island, rhs: rhs, columns: columns.count)
    } catch {
      throw .powerFlow(error)
    }
  }

  /// ``solve(island:_:)`` with the solution row-major: (unknowns + 1) × `columns.count`, row p
  /// the island's unknown p with every column side by side, the last row 0 (the angle change
  /// of the reference buses), so that a flow change `b·(x_f − x_t)` reads two contiguous rows.
  func solveRowMajor(island: Int, _ columns: [Injection]) throws(SensitivityError) -> [Double] {
    let size = system.islands[island].unknowns.count, width = columns.count
    var entries: [(row: Int, column: Int, value: Double)] = []
    entries.reserveCapacity(2 * width)
    for (c, column) in columns.enumerated() {
      for (bus, value) in column where unknownPosition[bus] >= 0 { entries.append((unknownPosition[bus], c, value)) }
    }
    var x = [Double](repeating: 0, count: (size + 1) * width)
    guard size > 0, width > 0 else { return x }
    do {
      try x.withUnsafeMutableBufferPointer { buffer throws(PowerFlowError) in
        try system.solveReducedRowMajor(island: island, entries: entries, solution: buffer.baseAddress!, width: width)
      }
    } catch {
      throw .powerFlow(error)
    }
    return x
  }

  /// Flow change of branch `l` for solution column `c` of island `island` (0 for branches of
  /// other islands): `b_l·(x_f − x_t)`, with reference angles fixed.
  @inline(__always)
  func flow(_ l: Int, island: Int, _ x: Span<Double>, column c: Int, size: Int) -> Double {
    guard branchIsland[l] == island else { return 0 }
    let pf = fromUnknown[l], pt = toUnknown[l]
    let o = c * size
    return susceptance[l] * ((pf >= 0 ? x[o + pf] : 0) - (pt >= 0 ? x[o + pt] : 0))
  }

  /// How many right-hand sides of an island fit in ``blockBudgetBytes`` next to `rows` flow values each.
  func blockSize(island: Int, rows: Int) -> Int {
    let perColumn = 8 * (system.islands[island].unknowns.count + rows + 1)
    return max(1, min(4096, Self.blockBudgetBytes / perColumn))
  }

  /// Internal index of an input bus, or nil when it is isolated or outside solvable islands.
  func solvableInternalBus(position p: Int) -> Int? {
    let i = system.internalIndex[p]
    guard i >= 0, system.islands[system.islandOfBus[i]].isSolvable else { return nil }
    return i
  }

  /// Throws unless every bus of `injection` (input positions) lies in one solvable island:
  /// each island balances itself, so a transfer between islands would only move slack power.
  func checkOneIsland(_ injection: [(bus: Int, value: Double)], name: String) throws(SensitivityError) {
    var islands = Set<Int>()
    for (p, value) in injection where value != 0 {
      guard let i = solvableInternalBus(position: p) else {
        throw .invalidTransfer("bus \(network.buses[p].id) of '\(name)' is not in a solved island", at: nil)
      }
      islands.insert(system.islandOfBus[i])
    }
    guard islands.count <= 1 else {
      throw .invalidTransfer("'\(name)' spans \(islands.count) islands; each island balances itself", at: nil)
    }
  }

  /// Flow changes (MW) of `rows` for each injection vector (MW at input bus positions,
  /// slack = each island's reference), one solve per island involved.
  /// Result: rows × injections, column-major.
  func flowChanges(rows: [Int], injections: [[(bus: Int, value: Double)]]) throws(SensitivityError) -> [Double] {
    var out = [Double](repeating: 0, count: rows.count * injections.count)
    // Split each injection by island: an island's slack balances its own part.
    var perIsland: [Int: [(column: Int, injection: Injection)]] = [:]
    for (c, injection) in injections.enumerated() {
      var parts: [Int: Injection] = [:]
      for (p, value) in injection {
        guard let i = solvableInternalBus(position: p) else { continue }
        parts[system.islandOfBus[i], default: []].append((i, value))
      }
      for (island, part) in parts { perIsland[island, default: []].append((c, part)) }
    }
    for (island, columns) in perIsland.sorted(by: { $0.key < $1.key }) {
      let size = system.islands[island].unknowns.count
      let solution = try solve(island: island, columns.map(\.injection))
      let x = solution.span
      for (j, column) in columns.enumerated() {
        let o = column.column * rows.count
        for (r, l) in rows.enumerated() { out[o + r] += flow(l, island: island, x, column: j, size: size) }
      }
    }
    return out
  }
}
