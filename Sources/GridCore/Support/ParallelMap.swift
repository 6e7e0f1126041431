import Foundation

/// `(0..<count).map(body)` with the calls spread over the cores, results in order.
/// For a few large, independent pieces of work (matrices of a file, sections of a report).
func parallelMap<Value>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
  let slots = ParallelSlots<Value>(count: count)
  DispatchQueue.concurrentPerform(iterations: count) { k in slots.set(k, body(k)) }
  return slots.values
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
    // concurrentPerform returns only when every iteration has run, so every slot is filled.
    return slots.map { $0! }
  }
}
