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

  /// The report's file (written through ``OutputSink``); nil or `-`: standard output.
  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output (-: standard output).")
  var output: String?

  @OptionGroup var overwrite: OverwriteOptions
}

/// `--force`, in every command that writes files: an existing read-only output is replaced
/// only when asked (``OutputSink``).
struct OverwriteOptions: ParsableArguments {
  @Flag(help: "Replace an existing output file even when it is read-only.")
  var force = false

  /// Hands the choice to ``OutputSink`` once the arguments are parsed.
  func validate() throws { OutputSink.replaceReadOnly = force }
}

/// Options for reading a network file.
struct InputOptions: ParsableArguments {
  @Argument(help: "Network file: a MATPOWER case (.m), a gridtool network (.yaml) or a PSS/E RAW file (.raw, revisions 29-35); - reads standard input (format from the content).")
  var file: String

  @Flag(help: "Treat warnings about the input as errors.")
  var strict = false

  /// Reads the network, printing warnings to stderr (or failing on them with --strict).
  func load() throws -> Network {
    let (network, diagnostics) = try InputFiles.network(file)
    try report(diagnostics)
    return network
  }

  /// Reads the network and builds its factored DC model, printing the warnings of both.
  func loadSystem(backend: LinearSolverBackend, reference: ReferenceBusRule = .firstPV) throws -> DCSystem {
    let system = try DCSystem(try load(), backend: backend, referenceRule: reference)
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

/// The reference of an island without a REF bus, for the commands that solve.
struct ReferenceOptions: ParsableArguments {
  @Option(help: "Reference of an island with no REF bus that has a generator: first-pv (MATPOWER's rule) or largest-capacity.")
  var reference: ReferenceBusRule = .firstPV
}

extension ReferenceBusRule: ExpressibleByArgument {}

struct StrictModeError: Error, CustomStringConvertible {
  let count: Int
  var description: String { "\(count) warning\(count == 1 ? "" : "s") with --strict" }
}

enum Terminal {
  static func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
