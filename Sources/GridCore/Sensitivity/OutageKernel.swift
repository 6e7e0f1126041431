/// Post-contingency flows of a chosen set of branches (`rows`) for a list of contingencies,
/// shared by the single-snapshot screen, the streaming year screen and the transfer study.
///
/// Every contingency's effect on the rows has the form
///
///     post[r] = base[rows[r]] + factor[r, c] · base[driver(c)] + Σ_b PTDF[r, b] · ΔP_b(point)
///
/// with the rows listed in `removedRows` forced to 0:
/// - branch outage k (fraction α of its susceptance, 1 or 1/circuits): Sherman–Morrison on B,
///   `factor[r] = α·PTDF[r, f_k→t_k] / (1 − α·h_k)` with `h_k = PTDF[k, f_k→t_k]` (the LODF for α = 1);
/// - islanding outage: the power the cut-off part sent over the bridge (`sign·base[k]`) is
///   taken up by the surviving part's slack: `factor[r] = −sign·PTDF[r, s→ref']`;
/// - HVDC trips and links blocked by an islanding: injection changes ΔP at a few buses,
///   which depend on the operating point (set-points, generator outputs).
///
/// The factor columns are independent of the operating point: they are computed in blocks of
/// contingencies (one multi-right-hand-side solve per island and block) and can be reused for
/// any number of snapshots.
struct OutageKernel: Sendable {
  struct Effect: Sendable {
    enum Kind: Sendable {
      /// Out of service, outside the model, or a link that carries nothing: no change.
      case inactive
      /// A branch loses `fraction` of its susceptance (1: the whole branch).
      case branch(fraction: Double)
      case islanding(IslandingTopology)
      case hvdc(link: Int, pole: Bool)
      /// A generator trips; its island's reference takes up its output.
      case generator(Int)
    }
    var kind: Kind
    /// Rows whose flow becomes 0.
    var removedRows: [Int] = []
    /// Row of a branch that keeps part of its circuits, and the fraction of its rating left.
    var derated: (row: Int, remaining: Double)? = nil
    /// The branch whose pre-outage flow scales the factor column.
    var driver: Int? = nil
  }

  /// A block of factor columns: rows × `range.count`, column j for contingency `range.lowerBound + j`.
  struct FactorBlock: Sendable {
    var range: Range<Int>
    var values: [Double]
    /// Per column: `|1 − α·h|` fell below ``OutageKernel/singularTolerance``; no flows exist.
    var singular: [Bool]
  }

  /// `|1 − α·h_kk|` below this, for a branch that is not a bridge, means the post-outage
  /// network is singular (e.g. reactances of opposite sign cancelling): reported, never divided by.
  static let singularTolerance = 1e-8

  let sensitivity: DCSensitivity
  let rows: [Int]
  /// Per input branch: its row, or −1.
  let rowOfBranch: [Int]
  let contingencies: [Contingency]
  let effects: [Effect]
  let hvdcRule: HVDCOutageRule
  /// Flow change of every row per MW injected at an internal bus (taken by its island's reference).
  let busColumns: [Int: [Double]]
  /// In-service generators (input positions) at each internal bus, for sending-end curtailment.
  let generatorsAtBus: [Int: [Int]]
  /// Per island: its rows, with the positions of their ends among the island's unknowns
  /// (a reference bus points one past the end, at a 0 appended to the solution) and their
  /// susceptance — the flow of a row is `b·(x_f − x_t)`, without a branch in the inner loop.
  let islandRows: [Int: (rows: [Int], from: [Int], to: [Int], susceptance: [Double])]

  /// Columns of outage factors solved at once: about this many bytes per block of factors or
  /// of right-hand sides, small enough for the allocator to reuse (no page faults per block),
  /// large enough for the multi-right-hand-side solve.
  static let blockBytes = 8 << 20

  init(sensitivity: DCSensitivity, rows: [Int], contingencies: [Contingency], hvdcRule: HVDCOutageRule) throws(SensitivityError) {
    self.sensitivity = sensitivity
    self.rows = rows
    self.contingencies = contingencies
    self.hvdcRule = hvdcRule
    let system = sensitivity.system, network = system.network
    var rowOf = [Int](repeating: -1, count: network.branches.count)
    for (r, l) in rows.enumerated() { rowOf[l] = r }
    rowOfBranch = rowOf
    var islandRows: [Int: (rows: [Int], from: [Int], to: [Int], susceptance: [Double])] = [:]
    for (r, l) in rows.enumerated() {
      let island = sensitivity.branchIsland[l]
      guard island >= 0 else { continue }
      let pad = system.islands[island].unknowns.count
      let from = sensitivity.fromUnknown[l], to = sensitivity.toUnknown[l]
      islandRows[island, default: ([], [], [], [])].rows.append(r)
      islandRows[island]?.from.append(from >= 0 ? from : pad)
      islandRows[island]?.to.append(to >= 0 ? to : pad)
      islandRows[island]?.susceptance.append(sensitivity.susceptance[l])
    }
    self.islandRows = islandRows

    let finder = IslandingFinder(sensitivity)
    var effects: [Effect] = []
    var specialBuses = Set<Int>()
    for contingency in contingencies {
      switch contingency {
      case .branch(let k), .circuit(let k):
        guard network.branches.indices.contains(k) else { throw .unknownBranch("\(k + 1)") }
        guard sensitivity.isActive(branch: k) else {
          effects.append(Effect(kind: .inactive))
          continue
        }
        let circuits = network.branches[k].lineInfo?.circuits ?? 1
        if case .circuit = contingency, circuits > 1 {
          let fraction = 1 / Double(circuits)
          effects.append(
            Effect(kind: .branch(fraction: fraction), derated: rowOf[k] >= 0 ? (rowOf[k], 1 - fraction) : nil, driver: k))
        } else if sensitivity.bridges.isBridge[k] {
          let topology = finder.topology(of: k)
          for (_, bus) in topology.blockedLinks { if let bus { specialBuses.insert(bus) } }
          if case .newReference(let r) = topology.balance, !topology.blockedLinks.isEmpty { specialBuses.insert(r) }
          effects.append(
            Effect(kind: .islanding(topology), removedRows: topology.removedBranches.compactMap { rowOf[$0] >= 0 ? rowOf[$0] : nil }, driver: k))
        } else {
          effects.append(Effect(kind: .branch(fraction: 1), removedRows: rowOf[k] >= 0 ? [rowOf[k]] : [], driver: k))
        }
      case .hvdcPole(let q), .hvdcLink(let q):
        guard network.hvdcLinks.indices.contains(q) else { throw .unknownLink("\(q + 1)") }
        let link = network.hvdcLinks[q]
        var poles = 0
        if case .physical(let d) = link.losses { poles = d.poles }
        let isPole: Bool
        if case .hvdcPole = contingency { isPole = true } else { isPole = false }
        guard system.linkInModel(link), !isPole || poles >= 2 else {
          effects.append(Effect(kind: .inactive))
          continue
        }
        for id in [link.from] + (link.to.map { [$0] } ?? []) {
          let i = system.internalBus(of: id)
          if i >= 0 { specialBuses.insert(i) }
        }
        effects.append(Effect(kind: .hvdc(link: q, pole: isPole)))
      case .generator(let g):
        guard network.generators.indices.contains(g) else { throw .unknownGenerator("\(g + 1)") }
        let i = system.internalBus(of: network.generators[g].bus)
        guard network.generators[g].inService, i >= 0, system.islands[system.islandOfBus[i]].isSolvable else {
          effects.append(Effect(kind: .inactive))
          continue
        }
        specialBuses.insert(i)
        effects.append(Effect(kind: .generator(g)))
      }
    }
    self.effects = effects

    var generatorsAtBus: [Int: [Int]] = [:]
    for (g, gen) in network.generators.enumerated() where gen.inService {
      let i = system.internalBus(of: gen.bus)
      if i >= 0, specialBuses.contains(i) { generatorsAtBus[i, default: []].append(g) }
    }
    self.generatorsAtBus = generatorsAtBus
    let buses = specialBuses.filter { sensitivity.unknownPosition[$0] >= 0 }.sorted()
    let positions = buses.map { system.busPositions[$0] }
    let changes = try sensitivity.flowChanges(rows: rows, injections: positions.map { [($0, 1.0)] })
    var columns: [Int: [Double]] = [:]
    for (j, bus) in buses.enumerated() { columns[bus] = Array(changes[(j * rows.count)..<((j + 1) * rows.count)]) }
    busColumns = columns
  }

  /// Consecutive ranges of contingencies whose factor columns fit the memory budget together.
  func blockRanges() -> [Range<Int>] {
    let largest = sensitivity.system.islands.map(\.unknowns.count).max() ?? 0
    let size = max(32, min(4096, Self.blockBytes / (8 * (max(rows.count, largest) + 1))))
    return stride(from: 0, to: contingencies.count, by: size).map { $0..<min(contingencies.count, $0 + size) }
  }

  /// The factor columns of `range`: one solve per island with every column of the block.
  func factorBlock(_ range: Range<Int>) throws(SensitivityError) -> FactorBlock {
    var block = FactorBlock(range: range, values: [], singular: [])
    try fill(&block, range: range)
    return block
  }

  /// Refills `block` with the factor columns of `range`, reusing its storage (blocks of tens
  /// of megabytes would otherwise cost a page fault per 4 KB each time).
  func fill(_ block: inout FactorBlock, range: Range<Int>) throws(SensitivityError) {
    let solved = try solveColumns(range)
    let count = rows.count
    block.range = range
    if block.values.count != count * range.count { block.values = [Double](repeating: 0, count: count * range.count) }
    var values = block.values.mutableSpan
    for j in 0..<range.count where solved.scale[j] == nil {
      for r in 0..<count { values[j * count + r] = 0 }
    }
    for part in solved.islands {
      writeColumns(part, solved: solved, into: &values, only: nil)
    }
    block.singular = solved.singular
  }

  /// The transfer solves of a block of outages, before they become factor columns.
  struct SolvedColumns: Sendable {
    /// One multi-right-hand-side solve per island: the island's unknowns × columns
    /// (column-major), and the block position of each column.
    struct Island: Sendable {
      var island: Int
      var size: Int
      /// Column-major (size × columns), or with ``rowMajor`` (size + 1) × columns row-major,
      /// the last row 0 (the reference buses' angle change).
      var solution: [Double]
      var positions: [Int]
      var rowMajor: Bool

      /// Entry (unknown `p`, column `q`); 0 for p = −1 (a reference bus).
      @inline(__always)
      func value(_ x: Span<Double>, _ p: Int, column q: Int) -> Double {
        guard p >= 0 else { return 0 }
        return rowMajor ? x[p * positions.count + q] : x[q * size + p]
      }
    }
    var islands: [Island]
    /// Per block position: the factor scale (α/(1 − α·h), 1/(1 − h) for a split, or −sign
    /// for an islanding outage); nil for outages without a factor column (inactive, HVDC, singular).
    var scale: [Double?]
    /// Per block position: `|1 − α·h|` below ``OutageKernel/singularTolerance``.
    var singular: [Bool]
    /// Per block position: the factor of the row whose circuits partly remain.
    var derated: [(row: Int, value: Double)?]
  }

  /// Solves the transfers of the outages in `range` (one solve per island with every column
  /// of the block) and finds each column's Sherman–Morrison divisor. `rowMajor`: solutions in
  /// the layout of ``DCSensitivity/solveRowMajor(island:_:)``.
  func solveColumns(_ range: Range<Int>, rowMajor: Bool = false) throws(SensitivityError) -> SolvedColumns {
    var scales = [Double?](repeating: nil, count: range.count)
    var singular = [Bool](repeating: false, count: range.count)
    var derated = [(row: Int, value: Double)?](repeating: nil, count: range.count)
    var byIsland: [Int: [(column: Int, injection: DCSensitivity.Injection)]] = [:]
    for (j, c) in range.enumerated() {
      let injection: DCSensitivity.Injection
      switch effects[c].kind {
      case .branch:
        guard let k = effects[c].driver else { continue }
        let (f, t) = sensitivity.system.branchEnds(k)
        injection = [(f, 1), (t, -1)]
      case .islanding(let topology):
        switch topology.balance {
        case .references: injection = [(topology.survivingEnd, 1)]
        case .newReference(let r): injection = [(topology.survivingEnd, 1), (r, -1)]
        case .split:
          let (f, t) = sensitivity.system.branchEnds(topology.branch)
          injection = [(f, 1), (t, -1)]
        }
      case .inactive, .hvdc, .generator:
        continue
      }
      guard let k = effects[c].driver else { continue }
      byIsland[sensitivity.branchIsland[k], default: []].append((j, injection))
    }
    var islands: [SolvedColumns.Island] = []
    for (island, columns) in byIsland.sorted(by: { $0.key < $1.key }) {
      let size = sensitivity.system.islands[island].unknowns.count
      let injections = columns.map(\.injection)
      let solution = rowMajor ? try sensitivity.solveRowMajor(island: island, injections) : try sensitivity.solve(island: island, injections)
      let part = SolvedColumns.Island(island: island, size: size, solution: solution, positions: columns.map(\.column), rowMajor: rowMajor)
      let x = solution.span
      // h = b_k·(x_f − x_t) of the outaged branch: ``DCSensitivity/flow(_:island:_:column:size:)``.
      func transfer(_ k: Int, _ q: Int) -> Double {
        guard sensitivity.branchIsland[k] == island else { return 0 }
        return sensitivity.susceptance[k] * (part.value(x, sensitivity.fromUnknown[k], column: q) - part.value(x, sensitivity.toUnknown[k], column: q))
      }
      for (q, column) in columns.enumerated() {
        let c = range.lowerBound + column.column
        guard let k = effects[c].driver else { continue }
        // The divisor 1 − α·h (Sherman–Morrison), or the sign of the lost bridge flow.
        switch effects[c].kind {
        case .branch(let fraction):
          let denominator = 1 - fraction * transfer(k, q)
          if abs(denominator) < Self.singularTolerance {
            singular[column.column] = true
            continue
          }
          scales[column.column] = fraction / denominator
          // Remaining circuits: post = base·(1 − α)/(1 − α·h), i.e. factor (1 − α)/(1 − α·h) − 1.
          if let row = effects[c].derated?.row { derated[column.column] = (row, (1 - fraction) / denominator - 1) }
        case .islanding(let topology):
          if case .split = topology.balance {
            let denominator = 1 - transfer(k, q)
            if abs(denominator) < Self.singularTolerance {
              singular[column.column] = true
              continue
            }
            scales[column.column] = 1 / denominator
          } else {
            scales[column.column] = -topology.sign
          }
        case .inactive, .hvdc, .generator:
          continue
        }
      }
      islands.append(part)
    }
    return SolvedColumns(islands: islands, scale: scales, singular: singular, derated: derated)
  }

  /// Writes the factor columns of one island's solves into `values` (rows × block,
  /// column-major): `scale·b_r·(x_f − x_t)` for the island's rows, 0 for the others; only the
  /// block positions in `only` when given.
  func writeColumns(
    _ part: SolvedColumns.Island, solved: SolvedColumns, into values: inout MutableSpan<Double>, only: Set<Int>?
  ) {
    let count = rows.count, size = part.size
    let x = part.solution.span
    var padded = [Double](repeating: 0, count: size + 1)
    for (q, j) in part.positions.enumerated() {
      guard let scale = solved.scale[j], only?.contains(j) ?? true else { continue }
      let o = j * count, xo = q * size
      for r in 0..<count { values[o + r] = 0 }
      guard let rowsOf = islandRows[part.island] else { continue }
      // The island's solution with a 0 appended for reference buses.
      if part.rowMajor {
        for p in 0..<size { padded[p] = x[p * part.positions.count + q] }
      } else {
        for p in 0..<size { padded[p] = x[xo + p] }
      }
      padded[size] = 0
      for (i, r) in rowsOf.rows.enumerated() {
        values[o + r] = scale * rowsOf.susceptance[i] * (padded[rowsOf.from[i]] - padded[rowsOf.to[i]])
      }
      if let derated = solved.derated[j] { values[o + derated.row] = derated.value }
    }
  }

  /// Post-contingency flows of the rows for contingency `c` (in `block`), MW.
  /// - Parameters:
  ///   - base: pre-contingency from-end flow of every input branch, MW.
  ///   - injections: the point-dependent injection changes from ``injections(_:at:)``.
  func postFlows(
    _ c: Int, block: FactorBlock, base: Span<Double>, injections: [(bus: Int, value: Double)],
    into post: inout [Double]
  ) {
    let count = rows.count
    var out = post.mutableSpan
    for r in 0..<count { out[r] = base[rows[r]] }
    if let k = effects[c].driver {
      let f = base[k]
      let o = (c - block.range.lowerBound) * count
      if f != 0 { for r in 0..<count { out[r] += block.values[o + r] * f } }
    }
    for (bus, value) in injections where value != 0 {
      guard let column = busColumns[bus] else { continue }
      for r in 0..<count { out[r] += column[r] * value }
    }
    for r in effects[c].removedRows { out[r] = 0 }
  }
}
