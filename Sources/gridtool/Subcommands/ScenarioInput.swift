import ArgumentParser
import GridCore

extension DispatchMode: ExpressibleByArgument {}

/// `--dispatch rule|opf|scopf`: overrides a scenario file's `dispatch.mode` (docs/scenarios.md).
struct DispatchOptions: ParsableArguments {
  @Option(help: "Scenario input: dispatch mode, overriding the file's dispatch.mode: rule, opf or scopf.")
  var dispatch: DispatchMode?

  /// The scenario with the mode applied.
  func apply(_ scenario: Scenario) -> Scenario {
    var scenario = scenario
    if let dispatch { scenario.dispatchMode = dispatch }
    return scenario
  }
}
