import Foundation
import Testing

@testable import GridCore

/// The MATPOWER data language: what case files compute, computed as MATLAB would; what they
/// may not do, refused with its location.
struct MatpowerDataLanguageTests {
  private let base = caseText(
    bus: [busRow(1, type: 3), busRow(2, pd: 50), busRow(3, pd: 25)], gen: [genRow(1, pg: 75), genRow(2, pg: 0)],
    branch: [branchRow(1, 2, x: 0.1), branchRow(2, 3, x: 0.2)])

  private func read(_ extra: String) throws -> Network { try parseCase(base + extra, file: "lang.m") }
  private func failure(_ extra: String) -> ParseError? { matpowerError(base + extra, file: "lang.m") }
  /// 1-based line of the first line of `extra` in `base + extra`.
  private var firstExtraLine: Int { base.filter { $0 == "\n" }.count + 1 }

  @Test func columnArithmeticAfterIndexConstants() throws {
    let network = try read(
      """
      [PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, ...
          VA, BASE_KV, ZONE, VMAX, VMIN, LAM_P, LAM_Q, MU_VMAX, MU_VMIN] = idx_bus;
      [F_BUS, T_BUS, BR_R, BR_X] = idx_brch;
      Vbase = mpc.bus(1, BASE_KV) * 1e3;      %% in Volts
      Sbase = mpc.baseMVA * 1e6;
      mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);
      mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;
      mpc.bus(end, PD) = 2 * -3 + 2^-1;
      """)
    let zBase = 230e3 * 230e3 / 100e6
    #expect(isClose(network.branches[1].reactancePU, 0.2 / zBase, absolute: 0, relative: 1e-15))
    #expect(isClose(network.buses[1].loadMW, 0.05, absolute: 0, relative: 1e-15))
    #expect(isClose(network.buses[2].loadMW, -5.5))
  }

  @Test func expressionsInsideMatrices() throws {
    let text = caseText(
      bus: ["1 3 0 0 0 0 1 1 0 12/sqrt(3) 1 1.1 0.9", "2 1 50/3 -50/3 0 0 1 1 0 (1 - 2)*-1 1 1.1 0.9"],
      gen: ["1 0 0 50/3    -50/3   1 100 1 Inf 0"], branch: [branchRow(1, 2, x: 0.1)]
    ).replacingOccurrences(of: "mpc.baseMVA = 100;", with: "mpc.baseMVA = 50/3;")
    let network = try parseCase(text)
    #expect(network.baseMVA == 50.0 / 3)
    #expect(network.buses[0].baseKV == 12 / 3.0.squareRoot())
    #expect(network.buses[1].loadMW == 50.0 / 3 && network.buses[1].loadMVAr == -50.0 / 3 && network.buses[1].baseKV == 1)
    #expect(network.generators[0].maxMVAr == 50.0 / 3 && network.generators[0].minMVAr == -50.0 / 3)
  }

  /// MATLAB's blank rule: `[1 - 2 3]` is [-1 3], `[1 -2 3]` is [1 -2 3], `[2 * 3]` is [6].
  @Test func blanksAroundOperatorsInMatrices() throws {
    let values = try variable("x = [1 - 2 3, 1 -2 3, 2 * 3, 2 ^ 2 / 4, 5 - 1 - 1, 1 + 2 * 3];")
    #expect(values == [-1, 3, 1, -2, 3, 6, 1, 3, 7])
  }

  /// The values of variable `x` after `statements` (a change table's way of returning a matrix).
  private func variable(_ statements: String) throws -> [Double] {
    var parser = MatpowerStatementParser(bytes: Array("function x = f\n\(statements)\n".utf8), file: "v.m")
    return try #require(try parser.parse().output).values
  }

  /// case8387pegase: `fixed = 0; if fixed ... end`; here with `fixed = 1`, so the block runs.
  @Test func conditionalBlocks() throws {
    let block = """
      fixed = FLAG;
      if fixed == 1
          [GEN_BUS, PG, QG, QMAX, QMIN, VG, MBASE, GEN_STATUS, PMAX, PMIN] = idx_gen;
          k = find(   isinf(mpc.gen(:, QMIN)) & ...
                      isinf(mpc.gen(:, PMAX))  );
          mpc.gen(k, PMAX) = mpc.gen(k, PG);
      elseif fixed == 2
          mpc.baseMVA = 10;
      else
          mpc.baseMVA = 1;
      end
      """
    let infinite = base.replacingOccurrences(of: "2 0 0 100 -100 1 100 1 1000 0", with: "2 40 0 100 -Inf 1 100 1 Inf 0")
    let on = try parseCase(infinite + block.replacingOccurrences(of: "FLAG", with: "1"))
    #expect(on.generators[1].maxMW == 40 && on.generators[0].maxMW == 1000 && on.baseMVA == 100)
    let off = try parseCase(infinite + block.replacingOccurrences(of: "FLAG", with: "0"))
    #expect(off.generators[1].maxMW == .infinity && off.baseMVA == 1)
    #expect(try parseCase(infinite + block.replacingOccurrences(of: "FLAG", with: "2")).baseMVA == 10)
  }

  @Test func structOfDCLineColumnsAndReturn() throws {
    let network = try read(
      """
      mpc.dcline = [1 3 1 10 8.9 0 0 1 1 0 100 0 0 0 0 1 0.01];
      c = idx_dcline;
      mpc.dcline(1, c.PF) = 2 * mpc.dcline(1, c.PF);
      return;
      mpc.baseMVA = 1;
      """)
    #expect(network.hvdcLinks[0].setpointMW == 20 && network.baseMVA == 100)
  }

  @Test func genfuelGivesTechnologies() throws {
    let network = try read("mpc.genfuel = {'coal'; 'ng'};\nmpc.gentype = {'ST'; 'GT'};")
    #expect(network.generators.map(\.technology) == [.coal, .gas])
    #expect(Technology(matpowerFuel: "hydrops") == .storage)
    #expect(failure("mpc.genfuel = {'coal'};")?.message.contains("give one per row") == true)
  }

  @Test func byteOrderMarkIsAccepted() throws {
    let network = try MatpowerReader.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(base.utf8), file: "bom.m").network
    #expect(network.buses.count == 3)
    // Columns of line 1 count from after the mark.
    let e = try #require(matpowerErrorBytes([0xEF, 0xBB, 0xBF] + Array("function mpc = t; x\n".utf8)))
    #expect(e.location.line == 1 && e.location.column == 19)
  }

  private func matpowerErrorBytes(_ bytes: [UInt8]) -> ParseError? {
    do {
      _ = try MatpowerReader.parse(bytes: bytes, file: "bom.m")
      return nil
    } catch {
      return error
    }
  }

  /// What is not data is refused where it stands, before anything runs.
  @Test(arguments: [
    ("for k = 1:3\nend", "a 'for' statement", 1),
    ("x = eval('1');", "calling 'eval'", 5),
    ("system('ls');", "calling 'system'", 1),
    ("mpc.bus(:, 3) = mpc.bus(:, 3)';", "transposition", 30),
    ("[a, b] = size(mpc.bus);", "'[...] = size'", 10),
    ("mpc.x.y = 1;", "a nested field", 6),
    ("k = 1; k(2) = 3;", "assigning to elements of the variable 'k'", 9),
    ("mpc.branch(:, 3) = mpc.branch * mpc.branch;", "the matrix product", 31),
  ])
  func outsideTheLanguage(statement: String, message: String, column: Int) throws {
    let e = try #require(failure(statement))
    #expect(e.message.contains(message) && e.message.contains("never run as code"), "\(e)")
    #expect(e.location.line == firstExtraLine && e.location.column == column, "\(e)")
  }

  @Test(arguments: [
    ("x = y + 1;", "'y' is not a number, nor a name assigned before this point", 5),
    ("mpc.bus(4, 3) = 1;", "index 4 exceeds the 3 rows of mpc.bus", 1),
    ("mpc.bus(:, 3) = [1 2];", "the sizes must agree", 1),
    ("x = 1 / 0;", "1 / 0 gives Inf", 7),
    ("x = sqrt(-1);", "sqrt(-1) has no finite real value", 5),
    ("x = 1e200 * 1e200;", "gives Inf", 11),
    ("if [1 2]\nend", "the condition of 'if' is 1×2", 4),
    ("x = [1 2] + [1 2 3];", "the sizes do not agree", 11),
    ("if 1\nx = 2;", "has no 'end'", 1),
  ])
  func mistakesAreLocated(statement: String, message: String, column: Int) throws {
    let e = try #require(failure(statement))
    #expect(e.message.contains(message), "\(e)")
    #expect(e.location.line == firstExtraLine && e.location.column == column, "\(e)")
  }

  /// Nesting, sizes and work are bounded: each of these fails fast, with a message.
  @Test func limitsHold() throws {
    let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    #expect(failure("x = \(deep);")?.message.contains("nested more than") == true)
    #expect(failure("x = " + String(repeating: "-", count: 100_000) + "1;")?.message.contains("nested more than") == true)
    #expect(failure("x = 1:1e12;")?.message.contains("more than") == true)
    // The work budget, made small: the same check stops any file past its budget.
    let heavy = String(repeating: "x = 1:1000;\n", count: 40)
    var parser = MatpowerStatementParser(bytes: Array((base + heavy).utf8), file: "lang.m")
    parser.workLimit = 10_000
    do {
      _ = try parser.parse()
      Issue.record("the work limit did not stop the statements")
    } catch {
      #expect(error.message.contains("more than 10000 element operations") && error.location.line == firstExtraLine + 10, "\(error)")
    }
  }

  /// A change table's constants inside its matrix (contab_ACTIVSg*.m).
  @Test func changeTableReadsItsConstants() throws {
    let text = """
      function chgtab = contab_t
      define_constants;
      chgtab = [
      \t1\t0\tCT_TBRCH\t2\tBR_STATUS\tCT_REP\t0;
      \t2\t0\tCT_TGEN\t1\tGEN_STATUS\tCT_REP\t0;
      ];
      """
    var parser = MatpowerStatementParser(bytes: Array(text.utf8), file: "contab_t.m")
    let raw = try parser.parse()
    let table = try #require(raw.output)
    #expect(table.rows == 2 && table.columns == 7)
    #expect(table.values == [1, 0, 3, 2, 11, 1, 0, 2, 0, 2, 1, 8, 1, 0])
    #expect(matpowerError(text, file: "contab_t.m")?.message.contains("change table") == true)
  }
}
