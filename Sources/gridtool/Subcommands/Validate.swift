import ArgumentParser
import GridCore

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a scenario against published figures (Jiquan 2024, export, new energy).",
    discussion: """
      Runs the scenario with the export-limit study and compares its annual figures with the \
      facts file (the scenario's 'facts' key, or --facts). Each check says whether it is \
      independent or true by calibration (docs/validate.md). Exit status: 0 when every check \
      passes, 3 when a check fails, 1 on an error in the input or the computation, 64 on a usage error.
      """)

  @Argument(help: "Scenario file (default: the bundled Xinjiang 2024 year, from the repository root).")
  var scenario = "networks/scenarios/xinjiang-2024.yaml"

  @Option(help: "Facts file (default: the one the scenario names).")
  var facts: String?

  @OptionGroup var output: OutputOptions
  @OptionGroup var dispatchOptions: DispatchOptions

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  func run() throws {
    let scenario = dispatchOptions.apply(try ScenarioReader.read(contentsOf: self.scenario))
    for d in scenario.diagnostics { Terminal.warn(d.description) }
    guard let factsPath = facts ?? scenario.factsPath else {
      throw ValidationError("the scenario names no facts file ('facts:' key); give one with --facts")
    }
    let published = try PublishedFacts.read(contentsOf: factsPath)
    let bar = ProgressBar.ifTerminal(label: "validate")
    let options = ScenarioRunner.Options(
      backend: backend, exportLimit: try Validation.study(published, network: scenario.network),
      progress: bar.map { bar in { bar.update($0, of: $1) } })
    let result: ScenarioResult
    do {
      result = try ScenarioRunner.run(scenario, options: options)
    } catch {
      bar?.finish()
      throw error
    }
    bar?.finish()
    let report = try Validation.report(result: result, facts: published)
    switch output.format {
    case .json: try OutputSink.write(report.json(), to: output.output)
    case .table, .csv: try OutputSink.write(ValidationTable(report: report).render(), to: output.output)
    }
    // A documented code for "ran, but a check failed" (docs/validate.md).
    if !report.passed { throw ExitCode(3) }
  }
}
