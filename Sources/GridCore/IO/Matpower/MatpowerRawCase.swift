/// The fields of a MATPOWER file after its statements ran, before any meaning is given to
/// them: what `mpc.<field>` holds at the end, fields in order of first assignment.
struct MatpowerRawCase {
  /// `function OUTPUT = NAME`: the name, the output (`mpc` for a case, `chgtab` for a
  /// contingency table) and where that line is.
  var functionName: String?
  var outputName: String?
  var functionLocation: SourceLocation?
  /// The output when it is a variable, not `mpc` (a change table's `chgtab`).
  var output: MatpowerArray?
  var fields: [String: MatpowerRawValue] = [:]
  /// Field names in the order they appear, for diagnostics and extras.
  var order: [String] = []
  var diagnostics: [Diagnostic] = []
}

enum MatpowerRawValue {
  case number(Double, SourceLocation)
  case string(String, SourceLocation)
  case matrix(MatpowerRawMatrix)
  /// A cell array, one entry per row: strings (e.g. `bus_name`).
  case cell([String], rowLines: [Int], SourceLocation)

  var location: SourceLocation {
    switch self {
    case .number(_, let l), .string(_, let l), .cell(_, _, let l): return l
    case .matrix(let m): return m.location
    }
  }
}

/// A numeric matrix, row-major, all rows the same width.
struct MatpowerRawMatrix {
  var values: [Double] = []
  var columns = 0
  /// 1-based line of each row, for messages that point at a row.
  var rowLines: [Int] = []
  /// Where the `[` was.
  var location: SourceLocation
  /// Elements that are expressions (`50/3`, `CT_TBRCH`): their position in `values` (0 until
  /// the statement that assigns the matrix runs them).
  var pending: [(index: Int, expression: MatpowerExpression)] = []
  /// Statements that changed elements after the matrix was assigned (`mpc.bus(:, PD) = ...`),
  /// named in messages about its values.
  var changedBy: [SourceLocation] = []

  var rowCount: Int { rowLines.count }

  @inline(__always) subscript(row: Int, column: Int) -> Double {
    values[row * columns + column]
  }

  /// Column `column` of every row as whole numbers; 0 where the value is not one (the
  /// element tables report those cells).
  func integerColumn(_ column: Int) -> [Int] {
    guard column < columns else { return Array(repeating: 0, count: rowCount) }
    return (0..<rowCount).map { r in
      let v = self[r, column]
      return v.isFinite && v == v.rounded() && abs(v) < 1e15 ? Int(v) : 0
    }
  }

  func row(_ r: Int) -> [Double] { Array(values[(r * columns)..<((r + 1) * columns)]) }
}
