/// One block of a chunk to solve: a topology and the chunk columns it takes.
struct BlockPlan: Sendable {
  let topology: Int
  let system: DCSystem
  /// Chunk columns, ascending.
  let columns: [Int]
  /// nil: the topology's whole share of the chunk; 0 or 1: its first or second half.
  let half: Int?
}

/// A block's working arrays and results, kept from chunk to chunk so that a long run does not
/// touch fresh memory for every block.
struct BlockWork: Sendable {
  /// Where a block's right-hand sides come from.
  struct Layout: Sendable {
    /// Internal buses (rows of the injection blocks).
    let buses: Int
    /// Extra columns per hour, after the hours' own (``ScenarioHourEngine/Options/extraColumns``).
    let extraColumns: Int
  }

  /// Gathered right-hand sides (when the block's hours are not consecutive, or have extra columns).
  var block: [Double] = []
  var theta: [Double] = []
  var scratch = BlockScratch()
  /// Results of the last block: flows (branches × columns × (1 + extra)), slack per hour, or the error.
  var flows: [Double] = []
  var slack: [Double] = []
  var error: PowerFlowError?

  /// Solves `plan`'s hours: angles, flows of every column, and each hour's slack summed over islands.
  mutating func solve(_ plan: BlockPlan, injections: [Double], extra: [Double], layout: Layout) {
    let n = layout.buses, e = layout.extraColumns, c = plan.columns.count, system = plan.system
    guard let first = plan.columns.first, let last = plan.columns.last else {
      flows.removeAll(keepingCapacity: true)
      slack.removeAll(keepingCapacity: true)
      error = nil
      return
    }
    // Consecutive hours without extra columns are solved straight from the chunk's block.
    let direct = e == 0 && last - first + 1 == c
    if !direct {
      DCSystem.resize(&block, to: n * c * (1 + e))
      for (p, j) in plan.columns.enumerated() {
        for i in 0..<n { block[p * n + i] = injections[j * n + i] }
        for q in 0..<e {
          let to = ((1 + q) * c + p) * n, from = (j * e + q) * n
          for i in 0..<n { block[to + i] = extra[from + i] }
        }
      }
    }
    let source = direct ? injections : block, offset = direct ? first : 0
    do throws(PowerFlowError) {
      try system.solveAngles(injectionsMW: source, from: offset, columns: c * (1 + e), into: &theta, scratch: &scratch)
      system.branchFlowsMW(angles: theta, columns: c * (1 + e), into: &flows)
      let perIsland = system.slackMW(angles: theta, injectionsMW: source, from: offset, columns: c)
      let islands = system.islands.count
      slack.removeAll(keepingCapacity: true)
      for p in 0..<c {
        var total = 0.0
        for i in 0..<islands { total += perIsland[p * islands + i] }
        slack.append(total)
      }
      // Finite injections on tiny reactances can still overflow the angles: never hand on NaN.
      guard flows.allSatisfy(\.isFinite), slack.allSatisfy(\.isFinite) else {
        throw .nonFinite(quantity: "the power flow (its angles or branch flows overflow)", culprits: [])
      }
      error = nil
    } catch {
      self.error = error
    }
  }
}
