/// Failures of a factorization or solve, with the LAPACK/CHOLMOD meaning spelled out.
public enum LinearAlgebraError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The matrix is exactly singular: the factorization met a zero pivot at `pivot` (1-based).
  /// The corresponding LAPACK result is `dsytrf` INFO = pivot > 0; for KLU, status
  /// `KLU_SINGULAR` with `singular_col` = pivot − 1.
  case singular(pivot: Int)
  /// Cholesky failed: the leading minor of order `order` is not positive definite.
  /// The corresponding LAPACK result is `dpotrf` INFO = order > 0; for CHOLMOD, status
  /// `CHOLMOD_NOT_POSDEF` (or a non-positive pivot of a simplicial LDLᵀ). GridCore answers
  /// it with a pivoting factorization (`dsytrf`, KLU), so it does not reach callers of
  /// ``SymmetricSolver`` or ``DenseSymmetricFactorization``.
  case notPositiveDefinite(order: Int)
  /// The matrix is singular to working precision: its reciprocal condition estimate
  /// (LAPACK `dpocon`/`dsycon`, CHOLMOD `cholmod_rcond`, KLU `klu_rcond`) is below
  /// ``SymmetricSolver/singularityThreshold``.
  case nearlySingular(reciprocalCondition: Double)
  /// The solution does not satisfy the system to working accuracy (nearly singular).
  case inaccurate(relativeResidual: Double)
  /// The problem is larger than the 32-bit indices LAPACK accepts.
  case tooLarge(order: Int)
  /// A sparse library reported a failure (e.g. out of memory).
  case backendFailure(String)

  /// The failure in words, for messages (e.g. "the matrix is singular (zero pivot at position 3)").
  public var description: String {
    switch self {
    case .singular(let pivot): return "the matrix is singular (zero pivot at position \(pivot))"
    case .notPositiveDefinite(let order): return "the matrix is not positive definite (leading minor of order \(order))"
    case .nearlySingular(let rcond):
      return "the matrix is singular to working precision (reciprocal condition estimate \(rcond))"
    case .inaccurate(let r): return "the solution is inaccurate (relative residual \(r)); the system is nearly singular"
    case .tooLarge(let n): return "a dense system of order \(n) is too large for LAPACK's 32-bit indices"
    case .backendFailure(let text): return "sparse solver failure: \(text)"
    }
  }
}
