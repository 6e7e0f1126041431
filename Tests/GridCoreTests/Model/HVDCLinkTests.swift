import Testing

@testable import GridCore

struct HVDCLinkTests {
  /// Jiquan: ±1100 kV bipole, 10 Ω per pole, no converter losses: at 12 GW, I = 12000/(2·1100) = 5.4545 kA
  /// per pole and the line loses 2·I²·R = 595.04 MW, about 5 % (xinjiang-grid-facts.md §3).
  private let jiquan = HVDCLink(
    name: "jiquan", from: BusID(1), to: nil, externalReceiver: "Anhui", setpointMW: 12_000, ratingMW: 12_000,
    losses: .physical(PhysicalHVDC(poles: 2, poleVoltageKV: 1100, poleResistanceOhm: 10)))

  @Test func jiquanLineLossAtRating() {
    let t = jiquan.transfer()
    let current = 12_000.0 / 2200
    #expect(isClose(t.lossMW, 2 * current * current * 10, absolute: 1e-9))
    #expect(isClose(t.lossMW / 12_000, 0.0496, absolute: 0.0001))
    #expect(t.sendMW == 12_000 && isClose(t.receiveMW, 12_000 - t.lossMW, absolute: 1e-9))
  }

  @Test func lossesAreDirectionSymmetric() {
    var link = jiquan
    link.to = BusID(2)
    link.losses = .physical(PhysicalHVDC(poles: 2, poleVoltageKV: 1100, poleResistanceOhm: 10, converterFixedMW: 5, converterFraction: 0.007))
    for p in [100.0, 3_000, 8_000, 12_000] {
      let forward = link.transfer(at: p)
      let backward = link.transfer(at: -p)
      #expect(isClose(forward.lossMW, backward.lossMW, absolute: 1e-9))
      #expect(isClose(forward.sendMW, backward.sendMW, absolute: 1e-9) && isClose(forward.receiveMW, backward.receiveMW, absolute: 1e-9))
      #expect(backward.fromMW < 0 && backward.toMW < 0)  // power flows to → from
      #expect(forward.lossMW > 0)
    }
  }

  /// Loss grows with the square of the current, never negative, never more than what goes in.
  @Test func neverCreatesEnergy() {
    var link = jiquan
    link.losses = .physical(PhysicalHVDC(poles: 1, poleVoltageKV: 10, poleResistanceOhm: 50, converterFixedMW: 20, converterFraction: 0.01))
    for p in stride(from: -2_000.0, through: 2_000, by: 37) {
      let t = link.transfer(at: p)
      #expect(t.receiveMW >= 0 && t.receiveMW <= t.sendMW + 1e-12, "p = \(p)")
      #expect(t.lossMW >= 0, "p = \(p)")
    }
  }

  @Test func zeroFlowAndOutOfServiceHaveNoLosses() {
    #expect(jiquan.transfer(at: 0).lossMW == 0)
    var off = jiquan
    off.inService = false
    #expect(off.transfer().sendMW == 0 && off.transfer().lossMW == 0)
  }

  /// MATPOWER `dcline`: PT = PF − (LOSS0 + LOSS1·PF), as in t_case9_dcline (10 MW in, 8.9 MW out).
  @Test func matpowerLinearLoss() {
    let link = HVDCLink(from: BusID(30), to: BusID(4), setpointMW: 10, losses: .matpower(fixedMW: 1, fraction: 0.01))
    #expect(isClose(link.transfer().toMW, 8.9, absolute: 1e-12))
  }
}
