/// The year screen's arithmetic: tiles of hours × a block of contingencies × the monitored
/// branches, the tiles side by side on ``SecurityScreen/parallelism``'s threads and merged in
/// hour order, so that the result is the same for any number of threads.
///
/// For a contingency whose effect is its factor column alone (``OutageKernel/isFactorOnly(_:)``),
/// one pass per monitored branch over the tile's hours (``LoadingKernel/hourLoadings(flow:driver:factor:inverseRating:count:hourMax:)``)
/// gives the branch's largest loading and raises each hour's largest; only where these can
/// change a record (a branch's worst case, a contingency's worst hour) or reach the limit are
/// the loadings recomputed exactly, as the general path computes them, and recorded. Other
/// contingencies (HVDC trips, blocked links, a derated branch) take the general path hour by hour.
extension SecurityScreen {
  /// What one tile of hours found for one block of contingencies.
  struct TileScreen: Sendable {
    /// Per monitored row: the tile's worst loading (−1: none worth keeping), its contingency and hour (label).
    var rowWorst: [Double]
    var rowContingency: [Int]
    var rowHour: [Int]
    /// Per contingency of the block: the tile's worst loading (−1: none above the record) and its hour.
    var contingencyWorst: [Double]
    var contingencyHour: [Int]
    /// Per contingency of the block: the hours (labels, ascending) in which it causes a violation.
    var violationHours: [[Int]]
    /// Rows × tile hours, row-major: above the limit after some contingency.
    var rowViolated: [Bool]
    /// Per tile hour: some contingency causes a violation.
    var hourViolated: [Bool]
  }

  /// The flows of one block of hours as the tiles read them: tile by tile, and within a
  /// tile branch by branch, the tile's hours of a branch contiguous (a tile's flows are one
  /// contiguous range, which caches hold without conflicts).
  struct HourFlows: Sendable {
    let hours: Int
    let tile: Int
    let branches: Int
    let values: [Double]

    init(_ flows: Span<Double>, branches m: Int, hours: Int, tile: Int) {
      self.hours = hours
      self.tile = tile
      self.branches = m
      var values = [Double](repeating: 0, count: m * hours)
      var out = values.mutableSpan
      for t0 in stride(from: 0, to: hours, by: tile) {
        let width = min(tile, hours - t0)
        // Eight hours at a time: each hour's column is read a cache line at a time.
        for h0 in stride(from: t0, to: t0 + width, by: 8) {
          let h1 = min(t0 + width, h0 + 8)
          for l in 0..<m {
            for h in h0..<h1 { out[t0 * m + l * width + h - t0] = flows[h * m + l] }
          }
        }
      }
      self.values = values
    }

    /// Where branch `l`'s flow of hour `h` is; the hours of its tile follow.
    @inline(__always)
    func index(_ l: Int, _ h: Int) -> Int {
      let t0 = h / tile * tile
      return t0 * branches + l * min(tile, hours - t0) + h - t0
    }
  }

  /// Hours per tile: the monitored branches' flows of a tile take about 3 MB, a multiple of 4,
  /// from 8 to 128. Few branches are live per contingency (``LoadingKernel/liveRows``), so a
  /// tile need not fit a core's cache whole; on case2383wp's year 128 hours measured best
  /// (7.4 s of CPU, against 8.1 s for 64 and 7.7 s for 256).
  func tileHours() -> Int {
    let fit = (3 << 20) / (8 * max(1, monitored.count))
    return max(8, min(128, fit / 4 * 4))
  }

  /// The records a tile starts from: what it need not recompute exactly.
  struct TileFloors: Sendable {
    /// Per monitored row: its record before the block. A loading equal to it never replaces
    /// it (the record has an earlier contingency).
    var row: [Double]
    /// Per monitored row: its record now, possibly set by earlier tiles of the block (a tie
    /// with an earlier contingency replaces it); ≥ ``row``.
    var rowRecord: [Double]
    /// Per contingency of the block: its record now (from earlier hours).
    var contingency: [Double]
  }

  /// Screens the hours `tile` (indices into the block of hours) against the contingencies of
  /// `block`, from the records `floors`; `knownInsecure`: the hours × rows flags already set
  /// (the base case, earlier blocks), which no contingency needs to set again.
  func screenTile(
    _ tile: Range<Int>, block: OutageKernel.FactorBlock, flows: HourFlows, firstHour: Int, states: [OutageKernel.PointState],
    floors: TileFloors, knownInsecure: [Bool]
  ) -> TileScreen {
    let rowFloor = floors.row, rowRecord = floors.rowRecord, contingencyFloor = floors.contingency
    let rows = monitored.count, width = tile.count
    let limit = options.limitPct + 1e-9
    var screen = TileScreen(
      rowWorst: [Double](repeating: -1, count: rows), rowContingency: [Int](repeating: -1, count: rows),
      rowHour: [Int](repeating: -1, count: rows), contingencyWorst: [Double](repeating: -1, count: block.range.count),
      contingencyHour: [Int](repeating: -1, count: block.range.count), violationHours: [[Int]](repeating: [], count: block.range.count),
      rowViolated: [Bool](repeating: false, count: rows * width), hourViolated: [Bool](repeating: false, count: width))
    for r in 0..<rows {
      for t in 0..<width where knownInsecure[(tile.lowerBound + t) * rows + r] { screen.rowViolated[r * width + t] = true }
    }
    // Products with the reciprocal are within 4 ulp of the quotient, and the bounds of
    // ``LoadingKernel/liveRows`` within a few ulp of the loadings they bound: this margin never
    // skips a loading that the exact quotient would record.
    let margin = 1 + 1e-13
    // Per row: 100/rating (NaN without a rating: never live), the largest |flow| of the tile,
    // and the level below which its loadings change nothing (its record, or the limit).
    var inverse = [Double](repeating: .nan, count: rows), flowBound = [Double](repeating: 0, count: rows)
    var threshold = [Double](repeating: .infinity, count: rows)
    for r in 0..<rows where rating[r] > 0 {
      inverse[r] = 100 / rating[r]
      let o = flows.index(monitored[r], tile.lowerBound)
      for t in 0..<width { flowBound[r] = max(flowBound[r], abs(flows.values[o + t])) }
      threshold[r] = min(rowRecord[r], limit) / margin
    }
    // The tile-local candidates compete by loading, then by (contingency, hour).
    func offer(_ r: Int, _ loading: Double, _ c: Int, _ hour: Int) {
      if loading > screen.rowWorst[r]
        || (loading == screen.rowWorst[r] && (c, hour) < (screen.rowContingency[r], screen.rowHour[r]))
      {
        screen.rowWorst[r] = loading
        screen.rowContingency[r] = c
        screen.rowHour[r] = hour
        threshold[r] = min(max(rowRecord[r], loading), limit) / margin
      }
    }
    var hourMax = [Double](repeating: -1, count: width)
    var violatedNow = [Bool](repeating: false, count: width)
    var post = [Double](repeating: 0, count: rows)
    var live: [Int32] = []
    live.reserveCapacity(rows)
    var approximate = [Double](repeating: 0, count: width)
    // Per row: tile hours already known to be insecure (base case or an earlier contingency).
    var flagged = (0..<rows).map { r in (0..<width).filter { screen.rowViolated[r * width + $0] }.count }
    let zero = [Double](repeating: 0, count: width)
    for c in block.range where !block.singular[c - block.range.lowerBound] {
      let j = c - block.range.lowerBound
      if case .inactive = kernel.effects[c].kind { continue }
      for t in 0..<width { violatedNow[t] = false }
      var best = contingencyFloor[j]
      if kernel.isFactorOnly(c), let k = kernel.effects[c].driver {
        for t in 0..<width { hourMax[t] = -1 }
        let removed = kernel.effects[c].removedRows.sorted()
        var nextRemoved = 0
        let column = j * kernel.rows.count
        // The exact largest loading of tile hour t over every monitored branch.
        func exactMaximum(_ t: Int) -> Double {
          let h = tile.lowerBound + t
          var exact = -1.0
          var next = 0
          for r in 0..<rows where rating[r] > 0 {
            while next < removed.count, removed[next] < r { next += 1 }
            let p = next < removed.count && removed[next] == r
              ? 0 : flows.values[flows.index(monitored[r], h)] + block.values[column + r] * flows.values[flows.index(k, h)]
            exact = max(exact, 100 * abs(p) / rating[r])
          }
          return exact
        }
        var driverBound = 0.0
        let driverStart = flows.index(k, tile.lowerBound)
        for t in 0..<width { driverBound = max(driverBound, abs(flows.values[driverStart + t])) }
        live.removeAll(keepingCapacity: true)
        block.values.withUnsafeBufferPointer { values in
          flowBound.withUnsafeBufferPointer { flowBound in
            inverse.withUnsafeBufferPointer { inverse in
              threshold.withUnsafeBufferPointer { threshold in
                LoadingKernel.liveRows(
                  factor: values.baseAddress! + column, flowBound: flowBound.baseAddress!, inverseRating: inverse.baseAddress!,
                  floor: threshold.baseAddress!, cap: best / margin, driverBound: driverBound, count: rows, into: &live)
              }
            }
          }
        }
        flows.values.withUnsafeBufferPointer { f in
          zero.withUnsafeBufferPointer { zero in
            hourMax.withUnsafeMutableBufferPointer { hourMax in
              approximate.withUnsafeMutableBufferPointer { approximate in
                let driver = f.baseAddress! + driverStart
                for row in live {
                  let r = Int(row)
                  while nextRemoved < removed.count, removed[nextRemoved] < r { nextRemoved += 1 }
                  let l = monitored[r], isRemoved = nextRemoved < removed.count && removed[nextRemoved] == r
                  let factor = isRemoved ? 0 : block.values[column + r]
                  let flow = isRemoved ? zero.baseAddress! : f.baseAddress! + flows.index(l, tile.lowerBound)
                  let rowMax = LoadingKernel.hourLoadings(
                    flow: flow, driver: driver, factor: factor, inverseRating: inverse[r], count: width,
                    into: approximate.baseAddress!, hourMax: hourMax.baseAddress!)
                  // What the exact loadings are needed for: the row's record, and hours above
                  // the limit not yet known to be insecure for this row. A tie raises a record
                  // only if it was set by an earlier tile of this block (with a later
                  // contingency); never the record before the block (an earlier contingency),
                  // nor this tile's own candidate (an earlier contingency or hour).
                  func raises(_ a: Double) -> Bool { a > max(rowFloor[r], screen.rowWorst[r]) && a >= rowRecord[r] }
                  let record = raises(rowMax * margin)
                  let insecure = rowMax * margin > limit && flagged[r] < width
                  guard record || insecure else { continue }
                  for t in 0..<width {
                    let a = approximate[t] * margin
                    let needsRecord = raises(a)
                    let needsFlag = a > limit && !screen.rowViolated[r * width + t]
                    guard needsRecord || needsFlag else { continue }
                    // Exactly as the general path: post = base + factor·f_k, 100·|post|/rating.
                    let p = isRemoved ? 0 : flow[t] + factor * driver[t]
                    let loading = 100 * abs(p) / rating[r]
                    if needsRecord { offer(r, loading, c, firstHour + tile.lowerBound + t) }
                    if needsFlag, loading > limit {
                      screen.rowViolated[r * width + t] = true
                      flagged[r] += 1
                    }
                  }
                }
              }
            }
          }
        }
        // The hours in which some branch is above the limit: certain from the bounds, else exact.
        for t in 0..<width where hourMax[t] * margin > limit {
          violatedNow[t] = hourMax[t] > limit * margin || exactMaximum(t) > limit
        }
        // The contingency's worst hour of the tile, exactly: only hours whose bound reaches
        // both the record and the tile's largest bound can hold it (rows left out above are
        // below the record).
        let top = hourMax.max() ?? -1
        if top >= 0, top * margin >= best {
          var worst = -1.0, worstHour = -1
          for t in 0..<width where hourMax[t] * margin * margin >= top {
            let exact = exactMaximum(t)
            if exact > worst {
              worst = exact
              worstHour = tile.lowerBound + t
            }
          }
          if worst > best {
            best = worst
            screen.contingencyWorst[j] = worst
            screen.contingencyHour[j] = firstHour + worstHour
          }
        }
      } else {
        // The general path, hour by hour: point-dependent injections, a derated row.
        let derated = kernel.effects[c].derated
        var base = [Double](repeating: 0, count: kernel.sensitivity.network.branches.count)
        for t in 0..<width {
          let h = tile.lowerBound + t
          for l in base.indices { base[l] = flows.values[flows.index(l, h)] }
          let entries = needsPoints ? kernel.injections(c, at: states[h]).entries : []
          kernel.postFlows(c, block: block, base: base.span, injections: entries, into: &post)
          var worst = -1.0
          for r in 0..<rows {
            var capacity = rating[r]
            if let derated, derated.row == r { capacity *= derated.remaining }
            guard capacity > 0 else { continue }
            let loading = 100 * abs(post[r]) / capacity
            worst = max(worst, loading)
            offer(r, loading, c, firstHour + h)
            if loading > limit {
              screen.rowViolated[r * width + t] = true
              violatedNow[t] = true
            }
          }
          if worst > best {
            best = worst
            screen.contingencyWorst[j] = worst
            screen.contingencyHour[j] = firstHour + h
          }
        }
      }
      for t in 0..<width where violatedNow[t] {
        screen.violationHours[j].append(firstHour + tile.lowerBound + t)
        screen.hourViolated[t] = true
      }
    }
    return screen
  }
}
