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
/// new one under `path`, never an empty or partial one. An existing read-only file is not
/// replaced unless asked; a replaced file keeps its permissions; a symbolic link is followed
/// (its target is replaced, the link stays); a target that is not a regular file (a device
/// such as `/dev/null`, a pipe) is written straight to, as no rename could replace it.
public enum AtomicFile {
  /// A file that could not be written, with the reason (the C library's `strerror` text, a
  /// missing folder, a read-only file). Nothing was left under the path.
  public struct WriteError: Error, CustomStringConvertible {
    /// The target path, as given.
    public let path: String
    /// Why the write failed (e.g. "No space left on device").
    public let reason: String
    /// True when the target exists and is read-only (and replacing it was not asked for).
    public var isReadOnly = false
    /// `path: cannot write the file: reason`.
    public var description: String { "\(path): cannot write the file: \(reason)" }
  }

  /// True when `a` and `b` name the same file: the same device and inode when both exist (so
  /// `x`, `./x`, a hard link and a symbolic link to it all match), else the same absolute
  /// path once the folder's symbolic links are resolved. An output is checked against the
  /// inputs with it before anything is written.
  public static func isSameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    let aExists = stat(a, &first) == 0, bExists = stat(b, &second) == 0
    if aExists, bExists { return first.st_dev == second.st_dev && first.st_ino == second.st_ino }
    if aExists != bExists { return false }
    return absolute(a) == absolute(b)
  }

  /// `path` made absolute, its folder's symbolic links resolved where the folder exists.
  private static func absolute(_ path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let folder = url.deletingLastPathComponent().path
    guard let resolved = realpath(folder, nil) else { return url.path }
    defer { free(resolved) }
    return URL(fileURLWithPath: String(cString: resolved)).appendingPathComponent(url.lastPathComponent).path
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
  public static func write(chunks: [[UInt8]], to path: String, replacingReadOnly: Bool = false) throws(WriteError) {
    let file = try Stream(path: path, replacingReadOnly: replacingReadOnly)
    for chunk in chunks { try file.append(chunk) }
    try file.commit()
  }

  /// A file written piece by piece (while the rest of it is still being made) and still whole
  /// or not at all: nothing appears under `path` before ``commit()``, and a stream dropped
  /// without it removes its temporary file.
  public final class Stream {
    /// The target path; the temporary file is `.<name>.<pid>.tmp` in the same folder.
    public let path: String
    /// The file renamed over the target at ``commit()``; nil when writing straight to a
    /// device or pipe.
    private let temporary: String?
    /// The file the rename replaces: `path`, or the target of a symbolic link.
    private let target: String
    private var descriptor: Int32
    private var written = 0

    /// Opens the temporary file next to `path`. Throws when the folder does not exist, the
    /// file cannot be created, or `path` is an existing read-only file and
    /// `replacingReadOnly` is false.
    public init(path: String, replacingReadOnly: Bool = false) throws(WriteError) {
      self.path = path
      var status = stat()
      if stat(path, &status) == 0 {
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw WriteError(path: path, reason: "it is a directory") }
        if type != S_IFREG {
          // A device or a pipe: there is no whole-or-nothing, and rename would replace the node.
          temporary = nil
          target = path
          descriptor = open(path, O_WRONLY | O_CLOEXEC)
          guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
          return
        }
        let readOnly = status.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 || access(path, W_OK) != 0
        if readOnly, !replacingReadOnly {
          var error = WriteError(path: path, reason: "the file is read-only; it was left as it was")
          error.isReadOnly = true
          throw error
        }
      }
      // A symbolic link is followed: its target is replaced and the link stays.
      var resolved = path
      if let real = realpath(path, nil) {
        resolved = String(cString: real)
        free(real)
      }
      target = resolved
      let url = URL(fileURLWithPath: resolved)
      let directory = url.deletingLastPathComponent()
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw WriteError(path: path, reason: "folder \(directory.path) does not exist")
      }
      let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
      self.temporary = temporary
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
      // A replaced file keeps its permissions.
      if stat(resolved, &status) == 0 { _ = fchmod(descriptor, status.st_mode & 0o7777) }
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
      guard let temporary else {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        return
      }
      // On disk before the rename, so that a crash cannot leave an empty file under the target's name.
      guard fsync(descriptor) == 0 else { throw fail(String(cString: strerror(errno))) }
      let closed = close(descriptor)
      descriptor = -1
      guard closed == 0 else { throw fail(String(cString: strerror(errno))) }
      // rename(2) replaces the target atomically: readers see the old file or the new one.
      guard rename(temporary, target) == 0 else { throw fail(String(cString: strerror(errno))) }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
      guard descriptor >= 0 else { return }
      close(descriptor)
      descriptor = -1
      if let temporary { unlink(temporary) }
    }

    private func fail(_ reason: String) -> WriteError {
      if descriptor >= 0 { close(descriptor) }
      descriptor = -1
      if let temporary { unlink(temporary) }
      return WriteError(path: path, reason: reason)
    }
  }
}
