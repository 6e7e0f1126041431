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

  /// `(0..<count).map(produce).forEach(consume)`: pieces are produced on up to ``threads``
  /// threads and consumed on the calling thread in index order, each as soon as it and those
  /// before it are ready, while later pieces are still being produced: a large report is
  /// written while the rest is formatted. Between two pieces to consume the calling thread
  /// produces pieces too. At most `4 × threads` pieces are started and not yet consumed, so
  /// memory holds a few pieces, not the whole output: when a slow `consume` lets that many
  /// wait, the other threads stop and the calling thread produces the rest itself.
  /// If `consume` throws, no further piece is started and the error is rethrown once the
  /// pieces under way have finished.
  func produceInOrder<Value: Sendable, Failure: Error>(
    _ count: Int, produce: @Sendable (Int) -> Value, consume: (Value) throws(Failure) -> Void
  ) throws(Failure) {
    let width = min(threads, count)
    guard width > 1 else {
      for k in 0..<count { try consume(produce(k)) }
      return
    }
    let state = Mutex(Pipeline<Value>(count: count, ahead: 4 * threads))
    let stored = DispatchSemaphore(value: 0)  // one signal per piece another thread stored
    // `consume` does not escape: concurrentPerform returns once every iteration has ended.
    let failure = withoutActuallyEscaping(consume) { consume -> Failure? in
      let caller = CallerOnly(consume)  // made on the calling thread
      // The consumer's part, on the calling thread: consume what is ready, else produce, else
      // wait for the next piece (it is under way on another thread). Returns `consume`'s error.
      @Sendable func consumeInOrder() -> Failure? {
        while true {
          switch state.withLock({ $0.nextToConsume() }) {
          case .done: return nil
          case .value(let value):
            do throws(Failure) { try caller.consume(value) } catch {
              state.withLock { $0.stopped = true }
              return error
            }
          case .notReady:
            if let k = state.withLock({ $0.take() }) {
              let value = produce(k)
              state.withLock { $0.values[k] = value }
            } else {
              stored.wait()
            }
          }
        }
      }
      DispatchQueue.concurrentPerform(iterations: width) { _ in
        // The calling thread consumes, in the first iteration libdispatch runs on it (it may
        // run several, one after another, or none).
        guard caller.isCurrent, state.withLock({ $0.claimConsumer() }) else {
          // Another thread, or another iteration: produce while pieces are left and few wait.
          while let k = state.withLock({ $0.take() }) {
            let value = produce(k)
            state.withLock { $0.values[k] = value }
            stored.signal()
          }
          return
        }
        caller.failure = consumeInOrder()
      }
      // If libdispatch ran no iteration on the calling thread, the rest is consumed here.
      return state.withLock { $0.claimConsumer() } ? consumeInOrder() : caller.failure
    }
    if let failure { throw failure }
  }
}

/// The `consume` of one ``Parallelism/produceInOrder(_:produce:consume:)`` and the error it
/// threw. `@unchecked Sendable` because the closures that concurrentPerform runs on other
/// threads hold it too, but only the calling thread (``isCurrent``) ever uses its members.
private final class CallerOnly<Value, Failure: Error>: @unchecked Sendable {
  let consume: (Value) throws(Failure) -> Void
  var failure: Failure?
  private let thread = pthread_self()

  /// Made on the calling thread.
  init(_ consume: @escaping (Value) throws(Failure) -> Void) { self.consume = consume }

  /// True on the thread that called `produceInOrder`.
  var isCurrent: Bool { pthread_equal(pthread_self(), thread) != 0 }
}

/// The pieces of one ``Parallelism/produceInOrder(_:produce:consume:)``: which to start
/// next, which to consume next, and the pieces produced and not yet consumed.
private struct Pipeline<Value> {
  var started = 0
  var consumed = 0
  var values: [Value?]
  /// `consume` threw: no piece is started any more.
  var stopped = false
  /// An iteration on the calling thread has taken the consumer's part.
  var consumerClaimed = false
  /// How many pieces may be started and not yet consumed.
  let ahead: Int

  init(count: Int, ahead: Int) {
    values = Array(repeating: nil, count: count)
    self.ahead = ahead
  }

  enum Next {
    case value(Value), notReady, done
  }

  /// True the first time only.
  mutating func claimConsumer() -> Bool {
    defer { consumerClaimed = true }
    return !consumerClaimed
  }

  /// The index of a piece to produce, if any is left and fewer than `ahead` wait.
  mutating func take() -> Int? {
    guard !stopped, started < values.count, started < consumed + ahead else { return nil }
    defer { started += 1 }
    return started
  }

  /// The next piece in order, taken out, when it is ready.
  mutating func nextToConsume() -> Next {
    guard consumed < values.count else { return .done }
    guard let value = values[consumed] else { return .notReady }
    values[consumed] = nil
    consumed += 1
    return .value(value)
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
