import ArgumentParser
import GridCore

struct OPFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "opf",
    abstract: "DC optimal power flow: least-cost dispatch within generator, flow and angle limits, with LMPs.",
    discussion: """
      MATPOWER rundcopf semantics (costs from mpc.gencost, DC lines as toggle_dcline), solved \
      by HiGHS. JSON: the solve contract with "format": "gridtool-opf/1" and the prices \
      (docs/opf.md). CSV: one row per branch, bus or generator (--table). Exit status: 0 when \
      the job ran, 1 on an error in the input or an infeasible or unbounded problem (the \
      message names what cannot be met; nothing is written), 64 on a usage error.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions
  @OptionGroup var output: OutputOptions

  @Option(help: "CSV table: branches, buses or generators.")
  var table: OPFReport.Table = .branches

  @Option(help: "Rows of the generator and branch lists in the table.")
  var top = 10

  @Option(
    help: "Security: none, or n-1 (preventive: every rated branch within RATE_A after any one branch outage; islanding outages skipped).")
  var security: SecurityLevel = .none

  @Option(help: "Linear solver for the DC model's checks: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Flag(help: "Print the time of each phase (read, build, solve, format and write) to stderr.")
  var timings = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    if table != .branches, output.format != .csv { throw ValidationError("--table applies to --format csv") }
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let network = try input.load()
    clock.mark("read")
    let system = try DCSystem(network, backend: backend, referenceRule: referenceOptions.reference)
    let problem = try DCOPFProblem(system: system)
    try input.report(system.diagnostics + problem.diagnostics)
    clock.mark("build DC model and costs")
    let result = try security == .n1 ? problem.solve(security: N1Security()) : problem.solve()
    clock.mark("solve (\(result.solver.name), \(result.solver.problemClass), \(result.solver.iterations) iterations)")
    let report = OPFReport(problem: problem, result: result)
    switch output.format {
    case .json:
      try OutputSink.writing(to: output.output) { sink in try report.writeJSON(to: sink.write) }
      clock.mark("format and write json")
    case .csv, .table:
      let text = output.format == .csv ? report.csvBytes(table: table) : Array(OPFTable(report: report, top: top).render().utf8)
      clock.mark("format \(output.format.rawValue)")
      try OutputSink.write(text, to: output.output)
      clock.mark("write")
    }
    clock.report()
  }
}

extension OPFReport.Table: ExpressibleByArgument {}

enum SecurityLevel: String, ExpressibleByArgument, CaseIterable {
  case none
  case n1 = "n-1"
}
