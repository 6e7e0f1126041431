/// Where the fields the reader uses stand in each record, by PSS/E revision (1-based, as
/// the PSS/E manual counts). Revisions 29–33 follow MATPOWER's `psse_parse` templates;
/// 34 and 35 follow the PSS/E manual: branches gain a name and twelve ratings, generators
/// (35) and switched shunts (35) gain NREG and an ID, winding records gain nine ratings
/// after the first three (which keep their places).
struct PSSERawLayout: Sendable {
  /// The revisions this reader knows.
  static let supported = 29...35

  let revision: Int

  // MARK: Bus: I, 'NAME', BASKV, IDE, then (29–30) GL, BL, AREA, ZONE, VM, VA, OWNER
  // or (31–) AREA, ZONE, OWNER, VM, VA, NVHI, NVLO, EVHI, EVLO.

  /// Fixed shunt GL/BL on the bus record (revisions up to 30, which have no fixed shunt data).
  var busShunt: (gl: Int, bl: Int)? { revision <= 30 ? (5, 6) : nil }
  var busArea: Int { revision <= 30 ? 7 : 5 }
  var busZone: Int { revision <= 30 ? 8 : 6 }
  var busOwner: Int { revision <= 30 ? 11 : 7 }
  var busVM: Int { revision <= 30 ? 9 : 8 }
  var busVA: Int { revision <= 30 ? 10 : 9 }
  /// NVHI, NVLO (revisions 31 and later).
  var busVoltageLimits: (high: Int, low: Int)? { revision <= 30 ? nil : (10, 11) }

  // MARK: Generator: I, 'ID', PG, QG, QT, QB, VS, IREG, [NREG (35)], MBASE, ZR, ZX, RT, XT, GTAP, STAT, RMPCT, PT, PB

  private var generatorShift: Int { revision >= 35 ? 1 : 0 }
  var generatorMBase: Int { 9 + generatorShift }
  var generatorStatus: Int { 15 + generatorShift }
  var generatorPMax: Int { 17 + generatorShift }
  var generatorPMin: Int { 18 + generatorShift }

  // MARK: Branch: I, J, 'CKT', R, X, B, then (–33) RATEA, RATEB, RATEC, GI, BI, GJ, BJ, ST
  // or (34–) 'NAME', RATE1 … RATE12, GI, BI, GJ, BJ, ST.

  var branchName: Int? { revision >= 34 ? 7 : nil }
  var branchRates: Int { revision >= 34 ? 8 : 7 }
  var branchLineShunts: Int { revision >= 34 ? 20 : 10 }
  var branchStatus: Int { revision >= 34 ? 24 : 14 }

  // MARK: Switched shunt: BINIT's place (MATPOWER for 29–33; 34 appends NREG at the end;
  // 35 inserts 'ID' after I and NREG after SWREG).

  var switchedShuntBInit: Int {
    switch revision {
    case ...29: return 7
    case 30, 31: return 8
    case 32...34: return 10
    default: return 12
    }
  }

  /// Fields to read of a record of each kind (the rest of a line is not split).
  static let fieldLimit = 32
}

extension PSSERawLayout {
  /// The revision a case identification record states: its REV field, or else the
  /// `PSS/E-nn` / `PSS(tm)E-nn` of its comment (as MATPOWER reads it); nil when neither.
  static func statedRevision(_ record: PSSERawRecord) throws(ParseError) -> (Int, SourceLocation)? {
    if !record.isBlank(3) { return (try record.integer(3, "REV"), record.location(3)) }
    let line = record.document.lines[record.position]
    let text = String(decoding: record.document.bytes[line.start..<min(line.end, line.start + 300)], as: UTF8.self)
    guard let slash = text.firstIndex(of: "/") else { return nil }
    let comment = text[slash...]
    for marker in ["PSS/E-", "PSS(tm)E-"] {
      guard let range = comment.range(of: marker) else { continue }
      let digits = comment[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
      if let value = Int(digits.prefix(6)) { return (value, record.location) }
    }
    return nil
  }
}
