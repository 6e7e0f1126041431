import ArgumentParser
import Foundation
import GridCore

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a self-contained HTML report: the grid map, duration curves and N-1 views.",
    discussion: """
      INPUT is a network (.m, .yaml), a scenario (format: gridtool-scenario/1) or a JSON result \
      that gridtool wrote (solve, opf, contingency, scenario; --network adds the map's coordinates \
      and groups). One HTML file with inline SVG, CSS and a small script; no network access. \
      docs/report.md describes every view. Exit status: 0 when the report was written, 1 on an \
      error in the input or the computation, 64 on a usage error.
      """)

  @Argument(help: "Network file, scenario file, or a JSON result of gridtool.")
  var input: String

  @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output (-: standard output).")
  var output: String?

  @OptionGroup var overwrite: OverwriteOptions

  @Option(help: "The network of a JSON result (coordinates, names, rings and corridors for the map).")
  var network: String?

  @Option(help: "N-1 views: auto (networks up to 3,000 branches, scenarios up to 500), on or off.")
  var n1: N1Mode = .auto

  @Option(help: "Rating, MW, of branches without one (RATE_A = 0), for the loadings and the N-1 view (network input).")
  var rateDefault: Double?

  @Option(help: "Title of the page (default: the network's or scenario's name).")
  var title: String?

  @Option(help: "Rows of the most-loaded tables and charts.")
  var top = 15

  @Option(help: "Linear solver: automatic, dense (LAPACK) or sparse.")
  var backend: LinearSolverBackend = .automatic

  @Flag(help: "Treat warnings about the input as errors.")
  var strict = false

  @Flag(help: "Print the time each phase took to stderr.")
  var timings = false

  enum N1Mode: String, ExpressibleByArgument, CaseIterable { case auto, on, off }

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
    if network != nil, !input.lowercased().hasSuffix(".json") {
      throw ValidationError("--network is for JSON results; a network or scenario file carries its own")
    }
    if let rateDefault {
      guard rateDefault > 0, rateDefault.isFinite else { throw ValidationError("--rate-default must be a positive number of MW") }
      guard !input.lowercased().hasSuffix(".json"), !InputFiles.isScenario(input) else {
        throw ValidationError("--rate-default applies to a network file")
      }
    }
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let page: HTMLReport
    if input.lowercased().hasSuffix(".json") {
      page = try ReportInputs.json(input, network: network, strict: strict, clock: &clock)
    } else if InputFiles.isScenario(input) {
      page = try ReportInputs.scenario(input, n1: n1 != .off, n1Auto: n1 == .auto, top: top, backend: backend, strict: strict, clock: &clock)
    } else {
      page = try ReportInputs.network(input, n1: n1 != .off, n1Auto: n1 == .auto, top: top, backend: backend, rateDefault: rateDefault, strict: strict, clock: &clock)
    }
    var result = page
    if let title { result.title = title }
    let html = result.html()
    clock.mark("format html")
    try OutputSink.write(html, to: output)
    clock.mark("write")
    clock.report()
  }
}
