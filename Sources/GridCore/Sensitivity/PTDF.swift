/// A block of power transfer distribution factors: rows = branches, columns = buses.
/// Entry (r, c) is the change of the from-end flow of branch `branches[r]` per MW injected
/// at bus `buses[c]` and taken up by the slack (MW/MW). Branches outside the model (out of
/// service, touching an isolated bus, in an island without generation) have a zero row;
/// isolated buses a zero column.
public struct PTDFMatrix: Sendable, Hashable {
  /// Input positions in `Network.branches` of the rows.
  public let branches: [Int]
  /// Input positions in `Network.buses` of the columns.
  public let buses: [Int]
  /// `branches.count × buses.count`, column-major.
  public var values: DenseMatrix

  /// A block from its rows, columns and `branches.count × buses.count` values (a precondition).
  public init(branches: [Int], buses: [Int], values: DenseMatrix) {
    precondition(values.rows == branches.count && values.columns == buses.count)
    self.branches = branches
    self.buses = buses
    self.values = values
  }

  /// Entry (`row`, `column`), MW/MW: positions in ``branches`` and ``buses``, not input positions.
  public subscript(row: Int, column: Int) -> Double { values[row, column] }
}

extension DCSensitivity {
  /// The PTDF for `branches` (rows; default every branch) and `buses` (columns; default every
  /// bus), both input positions, with the injection taken up by `slack`.
  ///
  /// Cost: one solve per requested bus, or — when fewer branches than buses are asked
  /// for — one solve per branch (row `l` is `b_l·B⁻¹(e_f − e_t)` by the symmetry of B).
  /// Only the requested block is formed.
  public func ptdf(branches: [Int]? = nil, buses: [Int]? = nil, slack: SlackDistribution = .reference) throws(SensitivityError)
    -> PTDFMatrix
  {
    let rows = branches ?? Array(network.branches.indices)
    let columns = buses ?? Array(network.buses.indices)
    try checkPositions(rows: rows, buses: columns)
    let slackWeights = try resolve(slack)
    if columns.count <= rows.count {
      return try ptdfByColumns(rows: rows, buses: columns, slack: slackWeights)
    }
    var result = PTDFMatrix(branches: rows, buses: columns, values: DenseMatrix(rows: rows.count, columns: columns.count))
    let step = rowsPerBlock(buses: columns.count)
    for first in stride(from: 0, to: rows.count, by: step) {
      let block = try rowBlock(rows[first..<min(rows.count, first + step)], buses: columns, slack: slackWeights)
      for c in 0..<columns.count {
        for r in 0..<block.branches.count { result.values[first + r, c] = block.values[r, c] }
      }
    }
    return result
  }

  /// The PTDF in blocks of consecutive rows, for writers that stream a large matrix: memory
  /// is one block (about ``blockBudgetBytes``), never branches × buses.
  /// `body` receives each block and the index of its first row in `branches`.
  public func forEachPTDFRowBlock(
    branches: [Int]? = nil, buses: [Int]? = nil, slack: SlackDistribution = .reference,
    _ body: (PTDFMatrix, Int) throws -> Void
  ) throws {
    let rows = branches ?? Array(network.branches.indices)
    let columns = buses ?? Array(network.buses.indices)
    try checkPositions(rows: rows, buses: columns)
    let slackWeights = try resolve(slack)
    if columns.count <= rows.count, 8 * rows.count * columns.count <= Self.blockBudgetBytes {
      // Few columns: one solve per bus is cheaper than one per branch, and the block is small.
      try body(try ptdfByColumns(rows: rows, buses: columns, slack: slackWeights), 0)
      return
    }
    let step = rowsPerBlock(buses: columns.count)
    for first in stride(from: 0, to: rows.count, by: step) {
      try body(try rowBlock(rows[first..<min(rows.count, first + step)], buses: columns, slack: slackWeights), first)
    }
  }

  /// Flow change of each branch in `branches` (default all) per MW moved from `source` to
  /// `sink` (MATPOWER `makePTDF(mpc, [], txfr)`): PTDF·(source − sink). Without a sink the
  /// source's island reference takes the power.
  public func transferPTDF(source: InjectionPattern, sink: InjectionPattern?, branches: [Int]? = nil) throws(SensitivityError)
    -> [Double]
  {
    let rows = branches ?? Array(network.branches.indices)
    try checkPositions(rows: rows, buses: [])
    let injection = try transferInjection(source: source, sink: sink)
    return try flowChanges(rows: rows, injections: [injection])
  }

  /// `+share` at the source buses and `−share` at the sink buses, checked to lie in one solvable island.
  func transferInjection(source: InjectionPattern, sink: InjectionPattern?) throws(SensitivityError) -> [(bus: Int, value: Double)] {
    var injection = source.shares.map { (bus: $0.bus, value: $0.share) }
    injection += (sink?.shares ?? []).map { (bus: $0.bus, value: -$0.share) }
    try checkOneIsland(injection, name: "\(source.name) → \(sink?.name ?? "slack")")
    return injection
  }

  // MARK: - Implementation

  func checkPositions(rows: [Int], buses: [Int]) throws(SensitivityError) {
    for r in rows where !network.branches.indices.contains(r) { throw .unknownBranch("\(r + 1)") }
    for b in buses where !network.buses.indices.contains(b) { throw .unknownBus("position \(b + 1)") }
  }

  /// Per solvable island, the internal buses and normalised weights that take up injections
  /// (empty for `.reference`, and for islands that keep their reference).
  func resolve(_ slack: SlackDistribution) throws(SensitivityError) -> [Int: Injection] {
    switch slack {
    case .reference:
      return [:]
    case .bus(let p):
      guard network.buses.indices.contains(p) else { throw .unknownBus("position \(p + 1)") }
      guard let i = solvableInternalBus(position: p) else {
        throw .invalidSlack("bus \(network.buses[p].id) is isolated or in an island without generation")
      }
      return [system.islandOfBus[i]: [(i, 1)]]
    case .weights(let w):
      guard w.count == network.buses.count else {
        throw .invalidSlack("\(w.count) weights for \(network.buses.count) buses")
      }
      var perIsland: [Int: Injection] = [:]
      for (p, weight) in w.enumerated() where weight != 0 {
        guard weight > 0, weight.isFinite else { throw .invalidSlack("weight \(weight) at bus \(network.buses[p].id) (weights must be ≥ 0)") }
        guard let i = solvableInternalBus(position: p) else { continue }
        perIsland[system.islandOfBus[i], default: []].append((i, weight))
      }
      guard !perIsland.isEmpty else { throw .invalidSlack("the weights are 0 at every bus of the solved islands") }
      for (island, part) in perIsland.sorted(by: { $0.key < $1.key }) {
        // Each weight is finite, but their sum can overflow (1e308 + 1e308): dividing by it would
        // make every weight 0 and silently leave the reference bus as the slack.
        guard part.reduce(0, { $0 + $1.value }).isFinite else {
          let buses = part.prefix(6).map { "\(network.buses[system.busPositions[$0.bus]].id)=\($0.value)" }.joined(separator: ", ")
          throw .invalidSlack("the weights of island \(island + 1) (\(buses)) sum beyond ±1.8e308; scale them down (only their ratios matter)")
        }
      }
      return perIsland.mapValues { part in
        let total = part.reduce(0) { $0 + $1.value }
        return part.map { ($0.bus, $0.value / total) }
      }
    }
  }

  /// Column approach: one solve per bus, plus one per island for a non-reference slack.
  private func ptdfByColumns(rows: [Int], buses: [Int], slack: [Int: Injection]) throws(SensitivityError) -> PTDFMatrix {
    var values = DenseMatrix(rows: rows.count, columns: buses.count)
    var byIsland: [Int: [(column: Int, bus: Int)]] = [:]
    for (c, p) in buses.enumerated() {
      guard let i = solvableInternalBus(position: p) else { continue }
      byIsland[system.islandOfBus[i], default: []].append((c, i))
    }
    for (island, members) in byIsland.sorted(by: { $0.key < $1.key }) {
      let size = system.islands[island].unknowns.count
      // Flows of the slack pattern: subtracted from every column of this island.
      var slackFlows = [Double](repeating: 0, count: rows.count)
      if let weights = slack[island] {
        let solution = try solve(island: island, [weights])
        let x = solution.span
        for (r, l) in rows.enumerated() { slackFlows[r] = flow(l, island: island, x, column: 0, size: size) }
      }
      let block = blockSize(island: island, rows: rows.count)
      for start in stride(from: 0, to: members.count, by: block) {
        let part = members[start..<min(members.count, start + block)]
        let solution = try solve(island: island, part.map { [($0.bus, 1.0)] })
        let x = solution.span
        for (j, member) in part.enumerated() {
          // A single slack bus's own column is 0 by definition (MATPOWER's makePTDF): its two
          // solves may differ in the last bit when they are part of different blocks.
          if let weights = slack[island], weights.count == 1, weights[0].bus == member.bus { continue }
          for (r, l) in rows.enumerated() {
            values[r, member.column] = flow(l, island: island, x, column: j, size: size) - slackFlows[r]
          }
        }
      }
    }
    return PTDFMatrix(branches: rows, buses: buses, values: values)
  }

  /// Rows per block of the row approach: a block holds rows × internal buses.
  private func rowsPerBlock(buses: Int) -> Int {
    max(1, Self.blockBudgetBytes / (8 * (system.internalBusCount + buses + 1)))
  }

  /// Row approach: row `l` is `b_l·(B⁻¹(e_f − e_t))ᵀ` (B is symmetric), one solve per branch.
  private func rowBlock(_ rows: ArraySlice<Int>, buses: [Int], slack: [Int: Injection]) throws(SensitivityError) -> PTDFMatrix {
    let part = Array(rows)
    let n = system.internalBusCount
    var block = DenseMatrix(rows: part.count, columns: buses.count)
    // Whole rows over internal buses (reference buses and other islands 0), then the slack shift.
    var full = [Double](repeating: 0, count: n * part.count)
    var byIsland: [Int: [Int]] = [:]
    for (r, l) in part.enumerated() where branchIsland[l] >= 0 { byIsland[branchIsland[l], default: []].append(r) }
    for (island, members) in byIsland.sorted(by: { $0.key < $1.key }) {
      let unknowns = system.islands[island].unknowns
      let x = try solve(
        island: island,
        members.map { r in
          let (f, t) = system.branchEnds(part[r])
          return [(f, 1.0), (t, -1.0)]
        })
      for (j, r) in members.enumerated() {
        let b = susceptance[part[r]]
        for (p, bus) in unknowns.enumerated() { full[r * n + bus] = b * x[j * unknowns.count + p] }
        if let weights = slack[island] {
          let shift = weights.reduce(0) { $0 + $1.value * full[r * n + $1.bus] }
          for bus in system.islands[island].buses { full[r * n + bus] -= shift }
        }
      }
    }
    for (c, p) in buses.enumerated() {
      let i = system.internalIndex[p]
      guard i >= 0 else { continue }
      for r in 0..<part.count { block[r, c] = full[r * n + i] }
    }
    return PTDFMatrix(branches: part, buses: buses, values: block)
  }
}
