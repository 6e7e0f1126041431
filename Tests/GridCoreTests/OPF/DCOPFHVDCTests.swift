import Testing

@testable import GridCore

/// DC lines as MATPOWER's toggle_dcline models them in an OPF (PF drawn at the from bus,
/// PT = PF − (LOSS0 + LOSS1·PF) injected at the to bus, PMIN ≤ PF ≤ PMAX), and islands.
struct DCOPFHVDCTests {
  /// Island A (buses 1, 2) has a 10 $/MWh unit, island B (buses 3, 4) a 40 $/MWh unit; a DC line
  /// from 2 to 3 (0–60 MW, LOSS0 = 1 MW, LOSS1 = 5 %) carries cheap power: each MW sent saves
  /// 0.95·40 − 10 = 28 $/h, so it runs at 60 MW and delivers 56.
  static func twoIslands(dclinecost: String = "") -> String {
    caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, type: 3), busRow(4, pd: 100)],
      gen: [genRow(1, pg: 0), genRow(3, pg: 0)], branch: [branchRow(1, 2, x: 0.1), branchRow(3, 4, x: 0.1)],
      extra: gencost([linearCost(10), linearCost(40)]) + """

        mpc.dcline = [
        2 3 1 10 9.5 0 0 1 1 0 60 -10 10 -10 10 1 0.05;
        ];
        \(dclinecost)
        """)
  }

  @Test func dcLineCarriesCheapPowerToItsLimit() throws {
    let (_, r) = try solveOPF(Self.twoIslands())
    let link = r.flow.hvdc[0]
    #expect(isClose(link.fromMW, 60, absolute: 1e-7) && isClose(link.toMW, 56, absolute: 1e-7))
    #expect(isClose(r.flow.generatorMW[0], 110, absolute: 1e-7) && isClose(r.flow.generatorMW[1], 44, absolute: 1e-7))
    #expect(isClose(r.objectivePerHour, 1100 + 40 * 44, absolute: 1e-6))
    // Each island has its own price; the line's limit is worth 0.95·40 − 10 $/MWh.
    let lmp = r.lmpPerMWh.map { $0 ?? .nan }
    #expect(isClose(lmp[0], 10, absolute: 1e-7) && isClose(lmp[1], 10, absolute: 1e-7))
    #expect(isClose(lmp[2], 40, absolute: 1e-7) && isClose(lmp[3], 40, absolute: 1e-7))
    let binding = try #require(r.binding.first { $0.kind == .hvdcMax })
    #expect(binding.element == 0 && binding.limit == 60 && isClose(binding.shadowPrice, 28, absolute: 1e-7))
    // The island balance holds with the line's injections.
    #expect(isClose(r.flow.busInjectionMW[1], -50 - 60, absolute: 1e-7) && isClose(r.flow.busInjectionMW[2], 44 + 56, absolute: 1e-7))
  }

  /// dclinecost prices PF: at 30 $/MWh sending loses 2 $/h per MW, so the line idles at PF = 0,
  /// where MATPOWER's loss model still takes LOSS0 = 1 MW at the to end (PT = −1).
  @Test func dcLineCostIsPaidOnThePowerSent() throws {
    let (_, r) = try solveOPF(Self.twoIslands(dclinecost: "mpc.dclinecost = [2 0 0 2 30 0];"))
    #expect(isClose(r.flow.hvdc[0].fromMW, 0, absolute: 1e-7) && isClose(r.flow.hvdc[0].toMW, -1, absolute: 1e-7))
    #expect(isClose(r.flow.generatorMW[1], 101, absolute: 1e-7))
  }

  /// A negative PMIN lets the line run backwards; toggle_dcline then bounds PT from below.
  @Test func reverseFlowIsBoundedAtTheToEnd() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, type: 3), busRow(4, pd: 100)],
      gen: [genRow(1, pg: 0), genRow(3, pg: 0)], branch: [branchRow(1, 2, x: 0.1), branchRow(3, 4, x: 0.1)],
      extra: gencost([linearCost(40), linearCost(10)]) + "\nmpc.dcline = [2 3 1 0 0 0 0 1 1 -30 60 0 0 0 0 0 0];")
    let (_, r) = try solveOPF(text)
    #expect(isClose(r.flow.hvdc[0].toMW, -30, absolute: 1e-7) && isClose(r.flow.hvdc[0].fromMW, -30, absolute: 1e-7))
    #expect(isClose(r.flow.generatorMW[1], 130, absolute: 1e-7))
  }

  /// Out-of-service lines and generators take no part; islands are priced separately.
  @Test func outOfServiceElementsAndSeparateIslands() throws {
    let text = caseText(
      bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, type: 3), busRow(4, pd: 100)],
      gen: [genRow(1, pg: 0), genRow(3, pg: 0), genRow(4, pmin: 0, pmax: 1000, status: 0)],
      branch: [branchRow(1, 2, x: 0.1), branchRow(3, 4, x: 0.1), branchRow(2, 3, x: 0.1, status: 0)],
      extra: gencost([linearCost(10), linearCost(40), linearCost(1)]) + "\nmpc.dcline = [2 3 0 10 9.5 0 0 1 1 0 60 0 0 0 0 1 0.05];")
    let (_, r) = try solveOPF(text)
    #expect(r.flow.generatorMW == [50, 100, 0])
    #expect(r.flow.hvdc[0].fromMW == 0 && r.flow.branchFlowMW[2] == 0)
    #expect(maxAbsDifference(r.lmpPerMWh.map { $0 ?? .nan }, [10, 10, 40, 40]) < 1e-7)
    #expect(isClose(r.objectivePerHour, 500 + 4000, absolute: 1e-6))
  }
}
