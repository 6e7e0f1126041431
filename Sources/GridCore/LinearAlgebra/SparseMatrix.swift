/// A sparse real matrix in compressed-column (CSC) form, the layout CHOLMOD
/// and UMFPACK take. Symmetric matrices are stored with both triangles.
public struct SparseMatrix: Sendable, Hashable {
  public let rows: Int
  public let columns: Int
  /// Start of each column in `rowIndices`/`values`; `columns + 1` entries.
  public var columnStarts: [Int]
  public var rowIndices: [Int]
  public var values: [Double]

  /// Builds from (row, column, value) triplets, summing duplicates (as MATLAB's `sparse` does).
  public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) {
    self.rows = rows
    self.columns = columns
    var counts = [Int](repeating: 0, count: columns + 1)
    for t in triplets {
      precondition(t.row >= 0 && t.row < rows && t.column >= 0 && t.column < columns)
      counts[t.column + 1] += 1
    }
    for j in 0..<columns { counts[j + 1] += counts[j] }
    var next = counts
    var rowIdx = [Int](repeating: 0, count: triplets.count)
    var vals = [Double](repeating: 0, count: triplets.count)
    for t in triplets {
      let p = next[t.column]
      rowIdx[p] = t.row
      vals[p] = t.value
      next[t.column] += 1
    }
    // Sort each column by row and merge duplicates.
    var starts = [Int](repeating: 0, count: columns + 1)
    var outRows: [Int] = []
    var outVals: [Double] = []
    outRows.reserveCapacity(triplets.count)
    outVals.reserveCapacity(triplets.count)
    for j in 0..<columns {
      let range = counts[j]..<counts[j + 1]
      let order = range.sorted { rowIdx[$0] < rowIdx[$1] }
      var lastRow = -1
      for p in order {
        if rowIdx[p] == lastRow {
          outVals[outVals.count - 1] += vals[p]
        } else {
          outRows.append(rowIdx[p])
          outVals.append(vals[p])
          lastRow = rowIdx[p]
        }
      }
      starts[j + 1] = outRows.count
    }
    self.columnStarts = starts
    self.rowIndices = outRows
    self.values = outVals
  }

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

  /// Largest absolute row sum (the ∞-norm), for scaling residuals.
  public var infinityNorm: Double {
    var sums = [Double](repeating: 0, count: rows)
    for p in 0..<values.count { sums[rowIndices[p]] += abs(values[p]) }
    return sums.max() ?? 0
  }
}
