import ArgumentParser
import GridCore

struct Solve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a DC power flow and report branch loading, overloads, HVDC links and corridors.",
    discussion: "MATPOWER rundcpf semantics; the JSON contract is described in docs/json-output.md.")

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  @Option(help: "Number of most loaded branches in the table.")
  var top = 10

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    let network = try input.load()
    let system = try DCSystem(network, backend: backend)
    try input.report(system.diagnostics)
    let report = FlowReport(system: system, result: try system.solve())
    switch output.format {
    case .json: try output.emit(report.json())
    case .csv: try output.emit(report.csv())
    case .table: try output.emit(FlowTable(report: report, top: top).render())
    }
  }
}

extension LinearSolverBackend: ExpressibleByArgument {}
