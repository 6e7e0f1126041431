import Foundation
import Testing

@testable import GridCore

/// Conversion between the two network formats loses nothing the ``Network`` holds, and says what
/// a format cannot hold (``ConversionLoss``).
struct NetworkConversionTests {
  /// YAML → .m → network: the same network (the `gridtool_*` fields restore what MATPOWER has no
  /// field for) and the same `solve` JSON byte for byte; .m → YAML writes the same file as YAML → YAML.
  @Test(arguments: ["xinjiang-2024.yaml", "xinjiang-2025.yaml"])
  func yamlThroughMatpowerIsTheSameNetwork(file: String) throws {
    let original = try NativeNetworkReader.read(contentsOf: TestPaths.network(file)).network
    let matpower = MatpowerWriter.write(original)
    let (again, diagnostics) = try MatpowerReader.parse(matpower.text, file: "grid.m")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(withoutSources(again) == withoutSources(original))
    #expect(try solveJSON(again) == solveJSON(original))
    #expect(NativeNetworkWriter.yaml(for: again) == NativeNetworkWriter.yaml(for: original))
    // MATPOWER sees the links to external systems as demand: the one approximation, reported.
    #expect(matpower.losses.map(\.element) == [.hvdcLinks])
    #expect(matpower.losses.first?.count == original.hvdcLinks.filter { $0.to == nil }.count)
  }

  /// What MATPOWER computes from the written case (the `gridtool_*` fields ignored) is the same
  /// power flow: named loads and external links are in PD.
  @Test func matpowerAloneSeesTheSameFlows() throws {
    let original = try NativeNetworkReader.read(contentsOf: TestPaths.network("xinjiang-2024.yaml")).network
    let text = MatpowerWriter.text(for: original)
    let marker = try #require(text.range(of: "%% gridtool network data"))
    let plain = try MatpowerReader.parse(String(text[..<marker.lowerBound]), file: "plain.m").network
    #expect(plain.loads.isEmpty && plain.hvdcLinks.isEmpty && plain.groups.isEmpty)
    let a = try DCSystem(original).solve(), b = try DCSystem(plain).solve()
    #expect(maxAbsDifference(a.branchFlowMW, b.branchFlowMW) < 1e-9)
    #expect(maxAbsDifference(a.generatorMW, b.generatorMW) < 1e-9)
  }

  @Test(arguments: ["case9.m", "case5.m"])
  func bundledCasesThroughYAML(file: String) throws {
    try expectLosslessThroughYAML(try MatpowerReader.read(contentsOf: TestPaths.network(file)).network)
  }

  /// Costs (polynomial with start-up costs, piecewise linear), negative generators (case9241pegase:
  /// 1,445 generators stay 1,445), genfuel and gentype (case_ACTIVSg200), DC lines.
  @Test(
    .enabled(if: TestPaths.haveSharedCases),
    arguments: ["case9.m", "case30pwl.m", "case118.m", "case_ACTIVSg200.m", "t_case9_dcline.m", "case9241pegase.m"])
  func sharedCasesThroughYAML(file: String) throws {
    let original = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared(file))).network
    let again = try expectLosslessThroughYAML(original)
    #expect(again.generators.count == original.generators.count)
    if original.matpowerExtras.contains(where: { $0.field == "gencost" }) {
      // The YAML holds the costs as generator costs, not as a matrix.
      #expect(!again.matpowerExtras.contains { $0.field == "gencost" })
      #expect(again.generators.allSatisfy { $0.cost != nil })
    }
  }

  /// The OPF of a YAML network uses its generators' costs: the same objective as on the case.
  @Test(.enabled(if: TestPaths.haveSharedCases), arguments: ["case9.m", "case30pwl.m"])
  func opfOnYAMLHasTheSameObjective(file: String) throws {
    let original = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared(file))).network
    let yaml = try NativeNetworkReader.parse(NativeNetworkWriter.yaml(for: original), file: "case.yaml").network
    let a = try DCOPFProblem(system: try DCSystem(original)).solve()
    let b = try DCOPFProblem(system: try DCSystem(yaml)).solve()
    #expect(isClose(a.objectivePerHour, b.objectivePerHour, relative: 1e-12))
    #expect(maxAbsDifference(a.flow.generatorMW, b.flow.generatorMW) < 1e-9)
  }

  /// PMAX = Inf, negative PMAX, a gencost with reactive-power rows (kept as a matrix), a genfuel
  /// without a gridtool technology, and mixed lines and transformers keep their row order.
  @Test func unusualMatpowerDataReadsBack() throws {
    let text = """
      function mpc = odd
      mpc.version = '2';
      mpc.baseMVA = 100;
      mpc.bus = [
        1 3 0 0 0 0 1 1.02 0 0 1 1.1 0.9;
        2 1 50 10 1.5 -2 2 0.98 -1 0 3 1.05 0.95;
        3 1 40 0 0 0 1 1 0 0 1 Inf -Inf;
      ];
      mpc.gen = [
        1 60 0 Inf -Inf 1.01 100 1 Inf 0 0 0 0 0 0 0 0 0 0 0 0;
        3 -10 0 0 0 1 100 1 -5 -20 0 0 0 0 0 0 0 0 0 0 0;
      ];
      mpc.branch = [
        1 2 0.01 0.1 0 100 110 120 0 0 1 -30 30;
        2 3 0 0.2 0.05 0 0 0 0.95 2 1 -360 360;
        1 3 0 0.3 0 0 0 0 1 0 1 -360 360;
      ];
      mpc.gencost = [
        2 0 0 2 10 0;
        2 0 0 2 20 0;
        2 0 0 1 1 0;
        2 0 0 1 2 0;
      ];
      mpc.genfuel = { 'dfo'; 'hydrops' };
      mpc.gentype = { 'IC'; 'PS' };

      """
    let original = try MatpowerReader.parse(text, file: "odd.m").network
    #expect(original.generators.map(\.technology) == [.other, .storage])
    #expect(original.generators.map(\.fuel) == ["dfo", "hydrops"])
    let yaml = NativeNetworkWriter.write(original)
    #expect(yaml.losses.isEmpty, "\(yaml.losses)")
    #expect(yaml.text.contains("capacity_mw: .inf") && yaml.text.contains("max_voltage_pu: .inf"))
    #expect(yaml.text.contains("matpower_row: 3") && yaml.text.contains("gencost:"))
    let again = try expectLosslessThroughYAML(original)
    #expect(again.generators[0].maxMW == .infinity && again.generators[1].maxMW == -5)
    #expect(again.branches.map(\.kind) == [.line, .transformer, .line])
  }

  /// A link with physical losses between two buses is a `dcline` whose LOSS1 gives the physical
  /// losses at the set-point; the comment and the loss state the error of that line elsewhere.
  @Test func physicalLossesAreLinearisedAtTheSetpoint() throws {
    var network = try MatpowerReader.read(contentsOf: TestPaths.network("case9.m")).network
    let physical = PhysicalHVDC(poles: 2, poleVoltageKV: 500, poleResistanceOhm: 10, converterFraction: 0.01)
    network.hvdcLinks = [HVDCLink(name: "link", from: BusID(5), to: BusID(9), setpointMW: 60, ratingMW: 200, losses: .physical(physical))]
    let fit = MatpowerCaseWriter.linearLoss(network.hvdcLinks[0])
    let atSetpoint = network.hvdcLinks[0].transfer()
    #expect(isClose(atSetpoint.fromMW * (1 - fit.loss1), atSetpoint.toMW, relative: 1e-12))
    // At the rating the line and the physical model differ by the I²R term's curvature.
    let atRating = network.hvdcLinks[0].transfer(at: 200)
    #expect(fit.maxErrorMW >= abs(atRating.fromMW * (1 - fit.loss1) - atRating.toMW) - 1e-12)
    // Reference: the same models evaluated independently (Python, 101 points over 0...200 MW).
    #expect(isClose(fit.maxErrorMW, 0.54336744, absolute: 1e-6) && fit.worstAtMW == 200)

    let written = MatpowerWriter.write(network)
    #expect(written.losses.count == 1 && written.losses[0].element == .hvdcLinks)
    #expect(written.text.contains("% Physical HVDC losses") && written.text.contains("link: LOSS1 = "))
    let again = try MatpowerReader.parse(written.text, file: "x.m").network
    #expect(withoutSources(again).hvdcLinks == withoutSources(network).hvdcLinks)
    let a = try DCSystem(network).solve(), b = try DCSystem(again).solve()
    #expect(maxAbsDifference(a.branchFlowMW, b.branchFlowMW) < 1e-9)
  }

  /// Xinjiang's lines, given by length and line type, are written so again; a line whose per-unit
  /// data was changed after reading no longer follows from its type and loses the reference.
  @Test func yamlLossesAreListed() throws {
    var network = try NativeNetworkReader.read(contentsOf: TestPaths.network("xinjiang-2024.yaml")).network
    #expect(NativeNetworkWriter.write(network).losses.isEmpty)
    let typed = try #require(network.branches.firstIndex { $0.lineInfo?.lineType != nil })
    network.branches[typed].reactancePU *= 1.1
    network.groups.append(NetworkGroup(name: "misc", kind: .other))
    let written = NativeNetworkWriter.write(network)
    #expect(written.losses.map(\.element) == [.lines, .groups])
    #expect(written.losses[0].count == 1 && written.losses[0].detail.contains(network.branches[typed].name))
    #expect(written.losses[1].diagnostic(writing: "YAML").description.hasPrefix("warning: not kept in YAML: groups (1): "))
    let again = try NativeNetworkReader.parse(written.text, file: "x.yaml").network
    #expect(again.branches[typed].reactancePU == network.branches[typed].reactancePU)
  }

  /// gridtool fields that no longer fit the case (a bus row deleted by hand) are an error naming the field.
  @Test func editedGridtoolFieldsAreReported() throws {
    let network = try NativeNetworkReader.read(contentsOf: TestPaths.network("xinjiang-2024.yaml")).network
    let text = MatpowerWriter.text(for: network).replacingOccurrences(of: "mpc.gridtool_bus_region = {\n\t'Urumqi';\n", with: "mpc.gridtool_bus_region = {\n")
    #expect {
      try MatpowerReader.parse(text, file: "edited.m")
    } throws: { error in
      "\(error)".contains("mpc.gridtool_bus_region has 32 entries but the case has 33 mpc.bus rows")
    }
  }

  // MARK: - Helpers

  /// .m → YAML → network is the case's network up to what the YAML format names differently
  /// (generated ids, descriptive data present but empty, TAP 0/1 of lines and transformers, costs
  /// as generator costs), and YAML → .m → network is the YAML's network exactly.
  @discardableResult
  private func expectLosslessThroughYAML(_ original: Network) throws -> Network {
    let conversion = NativeNetworkWriter.write(original)
    #expect(conversion.losses.isEmpty, "\(conversion.losses)")
    let (yaml, diagnostics) = try NativeNetworkReader.parse(conversion.text, file: "case.yaml")
    #expect(diagnostics.allSatisfy { $0.message.contains("is outside") }, "\(diagnostics)")
    #expect(comparable(yaml) == comparable(original))
    if let costs = try? GeneratorCost.matpowerCosts(of: original) {
      #expect(try GeneratorCost.matpowerCosts(of: yaml).generators == costs.generators)
    }
    // The same numbers in the same order: the same flows, bit for bit.
    let a = try DCSystem(original).solve(), b = try DCSystem(yaml).solve()
    #expect(a.branchFlowMW == b.branchFlowMW && a.generatorMW == b.generatorMW && a.angleDeg == b.angleDeg)
    let back = try MatpowerReader.parse(MatpowerWriter.text(for: yaml), file: "back.m").network
    #expect(withoutEmptyInfo(back) == withoutEmptyInfo(yaml))
    return yaml
  }

  /// The network as both formats hold it: names, descriptive data, TAP 0/1 and costs normalised.
  private func comparable(_ network: Network) -> Network {
    var n = withoutSources(network)
    for i in n.buses.indices {
      n.buses[i].name = ""
      n.buses[i].info = nil
    }
    for i in n.generators.indices {
      n.generators[i].name = ""
      n.generators[i].cost = nil
      n.generators[i].startupCost = 0
      n.generators[i].shutdownCost = 0
    }
    for i in n.branches.indices {
      n.branches[i].name = ""
      n.branches[i].lineInfo = nil
      if n.branches[i].tapRatio == 1 { n.branches[i].tapRatio = 0 }
    }
    n.matpowerExtras.removeAll { $0.field == "gencost" && MatpowerCostRows.costs(of: $0, generatorCount: network.generators.count) != nil }
    return n
  }

  /// Without sources, and with descriptive bus data that says nothing (the YAML reader's empty
  /// `BusInfo()`) as none (MATPOWER's).
  private func withoutEmptyInfo(_ network: Network) -> Network {
    var n = withoutSources(network)
    for i in n.buses.indices where n.buses[i].info == BusInfo() { n.buses[i].info = nil }
    return n
  }

  private func solveJSON(_ network: Network) throws -> String {
    let system = try DCSystem(network)
    var bytes: [UInt8] = []
    FlowReport(system: system, result: try system.solve()).writeJSON(parallelism: .serial) { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }
}
