import ArgumentParser
import GridCore

struct PTDFCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ptdf",
    abstract: "Power transfer distribution factors: rows = branches, columns = buses (MW/MW).",
    discussion: """
      CSV: header `branch,<bus numbers>`, one row per branch in input order (`branch` = 1-based \
      row), as MATPOWER makePTDF. With --from and --to, one column: the PTDF of that transfer. \
      Large matrices are streamed block by block. Exit status: 0 when the job ran, 1 on an \
      error in the input or the computation, 64 on a usage error. See docs/sensitivity.md.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions

  @Option(help: "Slack bus (number or name) that takes up every injection (default: each island's reference bus).")
  var slack: String?

  @Option(help: "Distributed slack: pro rata to generation, capacity, load or equal.")
  var distributed: ParticipationRule?

  @Option(help: "Slack weights, e.g. '1=0.5,2=0.5' (bus number or name = weight ≥ 0).")
  var slackWeights: String?

  @Option(help: "Rows: branches (1-based rows, ranges a-b, names), comma-separated (default: all).")
  var branches: String?

  @Option(help: "Columns: buses (numbers or names), comma-separated (default: all).")
  var buses: String?

  @Option(help: "Transfer source: a group, 'tag:TAG' or a bus list; gives one transfer column with --to.")
  var from: String?

  @Option(help: "Transfer sink: a group, 'tag:TAG' or a bus list.")
  var to: String?

  @Option(help: "How the source shares the transfer: generation, capacity, load or equal.")
  var sourceBy: ParticipationRule = .generation

  @Option(help: "How the sink shares the transfer: load, generation, capacity or equal.")
  var sinkBy: ParticipationRule = .load

  @Option(name: .shortAndLong, help: "Output format: csv or json.")
  var format: MatrixFormat = .csv

  @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output (-: standard output).")
  var output: String?

  @OptionGroup var overwrite: OverwriteOptions

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  func validate() throws {
    guard [slack != nil, distributed != nil, slackWeights != nil].filter({ $0 }).count <= 1 else {
      throw ValidationError("give at most one of --slack, --distributed and --slack-weights")
    }
    guard (from == nil) == (to == nil) else { throw ValidationError("--from and --to go together") }
    guard from == nil || buses == nil else { throw ValidationError("--buses does not apply to a transfer (--from/--to)") }
  }

  func run() throws {
    let system = try input.loadSystem(backend: backend, reference: referenceOptions.reference)
    let network = system.network
    let sensitivity = DCSensitivity(system)
    let rows = try branches.map { try NetworkSelection.branches($0, in: network) }
    if let from, let to {
      try runTransfer(sensitivity, from: from, to: to, rows: rows)
      return
    }
    let columns = try buses.map { try NetworkSelection.buses($0, in: network) }
    let slackChoice = try slackDistribution(network)
    let label = slackChoice.label(network, rule: distributed)
    let rowList = rows ?? Array(network.branches.indices)
    let columnList = columns ?? Array(network.buses.indices)
    try OutputSink.writing(to: output) { sink in
      var report = PTDFReport(format: format, network: network, branches: rowList, buses: columnList, slack: label)
      try sink.write(report.head())
      try sensitivity.forEachPTDFRowBlock(branches: rowList, buses: columnList, slack: slackChoice) { block, _ in
        // A block can hold 64 MB of numbers; its text goes out a few hundred rows at a time.
        for start in stride(from: 0, to: block.branches.count, by: 256) {
          try sink.write(report.rows(block, start..<min(block.branches.count, start + 256)))
        }
      }
      try sink.write(report.tail())
    }
  }

  private func slackDistribution(_ network: Network) throws -> SlackDistribution {
    if let slack {
      guard let p = NetworkSelection.bus(slack, in: network) else { throw SensitivityError.unknownBus(slack) }
      return .bus(p)
    }
    if let distributed { return .distributed(distributed, network: network) }
    if let slackWeights {
      var weights = [Double](repeating: 0, count: network.buses.count)
      for item in slackWeights.split(separator: ",") {
        let parts = item.split(separator: "=")
        guard parts.count == 2, let weight = Double(parts[1]) else {
          throw ValidationError("--slack-weights: '\(item)' is not BUS=WEIGHT")
        }
        let name = String(parts[0])
        guard let p = NetworkSelection.bus(name, in: network) else { throw SensitivityError.unknownBus(name) }
        weights[p] += weight
      }
      return .weights(weights)
    }
    return .reference
  }

  private func runTransfer(_ sensitivity: DCSensitivity, from: String, to: String, rows: [Int]?) throws {
    let network = sensitivity.network
    let source = try NetworkSelection.busGroup(from, in: network)
    let sink = try NetworkSelection.busGroup(to, in: network)
    let sourcePattern = try pattern(source, rule: sourceBy, network: network)
    let sinkPattern = try pattern(sink, rule: sinkBy, network: network)
    let rowList = rows ?? Array(network.branches.indices)
    let values = try sensitivity.transferPTDF(source: sourcePattern, sink: sinkPattern, branches: rowList)
    func name(_ group: (name: String, buses: [Int], location: SourceLocation?)) -> String {
      group.buses.count == 1 ? network.buses[group.buses[0]].id.description : group.name
    }
    let label = "from_\(name(source))_to_\(name(sink))"
    try OutputSink.write(PTDFReport.transfer(format: format, network: network, branches: rowList, label: label, values: values), to: output)
  }

  /// A single bus takes the whole transfer; a group shares it by `rule`.
  private func pattern(_ group: (name: String, buses: [Int], location: SourceLocation?), rule: ParticipationRule, network: Network) throws
    -> InjectionPattern
  {
    if group.buses.count == 1 { return InjectionPattern(name: group.name, bus: group.buses[0]) }
    return try InjectionPattern(name: group.name, buses: group.buses, rule: rule, network: network, at: group.location)
  }
}
