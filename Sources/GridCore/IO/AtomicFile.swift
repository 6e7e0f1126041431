import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes an output file whole or not at all: the text goes to a temporary
/// file in the same folder, which is then renamed over the target, so a
/// failure never leaves a partial file behind.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write the file: \(reason)" }
  }

  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(bytes: Array(text.utf8), to: path)
  }

  public static func write(bytes: [UInt8], to path: String) throws(WriteError) {
    try write(chunks: [bytes], to: path)
  }

  /// Writes the concatenation of `chunks` (a large report in pieces, never joined in memory).
  public static func write(chunks: [[UInt8]], to path: String) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw WriteError(path: path, reason: "folder \(directory.path) does not exist")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      for chunk in chunks where !chunk.isEmpty { try handle.write(contentsOf: chunk) }
      // On disk before the rename, so that a crash cannot leave an empty file under the target's name.
      try handle.synchronize()
      try handle.close()
      // rename(2) replaces the target atomically: readers see the old file or the new one.
      guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    } catch let error as WriteError {
      unlink(temporary)
      throw error
    } catch {
      unlink(temporary)
      throw WriteError(path: path, reason: error.localizedDescription)
    }
  }
}
