import ArgumentParser
import GridCore

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a scenario against published figures (Jiquan 2024, export, new energy).",
    discussion: """
      Runs the scenario, its N-1 screen, Jiquan maximised under N-1 and any hold-out year the \
      facts name, and compares the year's \
      figures with the facts file (the scenario's 'facts' key, or --facts). Each check has one \
      kind: calibration, source consistency, independent or sanity bound (docs/validate.md). Exit status: 0 when every check \
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

  @Flag(help: "Skip the N-1 screen of the year (check 3a).")
  var noSecurity = false

  @Flag(help: "Skip the run that maximises Jiquan under N-1 (check 4a).")
  var noBound = false

  @Flag(help: "Skip the hold-out years the facts name (their checks are left out).")
  var noHoldOut = false

  func run() throws {
    let scenario = dispatchOptions.apply(try InputFiles.scenario(self.scenario))
    for d in scenario.diagnostics { Terminal.warn(d.description) }
    guard let factsPath = facts ?? scenario.factsPath else {
      throw ValidationError("the scenario names no facts file ('facts:' key); give one with --facts")
    }
    let published = try InputFiles.facts(factsPath)
    let bar = ProgressBar.ifTerminal(label: "validate")
    let options = Validation.Options(
      backend: backend, security: !noSecurity, jiquanBound: !noBound, holdOut: !noHoldOut,
      progress: bar.map { bar in { _, done, total in bar.update(done, of: total) } })
    let report: ValidationReport
    do {
      report = try Validation.run(scenario, facts: published, options: options)
    } catch {
      bar?.finish()
      throw error
    }
    bar?.finish()
    switch output.format {
    case .json: try OutputSink.write(report.json(), to: output.output)
    case .csv: try OutputSink.write(report.csv(), to: output.output)
    case .table: try OutputSink.write(ValidationTable(report: report).render(), to: output.output)
    }
    // A documented code for "ran, but a check failed" (docs/validate.md).
    if !report.passed { throw ExitCode(3) }
  }
}
