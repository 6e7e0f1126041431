import CGridCoreLAPACK

/// The only Swift file that calls LAPACK/BLAS (linked through the `CGridCoreLAPACK` module).
/// Each wrapper converts sizes to LAPACK's 32-bit integers, passes the hidden
/// CHARACTER lengths of the gfortran ABI, and maps INFO to ``LinearAlgebraError``.
/// INFO < 0 means an illegal argument, which is a bug here, hence a precondition.
/// The BLAS library's threads are the host's to choose (`OPENBLAS_NUM_THREADS`).
enum LAPACK {
  private static func int32(_ n: Int) throws(LinearAlgebraError) -> Int32 {
    guard n <= Int(Int32.max) else { throw .tooLarge(order: n) }
    return Int32(n)
  }

  /// Cholesky factorization `A = L·Lᵀ` in place (lower triangle). The corresponding C function is `dpotrf_`.
  static func choleskyFactor(_ a: inout [Double], order: Int) throws(LinearAlgebraError) {
    precondition(order > 0 && a.count == order * order)
    var n = try int32(order)
    var info: Int32 = 0
    var uplo = CChar(UInt8(ascii: "L"))
    dpotrf_(&uplo, &n, &a, &n, &info, 1)
    precondition(info >= 0, "dpotrf: illegal argument \(-info)")
    if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
  }

  /// Solves `A·X = B` for `columns` right-hand sides with a Cholesky factor. The corresponding C function is `dpotrs_`.
  static func choleskySolve(factor: [Double], order: Int, rhs: inout [Double], columns: Int) {
    precondition(order > 0 && factor.count == order * order && rhs.count == order * columns)
    guard columns > 0 else { return }
    var n = Int32(order), nrhs = Int32(columns), info: Int32 = 0
    var uplo = CChar(UInt8(ascii: "L"))
    dpotrs_(&uplo, &n, &nrhs, factor, &n, &rhs, &n, &info, 1)
    precondition(info == 0, "dpotrs: illegal argument \(-info)")
  }

  /// Symmetric-indefinite (Bunch–Kaufman) factorization `A = L·D·Lᵀ` in place; returns the pivots.
  /// The corresponding C function is `dsytrf_`; INFO > 0 (an exactly zero block of D) is reported as singular.
  static func symmetricIndefiniteFactor(_ a: inout [Double], order: Int) throws(LinearAlgebraError) -> [Int32] {
    precondition(order > 0 && a.count == order * order)
    var n = try int32(order)
    var info: Int32 = 0
    var uplo = CChar(UInt8(ascii: "L"))
    var pivots = [Int32](repeating: 0, count: order)
    var query = 0.0
    var lwork: Int32 = -1
    dsytrf_(&uplo, &n, &a, &n, &pivots, &query, &lwork, &info, 1)
    precondition(info == 0, "dsytrf workspace query: illegal argument \(-info)")
    lwork = Int32(max(1, Int(query)))
    var work = [Double](repeating: 0, count: Int(lwork))
    dsytrf_(&uplo, &n, &a, &n, &pivots, &work, &lwork, &info, 1)
    precondition(info >= 0, "dsytrf: illegal argument \(-info)")
    if info > 0 { throw .singular(pivot: Int(info)) }
    return pivots
  }

  /// Solves with a Bunch–Kaufman factor. The corresponding C function is `dsytrs_`.
  static func symmetricIndefiniteSolve(factor: [Double], pivots: [Int32], order: Int, rhs: inout [Double], columns: Int) {
    precondition(order > 0 && factor.count == order * order && rhs.count == order * columns)
    guard columns > 0 else { return }
    var n = Int32(order), nrhs = Int32(columns), info: Int32 = 0
    var uplo = CChar(UInt8(ascii: "L"))
    dsytrs_(&uplo, &n, &nrhs, factor, &n, pivots, &rhs, &n, &info, 1)
    precondition(info == 0, "dsytrs: illegal argument \(-info)")
  }

  /// Reciprocal condition number estimate (1-norm) from a factor: `dpocon_` for a Cholesky
  /// factor (`pivots` empty), `dsycon_` for a Bunch–Kaufman factor. `oneNorm` is ‖A‖₁ of the original matrix.
  static func reciprocalCondition(factor: [Double], pivots: [Int32], order: Int, oneNorm: Double) -> Double {
    precondition(order > 0 && factor.count == order * order)
    var n = Int32(order), info: Int32 = 0
    var uplo = CChar(UInt8(ascii: "L"))
    var anorm = oneNorm, rcond = 0.0
    var work = [Double](repeating: 0, count: 3 * order)
    var iwork = [Int32](repeating: 0, count: order)
    if pivots.isEmpty {
      dpocon_(&uplo, &n, factor, &n, &anorm, &rcond, &work, &iwork, &info, 1)
    } else {
      dsycon_(&uplo, &n, factor, &n, pivots, &anorm, &rcond, &work, &iwork, &info, 1)
    }
    precondition(info == 0, "dpocon/dsycon: illegal argument \(-info)")
    return rcond
  }

  /// `C = A·B`. The corresponding C function is `dgemm_`.
  static func multiply(_ a: DenseMatrix, _ b: DenseMatrix, into c: inout DenseMatrix) {
    precondition(a.columns == b.rows && c.rows == a.rows && c.columns == b.columns)
    guard a.rows > 0, b.columns > 0 else { return }
    if a.columns == 0 {
      c.values = [Double](repeating: 0, count: c.values.count)
      return
    }
    var m = Int32(a.rows), n = Int32(b.columns), k = Int32(a.columns)
    var alpha = 1.0, beta = 0.0
    var trans = CChar(UInt8(ascii: "N"))
    dgemm_(&trans, &trans, &m, &n, &k, &alpha, a.values, &m, b.values, &k, &beta, &c.values, &m, 1, 1)
  }
}
