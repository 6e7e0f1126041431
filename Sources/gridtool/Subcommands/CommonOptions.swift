import ArgumentParser
import Foundation
import GridCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// Options shared by the commands that print a report.
struct OutputOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "Output format: table (for people), json or csv (for programs).")
  var format: OutputFormat = .table

  /// The report's file (written through ``OutputSink``); nil: standard output.
  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output.")
  var output: String?
}

/// Options for reading a network file.
struct InputOptions: ParsableArguments {
  @Argument(help: "Network file: a MATPOWER case (.m), a gridtool network (.yaml) or a PSS/E RAW file (.raw, revisions 29-35).")
  var file: String

  @Flag(help: "Treat warnings about the input as errors.")
  var strict = false

  /// Reads the network, printing warnings to stderr (or failing on them with --strict).
  func load() throws -> Network {
    let (network, diagnostics) = try NetworkFile.read(file)
    try report(diagnostics)
    return network
  }

  /// Reads the network and builds its factored DC model, printing the warnings of both.
  func loadSystem(backend: LinearSolverBackend) throws -> DCSystem {
    let system = try DCSystem(try load(), backend: backend)
    try report(system.diagnostics)
    return system
  }

  func report(_ diagnostics: [Diagnostic]) throws {
    for d in diagnostics { Terminal.warn(d.description) }
    if strict, !diagnostics.isEmpty {
      throw StrictModeError(count: diagnostics.count)
    }
  }
}

struct StrictModeError: Error, CustomStringConvertible {
  let count: Int
  var description: String { "\(count) warning\(count == 1 ? "" : "s") with --strict" }
}

enum Terminal {
  static func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
