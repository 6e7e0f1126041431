import ArgumentParser
import Foundation
import GridCore

struct Solve: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Run a DC power flow and report branch loading, overloads, HVDC links and corridors.",
    discussion: """
      MATPOWER rundcpf semantics; the JSON contract is described in docs/json-output.md. CSV: one \
      row per branch (default), bus or generator (--table), with bus names next to bus numbers; \
      --csv-dir DIR writes all three tables as DIR/branches.csv, DIR/buses.csv and DIR/generators.csv.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions

  @Option(name: .shortAndLong, help: "Output format: table (for people), json or csv (for programs), geojson (for maps: QGIS, kepler.gl).")
  var format: SolveFormat = .table

  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output (-: standard output).")
  var output: String?

  @OptionGroup var overwrite: OverwriteOptions

  /// `solve`'s formats: the shared ones and GeoJSON.
  enum SolveFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, geojson }

  @Option(help: "CSV table: branches, buses or generators (with --format csv).")
  var table: FlowReport.Table?

  @Option(help: "Write the branch, bus and generator tables as CSV files (branches.csv, buses.csv, generators.csv) into this directory, created if needed.")
  var csvDir: String?

  @Option(help: "Number of most loaded branches in the table.")
  var top = 10

  @Option(
    help: """
      Share each island's balance among its generators instead of the reference generator (MATPOWER): \
      capacity (pro rata to PMAX), headroom (to PMAX − PG, or PG − PMIN when generation falls) or \
      weights (MATPOWER's APF column, the native format's participation); units stay within their limits.
      """)
  var distributedSlack: SlackParticipation?

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse (CHOLMOD, KLU when B is indefinite).")
  var backend: LinearSolverBackend = .automatic

  @Flag(
    help: "Print the time of each phase (read, from the program's start: the file is read while the arguments are parsed; build and factor, solve, format, write; JSON is written as it is formatted) to stderr."
  )
  var timings = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    if table != nil, format != .csv { throw ValidationError("--table applies to --format csv") }
    if csvDir != nil {
      if output != nil { throw ValidationError("--csv-dir writes its own files; leave out --output") }
      if table != nil { throw ValidationError("--csv-dir writes every table; leave out --table") }
      if format != .csv, format != .table { throw ValidationError("--csv-dir writes CSV; leave out --format \(format.rawValue)") }
    }
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let network = try input.load()
    clock.mark("read")
    let system = try DCSystem(network, backend: backend, referenceRule: referenceOptions.reference)
    try input.report(system.diagnostics)
    clock.mark("build B and factor")
    let result = try system.solve(slack: distributedSlack.map { .distributed($0) } ?? .reference)
    try input.report(result.diagnostics)
    clock.mark("solve")
    let report = FlowReport(system: system, result: result)
    defer { ProcessTuning.keepUntilExit(network, system, result, report) }
    if let csvDir {
      try writeTables(report, into: csvDir)
      clock.mark("format and write csv")
      clock.report()
      return
    }
    switch format {
    case .json:
      // Pieces are written as they are formatted: one phase.
      try OutputSink.writing(to: output) { sink in try report.writeJSON(to: sink.write) }
      clock.mark("format and write json")
    case .csv, .table, .geojson:
      let text: [UInt8]
      switch format {
      case .csv: text = report.csvBytes(table: table ?? .branches)
      case .geojson: text = GeoJSONReport.flow(report)
      default: text = Array(FlowTable(report: report, top: top).render().utf8)
      }
      clock.mark("format \(format.rawValue)")
      try OutputSink.write(text, to: output)
      clock.mark("write")
    }
    clock.report()
  }

  /// The three CSV tables as files in `directory` (created when missing), each written whole or not at all.
  private func writeTables(_ report: FlowReport, into directory: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw CSVDirectoryError(path: directory, reason: "it exists and is not a directory") }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw CSVDirectoryError(path: directory, reason: "it cannot be created")
      }
    }
    // Every table is formatted before the first file is written.
    let tables = FlowReport.Table.allCases.map { ($0, report.csvBytes(table: $0)) }
    for (table, bytes) in tables {
      try OutputSink.write(bytes, to: (directory as NSString).appendingPathComponent("\(table.rawValue).csv"))
    }
  }
}

/// `--csv-dir` names something that is not, and cannot become, a directory.
struct CSVDirectoryError: Error, CustomStringConvertible {
  let path: String
  let reason: String
  var description: String { "\(path): cannot write the CSV tables there: \(reason)" }
}

extension FlowReport.Table: ExpressibleByArgument {}

extension LinearSolverBackend: ExpressibleByArgument {}
extension SlackParticipation: ExpressibleByArgument {}
