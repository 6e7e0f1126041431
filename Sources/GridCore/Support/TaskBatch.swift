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
    while runNext() {}
    condition.lock()
    while running > 0 { condition.wait() }
    condition.unlock()
  }

  /// Runs one queued task on the calling thread; false when none is queued.
  func helpOnce() -> Bool { runNext() }

  /// Drops the tasks not yet started; those running finish.
  func drop() {
    condition.lock()
    dropped = true
    queue.removeAll()
    next = 0
    condition.unlock()
  }

  private func helperLoop() {
    while runNext() {}
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

  /// Runs the next queued task; false when none is queued. The task's closure is released
  /// before the task counts as finished: callers wrap non-escaping closures in tasks
  /// (`withoutActuallyEscaping`), which requires that nothing holds them once finish() returns.
  private func runNext() -> Bool {
    var task = take()
    guard task != nil else { return false }
    task!()
    task = nil
    condition.lock()
    running -= 1
    condition.broadcast()
    condition.unlock()
    return true
  }
}
