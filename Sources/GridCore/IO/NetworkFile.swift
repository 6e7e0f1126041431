import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reading and writing network files by their extension: `.m` (MATPOWER) or
/// `.yaml`/`.yml` (the gridtool format).
public enum NetworkFile {
  public enum Format: String, Sendable, CaseIterable {
    case matpower
    case yaml

    /// The format a path's extension names; nil when it names none.
    public init?(path: String) {
      let lower = path.lowercased()
      if lower.hasSuffix(".m") {
        self = .matpower
      } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
        self = .yaml
      } else {
        return nil
      }
    }
  }

  /// Reads a network; the format follows the extension (MATPOWER when unknown).
  public static func read(_ path: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    switch Format(path: path) ?? .matpower {
    case .matpower: return try MatpowerReader.read(contentsOf: path)
    case .yaml: return try NativeNetworkReader.read(contentsOf: path)
    }
  }

  /// The text of `network` in `format`.
  public static func text(of network: Network, as format: Format) -> String {
    switch format {
    case .matpower: return MatpowerWriter.text(for: network)
    case .yaml: return NativeNetworkWriter.yaml(for: network)
    }
  }
}

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
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw WriteError(path: path, reason: "folder \(directory.path) does not exist")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(bytes).write(to: temporary)
      // rename(2) replaces the target atomically: readers see the old file or the new one.
      guard rename(temporary.path, url.path) == 0 else {
        throw WriteError(path: path, reason: String(cString: strerror(errno)))
      }
    } catch let error as WriteError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: path, reason: error.localizedDescription)
    }
  }
}
