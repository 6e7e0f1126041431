import Foundation
import GridCore

#if canImport(Glibc)
  import Glibc
#endif

/// An output file written piece by piece (e.g. hourly CSV larger than memory
/// should hold) and still whole or not at all: pieces go to a temporary file in
/// the same folder, renamed over the target by ``commit()``; ``discard()`` (or
/// a failure) removes it.
final class StreamingFile {
  let path: String
  private let temporary: URL
  private let handle: FileHandle
  private var buffer = Data()

  init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw OutputFileError(path: path, reason: "folder \(folder.path) does not exist")
    }
    temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary.path)
    else {
      throw OutputFileError(path: path, reason: "cannot create a file in \(folder.path)")
    }
    self.handle = handle
  }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    // Write in pieces of about 1 MB: few system calls, bounded memory.
    if buffer.count >= 1 << 20 { try flush() }
  }

  func commit() throws {
    try flush()
    try handle.close()
    guard rename(temporary.path, path) == 0 else {
      let reason = String(cString: strerror(errno))
      discard()
      throw OutputFileError(path: path, reason: reason)
    }
  }

  func discard() {
    try? handle.close()
    try? FileManager.default.removeItem(at: temporary)
  }

  private func flush() throws {
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      discard()
      throw OutputFileError(path: path, reason: error.localizedDescription)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// A failure to write an output file, with its path (printed as `path: cannot write the file: reason`).
struct OutputFileError: Error, CustomStringConvertible {
  let path: String
  let reason: String
  var description: String { "\(path): cannot write the file: \(reason)" }
}
