/// One chunk of a scenario's hours as ``ScenarioHourEngine`` hands it back: the hours
/// dispatched and, when the engine solves, their flows, block by block.
///
/// Hours are counted from the start of the period (0-based); a chunk's *columns* are its
/// hours counted from ``firstHour`` (column j is hour `firstHour + j`).
struct ScenarioHourChunk: Sendable {
  /// First hour of the chunk and number of hours.
  let firstHour: Int
  let count: Int
  /// Branches of the network (rows of every flow block).
  let branchCount: Int
  /// The chunk's solve blocks in the order they were formed: topologies ascending, and a
  /// topology's two halves (``ScenarioHourBlock/half``) first then second.
  let blocks: [ScenarioHourBlock]
  /// Per column: its block, and its position among that block's columns.
  let blockOfColumn: [Int]
  let positionInBlock: [Int]
  /// Each hour's operating point, per column; empty unless the engine was asked for them.
  let points: [OperatingPoint]

  init(firstHour: Int, count: Int, branchCount: Int, blocks: [ScenarioHourBlock], points: [OperatingPoint]) {
    self.firstHour = firstHour
    self.count = count
    self.branchCount = branchCount
    self.blocks = blocks
    self.points = points
    var blockOf = [Int](repeating: 0, count: count), position = blockOf
    for (b, block) in blocks.enumerated() {
      for (p, j) in block.columns.enumerated() {
        blockOf[j] = b
        position[j] = p
      }
    }
    blockOfColumn = blockOf
    positionInBlock = position
  }

  /// Whether the blocks carry flows.
  var isSolved: Bool { blocks.first.map { !$0.flowsMW.isEmpty } ?? false }

  /// From-end flow of every branch in column `j`'s hour, MW (input order); empty when not solved.
  func flowsMW(ofColumn j: Int) -> ArraySlice<Double> {
    // The block's flows only, not a copy of the whole block (its system holds many arrays).
    let flows = blocks[blockOfColumn[j]].flowsMW, o = positionInBlock[j] * branchCount
    return flows.isEmpty ? [] : flows[o..<(o + branchCount)]
  }

  /// The chunk as runs of consecutive hours on one topology, in time order (the view of the
  /// studies that take hours in blocks of one factored network: N-1 screen, transfer study).
  var runs: [ScenarioHourRun] {
    var result: [ScenarioHourRun] = []
    var j = 0
    while j < count {
      let block = blocks[blockOfColumn[j]]
      var end = j + 1
      while end < count, blocks[blockOfColumn[end]].topology == block.topology { end += 1 }
      result.append(
        ScenarioHourRun(
          topology: block.topology, system: block.system, firstHour: firstHour + j, count: end - j,
          flowsMW: flowsMW(ofColumns: j..<end), points: points.isEmpty ? [] : points[j..<end]))
      j = end
    }
    return result
  }

  /// The flows of consecutive columns (branches × columns): a slice of their block when they
  /// are consecutive in it, otherwise (a run over both halves of a topology) gathered.
  private func flowsMW(ofColumns columns: Range<Int>) -> ArraySlice<Double> {
    guard isSolved else { return [] }
    let first = columns.lowerBound, last = columns.upperBound - 1, m = branchCount
    if blockOfColumn[first] == blockOfColumn[last], positionInBlock[last] - positionInBlock[first] == columns.count - 1 {
      let o = positionInBlock[first] * m
      return blocks[blockOfColumn[first]].flowsMW[o..<(o + columns.count * m)]
    }
    var gathered: [Double] = []
    gathered.reserveCapacity(columns.count * m)
    for j in columns { gathered.append(contentsOf: flowsMW(ofColumn: j)) }
    return gathered[...]
  }
}

/// Hours of one chunk on one topology, solved together: one multi-right-hand-side
/// ``DCSystem/solveAngles(injectionsMW:columns:)`` call and one
/// ``DCSystem/branchFlowsMW(angles:columns:)`` call.
struct ScenarioHourBlock: Sendable {
  /// Index among the scenario's outage sets (0: the network as read), and its factored network.
  let topology: Int
  let system: DCSystem
  /// The chunk columns solved here, ascending (not necessarily consecutive: the hours of a
  /// topology around another one's).
  let columns: [Int]
  /// nil: all of the topology's hours in the chunk; 0 or 1: the first or second half of them
  /// (a chunk on one topology is solved as two halves, side by side).
  let half: Int?
  /// From-end flow of every branch, MW, branches × (`columns.count` × (1 + extra columns)),
  /// column-major: the hours in `columns` order, then each extra column of those hours (see
  /// ``ScenarioHourEngine/Options/extraColumns``). Empty when the engine does not solve.
  let flowsMW: [Double]
  /// Per hour in `columns` order: balance taken by the reference generators, summed over the
  /// islands, MW (see ``DCSystem/slackMW(angles:injectionsMW:columns:)``). Empty when not solved.
  let slackMW: [Double]
}

/// Consecutive hours `[firstHour, firstHour + count)` of one topology, with their flows and
/// operating points: one piece of ``ScenarioHourChunk/runs``.
struct ScenarioHourRun {
  /// Index among the scenario's outage sets, and its factored network.
  let topology: Int
  let system: DCSystem
  let firstHour: Int
  let count: Int
  /// From-end flow of every branch per hour, MW (branches × `count`, column-major); empty when
  /// the engine does not solve.
  let flowsMW: ArraySlice<Double>
  /// Each hour's operating point; empty unless the engine was asked for them.
  let points: ArraySlice<OperatingPoint>
}
