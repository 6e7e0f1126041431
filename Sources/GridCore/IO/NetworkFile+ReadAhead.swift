import Foundation

extension NetworkFile {
  /// Starts reading `path` on a thread of its own; the next `read(path)` with the same path
  /// waits for that result instead of reading the file again. For programs that know the file
  /// before they are ready for it: gridtool starts reading while its arguments are parsed,
  /// which takes a few milliseconds, as long as reading all of case9241pegase's matrices.
  ///
  /// A result is handed over once; an error is handed over as `read` would have thrown it. A
  /// read ahead that no `read` asks for is dropped at exit.
  public static func readAhead(_ path: String) {
    let pending = PendingRead(path: path)
    readsAhead.put(pending)
    Threads.start { pending.finish(Result { () throws(ParseError) in try readNow(path) }) }
  }

  static func takeReadAhead(of path: String) -> PendingRead? { readsAhead.take(path) }
}

private let readsAhead = ReadsAhead()

/// The reads started ahead and not yet asked for, by path.
private final class ReadsAhead: @unchecked Sendable {
  private let lock = NSLock()
  private var pending: [String: PendingRead] = [:]

  func put(_ read: PendingRead) {
    lock.lock()
    pending[read.path] = read
    lock.unlock()
  }

  func take(_ path: String) -> PendingRead? {
    lock.lock()
    defer { lock.unlock() }
    return pending.removeValue(forKey: path)
  }
}

/// One read running on its own thread; `result` waits for it.
final class PendingRead: @unchecked Sendable {
  typealias Outcome = Result<(network: Network, diagnostics: [Diagnostic]), ParseError>
  let path: String
  private let done = NSCondition()
  private var outcome: Outcome?

  init(path: String) { self.path = path }

  func finish(_ outcome: Outcome) {
    done.lock()
    self.outcome = outcome
    done.broadcast()
    done.unlock()
  }

  var result: Outcome {
    done.lock()
    defer { done.unlock() }
    while outcome == nil { done.wait() }
    return outcome!
  }
}
