import ArgumentParser
import GridCore

struct LODFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lodf",
    abstract: "Line outage distribution factors: rows = monitored branches, columns = outaged branches.",
    discussion: """
      Entry (l, k): change of the flow on l per MW of pre-outage flow on k (MATPOWER makeLODF); \
      the diagonal is -1. CSV: header `branch,<outaged rows>`, one row per monitored branch. \
      Outages that split an island (bridges) or leave a singular network have no factors: \
      empty CSV cells, JSON null, listed under `islanding` / `singular` in JSON. Exit status: \
      0 when the job ran, 1 on an error in the input or the computation, 64 on a usage error.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions

  @Option(help: "Rows: monitored branches (1-based rows, ranges a-b, names), comma-separated (default: all).")
  var branches: String?

  @Option(help: "Columns: outaged branches, same syntax (default: all).")
  var outages: String?

  @Option(name: .shortAndLong, help: "Output format: csv or json.")
  var format: MatrixFormat = .csv

  @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output (-: standard output).")
  var output: String?

  @OptionGroup var overwrite: OverwriteOptions

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  func run() throws {
    let system = try input.loadSystem(backend: backend, reference: referenceOptions.reference)
    let network = system.network
    let sensitivity = DCSensitivity(system)
    let rows = try branches.map { try NetworkSelection.branches($0, in: network) } ?? Array(network.branches.indices)
    let columns = try outages.map { try NetworkSelection.branches($0, in: network) } ?? Array(network.branches.indices)
    try OutputSink.writing(to: output) { sink in
      var report = LODFReport(format: format, network: network, monitored: rows, outaged: columns)
      try sink.write(report.head())
      try sensitivity.forEachLODFRowBlock(monitored: rows, outaged: columns) { block, _ in
        // A block can hold 64 MB of numbers; its text goes out a few hundred rows at a time
        // (at least once: the first block opens the JSON).
        var start = 0
        repeat {
          let end = min(block.monitored.count, start + 256)
          try sink.write(report.rows(block, start..<end))
          start = end
        } while start < block.monitored.count
      }
      try sink.write(report.tail())
    }
  }
}
