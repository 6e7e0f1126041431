import Foundation

/// `(0..<count).map(body)` with the calls spread over the cores, results in order.
/// For a few large, independent pieces of work (matrices of a file, sections of a report).
func parallelMap<Value>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
  let slots = ParallelSlots<Value>(count: count)
  withoutActuallyEscaping(body) { body in
    // finish() returns when every task has run, so `body` does not escape.
    let box = UncheckedSendable(body)
    let batch = TaskBatch()
    for k in 0..<count { batch.add { slots.set(k, box.value(k)) } }
    batch.finish()
  }
  return slots.values
}

/// `(first(), second())`, the two run side by side when `worthIt` (a helper thread costs
/// about 0.1 ms to start, more than small work takes).
func inParallel<A, B>(worthIt: Bool = true, _ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
  let ahead = BackgroundValue(start: worthIt, second)
  let a = first()
  return (a, ahead.value ?? second())
}

/// A value computed on a helper thread while the caller goes on; `value` waits for it (or
/// computes it on the calling thread if no helper has started it). Not started: nil.
final class BackgroundValue<Value>: @unchecked Sendable {
  private let batch: TaskBatch?
  private let slot = ParallelSlots<Value>(count: 1)

  init(start: Bool, _ compute: @escaping @Sendable () -> Value) {
    batch = start ? TaskBatch() : nil
    batch?.add { [slot] in slot.set(0, compute()) }
  }

  /// The value, once computed; nil when it was not started.
  var value: Value? {
    guard let batch else { return nil }
    batch.finish()
    return slot.values[0]
  }
}

/// One slot per task, each written by one thread; the lock orders the writes before the read.
private final class ParallelSlots<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    // The batch has finished: every slot is filled.
    return slots.map { $0! }
  }
}

/// `(0..<count).map(produce).forEach(consume)`, with `produce` spread over the cores and each
/// result handed to `consume` on the calling thread, in order, as soon as it and those before
/// it are ready: a large report is written while its later pieces are still being formatted.
/// If `consume` throws, the pieces not yet started are skipped and the error is rethrown.
func parallelProduceInOrder<Value>(
  _ count: Int, produce: @Sendable (Int) -> Value, consume: (Value) throws -> Void
) rethrows {
  let slots = OrderedSlots<Value>(count: count)
  try withoutActuallyEscaping(produce) { produce in
    // The batch finishes before this scope ends (defer), so `produce` does not escape.
    let box = UncheckedSendable(produce)
    let batch = TaskBatch()
    for k in 0..<count { batch.add { slots.set(k, box.value(k)) } }
    defer {
      batch.drop()
      batch.finish()
    }
    for k in 0..<count {
      // While the next piece is being made, make a later one rather than wait.
      while !slots.isReady(k), batch.helpOnce() {}
      try consume(slots.take(k))
    }
  }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// Slots filled by producer threads and taken, in order, by one consumer.
private final class OrderedSlots<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Value?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    condition.lock()
    slots[index] = value
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for slot `index` and empties it (its memory goes once it is consumed).
  func take(_ index: Int) -> Value {
    condition.lock()
    defer { condition.unlock() }
    while slots[index] == nil { condition.wait() }
    let value = slots[index]!
    slots[index] = nil
    return value
  }

  func isReady(_ index: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return slots[index] != nil
  }
}
