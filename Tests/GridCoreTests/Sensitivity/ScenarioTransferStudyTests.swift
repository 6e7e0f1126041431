import Testing

@testable import GridCore

/// The hourly transfer headroom against single studies: per hour, a fresh ``TransferStudy``
/// of the hour's network (maintenance outages applied) at the hour's operating point.
struct ScenarioTransferStudyTests {
  func zhundong(_ network: Network) throws -> InjectionPattern {
    let group = try NetworkSelection.busGroup("tag:base:zhundong", in: network)
    return try InjectionPattern(name: group.name, buses: group.buses, rule: .generation, network: network)
  }

  /// Jiquan raised from the Zhundong base over 30 hours around the end of the turpan-hami
  /// maintenance (one circuit out until 2024-04-12T20:00), in chunks of 7 hours.
  @Test func jiquanHourlyEqualsSingleStudies() throws {
    let scenario = try ScenarioFixtures.xinjiang(start: "2024-04-12T00:00", hours: 30)
    let source = try zhundong(scenario.network)
    let direction = { (system: DCSystem) throws(SensitivityError) in
      try TransferDirection.corridor("jiquan", in: system, source: source)
    }
    let result = try ScenarioTransferStudy.run(
      scenario, direction: direction, options: ScenarioTransferStudy.Options(chunkHours: 7, backend: .dense))
    #expect(result.hours == 30 && result.topologies == 2)
    var limitedByBranch = 0
    for h in 0..<scenario.hours {
      let network = ScenarioRunner.network(scenario, hour: h)
      let point = try ScenarioRunner.operatingPoint(scenario, hour: h)
      let system = try DCSystem(network, backend: .dense)
      let study = try TransferStudy(DCSensitivity(system), direction: direction(system))
      let single = try study.capability(at: point, keep: 8)
      let hour = result.hourly[h]
      #expect(isClose(hour.transferMW ?? .nan, single.transferMW ?? .nan, absolute: 1e-6), "hour \(h)")
      #expect(isClose(hour.networkLimitMW ?? .nan, single.networkLimitMW ?? .nan, absolute: 1e-6), "hour \(h)")
      #expect(isClose(hour.hvdcRatingLimitMW ?? .nan, single.hvdcRatingLimitMW ?? .nan, absolute: 1e-6), "hour \(h)")
      #expect(isClose(hour.sourceCapacityLimitMW ?? .nan, single.sourceCapacityLimitMW ?? .nan, absolute: 1e-6), "hour \(h)")
      let element = try #require(hour.limitingElement.map { result.elements[$0] }, "hour \(h)")
      #expect(element.kind == single.limiting, "hour \(h)")
      if single.limiting == .branch {
        limitedByBranch += 1
        // Any limit within round-off of the smallest may be picked (parallel circuits tie).
        let smallest = try #require(single.limits.first).transferMW
        let tied = single.limits.filter { isClose($0.transferMW, smallest, absolute: 1e-6) }
        #expect(
          tied.contains { limit in
            element.branch == limit.branch
              && element.contingency.map(OutageElement.init) == limit.contingency.map { OutageElement(study.contingencies[$0]) }
          }, "hour \(h)")
      }
    }
    #expect(limitedByBranch > 0, "the window should have hours limited by the network")
    // Summaries are those of the hourly values.
    let values = result.hourly.compactMap(\.transferMW)
    #expect(isClose(result.energyHeadroomMWh, values.reduce(0) { $0 + max(0, $1) }, absolute: 1e-6))
    #expect(result.durationCurveMW == values.sorted(by: >))
    #expect(result.percentile(0) == values.min() && result.percentile(100) == values.max())
    #expect(result.percentile(50) == values.sorted()[14])  // ⌈0.5·30⌉ = 15th smallest
    #expect(result.elements.reduce(0) { $0 + $1.hours } == 30)
  }
}
