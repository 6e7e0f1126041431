/// A factorization whose triangular factors can be taken out for row-major solves
/// (``TriangularFactors``): the sparse backends.
protocol TriangularFactorsSource: Sendable {
  /// The factors, or nil when this factorization cannot give them.
  func triangularFactors() -> TriangularFactors?
}

extension SymmetricSolver {
  /// Solves `A·X = B` for right-hand sides stored **row-major** (`width` values per unknown,
  /// the first `matrix.rows` rows of `x`), in place, and verifies the residual as
  /// ``solve(_:_:rhs:columns:)`` does: on up to ``checkedColumns`` columns, refining all of
  /// them once when one is not at round-off level; throws
  /// ``LinearAlgebraError/inaccurate(relativeResidual:)`` when that does not help.
  ///
  /// Sparse factorizations solve in this layout directly (``TriangularFactors``); the dense
  /// one through a transposed copy.
  static func solveRowMajor(
    _ matrix: SparseMatrix, _ factorization: any SymmetricFactorization, rhs x: UnsafeMutablePointer<Double>, width: Int
  ) throws(LinearAlgebraError) {
    let n = matrix.rows
    guard n > 0, width > 0 else { return }
    let b = [Double](UnsafeBufferPointer(start: x, count: n * width))
    let solve: (UnsafeMutablePointer<Double>) -> Void
    if let source = factorization as? any TriangularFactorsSource, let factors = source.triangularFactors() {
      solve = { factors.solve($0, width: width) }
    } else {
      solve = { transposedSolve(factorization, $0, order: n, width: width) }
    }
    solve(x)
    let sample = sampledColumns(width)
    var worst = rowMajorResidual(matrix, x, b, width: width, columns: sample).worst
    if worst > 1e-12 {
      var correction = rowMajorResidual(matrix, x, b, width: width, columns: nil).vector
      correction.withUnsafeMutableBufferPointer { solve($0.baseAddress!) }
      for i in 0..<(n * width) { x[i] += correction[i] }
      worst = rowMajorResidual(matrix, x, b, width: width, columns: sample).worst
    }
    if !(worst <= 1e-8) { throw .inaccurate(relativeResidual: worst) }
  }

  /// A row-major solve through the column-major `solveInPlace`.
  private static func transposedSolve(
    _ factorization: any SymmetricFactorization, _ x: UnsafeMutablePointer<Double>, order n: Int, width: Int
  ) {
    var columns = [Double](repeating: 0, count: n * width)
    for i in 0..<n { for c in 0..<width { columns[c * n + i] = x[i * width + c] } }
    factorization.solveInPlace(&columns, columns: width)
    for i in 0..<n { for c in 0..<width { x[i * width + c] = columns[c * n + i] } }
  }

  /// `R = B − A·X` (row-major, every column when `columns` is nil, else the listed columns one
  /// after another, each `n` long) and the worst column's ‖r‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞).
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
        let ri = b[i * width + c] - r[i * count + s]
        r[i * count + s] = ri
        rn = max(rn, abs(ri))
        xn = max(xn, abs(x[i * width + c]))
        bn = max(bn, abs(b[i * width + c]))
      }
      let scale = normA * xn + bn
      let rel = scale > 0 ? rn / scale : rn
      if rel.isNaN { return (r, .infinity) }
      worst = max(worst, rel)
    }
    return (r, worst)
  }
}
