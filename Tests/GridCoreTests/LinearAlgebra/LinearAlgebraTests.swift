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
}
