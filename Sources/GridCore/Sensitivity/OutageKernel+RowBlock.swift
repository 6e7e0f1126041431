extension OutageKernel {
  /// A block of outages laid out for a pass over monitored branches
  /// (``ContingencyAnalysis/screenBlock(_:inputs:floor:)``): for each island, its solution
  /// row-major, one bus's angle changes for every outage of the block contiguous. The flow change of branch `l` for outage e is then
  /// `scale[e]·b_l·(x[f_l][e] − x[t_l][e])`, a vector operation over the block.
  struct RowBlock: Sendable {
    var range: Range<Int>
    /// Block positions (`c − range.lowerBound`) of the outages the pass evaluates: those whose
    /// effect is their factor column alone (``OutageKernel/isFactorOnly(_:)``), not singular; ascending.
    var evaluated: [Int]
    /// Per evaluated outage: the factor scale of ``SolvedColumns/scale``.
    var scale: [Double]
    /// Per island with evaluated outages, from ``islandOffset``: (unknowns + 1) ×
    /// `evaluated.count` values, row-major; row p is the island's unknown p, the last row 0
    /// (reference buses); columns of outages in other islands are 0.
    var transposed: [Double]
    /// Where each island's rows start in ``transposed``.
    var islandOffset: [Int: Int]
    /// The block's solves, for the factor columns of the outages the pass leaves out.
    var solved: SolvedColumns
  }

  /// True when outage `c` changes flows through its factor column alone: the whole-branch
  /// outage of a branch (or a circuit of a branch that is not a row), or an islanding outage
  /// that blocks no HVDC link. HVDC and generator trips, blocked links (point-dependent injections) and
  /// derated rows (a rating that changes with the outage) take the general path.
  func isFactorOnly(_ c: Int) -> Bool {
    guard effects[c].derated == nil else { return false }
    switch effects[c].kind {
    case .branch: return true
    case .islanding(let topology): return topology.blockedLinks.isEmpty
    case .inactive, .hvdc, .generator: return false
    }
  }

  /// Outages per block of the monitored-branch pass: the block's solution takes about
  /// ``rowBlockBytes``; at most 256 outages, at least 16.
  func rowBlockRanges() -> [Range<Int>] {
    let largest = sensitivity.system.islands.map(\.unknowns.count).max() ?? 0
    let size = max(16, min(256, Self.rowBlockBytes / (8 * (largest + 1))))
    return stride(from: 0, to: contingencies.count, by: size).map { $0..<min(contingencies.count, $0 + size) }
  }

  /// Bytes of one solution block of the monitored-branch pass. Wider blocks check fewer
  /// residual columns per outage but leave the cache: 4 MB measured faster than 12 MB on
  /// case9241pegase (56 against 170 outages per block).
  static let rowBlockBytes = 4 << 20

  /// Solves the outages of `range` (row-major, ``DCSensitivity/solveRowMajor(island:_:)``) and
  /// lays out the solutions of the evaluated ones: as solved when one island holds them all
  /// and every column is evaluated (the usual case), else copied into the evaluated columns.
  func rowBlock(_ range: Range<Int>) throws(SensitivityError) -> RowBlock {
    let solved = try solveColumns(range, rowMajor: true)
    var evaluated: [Int] = [], scale: [Double] = []
    for j in 0..<range.count where isFactorOnly(range.lowerBound + j) {
      guard let s = solved.scale[j] else { continue }
      evaluated.append(j)
      scale.append(s)
    }
    if solved.islands.count == 1, solved.islands[0].positions == evaluated {
      let part = solved.islands[0]
      return RowBlock(
        range: range, evaluated: evaluated, scale: scale, transposed: part.solution, islandOffset: [part.island: 0], solved: solved)
    }
    let width = evaluated.count
    var slot = [Int](repeating: -1, count: range.count)
    for (e, j) in evaluated.enumerated() { slot[j] = e }
    var islandOffset: [Int: Int] = [:]
    var total = 0
    for part in solved.islands where part.positions.contains(where: { slot[$0] >= 0 }) {
      islandOffset[part.island] = total
      total += (part.size + 1) * width
    }
    var transposed = [Double](repeating: 0, count: total)
    var out = transposed.mutableSpan
    for part in solved.islands {
      guard let o = islandOffset[part.island] else { continue }
      let x = part.solution.span, w = part.positions.count
      for (q, j) in part.positions.enumerated() where slot[j] >= 0 {
        let e = slot[j]
        for p in 0..<part.size { out[o + p * width + e] = x[p * w + q] }
      }
    }
    return RowBlock(
      range: range, evaluated: evaluated, scale: scale, transposed: transposed, islandOffset: islandOffset, solved: solved)
  }
}
