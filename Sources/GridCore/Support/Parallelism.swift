import Dispatch
import Foundation
import Synchronization

/// How many threads a GridCore computation may use: GridCore's one concurrency model.
///
/// Every parallel step in GridCore (reading a large case's matrices, building the DC model
/// while its ordering is computed, formatting a large report, solving the hours of a
/// scenario) runs through this value, on Dispatch's shared thread pool
/// (`DispatchQueue.concurrentPerform`): GridCore starts no thread of its own, leaves nothing
/// running between calls, and concurrent calls from a host share one pool instead of each
/// starting threads. Results never depend on the number of threads: work is split into
/// pieces whose results are combined in a fixed order, so ``serial`` gives the same bits as
/// ``automatic``.
///
/// GridCore leaves the BLAS library's own threads alone: a host that wants OpenBLAS on one
/// thread sets `OPENBLAS_NUM_THREADS=1` in its environment before the library loads, or
/// calls OpenBLAS's `openblas_set_num_threads(1)` itself (gridtool does that at its start).
public struct Parallelism: Sendable, Hashable, CustomStringConvertible {
  /// The largest number of threads used at once, ≥ 1.
  public let threads: Int

  /// At most `threads` threads (values below 1 are taken as 1).
  public init(threads: Int) { self.threads = max(1, threads) }

  /// One thread per active processor (`ProcessInfo.activeProcessorCount`): the default.
  public static var automatic: Parallelism { Parallelism(threads: ProcessInfo.processInfo.activeProcessorCount) }

  /// Everything on the calling thread.
  public static let serial = Parallelism(threads: 1)

  /// "serial" or "N threads".
  public var description: String { threads == 1 ? "serial" : "\(threads) threads" }

  /// `(0..<count).map(body)`, the calls spread over at most ``threads`` threads, results in
  /// index order. Pieces are handed out one at a time, so uneven pieces balance.
  func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
    let width = min(threads, count)
    guard width > 1 else { return (0..<count).map(body) }
    let state = Mutex(PieceState<Value>(count: count))
    // concurrentPerform returns when every iteration has finished.
    DispatchQueue.concurrentPerform(iterations: width) { _ in
      while let k = state.withLock({ $0.take() }) {
        let value = body(k)
        state.withLock { $0.values[k] = value }
      }
    }
    return state.withLock { state in state.values.map { $0! } }
  }

  /// `(first(), second())`, side by side when ``threads`` > 1 and `worthIt` (waking a pool
  /// thread costs more than small work takes).
  func both<A: Sendable, B: Sendable>(
    worthIt: Bool = true, _ first: @Sendable () -> A, _ second: @Sendable () -> B
  ) -> (A, B) {
    guard worthIt, threads > 1 else { return (first(), second()) }
    let results = map(2) { k -> Either<A, B> in k == 0 ? .first(first()) : .second(second()) }
    guard case .first(let a) = results[0], case .second(let b) = results[1] else {
      preconditionFailure("map keeps the order of its pieces")
    }
    return (a, b)
  }

  /// `(0..<count).map(produce).forEach(consume)`, produced in batches of a few pieces per
  /// thread and consumed on the calling thread in index order: a large report is written
  /// while its later pieces are still to be formatted, and memory holds one batch.
  /// If `consume` throws, no further piece is produced and the error is rethrown.
  func produceInOrder<Value: Sendable>(
    _ count: Int, produce: @Sendable (Int) -> Value, consume: (Value) throws -> Void
  ) rethrows {
    let batch = threads == 1 ? 1 : 2 * threads
    var start = 0
    while start < count {
      let size = min(batch, count - start), first = start
      for value in map(size, { produce(first + $0) }) { try consume(value) }
      start += size
    }
  }
}

/// The pieces of one ``Parallelism/map(_:_:)``: which is next, and the results so far.
private struct PieceState<Value> {
  var next = 0
  var values: [Value?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  mutating func take() -> Int? {
    guard next < values.count else { return nil }
    defer { next += 1 }
    return next
  }
}

private enum Either<A: Sendable, B: Sendable>: Sendable {
  case first(A)
  case second(B)
}
