/// Typed access to one row of a MATPOWER matrix, with errors that point at the cell.
struct RowReader {
  let matrix: MatpowerRawMatrix
  let row: Int
  let field: String
  let builder: MatpowerCaseBuilder

  var location: SourceLocation {
    SourceLocation(file: builder.file, line: matrix.rowLines[row])
  }

  func error(_ column: Int, _ kind: ParseError.Kind) -> ParseError {
    let line = matrix.rowLines[row]
    return ParseError(kind, at: SourceLocation(file: builder.file, line: line, column: builder.columnOf(element: column, onLine: line)))
  }

  func notNaN(_ column: Int, _ name: String) throws(ParseError) -> Double {
    let v = matrix[row, column]
    if v.isNaN { throw error(column, .nonFinite(field: "\(name) of mpc.\(field) row \(row + 1)")) }
    return v
  }

  func finite(_ column: Int, _ name: String) throws(ParseError) -> Double {
    let v = matrix[row, column]
    if !v.isFinite { throw error(column, .nonFinite(field: "\(name) of mpc.\(field) row \(row + 1)")) }
    return v
  }

  func integer(_ column: Int, _ name: String) throws(ParseError) -> Int {
    let v = try finite(column, name)
    guard v == v.rounded(), abs(v) < 1e15 else {
      throw error(column, .outOfRange(field: name, value: "\(v)", expected: "a whole number"))
    }
    return Int(v)
  }

  func positiveInteger(_ column: Int, _ name: String) throws(ParseError) -> Int {
    let v = try integer(column, name)
    guard v > 0 else { throw error(column, .outOfRange(field: name, value: "\(v)", expected: "a positive bus number")) }
    return v
  }
}
