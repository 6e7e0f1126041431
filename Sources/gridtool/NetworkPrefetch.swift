import Dispatch
import Glibc
import GridCore
import Synchronization

/// gridtool reads the network file while swift-argument-parser parses the arguments: its
/// first parse reflects over every option of the command tree (about 4 ms, a tenth of a
/// whole `solve` of case9241pegase), time in which the other core can already be reading.
///
/// Like ``ProcessTuning`` this is gridtool's choice for its own process, made in `main`;
/// GridCore keeps no cache and reads a file when asked. For `gridtool COMMAND FILE ...`, where
/// COMMAND is one that reads a network as its first argument and FILE a regular file, `FILE`
/// is read (``NetworkFile/read(_:parallelism:limits:)``, as always) on another thread.
/// ``InputFiles/network(_:)`` takes that result when the command reads the same path; every
/// other read goes to the file. A read that failed is dropped: the command reads the file
/// again and reports the error exactly as it would have. Before the process exits, a read
/// that nobody took is waited for (``settle()``), so no thread is left reading.
/// `GRIDTOOL_NO_PROCESS_TUNING=1` turns it off with gridtool's other process settings.
enum NetworkPrefetch {
  /// The commands whose first argument is a network file (``InputOptions``).
  static let networkCommands: Set<String> = ["solve", "info", "convert", "ptdf", "lodf", "contingency", "transfer", "opf"]

  /// A read under way. `result` is written once, on the reading thread, before `done` is
  /// signalled, and read only after waiting for `done`: the semaphore orders the two, hence
  /// the `@unchecked Sendable`.
  private final class Read: @unchecked Sendable {
    let path: String
    let done = DispatchSemaphore(value: 0)
    var result: (network: Network, diagnostics: [Diagnostic])?
    init(path: String) { self.path = path }
  }

  private static let pending = Mutex<Read?>(nil)

  /// The file a read would start for: the argument after a network command, when it is a
  /// regular file (not `-`, an option or a FIFO, which a second read would not see again).
  static func candidate(_ arguments: [String]) -> String? {
    guard arguments.count >= 3, networkCommands.contains(arguments[1]) else { return nil }
    let path = arguments[2]
    guard !path.hasPrefix("-") else { return nil }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    return path
  }

  /// Starts reading the candidate of `arguments`, if any, on another thread.
  static func start(_ arguments: [String]) {
    guard ProcessTuning.isOn, let path = candidate(arguments) else { return }
    let read = Read(path: path)
    pending.withLock { $0 = read }
    DispatchQueue.global(qos: .userInitiated).async {
      read.result = try? NetworkFile.read(path)
      read.done.signal()
    }
  }

  /// The network read from `path` ahead of the command, once; nil when no read of that path
  /// was started, it failed, or it was taken already.
  static func take(_ path: String) -> (network: Network, diagnostics: [Diagnostic])? {
    let read = pending.withLock { slot -> Read? in
      guard let read = slot, read.path == path else { return nil }
      slot = nil
      return read
    }
    guard let read else { return nil }
    read.done.wait()
    return read.result
  }

  /// Waits for a read that was started and not taken (the command failed first, or read
  /// another file), so that the process does not exit under it.
  static func settle() {
    guard let read = pending.withLock({ slot -> Read? in defer { slot = nil }; return slot }) else { return }
    read.done.wait()
  }
}
