import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A one-line progress bar on standard error, drawn only when standard error is
/// a terminal: logs and pipes never receive carriage returns.
final class ProgressBar {
  private let label: String
  private var lastDrawn = -1

  private init(label: String) { self.label = label }

  /// A bar when stderr is a terminal, nil otherwise.
  static func ifTerminal(label: String) -> ProgressBar? {
    isatty(STDERR_FILENO) == 1 ? ProgressBar(label: label) : nil
  }

  /// `body`'s result, with `bar` (when there is one) finished whether `body` returns or throws.
  static func finishing<T>(_ bar: ProgressBar?, _ body: () throws -> T) rethrows -> T {
    defer { bar?.finish() }
    return try body()
  }

  func update(_ done: Int, of total: Int) {
    let percent = total > 0 ? 100 * done / total : 100
    guard percent != lastDrawn else { return }
    lastDrawn = percent
    let width = 30, filled = width * percent / 100
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    write("\r\(label) [\(bar)] \(percent)% \(Fmt.groupThousands(String(done)))/\(Fmt.groupThousands(String(total))) h")
  }

  /// Erases the bar, so that what follows starts on a clean line.
  func finish() { write("\r\u{1B}[K") }

  private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
