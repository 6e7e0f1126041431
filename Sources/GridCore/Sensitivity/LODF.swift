/// Line outage distribution factors: rows = monitored branches, columns = outaged branches.
/// Entry (l, k) is the change of the flow on l per MW of pre-outage flow on k:
/// `post_l = pf_l + LODF[l, k]·pf_k`, with `LODF[l, k] = PTDF[l, f_k→t_k] / (1 − h_kk)` and
/// `h_kk = PTDF[k, f_k→t_k]` (MATPOWER `makeLODF`); the diagonal is −1.
///
/// Columns whose outage splits an island (``Column/islanding``) or leaves a singular network
/// (``Column/singular``) have no distribution factors: ``factor(_:_:)`` is nil there (except
/// the −1 diagonal), `values` holds 0, and writers print an empty cell or `null`, never NaN or ±Inf.
public struct LODFMatrix: Sendable, Hashable {
  /// What an outaged column holds.
  public enum Column: String, Sendable, Hashable {
    /// Distribution factors.
    case factors
    /// A bridge: the outage splits an island (found from the topology).
    case islanding
    /// Not a bridge, yet `|1 − h_kk| < 1e-8`: the post-outage network is singular.
    case singular
    /// Out of service or outside the model: the outage changes nothing (column 0, diagonal −1).
    case inactive
  }

  /// Input positions in `Network.branches` of the rows (monitored branches).
  public let monitored: [Int]
  /// Input positions in `Network.branches` of the columns (outaged branches).
  public let outaged: [Int]
  /// `monitored.count × outaged.count`, column-major.
  public var values: DenseMatrix
  /// One per outaged branch.
  public let columns: [Column]

  /// The factor, or nil where the column has none (islanding or singular, off the diagonal).
  public func factor(_ row: Int, _ column: Int) -> Double? {
    switch columns[column] {
    case .factors, .inactive: return values[row, column]
    case .islanding, .singular: return monitored[row] == outaged[column] ? -1 : nil
    }
  }
}

extension DCSensitivity {
  /// The LODF of `monitored` (rows; default every branch) for the outage of each of
  /// `outaged` (columns; default every branch): one solve per outaged branch, in blocks.
  public func lodf(monitored: [Int]? = nil, outaged: [Int]? = nil) throws(SensitivityError) -> LODFMatrix {
    let rows = monitored ?? Array(network.branches.indices)
    let columns = outaged ?? Array(network.branches.indices)
    try checkPositions(rows: rows + columns, buses: [])
    let kernel = try OutageKernel(sensitivity: self, rows: rows, contingencies: columns.map { .branch($0) }, hvdcRule: .slack)
    var values = DenseMatrix(rows: rows.count, columns: columns.count)
    var kinds = [LODFMatrix.Column](repeating: .factors, count: columns.count)
    for range in kernel.blockRanges() {
      let block = try kernel.factorBlock(range)
      for c in range {
        switch kernel.effects[c].kind {
        case .inactive: kinds[c] = .inactive
        case .islanding: kinds[c] = .islanding
        case .branch, .hvdc, .generator:
          if block.singular[c - range.lowerBound] {
            kinds[c] = .singular
          } else {
            let o = (c - range.lowerBound) * rows.count
            for r in 0..<rows.count { values[r, c] = block.values[o + r] }
          }
        }
        if kinds[c] != .factors {
          for r in 0..<rows.count { values[r, c] = 0 }
        }
        let k = columns[c]
        for r in 0..<rows.count where rows[r] == k { values[r, c] = -1 }
      }
    }
    return LODFMatrix(monitored: rows, outaged: columns, values: values, columns: kinds)
  }

  /// The LODF in blocks of consecutive rows, for writers that stream a large matrix: memory
  /// is one block of rows plus one number per outaged branch, never monitored × outaged.
  /// Costs one solve per outaged branch (for `h_kk`) and one per monitored branch.
  /// `body` receives each block and the index of its first row in `monitored`.
  public func forEachLODFRowBlock(monitored: [Int]? = nil, outaged: [Int]? = nil, _ body: (LODFMatrix, Int) throws -> Void) throws {
    let rows = monitored ?? Array(network.branches.indices)
    let columns = outaged ?? Array(network.branches.indices)
    try checkPositions(rows: rows + columns, buses: [])
    if 8 * rows.count * columns.count <= Self.blockBudgetBytes {
      // Small enough to hold: one solve per outaged branch only.
      try body(try lodf(monitored: rows, outaged: columns), 0)
      return
    }
    // 1 − h_kk per outaged branch, from blocks of transfer solves.
    var kinds = [LODFMatrix.Column](repeating: .factors, count: columns.count)
    var divisor = [Double](repeating: 1, count: columns.count)
    var byIsland: [Int: [Int]] = [:]
    for (c, k) in columns.enumerated() {
      if !isActive(branch: k) {
        kinds[c] = .inactive
      } else if bridges.isBridge[k] {
        kinds[c] = .islanding
      } else {
        byIsland[branchIsland[k], default: []].append(c)
      }
    }
    for (island, members) in byIsland.sorted(by: { $0.key < $1.key }) {
      let size = system.islands[island].unknowns.count
      let step = blockSize(island: island, rows: 0)
      for start in stride(from: 0, to: members.count, by: step) {
        let part = members[start..<min(members.count, start + step)]
        let solution = try solve(island: island, part.map { transferInjection(branch: columns[$0]) })
        let x = solution.span
        for (j, c) in part.enumerated() {
          divisor[c] = 1 - flow(columns[c], island: island, x, column: j, size: size)
          if abs(divisor[c]) < OutageKernel.singularTolerance { kinds[c] = .singular }
        }
      }
    }
    // Rows: PTDF row l over the ends of every outaged branch, b_l·(y[f_k] − y[t_k]) with y = B⁻¹(e_f − e_t).
    let n = system.internalBusCount
    let step = max(1, Self.blockBudgetBytes / (8 * (n + columns.count + 1)))
    for first in stride(from: 0, to: rows.count, by: step) {
      let part = Array(rows[first..<min(rows.count, first + step)])
      var values = DenseMatrix(rows: part.count, columns: columns.count)
      var rowsByIsland: [Int: [Int]] = [:]
      for (r, l) in part.enumerated() where branchIsland[l] >= 0 { rowsByIsland[branchIsland[l], default: []].append(r) }
      for (island, members) in rowsByIsland.sorted(by: { $0.key < $1.key }) {
        let size = system.islands[island].unknowns.count
        let y = try solve(island: island, members.map { transferInjection(branch: part[$0]) })
        for (j, r) in members.enumerated() {
          let b = susceptance[part[r]]
          for (c, k) in columns.enumerated() where kinds[c] == .factors && branchIsland[k] == island {
            let pf = fromUnknown[k], pt = toUnknown[k]
            let transfer = b * ((pf >= 0 ? y[j * size + pf] : 0) - (pt >= 0 ? y[j * size + pt] : 0))
            values[r, c] = transfer / divisor[c]
          }
        }
      }
      for (r, l) in part.enumerated() {
        for (c, k) in columns.enumerated() where k == l { values[r, c] = -1 }
      }
      try body(LODFMatrix(monitored: part, outaged: columns, values: values, columns: kinds), first)
    }
  }

  /// `+1` at the from bus and `−1` at the to bus of a branch (internal buses).
  func transferInjection(branch k: Int) -> Injection {
    let (f, t) = system.branchEnds(k)
    return [(f, 1), (t, -1)]
  }
}
