/// N-1 screen of many snapshots (e.g. the 8,760 hours of a year), streaming: blocks of
/// base-case flows go in, and only running reductions are kept — never the
/// hour × contingency × branch cube.
///
/// Per monitored branch: the worst loading (N-0 or post-contingency), its hour and
/// contingency, and the number of hours in which it is above the limit. Per contingency:
/// the hours in which it causes a violation. The outage factors are computed once (kept
/// when they fit `cacheBudgetBytes`, otherwise recomputed block by block for each call),
/// so a year costs one factorization, one set of outage solves and O(hours × outages ×
/// monitored) arithmetic.
///
/// ```swift
/// var screen = try SecurityScreen(DCSensitivity(system))
/// for (first, block) in hourBlocks {                     // e.g. 168 hours at a time
///   let p = block.flatMap { system.internalInjectionsMW($0) }
///   let flows = system.branchFlowsMW(angles: try system.solveAngles(injectionsMW: p, columns: block.count), columns: block.count)
///   try screen.add(flowsMW: flows, hours: block.count, firstHour: first, points: block)
/// }
/// print(screen.result.insecureHours)
/// ```
public struct SecurityScreen: Sendable {
  /// Monitored branches (input positions, in input order).
  public let monitored: [Int]
  /// The outages, in report order (``ContingencyOptions/contingencies`` or the default list).
  public let contingencies: [Contingency]
  /// The settings of the screen.
  public let options: ContingencyOptions
  let kernel: OutageKernel
  /// Per monitored row: post-contingency rating and RATE_A, MW (0: unlimited).
  let rating: [Double]
  let baseRating: [Double]
  /// The factor blocks, when they fit the cache budget.
  let cached: [OutageKernel.FactorBlock]?
  /// True when some contingency depends on HVDC set-points or generator outputs.
  let needsPoints: Bool
  /// Threads for the tiles of hours; the result is the same for any value.
  public let parallelism: Parallelism
  /// The reductions over every hour added so far.
  public private(set) var result: SecurityScreenResult

  /// Prepares the screen: contingency list, monitored branches, and the outage factors when
  /// they fit the budget.
  /// - Parameters:
  ///   - sensitivity: the factored model of the topology every added hour is on.
  ///   - options: the N-1 settings (monitored branches, outages, rating set, limit %).
  ///   - cacheBudgetBytes: keep the outage factors (monitored × contingencies
  ///     numbers) when they fit; otherwise each ``add(flowsMW:hours:firstHour:points:)``
  ///     recomputes them, so pass large blocks of hours.
  ///   - parallelism: threads for the tiles of hours of each block added; the result is the
  ///     same for any value.
  public init(
    _ sensitivity: DCSensitivity, options: ContingencyOptions = ContingencyOptions(), cacheBudgetBytes: Int = 512 << 20,
    parallelism: Parallelism = .automatic
  ) throws(SensitivityError) {
    self.parallelism = parallelism
    let analysis = try ContingencyAnalysis.Plan(sensitivity, options: options)
    monitored = analysis.monitored
    contingencies = analysis.contingencies
    self.options = options
    kernel = try OutageKernel(sensitivity: sensitivity, rows: monitored, contingencies: contingencies, hvdcRule: options.hvdcRule)
    rating = monitored.map { analysis.postRating[$0] }
    baseRating = monitored.map { sensitivity.network.branches[$0].ratingMW }
    if 8 * monitored.count * contingencies.count <= cacheBudgetBytes {
      var blocks: [OutageKernel.FactorBlock] = []
      for range in kernel.blockRanges() { blocks.append(try kernel.factorBlock(range)) }
      cached = blocks
    } else {
      cached = nil
    }
    needsPoints = kernel.effects.contains { effect in
      switch effect.kind {
      case .hvdc, .generator: return true
      case .islanding(let topology): return !topology.blockedLinks.isEmpty
      case .inactive, .branch: return false
      }
    }
    result = SecurityScreenResult(
      hours: 0, insecureHours: 0, baseInsecureHours: 0,
      branches: monitored.map { ScreenedBranch(branch: $0, worstLoadingPct: nil, worstHour: nil, worstContingency: nil, insecureHours: 0) },
      contingencies: contingencies.indices.map { ScreenedContingency(index: $0, violationHours: [], worstLoadingPct: nil, worstHour: nil) })
  }

  /// Screens `hours` snapshots.
  /// - Parameters:
  ///   - flowsMW: base-case from-end flow of every branch per hour, MW (branches × `hours`,
  ///     column-major), as ``DCSystem/branchFlowsMW(angles:columns:)`` returns them.
  ///   - hours: the number of snapshots in the block (columns of `flowsMW`).
  ///   - firstHour: the label of the first snapshot (e.g. its hour of the year); hours are
  ///     recorded as `firstHour + i`. Add blocks in increasing order to get sorted hour lists.
  ///   - points: the operating point of each hour, for HVDC trips and for links blocked by
  ///     an islanding outage; nil: the network's own set-points.
  public mutating func add(flowsMW: [Double], hours: Int, firstHour: Int, points: [OperatingPoint]? = nil) throws(SensitivityError) {
    try add(flowsMW: flowsMW[...], hours: hours, firstHour: firstHour, points: points)
  }

  /// ``add(flowsMW:hours:firstHour:points:)`` for flows that are part of a larger block.
  mutating func add(flowsMW: ArraySlice<Double>, hours: Int, firstHour: Int, points: [OperatingPoint]?) throws(SensitivityError) {
    let system = kernel.sensitivity.system
    let m = system.network.branches.count, rows = monitored.count
    precondition(flowsMW.count == m * hours, "SecurityScreen.add: \(flowsMW.count) flows for \(m) branches × \(hours) hours")
    precondition(points == nil || points?.count == hours, "SecurityScreen.add: one operating point per hour")
    guard hours > 0 else { return }
    var states: [OutageKernel.PointState] = []
    if needsPoints {
      let fallback = OperatingPoint(base: system.network)
      states = (0..<hours).map { OutageKernel.PointState(points?[$0] ?? fallback, system: system) }
    }
    let limit = options.limitPct + 1e-9
    // Hours × rows flags: is the row above its limit in that hour (N-0 or some contingency)?
    var rowHour = [Bool](repeating: false, count: rows * hours)
    var hourInsecure = [Bool](repeating: false, count: hours)
    var baseInsecure = [Bool](repeating: false, count: hours)
    var record = result
    // Rows whose record was set by this block of hours: a tie goes to the earlier case in the
    // order the screen defines (the base case, then contingency by contingency, hour by hour).
    var setNow = [Bool](repeating: false, count: rows)
    let flows = flowsMW.span
    for h in 0..<hours {
      for (r, l) in monitored.enumerated() where baseRating[r] > 0 {
        let loading = 100 * abs(flows[h * m + l]) / baseRating[r]
        if loading > (record.branches[r].worstLoadingPct ?? -1) {
          record.branches[r].worstLoadingPct = loading
          record.branches[r].worstHour = firstHour + h
          record.branches[r].worstContingency = nil
          setNow[r] = true
        }
        if loading > limit {
          rowHour[h * rows + r] = true
          baseInsecure[h] = true
        }
      }
    }
    let step = tileHours()
    let hourFlows = HourFlows(flows, branches: m, hours: hours, tile: step)
    let tiles = stride(from: 0, to: hours, by: step).map { $0..<min(hours, $0 + step) }
    var scratch = OutageKernel.FactorBlock(range: 0..<0, values: [], singular: [])
    for (i, range) in kernel.blockRanges().enumerated() {
      let block: OutageKernel.FactorBlock
      if let cached {
        block = cached[i]
      } else {
        try kernel.fill(&scratch, range: range)
        block = scratch
      }
      // Tiles in waves of one per thread, records merged between waves so that later tiles
      // skip more; the first tile alone while the block's contingencies have no record yet.
      let rowFloor = record.branches.map { $0.worstLoadingPct ?? -1 }
      var next = 0
      while next < tiles.count {
        let fresh = next == 0 && range.contains { record.contingencies[$0].worstLoadingPct == nil }
        let wave = Array(tiles[next..<min(tiles.count, next + (fresh ? 1 : parallelism.threads))])
        let rowRecord = record.branches.map { $0.worstLoadingPct ?? -1 }
        let contingencyFloor = range.map { record.contingencies[$0].worstLoadingPct ?? -1 }
        let screen = self, states = states, knownInsecure = rowHour
        let screens = parallelism.map(wave.count) { t in
          screen.screenTile(
            wave[t], block: block, flows: hourFlows, firstHour: firstHour, states: states,
            floors: TileFloors(row: rowFloor, rowRecord: rowRecord, contingency: contingencyFloor), knownInsecure: knownInsecure)
        }
        for (t, tileScreen) in zip(wave, screens) {
          for r in 0..<rows where tileScreen.rowContingency[r] >= 0 {
            let b = record.branches[r], loading = tileScreen.rowWorst[r]
            let earlier =
              setNow[r] && (tileScreen.rowContingency[r], tileScreen.rowHour[r]) < (b.worstContingency ?? -1, b.worstHour ?? -1)
            if loading > (b.worstLoadingPct ?? -1) || (loading == b.worstLoadingPct && earlier) {
              record.branches[r].worstLoadingPct = loading
              record.branches[r].worstHour = tileScreen.rowHour[r]
              record.branches[r].worstContingency = tileScreen.rowContingency[r]
              setNow[r] = true
            }
          }
          for (j, c) in range.enumerated() {
            if tileScreen.contingencyHour[j] >= 0, tileScreen.contingencyWorst[j] > (record.contingencies[c].worstLoadingPct ?? -1) {
              record.contingencies[c].worstLoadingPct = tileScreen.contingencyWorst[j]
              record.contingencies[c].worstHour = tileScreen.contingencyHour[j]
            }
            record.contingencies[c].violationHours += tileScreen.violationHours[j]
          }
          for (u, h) in t.enumerated() {
            if tileScreen.hourViolated[u] { hourInsecure[h] = true }
            for r in 0..<rows where tileScreen.rowViolated[r * t.count + u] { rowHour[h * rows + r] = true }
          }
        }
        next += wave.count
      }
    }
    for h in 0..<hours {
      for r in 0..<rows where rowHour[h * rows + r] { record.branches[r].insecureHours += 1 }
      if hourInsecure[h] || baseInsecure[h] { record.insecureHours += 1 }
      if baseInsecure[h] { record.baseInsecureHours += 1 }
    }
    record.hours += hours
    result = record
  }
}

/// The running reductions of a ``SecurityScreen``.
public struct SecurityScreenResult: Sendable, Hashable {
  /// Snapshots screened.
  public var hours: Int
  /// Hours with a violation in the base case or after some contingency.
  public var insecureHours: Int
  /// Hours with a violation in the base case (N-0).
  public var baseInsecureHours: Int
  /// One per monitored branch, in the screen's order.
  public var branches: [ScreenedBranch]
  /// One per contingency, in the screen's order.
  public var contingencies: [ScreenedContingency]
}

/// A monitored branch over all screened hours.
public struct ScreenedBranch: Sendable, Hashable {
  /// Input position in `Network.branches`.
  public var branch: Int
  /// Highest loading over all hours: % of RATE_A in the base case, % of the
  /// post-contingency rating after an outage; nil before the first hour is added, and for a
  /// branch without any rating (RATE_A and the post-contingency rating both 0).
  public var worstLoadingPct: Double?
  /// The hour of ``worstLoadingPct`` (labelled `firstHour + i` by
  /// ``SecurityScreen/add(flowsMW:hours:firstHour:points:)``); on a tie, the first one added.
  public var worstHour: Int?
  /// The contingency of ``worstLoadingPct`` (index in the screen's list); nil: the base case.
  public var worstContingency: Int?
  /// Hours in which the branch is above the limit, in the base case or after some contingency.
  public var insecureHours: Int
}

/// A contingency over all screened hours.
public struct ScreenedContingency: Sendable, Hashable {
  /// Index in the screen's contingency list.
  public var index: Int
  /// Hours in which it puts some monitored branch above the limit, in the order added.
  public var violationHours: [Int]
  /// Highest post-contingency loading it causes, % of the post-contingency rating.
  public var worstLoadingPct: Double?
  /// The hour of ``worstLoadingPct``.
  public var worstHour: Int?
}
