import Testing

@testable import GridCore

/// Row-major solves (``SymmetricSolver/solveRowMajor(_:_:entries:solution:width:)``: the sparse backends'
/// factors taken out into ``TriangularFactors``, the dense one through a transposed copy)
/// against the column-major solve of the same factorization.
struct TriangularFactorsTests {
  /// A `side`-cube grid Laplacian plus a diagonal shift (3-D: enough fill for CHOLMOD to pick
  /// a supernodal factor), or a square grid (`depth` 1), with optional negative couplings.
  func grid(side: Int, depth: Int, shift: Double = 0.01, flip: Set<Int> = [], flipped: Double = -3) -> SparseMatrix {
    var t: [(row: Int, column: Int, value: Double)] = []
    func id(_ x: Int, _ y: Int, _ z: Int) -> Int { (z * side + y) * side + x }
    var edge = 0
    for z in 0..<depth {
      for y in 0..<side {
        for x in 0..<side {
          let a = id(x, y, z)
          t.append((a, a, shift))
          for (dx, dy, dz) in [(1, 0, 0), (0, 1, 0), (0, 0, 1)] where x + dx < side && y + dy < side && z + dz < depth {
            let b = flip.contains(edge) ? flipped : 1.0 + 0.1 * Double(edge % 7)
            edge += 1
            let c = id(x + dx, y + dy, z + dz)
            t += [(a, a, b), (c, c, b), (a, c, -b), (c, a, -b)]
          }
        }
      }
    }
    let n = side * side * depth
    return SparseMatrix(rows: n, columns: n, triplets: t)
  }

  /// `width` right-hand sides: transfers between two unknowns (what the outage screens
  /// solve) and, every third column, a dense one.
  func rightHandSides(_ n: Int, width: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix(seed: seed)
    var b = [Double](repeating: 0, count: n * width)  // row-major
    for c in 0..<width {
      if c % 3 == 2 {
        for i in 0..<n { b[i * width + c] = rng.uniform() - 0.5 }
      } else {
        let f = Int(rng.uniform() * Double(n)), t = Int(rng.uniform() * Double(n))
        b[f * width + c] += 1
        b[t * width + c] -= 1
      }
    }
    return b
  }

  func expectRowMajorEqualsColumnMajor(_ a: SparseMatrix, backend: LinearSolverBackend, method: FactorizationMethod, label: String)
    throws
  {
    let f = try SymmetricSolver.factor(a, backend: backend)
    #expect(f.method == method, "\(label)")
    let n = a.rows
    for width in [1, 5, 70] {
      let b = rightHandSides(n, width: width, seed: UInt64(width))

      var entries: [(row: Int, column: Int, value: Double)] = []
      for i in 0..<n { for c in 0..<width where b[i * width + c] != 0 { entries.append((i, c, b[i * width + c])) } }
      var x = [Double](repeating: 0, count: n * width)
      try x.withUnsafeMutableBufferPointer { x in
        try SymmetricSolver.solveRowMajor(a, f, entries: entries, solution: x.baseAddress!, width: width)
      }
      var columns = [Double](repeating: 0, count: n * width)
      for i in 0..<n { for c in 0..<width { columns[c * n + i] = b[i * width + c] } }
      let y = try SymmetricSolver.solve(a, f, rhs: columns, columns: width)

      var worst = 0.0, scale = 0.0
      for i in 0..<n {
        for c in 0..<width {
          worst = max(worst, abs(x[i * width + c] - y[c * n + i]))
          scale = max(scale, abs(y[c * n + i]))
        }
      }
      #expect(worst <= 1e-11 * scale, "\(label), \(width) right-hand sides: \(worst) (largest entry \(scale))")
      // The dense form of the same right-hand sides (the refinement's path): the same operations, the same bits.
      if let factors = (f as? any TriangularFactorsSource)?.triangularFactors() {
        var dense = [Double](repeating: .nan, count: n * width)
        b.withUnsafeBufferPointer { b in dense.withUnsafeMutableBufferPointer { factors.solve(b.baseAddress!, into: $0.baseAddress!, width: width) } }
        var fromEntries = [Double](repeating: 0, count: n * width)
        fromEntries.withUnsafeMutableBufferPointer { factors.solve(entries: entries, into: $0.baseAddress!, width: width) }
        #expect(dense == fromEntries, "\(label), \(width) right-hand sides: dense and sparse right-hand sides")
      }
    }
  }

  @Test func simplicialCholmod() throws {
    let a = grid(side: 25, depth: 1)
    try expectRowMajorEqualsColumnMajor(a, backend: .sparse, method: .sparseCholesky, label: "2-D grid")
    let f = try #require(try SymmetricSolver.factor(a, backend: .sparse) as? CholmodFactorization)
    #expect(!f.isSupernodal)
  }

  @Test func supernodalCholmod() throws {
    let a = grid(side: 14, depth: 14)
    let f = try #require(try SymmetricSolver.factor(a, backend: .sparse) as? CholmodFactorization)
    #expect(f.isSupernodal, "the test wants a supernodal factor")
    #expect(f.triangularFactors()?.kind == .llt)
    try expectRowMajorEqualsColumnMajor(a, backend: .sparse, method: .sparseCholesky, label: "3-D grid")
  }

  @Test func klu() throws {
    let a = grid(side: 20, depth: 1, flip: [5, 300])
    #expect(a.hasNonPositiveDiagonal)
    try expectRowMajorEqualsColumnMajor(a, backend: .sparse, method: .sparseLU, label: "indefinite grid")
    let f = try #require(try SymmetricSolver.factor(a, backend: .sparse) as? KLUFactorization)
    #expect(f.triangularFactors()?.kind == .lu)
  }

  @Test func denseThroughATransposedCopy() throws {
    try expectRowMajorEqualsColumnMajor(grid(side: 12, depth: 1), backend: .dense, method: .denseCholesky, label: "dense")
  }
}
