import ArgumentParser
import Foundation
import GridCore

struct ContingencyCommand: ShardedCommand {
  static let configuration = CommandConfiguration(
    commandName: "contingency",
    abstract: "N-1 screen: every branch outage (and HVDC pole and link trip), post-contingency loading and violations.",
    discussion: """
      Post-contingency flows by LODF from one factorization; outages that split an island are \
      evaluated (buses cut off, load and generation lost, flows of the rest), not skipped. \
      JSON and CSV contracts: docs/sensitivity.md. Exit status: 0 when the grid is secure, 2 \
      when the job ran and found violations (base case or after a contingency), 1 on an error \
      in the input or the computation, 64 on a usage error.

      With a scenario file (format: gridtool-scenario/1) every hour is screened against \
      every contingency on that hour's own topology, streaming: per monitored branch the \
      worst loading, its hour and contingency, and its insecure hours; per contingency the \
      hours it causes a violation. Exit status 2 when some hour is insecure. --shard k/N \
      screens one of N hour ranges and writes a partial result (exit status 0; `gridtool merge` \
      gives the whole screen and its exit status; docs/scale-out.md).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var referenceOptions: ReferenceOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var dispatchOptions: DispatchOptions
  @OptionGroup var shardOptions: ShardOptions

  @Option(help: "Monitored branches (1-based rows, ranges a-b, names), comma-separated (default: every rated branch).")
  var monitor: String?

  @Option(help: "Outages: branches (rows, ranges, names), 'hvdc:LINK' and 'pole:LINK', comma-separated (default: all).")
  var outages: String?

  @Option(help: "Outages from a file: a MATPOWER change table (contab_*.m: branch and generator outages) or a YAML contingency list.")
  var contingencies: String?

  @Option(help: "Rating, MW, of branches without one (RATE_A = 0), so that they are monitored.")
  var rateDefault: Double?

  @Flag(help: "Leave HVDC pole and link trips out of the default outage list.")
  var noHVDC = false

  @Flag(help: "A branch standing for several circuits loses one circuit, not all of them.")
  var perCircuit = false

  @Option(help: "Power an HVDC trip no longer carries: curtail (generation tripped at the sending end) or slack.")
  var hvdcRule: HVDCOutageRule = .curtail

  @Option(help: "Post-contingency rating: a (RATE_A), b (RATE_B) or c (RATE_C).")
  var rating: RatingSet = .a

  @Option(help: "Loading above which a branch is in violation, % of its rating.")
  var limit: Double = 100

  @Flag(help: "Also report the post-contingency flow of every branch (json: p_from_mw; csv: one column per branch).")
  var flows = false

  @Option(help: "Rows of each table.")
  var top = 15

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Option(help: "Scenario input: hours per dispatch and solve block.")
  var chunk = 512

  @Flag(help: "Print the time each phase took to stderr.")
  var timings = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    guard limit > 0, limit.isFinite else { throw ValidationError("--limit must be a positive percentage") }
    guard !flows || output.format != .table else { throw ValidationError("--flows needs --format json or csv") }
    guard chunk > 0 else { throw ValidationError("--chunk must be at least 1") }
    guard outages == nil || contingencies == nil else { throw ValidationError("give the outages either with --outages or with --contingencies") }
    if let rateDefault {
      guard rateDefault > 0, rateDefault.isFinite else { throw ValidationError("--rate-default must be a positive number of MW") }
      guard !InputFiles.isScenario(input.file) else { throw ValidationError("--rate-default applies to a network file, not to a scenario") }
    }
    if flows, InputFiles.isScenario(input.file) {
      // Every hour's post-contingency flows would be the hour × contingency × branch cube.
      throw ValidationError("--flows is not available for a scenario (hours × contingencies × branches); screen one hour's network instead")
    }
    if shardOptions.shard != nil, !InputFiles.isScenario(input.file) { throw ValidationError("--shard needs a scenario file") }
  }

  /// What makes a scenario's screen (recorded in partial results; ``StudyArguments``).
  var studyArguments: [String] {
    var a = StudyArguments()
    a.add("--dispatch", dispatchOptions.dispatch?.rawValue)
    a.add("--outages", outages)
    a.addContingency(monitor: monitor, noHVDC: noHVDC, perCircuit: perCircuit, hvdcRule: hvdcRule, rating: rating, limit: limit)
    a.addCommon(backend: backend, chunk: chunk, format: output.format, top: top, strict: input.strict)
    return a.list
  }

  /// The contingency settings of the command line for `network`.
  private func contingencyOptions(_ network: Network) throws -> ContingencyOptions {
    var list = try outages.map { try Self.contingencies($0, network: network, perCircuit: perCircuit) }
    if let contingencies {
      InputFiles.record([contingencies])
      list = try ContingencyListReader.read(contentsOf: contingencies, network: network).map(\.contingency)
    }
    return ContingencyOptions(
      monitored: try monitor.map { try NetworkSelection.branches($0, in: network) },
      contingencies: list,
      includeHVDC: !noHVDC, perCircuit: perCircuit, hvdcRule: hvdcRule, rating: rating, limitPct: limit)
  }

  func run() throws {
    if InputFiles.isScenario(input.file) { return try runScenario() }
    var clock = PhaseClock(enabled: timings)
    var network = try input.load()
    if let rateDefault { network = network.withDefaultRating(rateDefault) }
    let system = try DCSystem(network, backend: backend, referenceRule: referenceOptions.reference)
    try input.report(system.diagnostics)
    clock.mark("read, build B and factor")
    let options = try contingencyOptions(network)
    let analysis = try ContingencyAnalysis(DCSensitivity(system), options: options)
    guard !analysis.monitored.isEmpty else { throw NothingMonitored(branches: network.branches.count) }
    clock.mark("bridges, islanding outages, contingency list")
    let result: ContingencyResult
    switch output.format {
    case .table:
      result = try analysis.run()
      try OutputSink.write(ContingencyTable(result: result, top: top).render(), to: output.output)
    case .json:
      var produced: ContingencyResult?
      try OutputSink.writing(to: output.output) { sink in
        var report = ContingencyJSON(network: network, options: options, monitored: analysis.monitored.count)
        try sink.write(report.head())
        let r = try analysis.forEachOutcome(withFlows: flows) { outcome, post in
          try sink.write(report.outage(outcome, flows: flows ? post : nil))
        }
        try sink.write(report.tail(r))
        produced = r
      }
      guard let produced else { return }
      result = produced
    case .csv:
      var produced: ContingencyResult?
      try OutputSink.writing(to: output.output) { sink in
        try sink.write(ContingencyCSV.header(network: network, flows: flows))
        produced = try analysis.forEachOutcome(withFlows: flows) { outcome, post in
          try sink.write(ContingencyCSV.row(outcome, network: network, flows: flows ? post : nil))
        }
      }
      guard let produced else { return }
      result = produced
    }
    clock.mark("screen \(result.outcomes.count) contingencies × \(result.branches.count) monitored, format and write")
    clock.report()
    // "Ran, violations found" is an outcome, not an error: documented exit status 2.
    if !result.summary.secure { throw ExitCode(2) }
  }

  /// Every hour of a scenario × every contingency (docs/sensitivity.md, "N-1 across a year").
  private func runScenario() throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = dispatchOptions.apply(try InputFiles.scenario(input.file))
    try input.report(scenario.diagnostics)
    clock.mark("read scenario, network and profiles")
    let options = ScenarioSecurityScreen.Options(
      contingency: try contingencyOptions(scenario.network), chunkHours: chunk, backend: backend)
    let bar = ProgressBar.ifTerminal(label: "N-1 screen")
    let progress = bar.map { bar in { bar.update($0, of: $1) } }
    if let shard = shardOptions.shard {
      return try PartialOutput.run(
        shard, of: scenario, chunkHours: chunk, arguments: studyArguments, to: output.output, bar: bar, clock: &clock
      ) { hours in .contingency(try ScenarioSecurityScreen.runPart(scenario, hours: hours, options: options, progress: progress)) }
    }
    let result = try ProgressBar.finishing(bar) { try ScenarioSecurityScreen.run(scenario, options: options, progress: progress) }
    try write(result, clock: &clock)
  }

  /// `gridtool merge` of this command's partial results: the output (and exit status) of the
  /// whole screen.
  func merge(_ partials: [PartialResult], source: String) throws {
    var clock = PhaseClock(enabled: timings)
    let scenario = try PartialOutput.scenario(input.file, dispatch: dispatchOptions, partials: partials, source: source, report: input.report)
    let options = ScenarioSecurityScreen.Options(
      contingency: try contingencyOptions(scenario.network), chunkHours: chunk, backend: backend)
    let parts = partials.compactMap(\.content.contingencyPart)
    let result = try ScenarioSecurityScreen.merge(scenario, parts: parts, options: options)
    clock.mark("merge \(parts.count) partial results")
    try write(result, clock: &clock)
  }

  /// The report of a whole screen; exit status 2 when some hour is insecure.
  private func write(_ result: ScenarioSecurityResult, clock: inout PhaseClock) throws {
    clock.mark("screen \(result.hours) h × \(result.contingencies.count) contingencies × \(result.branches.count) monitored")
    switch output.format {
    case .table: try OutputSink.write(ScenarioContingencyTable(result: result, top: top).render(), to: output.output)
    case .json: try OutputSink.write(result.json(), to: output.output)
    case .csv: try OutputSink.write(result.csv(), to: output.output)
    }
    clock.mark("format and write")
    clock.report()
    // As for one network: "ran, some hour insecure" is exit status 2.
    if !result.summary.secure { throw ExitCode(2) }
  }

  /// A screen with no branch to check would report "secure" having checked nothing.
  struct NothingMonitored: Error, CustomStringConvertible {
    let branches: Int
    var description: String {
      "nothing is monitored: none of the \(branches) branches has a rating (RATE_A = 0 means unlimited); "
        + "give --rate-default MW for the unrated branches, or --monitor BRANCHES"
    }
  }

  /// `--outages`: branches, `hvdc:LINK` (whole link) and `pole:LINK` (one pole).
  static func contingencies(_ text: String, network: Network, perCircuit: Bool) throws -> [Contingency] {
    var list: [Contingency] = []
    for item in text.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
      if item.hasPrefix("hvdc:") {
        list += try NetworkSelection.links(String(item.dropFirst(5)), in: network).map { .hvdcLink($0) }
      } else if item.hasPrefix("pole:") {
        list += try NetworkSelection.links(String(item.dropFirst(5)), in: network).map { .hvdcPole($0) }
      } else {
        list += try NetworkSelection.branches(item, in: network).map { k in
          perCircuit && (network.branches[k].lineInfo?.circuits ?? 1) > 1 ? .circuit(k) : .branch(k)
        }
      }
    }
    return list
  }
}
