import CGridCoreFile
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes an output file whole or not at all: the text goes to a temporary
/// file in the same folder, which is then renamed over the target, so a
/// failure never leaves a partial file behind.
///
/// The file is flushed (`fsync`) before the `rename`, so a crash leaves the old file or the
/// new one under `path`, never an empty or partial one.
public enum AtomicFile {
  /// A file that could not be written, with the reason (the C library's `strerror` text or
  /// a missing folder). Nothing was left under the path.
  public struct WriteError: Error, CustomStringConvertible {
    /// The target path, as given.
    public let path: String
    /// Why the write failed (e.g. "No space left on device").
    public let reason: String
    /// `path: cannot write the file: reason`.
    public var description: String { "\(path): cannot write the file: \(reason)" }
  }

  /// Writes `text` as UTF-8 to `path`, whole or not at all.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(bytes: Array(text.utf8), to: path)
  }

  /// Writes `bytes` to `path`, whole or not at all.
  public static func write(bytes: [UInt8], to path: String) throws(WriteError) {
    try write(chunks: [bytes], to: path)
  }

  /// Writes the concatenation of `chunks` (a large report in pieces, never joined in memory).
  public static func write(chunks: [[UInt8]], to path: String) throws(WriteError) {
    let file = try Stream(path: path)
    for chunk in chunks { try file.append(chunk) }
    try file.commit()
  }

  /// A file written piece by piece (while the rest of it is still being made) and still whole
  /// or not at all: nothing appears under `path` before ``commit()``, and a stream dropped
  /// without it removes its temporary file.
  public final class Stream {
    /// The target path; the temporary file is `.<name>.<pid>.tmp` in the same folder.
    public let path: String
    private let temporary: String
    private var descriptor: Int32
    private var written = 0

    /// Opens the temporary file next to `path`. Throws when the folder does not exist or
    /// the file cannot be created.
    public init(path: String) throws(WriteError) {
      self.path = path
      let url = URL(fileURLWithPath: path)
      let directory = url.deletingLastPathComponent()
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw WriteError(path: path, reason: "folder \(directory.path) does not exist")
      }
      temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { discard() }

    /// Appends `bytes` to the temporary file (retrying interrupted writes) and starts the
    /// disk on them. On failure the temporary file is removed and the stream is closed.
    public func append(_ bytes: [UInt8]) throws(WriteError) {
      guard descriptor >= 0 else { throw WriteError(path: path, reason: "the file was already closed") }
      let start = written
      let failure: Int32? = bytes.withUnsafeBytes { buffer in
        var done = 0
        while done < buffer.count {
          let n = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
          if n < 0 {
            if errno == EINTR { continue }
            return errno
          }
          done += n
        }
        return nil
      }
      if let failure { throw fail(String(cString: strerror(failure))) }
      written += bytes.count
      // The disk starts on this piece now rather than at the fsync below (ext4 measured: a
      // 3.5 MB report's write + fsync + rename 5.0 -> 3.7 ms). Failure only loses that head start.
      if bytes.count > 0 { _ = gridcore_start_writeback(descriptor, Int64(start), Int64(bytes.count)) }
    }

    /// Puts the file in place under `path`.
    public func commit() throws(WriteError) {
      guard descriptor >= 0 else { throw WriteError(path: path, reason: "the file was already closed") }
      // On disk before the rename, so that a crash cannot leave an empty file under the target's name.
      guard fsync(descriptor) == 0 else { throw fail(String(cString: strerror(errno))) }
      let closed = close(descriptor)
      descriptor = -1
      guard closed == 0 else { throw fail(String(cString: strerror(errno))) }
      // rename(2) replaces the target atomically: readers see the old file or the new one.
      guard rename(temporary, path) == 0 else { throw fail(String(cString: strerror(errno))) }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
      guard descriptor >= 0 else { return }
      close(descriptor)
      descriptor = -1
      unlink(temporary)
    }

    private func fail(_ reason: String) -> WriteError {
      if descriptor >= 0 { close(descriptor) }
      descriptor = -1
      unlink(temporary)
      return WriteError(path: path, reason: reason)
    }
  }
}
