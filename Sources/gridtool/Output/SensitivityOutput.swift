import ArgumentParser
import Foundation
import GridCore

/// Where a report written piece by piece goes: standard output, or a file that is written
/// whole or not at all (``StreamingFile``). Large PTDF, LODF and `--flows` reports are
/// streamed block by block, so their size is never held in memory.
final class ReportSink {
  private let file: StreamingFile?
  private var buffer = Data()

  init(path: String?) throws {
    file = try path.map { try StreamingFile(path: $0) }
  }

  func write(_ text: String) throws {
    if let file {
      try file.write(text)
    } else {
      buffer.append(contentsOf: text.utf8)
      if buffer.count >= 1 << 20 { flush() }
    }
  }

  /// Ends the report: flushes standard output, or renames the finished file into place.
  func finish() throws {
    if let file { try file.commit() } else { flush() }
  }

  /// Drops a file that will not be finished (after an error).
  func abandon() {
    file?.discard()
    flush()
  }

  private func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Runs `body` with a sink, finishing it on success and abandoning it on error.
  static func writing(to path: String?, _ body: (ReportSink) throws -> Void) throws {
    let sink = try ReportSink(path: path)
    do {
      try body(sink)
      try sink.finish()
    } catch {
      sink.abandon()
      throw error
    }
  }
}

/// Output formats of the matrix commands (`ptdf`, `lodf`).
enum MatrixFormat: String, ExpressibleByArgument, CaseIterable {
  case csv, json
}

extension SlackDistribution {
  /// How a report names the slack.
  func label(_ network: Network, rule: ParticipationRule?) -> String {
    switch self {
    case .reference: return "reference"
    case .bus(let p): return "bus \(network.buses[p].id)"
    case .weights: return rule.map { "distributed (\($0.rawValue))" } ?? "distributed (weights)"
    }
  }
}

extension ParticipationRule: ExpressibleByArgument {}
extension HVDCOutageRule: ExpressibleByArgument {}
extension RatingSet: ExpressibleByArgument {}
