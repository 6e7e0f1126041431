/// Typed access to the cells of a MATPOWER matrix, with errors that point at the cell.
///
/// One reader serves every row (the row is an argument): a large case has
/// 100,000 rows, and a per-row value holding the matrix would copy its references each time.
struct RowReader {
  let matrix: MatpowerRawMatrix
  let field: String
  let builder: MatpowerCaseBuilder

  func location(_ row: Int) -> SourceLocation {
    SourceLocation(file: builder.file, line: matrix.rowLines[row])
  }

  /// An error at a cell; when statements changed the matrix after its literal, the message
  /// names the last of them (the value may come from there).
  func error(_ row: Int, _ column: Int, _ kind: ParseError.Kind) -> ParseError {
    let line = matrix.rowLines[row]
    let at = SourceLocation(file: builder.file, line: line, column: builder.columnOf(element: column, onLine: line))
    guard let change = matrix.changedBy.last else { return ParseError(kind, at: at) }
    let message = ParseError(kind, at: at).message
    return ParseError(.other("\(message) (mpc.\(field) is changed by the statement at line \(change.line))"), at: at)
  }

  // The checks below run for every cell of a large case: inlined, with the message made out of line.
  @inline(__always)
  func notNaN(_ row: Int, _ column: Int, _ name: String) throws(ParseError) -> Double {
    let v = matrix[row, column]
    if v.isNaN { throw nonFinite(row, column, name) }
    return v
  }

  @inline(__always)
  func finite(_ row: Int, _ column: Int, _ name: String) throws(ParseError) -> Double {
    let v = matrix[row, column]
    if !v.isFinite { throw nonFinite(row, column, name) }
    return v
  }

  @inline(never)
  private func nonFinite(_ row: Int, _ column: Int, _ name: String) -> ParseError {
    error(row, column, .nonFinite(field: "\(name) of mpc.\(field) row \(row + 1)"))
  }

  func integer(_ row: Int, _ column: Int, _ name: String) throws(ParseError) -> Int {
    let v = try finite(row, column, name)
    guard v == v.rounded(), abs(v) < 1e15 else {
      throw error(row, column, .outOfRange(field: name, value: "\(v)", expected: "a whole number"))
    }
    return Int(v)
  }

  func positiveInteger(_ row: Int, _ column: Int, _ name: String) throws(ParseError) -> Int {
    let v = try integer(row, column, name)
    guard v > 0 else { throw error(row, column, .outOfRange(field: name, value: "\(v)", expected: "a positive bus number")) }
    return v
  }
}
