/// MATPOWER change tables (`chgtab`, `apply_changes`) read as contingency lists.
///
/// Columns (`idx_ct`): label, probability, table, row, column, change type, new value. A
/// label's rows make one contingency. gridtool reads outages: a branch row with `BR_STATUS`
/// replaced by 0 (`CT_TBRCH`, `CT_REP`) or a generator row with `GEN_STATUS` replaced by 0
/// (`CT_TGEN`); one outage per label. Anything else (load changes, area-wide changes, scaling,
/// several changes under one label) is refused with the row's location.
enum MatpowerChangeTable {
  /// `idx_ct` values used here.
  private static let branchTable = 3.0, generatorTable = 2.0, replace = 1.0
  private static let tableNames: [Double: String] = [
    1: "CT_TBUS", 2: "CT_TGEN", 3: "CT_TBRCH", 4: "CT_TAREABUS", 5: "CT_TAREAGEN", 6: "CT_TAREABRCH", 7: "CT_TLOAD",
    8: "CT_TAREALOAD", 9: "CT_TGENCOST", 10: "CT_TAREAGENCOST",
  ]

  static func contingencies(bytes: [UInt8], file: String, network: Network) throws(ParseError) -> [ContingencyListEntry] {
    var parser = MatpowerStatementParser(bytes: bytes, file: file)
    let raw = try parser.parse()
    let start = raw.functionLocation ?? SourceLocation(file: file, line: 1)
    guard let output = raw.outputName, output != "mpc" else {
      throw ParseError(
        .syntax("this is a MATPOWER case, not a change table; a contingency list starts 'function chgtab = name' (e.g. MATPOWER's contab_ACTIVSg200.m)"),
        at: start)
    }
    guard let table = raw.output else {
      throw ParseError(.syntax("the file never assigns '\(output)', the table its function line returns"), at: start)
    }
    guard table.count == 0 || table.columns >= 7 else {
      throw ParseError(.columnCount(section: output, expected: 7, found: table.columns), at: start)
    }
    var entries: [ContingencyListEntry] = []
    var labelRow: [Double: Int] = [:]
    for r in 0..<table.rows {
      let at = SourceLocation(file: file, line: table.rowLines?[r] ?? start.line)
      func cell(_ c: Int) -> Double { table.values[r * table.columns + c] }
      let label = cell(0), kind = cell(2), row = cell(3), column = cell(4), change = cell(5), value = cell(6)
      guard label.isFinite else { throw ParseError(.nonFinite(field: "the label (CT_LABEL) of row \(r + 1)"), at: at) }
      if let first = labelRow[label] {
        throw ParseError(
          .syntax("label \(MatpowerInterpreter.text(label)) has a second change here (its first is at line \(entries[first].source.line)); gridtool studies one outage per contingency, so give each its own label"),
          at: at)
      }
      let what = "\(tableNames[kind] ?? "table \(MatpowerInterpreter.text(kind))") column \(MatpowerInterpreter.text(column))"
      let isOutage = change == replace && value == 0
        && (kind == branchTable && column == 11 || kind == generatorTable && column == 8)
      guard isOutage else {
        throw ParseError(
          .syntax("row \(r + 1) changes \(what) (change type \(MatpowerInterpreter.text(change)), value \(MatpowerInterpreter.text(value))); gridtool reads outages only: BR_STATUS of a branch (CT_TBRCH) or GEN_STATUS of a generator (CT_TGEN) replaced (CT_REP) by 0"),
          at: at)
      }
      let count = kind == branchTable ? network.branches.count : network.generators.count
      let element = kind == branchTable ? "branch" : "generator"
      guard row == row.rounded(), row >= 1, row <= Double(count) else {
        throw ParseError(
          .outOfRange(
            field: "CT_ROW of row \(r + 1)", value: MatpowerInterpreter.text(row),
            expected: "a \(element) row of the case, 1 to \(count)\(row == 0 ? " (0, every row, is not an outage gridtool studies)" : "")"),
          at: at)
      }
      let position = Int(row) - 1
      labelRow[label] = entries.count
      entries.append(
        ContingencyListEntry(
          label: MatpowerInterpreter.text(label), contingency: kind == branchTable ? .branch(position) : .generator(position), source: at))
    }
    return entries
  }
}
