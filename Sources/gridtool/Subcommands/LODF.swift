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

  @Option(help: "Rows: monitored branches (1-based rows, ranges a-b, names), comma-separated (default: all).")
  var branches: String?

  @Option(help: "Columns: outaged branches, same syntax (default: all).")
  var outages: String?

  @Option(name: .shortAndLong, help: "Output format: csv or json.")
  var format: MatrixFormat = .csv

  @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output.")
  var output: String?

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  func run() throws {
    let system = try input.loadSystem(backend: backend)
    let network = system.network
    let sensitivity = DCSensitivity(system)
    let rows = try branches.map { try NetworkSelection.branches($0, in: network) } ?? Array(network.branches.indices)
    let columns = try outages.map { try NetworkSelection.branches($0, in: network) } ?? Array(network.branches.indices)
    try ReportSink.writing(to: output) { sink in
      var first = true
      if format == .csv { try sink.write(SensitivityText.lodfCSVHeader(outaged: columns)) }
      try sensitivity.forEachLODFRowBlock(monitored: rows, outaged: columns) { block, _ in
        if format == .json, first {
          try sink.write(SensitivityText.lodfJSONHead(network: network, monitored: rows, outaged: columns, columns: block.columns))
        }
        // A block can hold 64 MB of numbers; its text goes out a few hundred rows at a time.
        for start in stride(from: 0, to: block.monitored.count, by: 256) {
          let rows = start..<min(block.monitored.count, start + 256)
          try sink.write(format == .csv ? SensitivityText.csvRows(block, rows: rows) : SensitivityText.jsonRows(block, rows: rows, first: first))
          first = false
        }
      }
      if format == .json {
        if first {
          try sink.write(SensitivityText.lodfJSONHead(network: network, monitored: rows, outaged: columns, columns: []))
        }
        try sink.write(SensitivityText.jsonTail)
      }
    }
  }
}
