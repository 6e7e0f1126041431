import Testing

@testable import GridCore

struct LinearAlgebraTests {
  private func sparse(_ rows: [[Double]]) -> SparseMatrix {
    var t: [(row: Int, column: Int, value: Double)] = []
    for (i, r) in rows.enumerated() { for (j, v) in r.enumerated() where v != 0 { t.append((i, j, v)) } }
    return SparseMatrix(rows: rows.count, columns: rows.first?.count ?? 0, triplets: t)
  }

  @Test func choleskySolvesManyRightHandSides() throws {
    let a = sparse([[4, -1, 0], [-1, 4, -1], [0, -1, 4]])
    let f = try SymmetricSolver.factor(a, backend: .dense)
    #expect(f.method == .denseCholesky)
    let b: [Double] = [1, 2, 3, 0, 1, 0]
    let x = try SymmetricSolver.solve(a, f, rhs: b, columns: 2)
    let back = a.multiply(x, columns: 2)
    #expect(maxAbsDifference(back, b) < 1e-14)
    // By hand: x = (13/28, 6/7, 27/28).
    #expect(isClose(x[0], 13.0 / 28, absolute: 1e-14) && isClose(x[1], 6.0 / 7, absolute: 1e-14) && isClose(x[2], 27.0 / 28, absolute: 1e-14))
  }

  @Test func indefiniteMatrixFallsBackToBunchKaufman() throws {
    // Eigenvalues 3 and −1: not positive definite, but regular.
    let a = sparse([[1, 2], [2, 1]])
    let f = try SymmetricSolver.factor(a, backend: .dense)
    #expect(f.method == .denseIndefinite)
    let x = try SymmetricSolver.solve(a, f, rhs: [3, 3], columns: 1)
    #expect(isClose(x[0], 1, absolute: 1e-14) && isClose(x[1], 1, absolute: 1e-14))
  }

  @Test func singularMatrixIsReported() {
    let a = sparse([[1, -1], [-1, 1]])
    #expect(throws: LinearAlgebraError.self) {
      let f = try SymmetricSolver.factor(a, backend: .dense)
      _ = try SymmetricSolver.solve(a, f, rhs: [1, -1], columns: 1)
    }
  }

  @Test func tripletsAreSummedLikeMatlabSparse() {
    let a = SparseMatrix(rows: 2, columns: 2, triplets: [(0, 0, 1), (1, 1, 2), (0, 0, 3), (1, 0, -1), (0, 1, -1)])
    #expect(a.nonzeroCount == 4)
    #expect(a.dense().values == [4, -1, -1, 2])
    #expect(a.infinityNorm == 5)
  }

  @Test func gemmMatchesHandProduct() {
    let a = DenseMatrix(rows: 2, columns: 3, values: [1, 4, 2, 5, 3, 6])  // [[1,2,3],[4,5,6]]
    let b = DenseMatrix(rows: 3, columns: 1, values: [1, 1, 1])
    #expect(a.multiplied(by: b).values == [6, 15])
  }

  /// A 2-D grid Laplacian plus a diagonal shift: symmetric positive definite and sparse.
  private func gridMatrix(side: Int, shift: Double = 0.01, flip: Int? = nil, flipped: Double = -3) -> SparseMatrix {
    var t: [(row: Int, column: Int, value: Double)] = []
    func id(_ r: Int, _ c: Int) -> Int { r * side + c }
    var edge = 0
    for r in 0..<side {
      for c in 0..<side {
        t.append((id(r, c), id(r, c), shift))
        for (dr, dc) in [(0, 1), (1, 0)] where r + dr < side && c + dc < side {
          // One "series capacitor" (negative susceptance) when asked.
          let b = edge == flip ? flipped : 1.0
          edge += 1
          let a = id(r, c), z = id(r + dr, c + dc)
          t += [(a, a, b), (z, z, b), (a, z, -b), (z, a, -b)]
        }
      }
    }
    return SparseMatrix(rows: side * side, columns: side * side, triplets: t)
  }

  @Test(arguments: [LinearSolverBackend.dense, .sparse])
  func backendsAgreeOnAPositiveDefiniteSystem(backend: LinearSolverBackend) throws {
    let a = gridMatrix(side: 30)
    let f = try SymmetricSolver.factor(a, backend: backend)
    #expect(f.method == (backend == .dense ? .denseCholesky : .sparseCholesky))
    var rng = SplitMix(seed: 3)
    let b = (0..<(a.rows * 3)).map { _ in rng.uniform() - 0.5 }
    let x = try SymmetricSolver.solve(a, f, rhs: b, columns: 3)
    #expect(maxAbsDifference(a.multiply(x, columns: 3), b) < 1e-10)
  }

  /// An indefinite sparse matrix must not be accepted by an unpivoted LDLᵀ: it goes to KLU.
  @Test func indefiniteSparseMatrixUsesKLU() throws {
    let a = gridMatrix(side: 12, flip: 5)
    // The capacitor outweighs the other branches of a bus on the edge: CHOLMOD is not even tried.
    #expect(a.hasNonPositiveDiagonal)
    try expectIndefiniteAndSolvedByKLU(a)
  }

  private func expectIndefiniteAndSolvedByKLU(_ a: SparseMatrix) throws {
    #expect(throws: LinearAlgebraError.self) { _ = try DenseSymmetricFactorization(a.dense()).solveInPlaceChecked() }
    try expectSparseSolve(a, by: .sparseLU, rhs: (0..<a.rows).map { Double($0 % 7) - 3 })
  }

  /// The sparse backend picks `method` for `a` and solves `a·x = b` to round-off.
  private func expectSparseSolve(_ a: SparseMatrix, by method: FactorizationMethod, rhs b: [Double]) throws {
    let f = try SymmetricSolver.factor(a, backend: .sparse)
    #expect(f.method == method)
    let x = try SymmetricSolver.solve(a, f, rhs: b, columns: 1)
    #expect(maxAbsDifference(a.multiply(x), b) < 1e-9)
  }

  /// A small series capacitor leaves B positive definite: CHOLMOD keeps it although a pivoting
  /// LU was prepared alongside.
  @Test func positiveDefiniteMatrixWithACapacitorStaysOnCholmod() throws {
    let a = gridMatrix(side: 20, flip: 7, flipped: -0.1)
    #expect(a.hasPositiveOffDiagonal)
    #expect(!a.hasNonPositiveDiagonal)
    try expectSparseSolve(a, by: .sparseCholesky, rhs: (0..<a.rows).map { Double($0 % 5) - 2 })
  }

  /// A capacitor in the middle of the grid, stronger than the rest of the network between its
  /// buses, makes B indefinite while every diagonal stays positive: CHOLMOD is tried, reports
  /// it, and the pivoting LU computed alongside is used.
  @Test func indefiniteMatrixWithPositiveDiagonalFallsBackFromCholmodToKLU() throws {
    let a = gridMatrix(side: 20, flip: 420, flipped: -1.5)
    #expect(!a.hasNonPositiveDiagonal)
    try expectIndefiniteAndSolvedByKLU(a)
  }

  @Test func tripletsInAnyOrderGiveSortedColumnsAndSums() {
    var rng = SplitMix(seed: 11)
    let rows = 37, columns = 23
    var dense = [Double](repeating: 0, count: rows * columns)
    var triplets: [(row: Int, column: Int, value: Double)] = []
    for _ in 0..<600 {
      let r = Int(rng.uniform() * Double(rows)), c = Int(rng.uniform() * Double(columns))
      let v = (rng.uniform() * 8).rounded() - 4  // small integers: sums are exact in any order
      triplets.append((r, c, v))
      dense[c * rows + r] += v
    }
    let a = SparseMatrix(rows: rows, columns: columns, triplets: triplets)
    #expect(a.dense().values == dense)
    for j in 0..<columns {
      let column = Array(a.rowIndices[a.columnStarts[j]..<a.columnStarts[j + 1]])
      #expect(column == column.sorted() && Set(column).count == column.count)
    }
  }

  @Test func singularSparseMatrixIsReported() {
    let a = gridMatrix(side: 10, shift: 0)  // a Laplacian: singular
    #expect(throws: LinearAlgebraError.self) {
      let f = try SymmetricSolver.factor(a, backend: .sparse)
      _ = try SymmetricSolver.solve(a, f, rhs: [Double](repeating: 1, count: a.rows), columns: 1)
    }
  }
}

extension DenseSymmetricFactorization {
  /// Throws when the dense path had to leave Cholesky, so tests can tell definiteness.
  func solveInPlaceChecked() throws {
    if method != .denseCholesky { throw LinearAlgebraError.notPositiveDefinite(order: 0) }
  }
}
