import Foundation
import Testing

@testable import GridCore

struct TaskBatchTests {
  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [Int] = []
    private var threads = Set<pthread_t>()
    func record(_ k: Int) {
      lock.lock()
      done.append(k)
      threads.insert(pthread_self())
      lock.unlock()
    }
    var values: [Int] {
      lock.lock()
      defer { lock.unlock() }
      return done
    }
    var threadCount: Int {
      lock.lock()
      defer { lock.unlock() }
      return threads.count
    }
  }

  /// Every task runs exactly once, and finish() returns only when all have run.
  @Test func everyTaskRunsOnceBeforeFinishReturns() {
    let counter = Counter()
    let batch = TaskBatch()
    for k in 0..<500 {
      batch.add {
        var x = 0.0
        for i in 0..<(k % 7 * 300) { x += Double(i).squareRoot() }
        if x >= 0 { counter.record(k) }
      }
    }
    batch.finish()
    #expect(counter.values.sorted() == Array(0..<500))
  }

  /// With no helper allowed, the calling thread runs every task in finish().
  @Test func withoutHelpersTheCallerRunsAll() {
    let counter = Counter()
    let batch = TaskBatch(helpers: 0)
    for k in 0..<20 { batch.add { counter.record(k) } }
    #expect(counter.values.isEmpty)
    batch.finish()
    #expect(counter.values == Array(0..<20))
    #expect(counter.threadCount == 1)
  }

  /// Dropped tasks do not run; those already running finish.
  @Test func droppedTasksDoNotRun() {
    let counter = Counter()
    let batch = TaskBatch(helpers: 0)
    for k in 0..<20 { batch.add { counter.record(k) } }
    #expect(batch.helpOnce())
    batch.drop()
    #expect(!batch.helpOnce())
    batch.finish()
    #expect(counter.values == [0])
  }

  /// parallelMap wraps its non-escaping body in tasks (withoutActuallyEscaping, which traps if
  /// anything still holds the body when it returns): a helper must release a task before it
  /// counts as finished. Many short runs, so that a helper is often preempted in between.
  @Test func nothingHoldsTheBodyAfterParallelMap() {
    var total = 0
    for round in 0..<2000 {
      let values = parallelMap(2) { k in k + round }
      total += values[0] + values[1]
    }
    #expect(total == (0..<2000).reduce(0) { $0 + 2 * $1 + 1 })
  }

  @Test func inParallelReturnsBothResults() {
    for worthIt in [true, false] {
      let (a, b) = inParallel(worthIt: worthIt, { (1...1000).reduce(0, +) }, { String(repeating: "x", count: 3) })
      #expect(a == 500_500 && b == "xxx")
    }
  }

  /// A background value is computed once, by a helper or by the first reader; not started: nil.
  @Test func backgroundValues() {
    let counter = Counter()
    let value = BackgroundValue(start: true) { () -> Int in
      counter.record(1)
      return 42
    }
    #expect(value.value == 42)
    #expect(value.value == 42)
    #expect(counter.values == [1])
    let idle = BackgroundValue(start: false) { () -> Int in 7 }
    #expect(idle.value == nil)
  }

  /// A thread started by Threads runs its body.
  @Test func threadsRunTheirBody() {
    let done = NSCondition()
    nonisolated(unsafe) var ran = false
    Threads.start {
      done.lock()
      ran = true
      done.broadcast()
      done.unlock()
    }
    done.lock()
    while !ran { done.wait() }
    done.unlock()
    #expect(ran)
  }
}
