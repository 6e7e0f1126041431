/// Dense factorization through LAPACK: Cholesky (`dpotrf`) when the matrix is
/// positive definite, otherwise Bunch–Kaufman LDLᵀ (`dsytrf`). Series
/// capacitors (negative reactance) make a reduced B indefinite, so the
/// fallback is a normal path, not an error.
public struct DenseSymmetricFactorization: SymmetricFactorization {
  public let order: Int
  public let method: FactorizationMethod
  private let factor: [Double]
  private let pivots: [Int32]

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
