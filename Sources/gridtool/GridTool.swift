import ArgumentParser
import GridCore

@main
struct GridTool: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gridtool",
    abstract: "DC power flow for transmission grids: MATPOWER cases and gridtool network files.",
    discussion: """
      Exit status: 0 when the job ran, 1 on an error in the input or the computation, \
      2 when `contingency` finds violations, 3 when `validate` finds a published figure \
      not met, 64 on a usage error.
      """,
    version: "0.1.0",
    subcommands: [
      Solve.self, Info.self, Convert.self, ScenarioCommand.self, ValidateCommand.self, PTDFCommand.self, LODFCommand.self,
      ContingencyCommand.self, TransferCommand.self, OPFCommand.self, ReportCommand.self, MergeCommand.self,
    ])

  static func main() {
    mainStarted = .now
    ProcessTuning.apply()
    NetworkPrefetch.start(CommandLine.arguments)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      NetworkPrefetch.settle()
      exit(withError: error)
    }
    NetworkPrefetch.settle()
    ProcessTuning.exitAfterSuccess()
  }
}
