import Testing

@testable import GridCore

/// The dispatch rule on a hand-made fleet: wind, solar, coal and hydro at known buses.
struct DispatchRuleTests {
  // 0 wind 100 MW (bus 1), 1 solar 50 (bus 1), 2 coal 200 (bus 1), 3 hydro 100 (bus 2), 4 coal 100 (bus 2)
  let generators = [
    Generator(bus: BusID(1), outputMW: 0, maxMW: 100, technology: .wind),
    Generator(bus: BusID(1), outputMW: 0, maxMW: 50, technology: .solar),
    Generator(bus: BusID(1), outputMW: 150, maxMW: 200, technology: .coal),
    Generator(bus: BusID(2), outputMW: 50, maxMW: 100, technology: .hydro),
    Generator(bus: BusID(2), outputMW: 50, maxMW: 100, technology: .coal),
  ]
  let available = [80.0, 40, 200, 100, 100]
  let minimum = [0.0, 0, 60, 0, 30]

  func run(_ rule: DispatchRule, _ r: Double, areas: [Double] = []) -> ([Double], DispatchOutcome) {
    let d = HourlyDispatcher(rule: rule, generators: generators, inModel: Array(repeating: true, count: 5))
    var out = [Double](repeating: -1, count: 5)
    let outcome = d.dispatch(requirementMW: r, areaRequirementMW: areas, available: available, minimum: minimum, output: &out)
    return (out, outcome)
  }

  @Test func surplusCurtailsWindAndSolarByOneFraction() {
    let (out, o) = run(DispatchRule(), 150)  // V = 120, M = 90: 60 MW of wind and solar fit
    #expect(isClose(out[0], 40) && isClose(out[1], 20) && out[2] == 60 && out[3] == 0 && out[4] == 30)
    #expect(isClose(o.curtailedMW, 60) && o.shortageMW == 0)
    let (cut, o2) = run(DispatchRule(), 45)  // below must-run: must-run cut pro rata, all wind and solar curtailed
    #expect(isClose(cut[2], 30) && isClose(cut[4], 15) && cut[0] == 0 && isClose(o2.mustRunCutMW, 45) && o2.curtailedMW == 120)
  }

  @Test func proRataHeadroomAndMeritOrder() {
    // Need 400: V 120 + M 90, headroom 310 → 190 to place, f = 190 / 310.
    let (out, o) = run(DispatchRule(), 400)
    let f = 190.0 / 310
    #expect(isClose(out[2], 60 + f * 140) && isClose(out[3], f * 100) && isClose(out[4], 30 + f * 70))
    #expect(isClose(out.reduce(0, +), 400) && o.curtailedMW == 0)
    let (merit, _) = run(DispatchRule(method: .meritOrder([.hydro, .coal])), 400)  // hydro first (100), coal the other 90 pro rata
    #expect(isClose(merit[3], 100) && isClose(merit[2], 60 + 90 * 140 / 210) && isClose(merit.reduce(0, +), 400))
  }

  @Test func shortageRunsEverythingAndReportsTheRest() {
    let (out, o) = run(DispatchRule(), 600)
    #expect(out == [80, 40, 200, 100, 100] && isClose(o.shortageMW, 80))
  }

  @Test func proRataSetpointFollowsSetpointsWithinLimits() {
    let (out, _) = run(DispatchRule(method: .proRataSetpoint), 330)  // 210 for set-points 150/50/50: α = 0.84
    #expect(isClose(out[2], 126) && isClose(out[3], 42) && isClose(out[4], 42))
    let (capped, _) = run(DispatchRule(method: .proRataSetpoint), 500)  // coal at bus 1 reaches its 200 MW
    #expect(isClose(capped[2], 200, absolute: 1e-6) && isClose(capped.reduce(0, +), 500, absolute: 1e-6))
  }

  @Test func balancingAreaServesItselfFirstAndCurtailsBeyondItsLimit() {
    let area = BalancingArea(name: "one", buses: [BusID(1)], maxExportMW: 10)
    // Area 1 needs 250: its wind+solar 120 + must-run 60, so its coal adds 70; bus 2 covers the other 400 − 250.
    let (out, _) = run(DispatchRule(areas: [BalancingArea(name: "one", buses: [BusID(1)])]), 400, areas: [250])
    #expect(isClose(out[2], 130) && isClose(out[3] + out[4], 150) && isClose(out.reduce(0, +), 400))
    // Area needs 100 but has 180 of wind, solar and must-run: 70 above its 10 MW limit is curtailed in the area.
    let (limited, o) = run(DispatchRule(areas: [area]), 300, areas: [100])
    #expect(isClose(limited[0] + limited[1], 50) && isClose(o.curtailedMW, 70) && isClose(limited.reduce(0, +), 300))
  }
}
