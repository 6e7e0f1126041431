/// One of `count` contiguous pieces of a scenario's period, for running a long study on
/// several machines (`gridtool … --shard k/N`; docs/scale-out.md).
///
/// The period is cut at chunk boundaries only: with C = ⌈hours ÷ chunkHours⌉ chunks, shard k
/// (0-based) takes chunks ⌊k·C/N⌋ ..< ⌊(k+1)·C/N⌋. Its hours are therefore dispatched and
/// solved in exactly the blocks the whole run uses (the same bits hour by hour), and the
/// shards of any N cover the period once. With more shards than chunks some shards are empty.
public struct ScenarioShard: Sendable, Hashable, CustomStringConvertible {
  /// 0-based position, `0 ..< count` (Slurm's `SLURM_ARRAY_TASK_ID` for `--array=0-(N-1)`).
  public let index: Int
  /// Number of shards, ≥ 1.
  public let count: Int

  /// Shard `index` of `count`; nil unless `0 ≤ index < count`.
  public init?(index: Int, count: Int) {
    guard count >= 1, index >= 0, index < count else { return nil }
    self.index = index
    self.count = count
  }

  /// `k/N` as written on the command line (k 0-based); nil for any other text.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let k = Int(parts[0]), let n = Int(parts[1])
    else { return nil }
    self.init(index: k, count: n)
  }

  /// `k/N`.
  public var description: String { "\(index)/\(count)" }

  /// The shard's hours, 0-based in a period of `period` hours cut into chunks of `chunkHours`.
  public func hours(period: Int, chunkHours: Int) -> Range<Int> {
    precondition(period >= 0 && chunkHours > 0)
    let chunks = (period + chunkHours - 1) / chunkHours
    let first = index * chunks / count, end = (index + 1) * chunks / count
    return min(first * chunkHours, period)..<min(end * chunkHours, period)
  }
}
