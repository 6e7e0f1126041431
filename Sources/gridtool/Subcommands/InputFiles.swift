import Foundation
import GridCore
import Synchronization

/// Every file a gridtool command reads goes through here: `-` is standard input (read once,
/// its format told from its content), and every path read is remembered, so that
/// ``OutputSink`` refuses to write over an input (`gridtool solve case.m -o case.m`).
enum InputFiles {
  /// The name standard input has in messages.
  static let standardInputName = "<stdin>"

  private struct State {
    var read: [String] = []
    var standardInput: [UInt8]? = nil
  }

  private static let state = Mutex(State())

  /// The paths read so far (scenario files with their networks and profiles, facts...).
  static var paths: [String] { state.withLock { $0.read } }

  /// Remembers paths read by GridCore on the command's behalf.
  static func record(_ paths: [String]) {
    state.withLock { $0.read += paths.filter { $0 != "-" } }
  }

  /// Standard input, read once to its end (bounded by ``InputLimits``).
  static func standardInput() throws -> [UInt8] {
    if let bytes = state.withLock({ $0.standardInput }) { return bytes }
    let bytes = try InputFile.bytes(readingDescriptor: 0, name: standardInputName)
    state.withLock { $0.standardInput = bytes }
    return bytes
  }

  /// A network: MATPOWER or gridtool YAML, by extension, or by content for `-`. The one read
  /// gridtool began while the arguments were parsed (``NetworkPrefetch``) is taken when it is
  /// of this path.
  static func network(_ path: String) throws -> (network: Network, diagnostics: [Diagnostic]) {
    if path == "-" { return try NetworkFile.parse(bytes: try standardInput(), file: standardInputName) }
    record([path])
    return try NetworkPrefetch.take(path) ?? NetworkFile.read(path)
  }

  /// A scenario with its network and profiles (paths in a scenario read from `-` are
  /// relative to the current folder).
  static func scenario(_ path: String) throws -> Scenario {
    let scenario =
      path == "-"
      ? try ScenarioReader.parse(bytes: try standardInput(), file: standardInputName) : try ScenarioReader.read(contentsOf: path)
    record(scenario.inputFiles + [path])
    return scenario
  }

  /// Published facts, and the hold-out scenarios they name.
  static func facts(_ path: String) throws -> PublishedFacts {
    let facts = path == "-" ? try PublishedFacts.parse(bytes: try standardInput(), file: standardInputName) : try PublishedFacts.read(contentsOf: path)
    record([path] + facts.facts.values.compactMap(\.scenario))
    return facts
  }

  /// The bytes of any input (a JSON result for `gridtool report`).
  static func bytes(_ path: String) throws -> [UInt8] {
    if path == "-" { return try standardInput() }
    record([path])
    return try InputFile.bytes(of: path)
  }

  /// True when `path` (or standard input, for `-`) is a gridtool scenario: a YAML file
  /// whose top-level `format` key is `gridtool-scenario/1` (docs/scenarios.md). Network files
  /// never carry that value. Only the file's first 64 kB are looked at (`/dev/zero` is not
  /// read to its end); an unreadable file is not a scenario: the network reader then reports
  /// the error.
  static func isScenario(_ path: String) -> Bool {
    let head: [UInt8]
    if path == "-" {
      guard let bytes = try? standardInput() else { return false }
      head = Array(bytes.prefix(1 << 16))
    } else {
      let lower = path.lowercased()
      guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"), let file = FileHandle(forReadingAtPath: path) else { return false }
      defer { try? file.close() }
      head = Array((try? file.read(upToCount: 1 << 16)) ?? Data())
    }
    let text = String(decoding: head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...], as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      // Top level only: an indented `format:` belongs to a nested mapping.
      guard line.hasPrefix("format:") else { continue }
      var value = line.dropFirst("format:".count)
      if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
      let trimmed = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'\r"))
      return trimmed == "gridtool-scenario/1"
    }
    return false
  }
}
