import Foundation

/// Tasks run by helper threads while the calling thread goes on, and by the caller itself
/// once it waits for them: a few large pieces of work (matrices of a file, sections of a
/// report) spread over the CPUs with at most one thread per CPU.
///
/// Helpers are started as tasks arrive (on another CPU than their creator, see
/// `gridcore_start_thread`) and end when no task is left, so none sleeps waiting for work.
/// With Dispatch's thread pool, a worker's start or wake-up often waited 1 to 4 ms for the
/// scheduler to move it off the busy CPU, in a process that runs 30 ms in all.
final class TaskBatch: @unchecked Sendable {
  private let condition = NSCondition()
  private var queue: [@Sendable () -> Void] = []
  private var next = 0
  private var running = 0
  private var helpers = 0
  private var dropped = false
  private let maximumHelpers: Int

  /// `helpers`: at most this many helper threads (default: one CPU fewer than the process may use).
  init(helpers: Int = TaskBatch.availableCPUs - 1) { maximumHelpers = max(0, helpers) }

  static let availableCPUs = ProcessInfo.processInfo.activeProcessorCount

  /// Queues `task`, starting a helper for it when fewer than the maximum are running.
  func add(_ task: @escaping @Sendable () -> Void) {
    condition.lock()
    queue.append(task)
    let startHelper = helpers < maximumHelpers && helpers < queue.count - next
    if startHelper { helpers += 1 }
    condition.unlock()
    if startHelper { Threads.start { self.helperLoop() } }
  }

  /// Runs queued tasks on the calling thread, then waits until every task has finished.
  func finish() {
    while let task = take() { run(task) }
    condition.lock()
    while running > 0 { condition.wait() }
    condition.unlock()
  }

  /// Runs one queued task on the calling thread; false when none is queued.
  func helpOnce() -> Bool {
    guard let task = take() else { return false }
    run(task)
    return true
  }

  /// Drops the tasks not yet started; those running finish.
  func drop() {
    condition.lock()
    dropped = true
    queue.removeAll()
    next = 0
    condition.unlock()
  }

  private func helperLoop() {
    while let task = take() { run(task) }
    condition.lock()
    helpers -= 1
    condition.unlock()
  }

  private func take() -> (@Sendable () -> Void)? {
    condition.lock()
    defer { condition.unlock() }
    guard !dropped, next < queue.count else { return nil }
    let task = queue[next]
    queue[next] = {}
    next += 1
    running += 1
    return task
  }

  private func run(_ task: @Sendable () -> Void) {
    task()
    condition.lock()
    running -= 1
    condition.broadcast()
    condition.unlock()
  }
}
