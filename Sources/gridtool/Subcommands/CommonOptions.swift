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

  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output.")
  var output: String?

  /// Prints or writes `text`; a file is replaced atomically.
  func emit(_ text: String) throws { try emit(bytes: Array(text.utf8)) }

  func emit(bytes: [UInt8]) throws { try emit { write in try write(bytes) } }

  /// Prints or writes the chunks `produce` hands over, each as it comes (a large report is
  /// written while the rest of it is formatted); a file appears only when all is written.
  func emit(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    if let output {
      let file = try AtomicFile.Stream(path: output)
      try produce { chunk in try file.append(chunk) }
      try file.commit()
    } else {
      try produce { chunk in
        if !chunk.isEmpty { try FileHandle.standardOutput.write(contentsOf: chunk) }
      }
    }
  }
}

/// Options for reading a network file.
struct InputOptions: ParsableArguments {
  @Argument(help: "Network file: a MATPOWER case (.m) or a gridtool network (.yaml).")
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
