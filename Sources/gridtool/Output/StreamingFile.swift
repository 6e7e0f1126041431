import Foundation
import GridCore

/// An output file written piece by piece as text (e.g. hourly CSV larger than memory should
/// hold), whole or not at all: GridCore's ``AtomicFile/Stream``, fed in pieces of about 1 MB
/// (few system calls, bounded memory). ``discard()`` (or a failure) leaves the target as it was.
final class StreamingFile {
  private let file: AtomicFile.Stream
  private var buffer: [UInt8] = []

  init(path: String) throws {
    file = try AtomicFile.Stream(path: path)
  }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 20 { try flush() }
  }

  func commit() throws {
    try flush()
    try file.commit()
  }

  func discard() { file.discard() }

  private func flush() throws {
    try file.append(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
