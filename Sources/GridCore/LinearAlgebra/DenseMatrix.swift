/// A dense real matrix in column-major order, the layout LAPACK and BLAS use.
///
/// The values of GridCore's dense results: a ``PTDFMatrix`` block (rows = branches,
/// columns = buses), an ``LODFMatrix`` block (rows = monitored, columns = outaged branches).
public struct DenseMatrix: Sendable, Hashable {
  /// Number of rows, ≥ 0.
  public let rows: Int
  /// Number of columns, ≥ 0.
  public let columns: Int
  /// Entry (i, j) is at `values[i + j * rows]`.
  public var values: [Double]

  /// A `rows × columns` matrix with every entry `value` (default 0).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0)
    self.rows = rows
    self.columns = columns
    self.values = [Double](repeating: value, count: rows * columns)
  }

  /// A `rows × columns` matrix from its entries in column-major order
  /// (`values.count == rows · columns`, a precondition).
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(values.count == rows * columns, "DenseMatrix: \(values.count) values for \(rows)x\(columns)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Entry (`row`, `column`), both 0-based: `values[row + column · rows]`.
  @inline(__always) public subscript(row: Int, column: Int) -> Double {
    get { values[row + column * rows] }
    set { values[row + column * rows] = newValue }
  }

  /// One column as an array.
  public func column(_ j: Int) -> [Double] {
    Array(values[(j * rows)..<((j + 1) * rows)])
  }

  /// `self · other` (BLAS `dgemm`).
  public func multiplied(by other: DenseMatrix) -> DenseMatrix {
    precondition(columns == other.rows, "DenseMatrix: \(rows)x\(columns) · \(other.rows)x\(other.columns)")
    var result = DenseMatrix(rows: rows, columns: other.columns)
    LAPACK.multiply(self, other, into: &result)
    return result
  }
}
