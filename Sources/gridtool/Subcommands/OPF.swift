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
    help: """
      Security: none, or n-1 (preventive: every rated branch within RATE_A after any one branch outage, islanding outages \
      skipped, and after any HVDC pole or link trip of the contingency screen).
      """)
  var security: SecurityLevel = .none

  @Flag(help: "With --security n-1: branch outages only, no HVDC pole and link trips.")
  var noHVDC = false

  @Flag(
    help: "With --security n-1: secure the islanding outages too (the surviving part's slack takes up the lost exchange, as `contingency` checks them).")
  var secureIslanding = false

  @Option(
    help: "With --security n-1: power an HVDC trip no longer carries: curtail (generation tripped at the sending end) or slack.")
  var hvdcRule: HVDCOutageRule = .curtail

  @Option(
    help: "Post-contingency rating with --security n-1: rate_a, rate_b or rate_c (where RATE_B/RATE_C is 0, RATE_A).")
  var emergencyRating: EmergencyRating = .rateA

  @Option(
    help: "With --security n-1: post-contingency limits may be exceeded at this price, $/MWh of overload (the report lists which and by how much).")
  var softLimits: Double?

  @Option(help: "Demand may be shed at this price, $/MWh (value of lost load); the report lists where.")
  var shedLoad: Double?

  @Option(
    help: """
      Maximise the transfer on an export corridor or HVDC link instead of minimising cost: corridor:NAME or hvdc:NAME \
      (with --security n-1 every limit of the N-1 screen, HVDC trips included); then the least cost (or, without \
      costs, the least redispatch) at that maximum.
      """)
  var maximize: String?

  @Option(help: "With --maximize: pieces of the piecewise-linear HVDC loss model.")
  var lossSegments = 16

  @Option(help: "Linear solver for the DC model's checks: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Flag(help: "Print the time of each phase (read, build, solve, format and write) to stderr.")
  var timings = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    if table != .branches, output.format != .csv { throw ValidationError("--table applies to --format csv") }
    if security == .none, emergencyRating != .rateA || softLimits != nil || noHVDC || hvdcRule != .curtail || secureIslanding {
      throw ValidationError("--emergency-rating, --soft-limits, --no-hvdc, --hvdc-rule and --secure-islanding apply to --security n-1")
    }
    if maximize != nil, secureIslanding {
      throw ValidationError("--maximize secures the islanding outages already: leave out --secure-islanding")
    }
    if maximize != nil, softLimits != nil || shedLoad != nil {
      throw ValidationError("--maximize takes hard limits: leave out --soft-limits and --shed-load")
    }
    guard (1...1000).contains(lossSegments) else { throw ValidationError("--loss-segments must be 1 to 1000") }
    for (name, price) in [("--soft-limits", softLimits), ("--shed-load", shedLoad)] {
      if let price, !(price >= 0 && price.isFinite) { throw ValidationError("\(name) must be a price of 0 or more, $/MWh") }
    }
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let network = try input.load()
    clock.mark("read")
    let system = try DCSystem(network, backend: backend, referenceRule: referenceOptions.reference)
    if let maximize { return try runMaximize(maximize, system: system, clock: &clock) }
    var problem = try DCOPFProblem(system: system)
    problem.loadSheddingPricePerMWh = shedLoad
    try input.report(system.diagnostics + problem.diagnostics)
    clock.mark("build DC model and costs")
    let result: DCOPFResult
    do {
      result =
        try security == .n1
        ? problem.solve(
          security: N1Security(
            rating: emergencyRating.ratingSet, overloadPricePerMWh: softLimits, hvdcTrips: !noHVDC, hvdcRule: hvdcRule,
            islandingOutages: secureIslanding))
        : problem.solve()
    } catch .n1Infeasible(let report) {
      throw OPFAdvice(report: report, rating: emergencyRating)
    }
    clock.mark("solve (\(result.solver.name), \(result.solver.problemClass), \(result.solver.iterations) iterations)")
    try write(OPFReport(problem: problem, result: result), clock: &clock)
  }

  /// `--maximize`: the largest transfer with redispatch, its dispatch and what limits it.
  private func runMaximize(_ text: String, system: DCSystem, clock: inout PhaseClock) throws {
    let (problem, tieBreak) = try DCOPFProblem.transferProblem(system: system)
    try input.report(system.diagnostics + problem.diagnostics)
    clock.mark("build DC model and costs")
    let target = try TransferTarget.parse(text, in: system.network)
    let options = TransferMaximization(
      contingencies: security == .n1
        ? ContingencyOptions(includeHVDC: !noHVDC, hvdcRule: hvdcRule, rating: emergencyRating.ratingSet) : nil,
      lossSegments: lossSegments,
      tieBreak: tieBreak)
    let transfer = try problem.maximizeTransfer(target, options: options)
    clock.mark("maximize the transfer (\(transfer.securityRounds) N-1 rounds) and dispatch")
    try write(OPFReport(problem: problem, result: transfer.result, transfer: transfer), clock: &clock)
  }

  private func write(_ report: OPFReport, clock: inout PhaseClock) throws {
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

/// The post-contingency rating of `--emergency-rating`.
enum EmergencyRating: String, ExpressibleByArgument, CaseIterable {
  case rateA = "rate_a", rateB = "rate_b", rateC = "rate_c"

  var ratingSet: RatingSet {
    switch self {
    case .rateA: return .a
    case .rateB: return .b
    case .rateC: return .c
    }
  }
}

/// An N-1 infeasible case, with what to try next on this command line.
struct OPFAdvice: Error, CustomStringConvertible {
  let report: N1Infeasibility
  let rating: EmergencyRating

  var description: String {
    let ratings = EmergencyRating.allCases.filter { $0 != rating && $0 != .rateA }.map { "--emergency-rating \($0.rawValue)" }
    return report.description + " (" + (ratings + ["--soft-limits PRICE", "--shed-load PRICE"]).joined(separator: ", ") + "; docs/opf.md)"
  }
}