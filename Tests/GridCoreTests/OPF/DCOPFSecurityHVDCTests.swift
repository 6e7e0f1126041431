import Foundation
import Testing

@testable import GridCore

/// `DCOPFProblem.solve(security:)` with HVDC pole and link trips and islanding outages: the
/// dispatch is N-1 secure by the contingency screen of `gridtool contingency` (the same
/// contingencies, the same HVDC rule), within 1e-6 MW.
struct DCOPFSecurityHVDCTests {
  /// The Xinjiang 2024 model with linear costs by technology ($/MWh): coal 30, gas 60,
  /// hydro 5, wind and solar 0, others 20 (the file has none).
  static func xinjiangWithCosts(_ edit: (inout Network) -> Void = { _ in }) throws -> Network {
    var network = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml")).network
    for g in network.generators.indices {
      let price: Double
      switch network.generators[g].technology {
      case .coal: price = 30
      case .gas: price = 60
      case .hydro: price = 5
      case .wind, .solar: price = 0
      case .nuclear, .storage, .other: price = 20
      }
      network.generators[g].cost = .polynomial([price, 0])
    }
    edit(&network)
    return network
  }

  /// The OPF's dispatch as an operating point of the network.
  static func point(_ result: DCOPFResult, network: Network) -> OperatingPoint {
    var point = OperatingPoint(base: network)
    point.generatorMW = result.flow.generatorMW
    return point
  }

  /// The largest flow above its limit, MW, in the base case (RATE_A) and after every
  /// contingency of the screen (its post-contingency ratings), at `point`; ≤ 0 when secure.
  static func worstExcessMW(_ system: DCSystem, options: ContingencyOptions, at point: OperatingPoint) throws -> Double {
    let screen = try ContingencyAnalysis(DCSensitivity(system), options: options).run(at: point, keepFlows: true)
    let branches = system.network.branches
    var worst = -Double.infinity
    for l in screen.monitored where branches[l].ratingMW > 0 {
      worst = max(worst, abs(screen.baseFlowMW[l]) - branches[l].ratingMW)
    }
    for outcome in screen.outcomes {
      guard let flows = outcome.flowsMW else { continue }
      for l in screen.monitored {
        let limit = options.rating.rating(of: branches[l])
        if limit > 0, outcome.contingency.branch != l { worst = max(worst, abs(flows[l]) - limit) }
      }
    }
    return worst
  }

  /// Both HVDC rules: the SCOPF with the trips and the islanding outages is secure by the
  /// screen with the same rule; the trips were considered (a pole and the whole link of both
  /// bipoles); without the trips, the slack rule's screen finds the dispatch insecure.
  @Test(arguments: [HVDCOutageRule.curtail, .slack])
  func xinjiangSecureByTheScreen(rule: HVDCOutageRule) throws {
    let network = try Self.xinjiangWithCosts()
    let system = try DCSystem(network)
    let problem = try DCOPFProblem(system: system)
    let result = try problem.solve(security: N1Security(hvdcRule: rule, islandingOutages: true))
    let summary = try #require(result.security)
    #expect(summary.hvdcRule == rule && summary.hvdcTripsConsidered == 4 && summary.hvdcTripsSkipped.isEmpty)
    #expect(summary.hvdcTripConstraints > 0 && summary.constraintsAdded >= summary.hvdcTripConstraints)
    #expect(!summary.securedIslanding.isEmpty && summary.skippedIslanding.isEmpty)
    let options = ContingencyOptions(hvdcRule: rule)
    let excess = try Self.worstExcessMW(system, options: options, at: Self.point(result, network: network))
    #expect(excess <= 1e-6, "\(rule): a flow \(excess) MW above its limit")

    let branchOnly = try problem.solve(security: N1Security(hvdcTrips: false, islandingOutages: true))
    #expect(branchOnly.security?.hvdcRule == nil && branchOnly.security?.hvdcTripConstraints == 0)
    #expect(branchOnly.objectivePerHour <= result.objectivePerHour + 1e-6 * abs(result.objectivePerHour))
    // Secure against the outages it was given.
    let noTrips = ContingencyOptions(includeHVDC: false)
    #expect(try Self.worstExcessMW(system, options: noTrips, at: Self.point(branchOnly, network: network)) <= 1e-6)
    if rule == .slack {
      // The whole bipole's 11 GW on the slack overloads the AC network: the trips' rows did the work.
      #expect(try Self.worstExcessMW(system, options: options, at: Self.point(branchOnly, network: network)) > 1)
      #expect(result.objectivePerHour > branchOnly.objectivePerHour + 1)
      #expect(result.binding.contains { $0.kind == .postContingencyHVDCTripFrom || $0.kind == .postContingencyHVDCTripTo })
    }
  }

  /// Islanding outages skipped (the default, as the reference SCOPFs): the result names those
  /// that overload a branch at its dispatch, exactly as the screen of them finds it; with them
  /// secured there are none.
  @Test func skippedIslandingOutagesThatOverloadAreReported() throws {
    let network = try Self.xinjiangWithCosts()
    let system = try DCSystem(network)
    let problem = try DCOPFProblem(system: system)
    let skipping = try #require(try problem.solve(security: N1Security()).security)
    #expect(!skipping.skippedIslanding.isEmpty && !skipping.skippedIslandingOverloads.isEmpty)
    let worst = try #require(skipping.skippedIslandingOverloads.first)
    #expect(skipping.skippedIslanding.contains(worst.outage) && worst.loadingPct > 100)
    #expect(zip(skipping.skippedIslandingOverloads, skipping.skippedIslandingOverloads.dropFirst()).allSatisfy { $0.loadingPct >= $1.loadingPct })
    let secured = try #require(try problem.solve(security: N1Security(islandingOutages: true)).security)
    #expect(secured.skippedIslandingOverloads.isEmpty && !secured.securedIslanding.isEmpty)
  }

  /// A binding post-trip limit under the curtail rule. A still night at Changji (no wind or
  /// solar there) and its coal dearer than elsewhere (90 $/MWh): the generation that trips
  /// with Jiquan is small, and the reference takes up much of the 11 GW. With the HVDC trips as
  /// the only contingencies, the branch whose flow a trip raises most above its base-case flow
  /// at that dispatch is rated half-way between the two: the OPF must redispatch, and a
  /// post-trip limit binds, with its trip, a price and a post-trip flow at the limit; the
  /// screen (HVDC trips only, and then every contingency with its base case) finds no flow
  /// above its limit.
  @Test func curtailTripLimitBinds() throws {
    let night: (inout Network) -> Void = { network in
      guard let changji = network.hvdcLinks.first(where: { $0.name == "jiquan" })?.from else { return }
      for g in network.generators.indices where network.generators[g].bus == changji {
        switch network.generators[g].technology {
        case .wind, .solar: network.generators[g].maxMW = 0
        default: network.generators[g].cost = .polynomial([90, 0])
        }
      }
    }
    let network = try Self.xinjiangWithCosts(night)
    let system = try DCSystem(network)
    let tripsOnly = N1Security(outages: [])
    let result = try DCOPFProblem(system: system).solve(security: tripsOnly)
    #expect(result.security?.outagesConsidered == 0 && result.security?.hvdcTripsConsidered == 4)
    let links = network.hvdcLinks.indices.flatMap { [Contingency.hvdcPole($0), .hvdcLink($0)] }
    let screenOptions = ContingencyOptions(contingencies: links)
    let screen = try ContingencyAnalysis(DCSensitivity(system), options: screenOptions)
      .run(at: Self.point(result, network: network), keepFlows: true)
    var best: (branch: Int, trip: Contingency, tripMW: Double, baseMW: Double)? = nil
    for outcome in screen.outcomes {
      guard let flows = outcome.flowsMW else { continue }
      for l in screen.monitored {
        let gap = abs(flows[l]) - abs(screen.baseFlowMW[l])
        if gap > (best.map { $0.tripMW - $0.baseMW } ?? 1) { best = (l, outcome.contingency, abs(flows[l]), abs(screen.baseFlowMW[l])) }
      }
    }
    let chosen = try #require(best, "no trip raises a flow")
    let rating = chosen.baseMW + 0.5 * (chosen.tripMW - chosen.baseMW)
    let tight = try Self.xinjiangWithCosts {
      night(&$0)
      $0.branches[chosen.branch].ratingMW = rating
    }
    let tightSystem = try DCSystem(tight)
    let secured = try DCOPFProblem(system: tightSystem).solve(security: tripsOnly)
    let binding = secured.binding.filter { $0.kind == .postContingencyHVDCTripFrom || $0.kind == .postContingencyHVDCTripTo }
    let row = try #require(binding.first { $0.element == chosen.branch }, "binding: \(secured.binding)")
    #expect(row.trip?.link != nil && row.shadowPrice > 1e-6)
    #expect(isClose(row.value, rating, absolute: 1e-6) && row.limit == rating)
    #expect(secured.objectivePerHour > result.objectivePerHour)
    let point = Self.point(secured, network: tight)
    #expect(try Self.worstExcessMW(tightSystem, options: screenOptions, at: point) <= 1e-6)
    // With every contingency secured (islanding outages too), still secure by the whole screen.
    let all = try DCOPFProblem(system: tightSystem).solve(security: N1Security(islandingOutages: true))
    #expect(try Self.worstExcessMW(tightSystem, options: ContingencyOptions(), at: Self.point(all, network: tight)) <= 1e-6)
  }

  /// The Changji converter's two AC lines rated 2,000 MW each: the base case needs 7,000 MW
  /// of Changji generation for Jiquan's 11,000 MW, and under the slack rule the loss of the
  /// bipole then pushes all of it out over those lines (at most 4,000 MW). No dispatch exists;
  /// the error lists the HVDC-trip limits in the model.
  @Test func infeasibleTripsAreNamed() throws {
    let network = try Self.xinjiangWithCosts { network in
      for k in network.branches.indices where network.branches[k].name.hasPrefix("changji-") {
        network.branches[k].ratingMW = 2000
      }
    }
    let problem = try DCOPFProblem(system: try DCSystem(network))
    #expect(throws: Never.self) { try problem.solve() }
    do {
      _ = try problem.solve(security: N1Security(hvdcRule: .slack))
      Issue.record("a dispatch was found")
    } catch .n1Infeasible(let report) {
      #expect(report.hvdcTripLimits.contains { $0.contains("after the trip of HVDC jiquan") }, "\(report.hvdcTripLimits)")
      #expect(report.description.contains("or HVDC trip") && report.description.contains("The HVDC-trip limits in the model: "), "\(report)")
    } catch {
      Issue.record("\(error)")
    }
  }

  /// A link whose receiving end is inside the model: its trips are listed as skipped, the
  /// other link's are secured.
  @Test func tripsOfLinksEndingInsideTheModelAreSkipped() throws {
    let network = try Self.xinjiangWithCosts { network in
      guard let q = network.hvdcLinks.firstIndex(where: { $0.name == "tianzhong" }) else { return }
      network.hvdcLinks[q].to = network.buses[0].id
    }
    let tianzhong = try #require(network.hvdcLinks.firstIndex { $0.name == "tianzhong" })
    let result = try DCOPFProblem(system: try DCSystem(network)).solve(security: N1Security())
    #expect(result.security?.hvdcTripsSkipped == [tianzhong] && result.security?.hvdcTripsConsidered == 2)
  }

  /// A network without HVDC links: the trips change nothing, and the summary says none were
  /// secured; the islanding outages are skipped by default, as before.
  @Test func noHVDCLinksLeavesTheBranchOnlyResult() throws {
    var network = try Self.xinjiangWithCosts()
    network.hvdcLinks = []
    let problem = try DCOPFProblem(system: try DCSystem(network))
    let with = try problem.solve(security: N1Security())
    let without = try problem.solve(security: N1Security(hvdcTrips: false))
    #expect(with.security?.hvdcRule == nil && with.security?.hvdcTripsConsidered == 0)
    #expect(with.security?.skippedIslanding == without.security?.skippedIslanding && with.security?.securedIslanding == [])
    #expect(with.security?.constraintsAdded == without.security?.constraintsAdded)
    #expect(isClose(with.objectivePerHour, without.objectivePerHour, absolute: 0, relative: 1e-12))
    for (a, b) in zip(with.flow.generatorMW, without.flow.generatorMW) { #expect(isClose(a, b, absolute: 1e-9)) }
  }
}
