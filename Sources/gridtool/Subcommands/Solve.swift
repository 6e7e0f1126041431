import ArgumentParser
import GridCore

struct Solve: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Run a DC power flow and report branch loading, overloads, HVDC links and corridors.",
    discussion: "MATPOWER rundcpf semantics; the JSON contract is described in docs/json-output.md.")

  @OptionGroup var input: InputOptions

  @Option(name: .shortAndLong, help: "Output format: table (for people), json or csv (for programs), geojson (for maps: QGIS, kepler.gl).")
  var format: SolveFormat = .table

  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output.")
  var output: String?

  /// `solve`'s formats: the shared ones and GeoJSON.
  enum SolveFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, geojson }

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
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let network = try input.load()
    clock.mark("read")
    let system = try DCSystem(network, backend: backend)
    try input.report(system.diagnostics)
    clock.mark("build B and factor")
    let result = try system.solve(slack: distributedSlack.map { .distributed($0) } ?? .reference)
    try input.report(result.diagnostics)
    clock.mark("solve")
    let report = FlowReport(system: system, result: result)
    switch format {
    case .json:
      // Pieces are written as they are formatted: one phase.
      try OutputSink.writing(to: output) { sink in try report.writeJSON(to: sink.write) }
      clock.mark("format and write json")
    case .csv, .table, .geojson:
      let text: [UInt8]
      switch format {
      case .csv: text = report.csvBytes()
      case .geojson: text = GeoJSONReport.flow(report)
      default: text = Array(FlowTable(report: report, top: top).render().utf8)
      }
      clock.mark("format \(format.rawValue)")
      try OutputSink.write(text, to: output)
      clock.mark("write")
    }
    clock.report()
  }
}

extension LinearSolverBackend: ExpressibleByArgument {}
extension SlackParticipation: ExpressibleByArgument {}
