/// Dense factorization through LAPACK: Cholesky (`dpotrf`) when the matrix is
/// positive definite, otherwise Bunch–Kaufman LDLᵀ (`dsytrf`). Series
/// capacitors (negative reactance) make a reduced B indefinite, so the
/// fallback is a normal path, not an error.
///
/// Memory is `order²` doubles; ``SymmetricSolver`` uses it for islands of up to
/// ``SymmetricSolver/denseLimit`` unknowns (or for all with ``LinearSolverBackend/dense``).
public struct DenseSymmetricFactorization: SymmetricFactorization {
  /// Order n of the factored n × n matrix.
  public let order: Int
  /// ``FactorizationMethod/denseCholesky`` or ``FactorizationMethod/denseIndefinite``.
  public let method: FactorizationMethod
  private let factor: [Double]
  private let pivots: [Int32]

  /// Factors a symmetric `matrix` (both triangles stored; the lower one is read): `dpotrf`
  /// (`A = L·Lᵀ`), else `dsytrf` (`A = L·D·Lᵀ`, Bunch–Kaufman pivoting).
  /// Throws ``LinearAlgebraError/singular(pivot:)`` when `dsytrf` meets an exactly zero
  /// pivot, ``LinearAlgebraError/nearlySingular(reciprocalCondition:)`` when the reciprocal
  /// condition estimate (`dpocon`/`dsycon`) is below ``SymmetricSolver/singularityThreshold``,
  /// and ``LinearAlgebraError/tooLarge(order:)`` above LAPACK's 32-bit sizes.
  public init(_ matrix: DenseMatrix) throws(LinearAlgebraError) {
    precondition(matrix.rows == matrix.columns)
    order = matrix.rows
    guard order > 0 else {
      method = .denseCholesky
      factor = []
      pivots = []
      return
    }
    var a = matrix.values
    do {
      try LAPACK.choleskyFactor(&a, order: order)
      method = .denseCholesky
      factor = a
      pivots = []
    } catch {
      a = matrix.values
      pivots = try LAPACK.symmetricIndefiniteFactor(&a, order: order)
      method = .denseIndefinite
      factor = a
    }
    var oneNorm = 0.0
    for j in 0..<order {
      var sum = 0.0
      for i in 0..<order { sum += abs(matrix.values[i + j * order]) }
      oneNorm = max(oneNorm, sum)
    }
    let rcond = LAPACK.reciprocalCondition(factor: factor, pivots: pivots, order: order, oneNorm: oneNorm)
    if !(rcond >= SymmetricSolver.singularityThreshold) { throw .nearlySingular(reciprocalCondition: rcond) }
  }

  /// Overwrites `rhs` (order × `columns`, column-major) with `X` solving `A·X = rhs`:
  /// one `dpotrs` or `dsytrs` call for all columns.
  public func solveInPlace(_ rhs: inout [Double], columns: Int) {
    guard order > 0 else { return }
    switch method {
    case .denseCholesky:
      LAPACK.choleskySolve(factor: factor, order: order, rhs: &rhs, columns: columns)
    default:
      LAPACK.symmetricIndefiniteSolve(factor: factor, pivots: pivots, order: order, rhs: &rhs, columns: columns)
    }
  }
}
