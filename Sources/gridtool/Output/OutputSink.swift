import ArgumentParser
import Foundation
import GridCore

/// Where a command writes its result: standard output, or a file written whole or not at all
/// (GridCore's ``AtomicFile/Stream``: nothing appears under the path before ``finish()``, and
/// an abandoned file leaves the target as it was). The one way gridtool writes output.
///
/// Text is handed over in pieces as it is made, so a report larger than memory (a PTDF, an
/// N-1 screen with flows, hourly figures) streams through: small pieces are gathered into
/// writes of about 1 MB (few system calls), large ones are written as they come.
///
/// Files are safe: `-` is standard output; a path that is the same file as an input of the
/// command (``InputFiles``: same device and inode, or the same path) is refused before anything
/// is written (exit 64), as is a second output to the same place; an existing read-only file
/// is not replaced unless `--force` (``OverwriteOptions``).
final class OutputSink {
  private let file: AtomicFile.Stream?
  private var buffer: [UInt8] = []

  /// `--force`: replace an existing read-only output file (set by ``OverwriteOptions``).
  nonisolated(unsafe) static var replaceReadOnly = false
  /// The outputs of this run so far ("-" for standard output).
  nonisolated(unsafe) private static var claimed: [String] = []

  /// Pieces at least this large are written as they come, not copied into the buffer.
  private static let directWrite = 1 << 16
  /// The buffer is written out when it holds this much.
  private static let bufferSize = 1 << 20

  /// A sink for `path`, or for standard output when `path` is nil or `-`.
  init(path: String?) throws {
    let path = path == "-" ? nil : path
    try Self.claim(path ?? "-")
    do {
      file = try path.map { try AtomicFile.Stream(path: $0, replacingReadOnly: Self.replaceReadOnly) }
    } catch let error as AtomicFile.WriteError where error.isReadOnly {
      throw OutputError(description: "\(error); --force replaces it")
    }
  }

  /// Refuses an output that is an input of the command or another output of it: a usage
  /// error (exit 64), printed without the usage text (the arguments parsed fine).
  private static func claim(_ path: String) throws {
    func refuse(_ message: String) -> ExitCode {
      Terminal.warn("Error: \(message)")
      return ExitCode.validationFailure
    }
    if path != "-", let input = InputFiles.paths.first(where: { AtomicFile.isSameFile($0, path) }) {
      throw refuse(
        "the output '\(path)' is \(input == path ? "an input" : "the same file as the input '\(input)'") of this command; write the result elsewhere")
    }
    if claimed.contains(where: { $0 == path || ($0 != "-" && path != "-" && AtomicFile.isSameFile($0, path)) }) {
      throw refuse("two outputs of this command go to \(path == "-" ? "standard output" : "'\(path)'"); give each its own")
    }
    claimed.append(path)
  }

  func write(_ text: String) throws {
    let utf8 = text.utf8
    if utf8.count >= Self.directWrite {
      try write(Array(utf8))
    } else {
      buffer.append(contentsOf: utf8)
      if buffer.count >= Self.bufferSize { try flush() }
    }
  }

  func write(_ bytes: [UInt8]) throws {
    if bytes.count >= Self.directWrite {
      try flush()
      try put(bytes)
    } else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.bufferSize { try flush() }
    }
  }

  /// Ends the output: writes what is left and puts the file in place under its path.
  func finish() throws {
    try flush()
    try file?.commit()
  }

  /// Ends an output that will not be finished (after an error): the file is removed, and
  /// standard output gets what was written before the error.
  func abandon() {
    if let file {
      file.discard()
    } else {
      try? flush()
    }
    buffer.removeAll()
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    try put(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private func put(_ bytes: [UInt8]) throws {
    if let file {
      try file.append(bytes)
    } else if !bytes.isEmpty {
      try FileHandle.standardOutput.write(contentsOf: bytes)
    }
  }

  /// Runs `body` with a sink for `path` (standard output when nil), finishing it when `body`
  /// returns and abandoning it when `body` throws.
  static func writing(to path: String?, _ body: (OutputSink) throws -> Void) throws {
    let sink = try OutputSink(path: path)
    do {
      try body(sink)
      try sink.finish()
    } catch {
      sink.abandon()
      throw error
    }
  }

  /// Writes `text` to `path` (standard output when nil), whole or not at all.
  static func write(_ text: String, to path: String?) throws {
    try writing(to: path) { try $0.write(text) }
  }

  /// Writes `bytes` to `path` (standard output when nil), whole or not at all.
  static func write(_ bytes: [UInt8], to path: String?) throws {
    try writing(to: path) { try $0.write(bytes) }
  }
}

/// An output file that cannot be written (read-only without `--force`), as gridtool prints it.
struct OutputError: Error, CustomStringConvertible {
  let description: String
}
