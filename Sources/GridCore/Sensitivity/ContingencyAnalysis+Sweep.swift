/// The single-snapshot screen without post-contingency flow vectors: blocks of outages, each
/// solved once and screened by one pass per monitored branch over the block
/// (``LoadingKernel``), blocks side by side on ``ContingencyAnalysis/parallelism``'s threads
/// and merged in block order, so that the result is the same for any number of threads.
extension ContingencyAnalysis {
  /// The monitored branches as the pass reads them: those with a post-contingency rating, in
  /// ``monitored`` order, with the positions of their ends among their island's unknowns.
  struct PassRows: Sendable {
    /// Position in ``ContingencyAnalysis/monitored``.
    var index: [Int] = []
    var branch: [Int] = []
    /// Solvable island, −1 outside the model.
    var island: [Int] = []
    /// Unknown positions of the ends; a reference bus points at the island's zero row.
    var from: [Int] = []
    var to: [Int] = []
    var susceptance: [Double] = []
    /// Post-contingency rating, MW (> 0).
    var rating: [Double] = []
    /// Per input branch: its position in these rows, −1 when not a pass row.
    var ofBranch: [Int]

    init(_ sensitivity: DCSensitivity, monitored: [Int], rating postRating: [Double]) {
      let system = sensitivity.system
      ofBranch = [Int](repeating: -1, count: system.network.branches.count)
      for (i, l) in monitored.enumerated() where postRating[l] > 0 {
        let island = sensitivity.branchIsland[l]
        let pad = island >= 0 ? system.islands[island].unknowns.count : 0
        ofBranch[l] = index.count
        index.append(i)
        branch.append(l)
        self.island.append(island)
        from.append(sensitivity.fromUnknown[l] >= 0 ? sensitivity.fromUnknown[l] : pad)
        to.append(sensitivity.toUnknown[l] >= 0 ? sensitivity.toUnknown[l] : pad)
        susceptance.append(sensitivity.susceptance[l])
        rating.append(postRating[l])
      }
    }
  }

  /// What one operating point gives every block: its flows and the totals islanding impacts need.
  struct ScreenPoint: Sendable {
    let base: [Double]
    let state: OutageKernel.PointState
    let demand: [Double]
    let generation: [Double]
  }

  /// One block screened: its outcomes in order, and per monitored branch (``monitored``
  /// positions) the block's worst loading (−1: none that could raise the record), its flow
  /// and contingency, and the number of violations.
  struct BlockScreen: Sendable {
    var outcomes: [ContingencyOutcome]
    var worst: [Double]
    var worstFlowMW: [Double]
    var worstContingency: [Int]
    var violations: [Int]
  }

  /// The fast path: blocks of outages screened ``parallelism/threads`` at a time
  /// (``screenBlock(_:inputs:floor:)``), merged into `records` and handed to `body` in block
  /// order.
  func screenInBlocks(
    _ inputs: ScreenPoint, records: inout [MonitoredBranch], outcomes: inout [ContingencyOutcome],
    _ body: (ContingencyOutcome, Span<Double>) -> Bool
  ) throws(SensitivityError) {
    let ranges = kernel.rowBlockRanges()
    let empty: [Double] = []
    var first = 0
    while first < ranges.count {
      let batch = Array(ranges[first..<min(ranges.count, first + parallelism.threads)])
      let floor = records.map { $0.worstLoadingPct ?? -1 }
      let screens = parallelism.map(batch.count) { b -> Result<BlockScreen, SensitivityError> in
        do throws(SensitivityError) {
          return .success(try screenBlock(batch[b], inputs: inputs, floor: floor))
        } catch {
          return .failure(error)
        }
      }
      for result in screens {
        let screen = try result.get()
        for i in records.indices {
          records[i].violationCount += screen.violations[i]
          // Earlier blocks hold earlier contingencies: only a strictly higher loading replaces.
          if screen.worstContingency[i] >= 0, screen.worst[i] > (records[i].worstLoadingPct ?? -1) {
            records[i].worstLoadingPct = screen.worst[i]
            records[i].worstFlowMW = screen.worstFlowMW[i]
            records[i].worstContingency = screen.worstContingency[i]
          }
        }
        for outcome in screen.outcomes {
          outcomes.append(outcome)
          guard body(outcome, empty.span) else { return }
        }
      }
      first += batch.count
    }
  }

  /// Screens the outages of `range`. A branch's worst case of the block is kept only when it
  /// is above `floor` (the branch's record before the block: a lower one cannot raise it).
  func screenBlock(_ range: Range<Int>, inputs: ScreenPoint, floor: [Double]) throws(SensitivityError) -> BlockScreen {
    let network = sensitivity.network, base = inputs.base
    let block = try kernel.rowBlock(range)
    let width = block.evaluated.count
    var screen = BlockScreen(
      outcomes: [], worst: [Double](repeating: -1, count: monitored.count), worstFlowMW: [Double](repeating: 0, count: monitored.count),
      worstContingency: [Int](repeating: -1, count: monitored.count), violations: [Int](repeating: 0, count: monitored.count))
    let limit = options.limitPct + 1e-9

    // The evaluated outages: their driver flows, and the (row, outage) pairs at 0 MW.
    var driverFlow = [Double](repeating: 0, count: width)
    var removed: [(row: Int, column: Int)] = []
    for (e, j) in block.evaluated.enumerated() {
      let c = range.lowerBound + j
      if let k = kernel.effects[c].driver { driverFlow[e] = base[k] }
      for r in kernel.effects[c].removedRows where passRows.ofBranch[kernel.rows[r]] >= 0 {
        removed.append((passRows.ofBranch[kernel.rows[r]], e))
      }
    }
    removed.sort { ($0.row, $0.column) < ($1.row, $1.column) }
    var columnMax = [Double](repeating: -1, count: width)
    var columnRow = [Int64](repeating: -1, count: width)
    var columnViolations = [[(row: Int, flowMW: Double, loadingPct: Double)]](repeating: [], count: width)
    if width > 0 {
      let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * width)
      defer { buffer.deallocate() }
      let post = buffer.baseAddress!, loading = post + width
      var next = 0
      block.transposed.withUnsafeBufferPointer { transposed in
        block.scale.withUnsafeBufferPointer { scale in
          driverFlow.withUnsafeBufferPointer { driver in
            columnMax.withUnsafeMutableBufferPointer { columnMax in
              columnRow.withUnsafeMutableBufferPointer { columnRow in
                for p in passRows.index.indices {
                  let l = passRows.branch[p], i = passRows.index[p]
                  if let o = passRows.island[p] >= 0 ? block.islandOffset[passRows.island[p]] : nil {
                    LoadingKernel.postFlows(
                      base: base[l], susceptance: passRows.susceptance[p], from: transposed.baseAddress! + o + passRows.from[p] * width,
                      to: transposed.baseAddress! + o + passRows.to[p] * width, scale: scale.baseAddress!,
                      driverFlow: driver.baseAddress!, count: width, into: post)
                  } else {
                    // A branch in no island of the block: no outage of the block reaches it.
                    for e in 0..<width { post[e] = base[l] + 0 * driver[e] }
                  }
                  while next < removed.count, removed[next].row == p {
                    post[removed[next].column] = 0
                    next += 1
                  }
                  let rowMax = LoadingKernel.loadings(
                    post: post, rating: passRows.rating[p], count: width, into: loading, columnMax: columnMax.baseAddress!,
                    columnRow: columnRow.baseAddress!, row: p)
                  if rowMax > limit {
                    for e in 0..<width where loading[e] > limit {
                      columnViolations[e].append((p, post[e], loading[e]))
                      screen.violations[i] += 1
                    }
                  }
                  if rowMax > floor[i], let e = (0..<width).first(where: { loading[$0] == rowMax }) {
                    screen.worst[i] = rowMax
                    screen.worstFlowMW[i] = post[e]
                    screen.worstContingency[i] = range.lowerBound + block.evaluated[e]
                  }
                }
              }
            }
          }
        }
      }
    }

    // The outages the pass left out, by the general path; then every outcome in order.
    let special = (0..<range.count).filter { !block.solved.singular[$0] && !block.evaluated.contains($0) }
    var factors = OutageKernel.FactorBlock(range: range, values: [], singular: block.solved.singular)
    if !special.isEmpty {
      factors.values = [Double](repeating: 0, count: kernel.rows.count * range.count)
      var values = factors.values.mutableSpan
      for part in block.solved.islands { kernel.writeColumns(part, solved: block.solved, into: &values, only: Set(special)) }
    }
    var full = [Double](repeating: 0, count: special.isEmpty ? 0 : network.branches.count)
    var e = 0
    for (j, c) in range.enumerated() {
      var outcome = ContingencyOutcome(
        index: c, contingency: contingencies[c], status: .solved, islanding: nil, hvdc: nil, maxLoadingPct: nil,
        maxLoadingBranch: nil, violations: [], flowsMW: nil)
      let effect = kernel.effects[c]
      if block.solved.singular[j] {
        outcome.status = .singular
        screen.outcomes.append(outcome)
        continue
      }
      switch effect.kind {
      case .inactive: outcome.status = .inactive
      case .islanding(let topology):
        outcome.status = .islanding
        outcome.islanding = impact(topology, base: base, state: inputs.state, demand: inputs.demand, generation: inputs.generation)
      case .branch, .hvdc, .generator: break
      }
      if e < width, block.evaluated[e] == j {
        if columnMax[e] > -1 {
          outcome.maxLoadingPct = columnMax[e]
          outcome.maxLoadingBranch = passRows.branch[Int(columnRow[e])]
        }
        outcome.violations = columnViolations[e].map { v in
          let l = passRows.branch[v.row], rateA = network.branches[l].ratingMW
          return BranchViolation(
            branch: l, flowMW: v.flowMW, ratingMW: passRows.rating[v.row], loadingPct: v.loadingPct, baseFlowMW: base[l],
            baseLoadingPct: rateA > 0 ? 100 * abs(base[l]) / rateA : 0)
        }
        e += 1
      } else {
        let (entries, hvdc) = kernel.injections(c, at: inputs.state)
        outcome.hvdc = hvdc
        kernel.postFlows(c, block: factors, base: base.span, injections: entries, into: &full)
        // The block's worst cases with the rule of the whole screen: the higher loading, and
        // on a tie the earlier contingency.
        monitor(&outcome, post: full, base: base, derated: effect.derated) { i, loading, flow, violated in
          if loading > screen.worst[i] || (loading == screen.worst[i] && c < screen.worstContingency[i]) {
            screen.worst[i] = loading
            screen.worstFlowMW[i] = flow
            screen.worstContingency[i] = c
          }
          if violated { screen.violations[i] += 1 }
        }
      }
      outcome.violations.sort { $0.loadingPct > $1.loadingPct }
      screen.outcomes.append(outcome)
    }
    return screen
  }
}
