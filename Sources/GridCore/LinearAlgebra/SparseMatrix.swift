/// A sparse real matrix in compressed-column (CSC) form, the layout CHOLMOD
/// and KLU take. Symmetric matrices are stored with both triangles.
///
/// The bus susceptance matrix `B = Cftᵀ·diag(b)·Cft` (``DCSystem/busSusceptance``, p.u.,
/// internal buses × internal buses) is one; so is each island's reduced B that
/// ``SymmetricSolver`` factors. Entries of column j are
/// `values[columnStarts[j]..<columnStarts[j + 1]]` at rows `rowIndices[…]`, 0-based.
public struct SparseMatrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Start of each column in `rowIndices`/`values`; `columns + 1` entries.
  public var columnStarts: [Int]
  /// Row (0-based) of each stored entry, sorted and unique within a column.
  public var rowIndices: [Int]
  /// Value of each stored entry, parallel to ``rowIndices``.
  public var values: [Double]

  /// Builds from (row, column, value) triplets, summing duplicates (as MATLAB's `sparse` does)
  /// in the order given.
  public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) {
    self.rows = rows
    self.columns = columns
    // Two stable counting sorts, by row then by column, leave every column sorted by row
    // with duplicates adjacent and in input order: O(entries), no comparison sort.
    let count = triplets.count
    var rowStarts = [Int](repeating: 0, count: rows + 1)
    for t in triplets {
      precondition(t.row >= 0 && t.row < rows && t.column >= 0 && t.column < columns)
      rowStarts[t.row + 1] += 1
    }
    for i in 0..<rows { rowStarts[i + 1] += rowStarts[i] }
    var byRowColumn = [Int](repeating: 0, count: count)
    var byRowValue = [Double](repeating: 0, count: count)
    var next = rowStarts
    for t in triplets {
      let p = next[t.row]
      byRowColumn[p] = t.column
      byRowValue[p] = t.value
      next[t.row] = p + 1
    }
    var starts = [Int](repeating: 0, count: columns + 1)
    for c in byRowColumn { starts[c + 1] += 1 }
    for j in 0..<columns { starts[j + 1] += starts[j] }
    var rowIndices = [Int](repeating: 0, count: count)
    var values = [Double](repeating: 0, count: count)
    next = starts
    for i in 0..<rows {
      for p in rowStarts[i]..<rowStarts[i + 1] {
        let c = byRowColumn[p]
        let q = next[c]
        rowIndices[q] = i
        values[q] = byRowValue[p]
        next[c] = q + 1
      }
    }
    // Merge duplicates in place.
    var kept = 0
    var columnStart = 0
    for j in 0..<columns {
      let end = starts[j + 1]
      var lastRow = -1
      for p in columnStart..<end {
        if rowIndices[p] == lastRow {
          values[kept - 1] += values[p]
        } else {
          lastRow = rowIndices[p]
          rowIndices[kept] = lastRow
          values[kept] = values[p]
          kept += 1
        }
      }
      columnStart = end
      starts[j + 1] = kept
    }
    rowIndices.removeLast(count - kept)
    values.removeLast(count - kept)
    self.columnStarts = starts
    self.rowIndices = rowIndices
    self.values = values
  }

  /// A matrix already in compressed-column form (rows sorted and unique within each column).
  init(rows: Int, columns: Int, columnStarts: [Int], rowIndices: [Int], values: [Double]) {
    precondition(columnStarts.count == columns + 1 && rowIndices.count == values.count && columnStarts.last == values.count)
    self.rows = rows
    self.columns = columns
    self.columnStarts = columnStarts
    self.rowIndices = rowIndices
    self.values = values
  }

  /// Number of stored entries (explicit zeros included).
  public var nonzeroCount: Int { values.count }

  /// `y = A·x` for `k` right-hand sides stored column after column.
  public func multiply(_ x: [Double], columns k: Int = 1) -> [Double] {
    precondition(x.count == columns * k)
    var y = [Double](repeating: 0, count: rows * k)
    for c in 0..<k {
      let xo = c * columns, yo = c * rows
      for j in 0..<columns {
        let xj = x[xo + j]
        if xj == 0 { continue }
        for p in columnStarts[j]..<columnStarts[j + 1] {
          y[yo + rowIndices[p]] += values[p] * xj
        }
      }
    }
    return y
  }

  /// The dense copy, for the dense backend and tests.
  public func dense() -> DenseMatrix {
    var d = DenseMatrix(rows: rows, columns: columns)
    for j in 0..<columns {
      for p in columnStarts[j]..<columnStarts[j + 1] { d[rowIndices[p], j] = values[p] }
    }
    return d
  }

  /// True when an off-diagonal entry is positive: in a susceptance matrix, a branch with
  /// negative series reactance, which can make the matrix indefinite.
  public var hasPositiveOffDiagonal: Bool {
    for j in 0..<columns {
      for p in columnStarts[j]..<columnStarts[j + 1] where values[p] > 0 && rowIndices[p] != j { return true }
    }
    return false
  }

  /// True when a diagonal entry is zero, negative or missing: such a matrix is not positive definite.
  public var hasNonPositiveDiagonal: Bool {
    for j in 0..<min(rows, columns) {
      var diagonal = 0.0
      for p in columnStarts[j]..<columnStarts[j + 1] where rowIndices[p] == j { diagonal += values[p] }
      if !(diagonal > 0) { return true }
    }
    return false
  }

  /// Largest absolute row sum (the ∞-norm), for scaling residuals.
  public var infinityNorm: Double {
    var sums = [Double](repeating: 0, count: rows)
    for p in 0..<values.count { sums[rowIndices[p]] += abs(values[p]) }
    return sums.max() ?? 0
  }
}
