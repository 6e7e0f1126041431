import ArgumentParser
import Foundation
import GridCore

/// What `gridtool report` runs for each kind of input before GridCore writes the page:
/// load, call the GridCore studies, hand their results to ``HTMLReport``.
enum ReportInputs {
  /// N-1 runs by default on networks up to this many branches (one LODF screen)…
  static let n1BranchLimit = 3000
  /// …and on scenarios up to this many (a screen of every hour).
  static let n1ScenarioBranchLimit = 500

  /// A network: the power flow, and the N-1 screen of the same point.
  static func network(
    _ path: String, n1: Bool, n1Auto: Bool, top: Int, backend: LinearSolverBackend, rateDefault: Double?, strict: Bool,
    clock: inout PhaseClock
  ) throws -> HTMLReport {
    let (read, diagnostics) = try InputFiles.network(path)
    var network = read
    if let rateDefault { network = network.withDefaultRating(rateDefault) }
    try warn(diagnostics, strict: strict)
    clock.mark("read")
    let system = try DCSystem(network, backend: backend)
    try warn(system.diagnostics, strict: strict)
    let flow = FlowReport(system: system, result: try system.solve())
    clock.mark("solve")
    var contingency: ContingencyResult?
    var n1Note = ""
    if n1, !n1Auto || network.branches.count <= n1BranchLimit {
      let analysis = try ContingencyAnalysis(DCSensitivity(system))
      if analysis.monitored.isEmpty {
        // Nothing rated (RATE_A = 0 everywhere): an N-1 view would have nothing to load.
        let note = "no N-1 screen: none of the \(network.branches.count) branches has a rating (give --rate-default MW)"
        Terminal.warn("warning: " + note)
        n1Note = "; " + note
      } else {
        contingency = try analysis.run()
        clock.mark("N-1 screen")
      }
    }
    let layout = MapLayout(network: network)
    clock.mark("map layout")
    var page = HTMLReport(title: network.name, subtitle: "gridtool report \(URL(fileURLWithPath: path).lastPathComponent): DC power flow"
      + (contingency == nil ? n1Note : " and N-1 screen"))
    page.addFlow(flow, contingency: contingency, layout: layout, top: top)
    if let contingency { page.addContingency(contingency, layout: layout, top: max(top, 25)) }
    return page
  }

  /// A scenario: the year (with its hourly series), and the year's N-1 screen.
  static func scenario(
    _ path: String, n1: Bool, n1Auto: Bool, top: Int, backend: LinearSolverBackend, strict: Bool, clock: inout PhaseClock
  ) throws -> HTMLReport {
    let scenario = try InputFiles.scenario(path)
    try warn(scenario.diagnostics, strict: strict)
    clock.mark("read scenario, network and profiles")
    let (result, hourly) = try ScenarioHourlySeries.run(scenario, options: ScenarioRunner.Options(backend: backend))
    try warn(Array(result.diagnostics.dropFirst(scenario.diagnostics.count)), strict: strict)
    clock.mark("run \(scenario.hours) hours")
    var security: ScenarioSecurityResult?
    if n1, !n1Auto || scenario.network.branches.count <= n1ScenarioBranchLimit {
      security = try ScenarioSecurityScreen.run(scenario, options: ScenarioSecurityScreen.Options(backend: backend))
      clock.mark("N-1 screen of every hour")
    }
    let layout = MapLayout(network: scenario.network)
    clock.mark("map layout")
    var page = HTMLReport(
      title: scenario.name,
      subtitle: "gridtool report \(URL(fileURLWithPath: path).lastPathComponent): \(scenario.network.name), "
        + "\(scenario.hours) hours" + (security == nil ? "" : ", N-1 screen of every hour"))
    page.addScenario(result, network: scenario.network, hourly: hourly, security: security, layout: layout, top: min(top, 12))
    return page
  }

  /// A JSON result of gridtool.
  static func json(_ path: String, network: String?, strict: Bool, clock: inout PhaseClock) throws -> HTMLReport {
    let data = try InputFiles.bytes(path)
    var net: Network?
    if let network {
      let (n, diagnostics) = try InputFiles.network(network)
      try warn(diagnostics, strict: strict)
      net = n
    }
    clock.mark("read")
    let page = try HTMLReport(json: data, source: URL(fileURLWithPath: path).lastPathComponent, network: net)
    clock.mark("build views")
    return page
  }

  static func warn(_ diagnostics: [Diagnostic], strict: Bool) throws {
    for d in diagnostics { Terminal.warn(d.description) }
    if strict, !diagnostics.isEmpty { throw StrictModeError(count: diagnostics.count) }
  }
}
