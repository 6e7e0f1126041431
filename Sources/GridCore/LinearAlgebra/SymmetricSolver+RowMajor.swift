/// A factorization whose triangular factors can be taken out for row-major solves
/// (``TriangularFactors``): the sparse backends.
protocol TriangularFactorsSource: Sendable {
  /// The factors, or nil when this factorization cannot give them.
  func triangularFactors() -> TriangularFactors?
}

extension SymmetricSolver {
  /// Solves `A·X = B` for `width` right-hand sides given by their nonzero entries (row,
  /// column, value; repeats add up), writing the solutions **row-major** (`width` values per
  /// unknown) to the first `matrix.rows` rows of `x`, which must hold zeros on entry; and
  /// verifies the residual as ``solve(_:_:rhs:columns:)`` does: on up to ``checkedColumns``
  /// columns, refining all of them once when one is not at round-off level; throws
  /// ``LinearAlgebraError/inaccurate(relativeResidual:)`` when that does not help.
  ///
  /// Sparse factorizations solve in this layout directly (``TriangularFactors``), touching
  /// nothing of the right-hand sides but their entries; the dense one through a transposed copy.
  static func solveRowMajor(
    _ matrix: SparseMatrix, _ factorization: any SymmetricFactorization, entries: [(row: Int, column: Int, value: Double)],
    solution x: UnsafeMutablePointer<Double>, width: Int
  ) throws(LinearAlgebraError) {
    let n = matrix.rows
    guard n > 0, width > 0 else { return }
    let factors = (factorization as? any TriangularFactorsSource)?.triangularFactors()
    // The right-hand sides of `columns` (nil: all), row-major over them.
    func rightHandSides(_ columns: [Int]?) -> [Double] {
      let count = columns?.count ?? width
      var slot = [Int](repeating: -1, count: width)
      for (s, c) in (columns ?? Array(0..<width)).enumerated() { slot[c] = s }
      var b = [Double](repeating: 0, count: n * count)
      for e in entries where slot[e.column] >= 0 { b[e.row * count + slot[e.column]] += e.value }
      return b
    }
    // A dense solve (the refinement's correction, or every solve of a dense factorization).
    func solve(_ b: [Double], into x: UnsafeMutablePointer<Double>) {
      b.withUnsafeBufferPointer { b in
        if let factors {
          factors.solve(b.baseAddress!, into: x, width: width)
        } else {
          transposedSolve(factorization, b.baseAddress!, into: x, order: n, width: width)
        }
      }
    }
    if let factors {
      factors.solve(entries: entries, into: x, width: width)
    } else {
      solve(rightHandSides(nil), into: x)
    }
    let sample = sampledColumns(width)
    let sampled = rightHandSides(sample)
    var worst = rowMajorResidual(matrix, x, sampled, width: width, columns: sample).worst
    if worst > 1e-12 {
      let correction = rowMajorResidual(matrix, x, rightHandSides(nil), width: width, columns: nil).vector
      var step = [Double](repeating: 0, count: n * width)
      step.withUnsafeMutableBufferPointer { solve(correction, into: $0.baseAddress!) }
      for i in 0..<(n * width) { x[i] += step[i] }
      worst = rowMajorResidual(matrix, x, sampled, width: width, columns: sample).worst
    }
    if !(worst <= 1e-8) { throw .inaccurate(relativeResidual: worst) }
  }

  /// A row-major solve through the column-major `solveInPlace`.
  private static func transposedSolve(
    _ factorization: any SymmetricFactorization, _ b: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>, order n: Int,
    width: Int
  ) {
    var columns = [Double](repeating: 0, count: n * width)
    for i in 0..<n { for c in 0..<width { columns[c * n + i] = b[i * width + c] } }
    factorization.solveInPlace(&columns, columns: width)
    for i in 0..<n { for c in 0..<width { x[i * width + c] = columns[c * n + i] } }
  }

  /// `R = B − A·X` over the listed columns (every column when `columns` is nil), row-major
  /// over them as `b` is, and the worst column's ‖r‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞).
  private static func rowMajorResidual(
    _ a: SparseMatrix, _ x: UnsafeMutablePointer<Double>, _ b: [Double], width: Int, columns: [Int]?
  ) -> (vector: [Double], worst: Double) {
    let n = a.rows
    let list = columns ?? Array(0..<width)
    let count = list.count
    // Row-major over the listed columns: r[i * count + s] for column list[s].
    var r = [Double](repeating: 0, count: n * count)
    var xj = [Double](repeating: 0, count: count)
    r.withUnsafeMutableBufferPointer { r in
      xj.withUnsafeMutableBufferPointer { xj in
        a.columnStarts.withUnsafeBufferPointer { starts in
          a.rowIndices.withUnsafeBufferPointer { rows in
            a.values.withUnsafeBufferPointer { values in
              for j in 0..<n {
                for (s, c) in list.enumerated() { xj[s] = x[j * width + c] }
                for p in starts[j]..<starts[j + 1] {
                  let v = values[p], o = rows[p] * count
                  for s in 0..<count { r[o + s] += v * xj[s] }
                }
              }
            }
          }
        }
      }
    }
    let normA = a.infinityNorm
    var worst = 0.0
    for (s, c) in list.enumerated() {
      var rn = 0.0, xn = 0.0, bn = 0.0
      for i in 0..<n {
        let ri = b[i * count + s] - r[i * count + s]
        r[i * count + s] = ri
        rn = max(rn, abs(ri))
        xn = max(xn, abs(x[i * width + c]))
        bn = max(bn, abs(b[i * count + s]))
      }
      let scale = normA * xn + bn
      let rel = scale > 0 ? rn / scale : rn
      if rel.isNaN { return (r, .infinity) }
      worst = max(worst, rel)
    }
    return (r, worst)
  }
}
