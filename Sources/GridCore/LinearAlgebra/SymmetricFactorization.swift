/// A factorization of a symmetric matrix that solves for many right-hand
/// sides. The power flow, PTDFs and scenarios see only this protocol, so the
/// backend (dense LAPACK, sparse CHOLMOD) can change without touching them.
public protocol SymmetricFactorization: Sendable {
  /// Order of the matrix.
  var order: Int { get }
  /// How the matrix was factored.
  var method: FactorizationMethod { get }
  /// Overwrites `rhs` (order × `columns`, column-major) with the solution of `A·X = rhs`.
  func solveInPlace(_ rhs: inout [Double], columns: Int)
}

/// How a matrix was factored; the raw value is the text reports print (the `factorization`
/// field of each island in the solve JSON).
public enum FactorizationMethod: String, Sendable, Hashable, Codable {
  /// LAPACK `dpotrf`: the matrix was symmetric positive definite.
  case denseCholesky = "dense Cholesky (LAPACK dpotrf)"
  /// LAPACK `dsytrf`: Cholesky failed (negative series reactances), Bunch–Kaufman pivoting used.
  case denseIndefinite = "dense symmetric-indefinite LDLt (LAPACK dsytrf)"
  /// CHOLMOD supernodal Cholesky.
  case sparseCholesky = "sparse Cholesky (CHOLMOD)"
  /// KLU LU with partial pivoting, for indefinite sparse matrices.
  case sparseLU = "sparse LU (KLU)"
}

/// Which backend factors a matrix.
public enum LinearSolverBackend: String, Sendable, Hashable, Codable, CaseIterable {
  /// Dense for small systems, sparse above ``SymmetricSolver/denseLimit``.
  case automatic
  /// Always dense LAPACK (``DenseSymmetricFactorization``): `order²` memory.
  case dense
  /// Always sparse: CHOLMOD, or KLU when the matrix is not positive definite.
  case sparse
}

/// Factors symmetric systems with the chosen backend, and checks solutions.
public enum SymmetricSolver {
  /// Reciprocal condition estimates below this mean "singular": real networks measure
  /// 1e-4 to 1e-2 (case9241pegase 9e-5), an island with cancelling reactances about 1e-15.
  public static let singularityThreshold = 1e-12

  /// Orders up to this are factored densely in `.automatic` mode; larger ones sparsely.
  /// Below it, dense LAPACK is as fast and gives whole-matrix work (PTDF blocks) to BLAS.
  public static let denseLimit = 300

  /// Factors `matrix` (symmetric, both triangles stored): Cholesky first; if the
  /// matrix is not positive definite, a pivoting factorization.
  ///
  /// Dense (order ≤ ``denseLimit`` with `.automatic`, or `.dense`): LAPACK `dpotrf`, else
  /// `dsytrf`. Sparse: CHOLMOD (`cholmod_analyze`, `cholmod_factorize`) when every
  /// off-diagonal entry is ≤ 0 (KLU if CHOLMOD still finds it not positive definite); KLU
  /// directly when a diagonal entry is ≤ 0; otherwise CHOLMOD, with KLU computed alongside
  /// on a second thread (after it, with one thread) and kept if CHOLMOD reports the matrix
  /// indefinite.
  /// - Parameters:
  ///   - matrix: a square symmetric matrix, e.g. an island's reduced B (p.u.).
  ///   - backend: dense LAPACK, sparse SuiteSparse, or chosen by order (the default).
  ///   - parallelism: threads for trying two factorizations side by side;
  ///     the factorization kept is the same for every value.
  /// - Throws: ``LinearAlgebraError`` when the matrix is singular or nearly so
  ///   (reciprocal condition estimate below ``singularityThreshold``), too large, or a library fails.
  public static func factor(
    _ matrix: SparseMatrix, backend: LinearSolverBackend = .automatic, parallelism: Parallelism = .automatic
  ) throws(LinearAlgebraError) -> any SymmetricFactorization {
    try factor(matrix, backend: backend, parallelism: parallelism, ordering: { nil })
  }

  /// `ordering` gives a fill-reducing order for KLU when the matrix goes to it (computed
  /// ahead, see ``MinimumDegreeOrdering``); it is called only then.
  static func factor(
    _ matrix: SparseMatrix, backend: LinearSolverBackend, parallelism: Parallelism,
    ordering: @Sendable () -> MinimumDegreeOrdering.Result?
  ) throws(LinearAlgebraError) -> any SymmetricFactorization {
    precondition(matrix.rows == matrix.columns)
    switch backend {
    case .dense:
      return try DenseSymmetricFactorization(matrix.dense())
    case .automatic where matrix.rows <= denseLimit:
      return try DenseSymmetricFactorization(matrix.dense())
    case .sparse, .automatic:
      guard matrix.hasPositiveOffDiagonal else {
        // Every coupling negative (all series reactances positive): B is diagonally dominant
        // and, reduced by a reference, positive definite; CHOLMOD fails only on a singular island.
        do {
          return try CholmodFactorization(matrix)
        } catch .notPositiveDefinite {
          return try KLUFactorization(matrix)
        }
      }
      // A diagonal entry ≤ 0 (series capacitors outweighing a bus's other branches, as at 15
      // buses of case9241pegase) rules out positive definiteness at once.
      if matrix.hasNonPositiveDiagonal { return try KLUFactorization(matrix, ordering: ordering()) }
      // Otherwise series capacitors (x < 0) may still make B indefinite, which CHOLMOD reports
      // only after trying. The pivoting LU (an LDLᵀ without pivoting may break down) is computed
      // alongside when there is a second thread, and kept when CHOLMOD reports an indefinite matrix.
      typealias Attempt = Result<any SymmetricFactorization, LinearAlgebraError>
      let (cholesky, alongside) = parallelism.both(
        { () -> Attempt in
          do throws(LinearAlgebraError) { return .success(try CholmodFactorization(matrix)) } catch { return .failure(error) }
        },
        { () -> Attempt? in
          guard parallelism.threads > 1 else { return nil }
          do throws(LinearAlgebraError) { return .success(try KLUFactorization(matrix, ordering: ordering())) } catch {
            return .failure(error)
          }
        })
      switch cholesky {
      case .success(let factorization): return factorization
      case .failure(.notPositiveDefinite):
        if let alongside { return try alongside.get() }
        return try KLUFactorization(matrix, ordering: ordering())
      case .failure(let error): throw error
      }
    }
  }

  /// Solves `A·X = B` and verifies the residual, refining once when it is not at round-off level.
  /// Throws ``LinearAlgebraError/inaccurate(relativeResidual:)`` for a nearly singular system.
  ///
  /// With many right-hand sides the residual is checked on up to ``checkedColumns`` of them
  /// (first, last and evenly spaced): the backward error is a property of the factorization,
  /// and checking every column would cost as much as the solve itself.
  public static func solve(
    _ matrix: SparseMatrix, _ factorization: any SymmetricFactorization, rhs: [Double], columns: Int
  ) throws(LinearAlgebraError) -> [Double] {
    var x = rhs
    var original: [Double] = []
    try solveInPlace(matrix, factorization, rhs: &x, columns: columns, original: &original)
    return x
  }

  /// ``solve(_:_:rhs:columns:)`` in place: `rhs` becomes the solution. `original` is a
  /// working array the caller may keep between calls (it receives a copy of the right-hand
  /// sides, for the residual check).
  static func solveInPlace(
    _ matrix: SparseMatrix, _ factorization: any SymmetricFactorization, rhs x: inout [Double], columns: Int,
    original rhs: inout [Double]
  ) throws(LinearAlgebraError) {
    precondition(x.count == matrix.rows * columns)
    rhs.removeAll(keepingCapacity: true)
    rhs.append(contentsOf: x)
    factorization.solveInPlace(&x, columns: columns)
    let sample = sampledColumns(columns)
    var worst = relativeResidual(matrix, x, rhs, sample).worst
    if worst > 1e-12 {
      let all = Array(0..<columns)
      var correction = relativeResidual(matrix, x, rhs, all).vector
      factorization.solveInPlace(&correction, columns: columns)
      for i in x.indices { x[i] += correction[i] }
      worst = relativeResidual(matrix, x, rhs, sample).worst
    }
    if !(worst <= 1e-8) { throw .inaccurate(relativeResidual: worst) }
  }

  /// How many columns of a block are checked at most.
  public static let checkedColumns = 8

  static func sampledColumns(_ k: Int) -> [Int] {
    guard k > checkedColumns else { return Array(0..<k) }
    return (0..<checkedColumns).map { $0 * (k - 1) / (checkedColumns - 1) }
  }

  /// `r = b − A·x` for the given columns, stored one after another (so for all columns in order
  /// it is the full residual block), and the worst column's ‖r‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞).
  private static func relativeResidual(_ a: SparseMatrix, _ x: [Double], _ b: [Double], _ columns: [Int]) -> (
    vector: [Double], worst: Double
  ) {
    let n = a.rows
    var r = [Double](repeating: 0, count: n * columns.count)
    let normA = a.infinityNorm
    var worst = 0.0
    for (slot, c) in columns.enumerated() {
      let o = c * n, ro = slot * n
      for j in 0..<n {
        let xj = x[o + j]
        if xj == 0 { continue }
        for p in a.columnStarts[j]..<a.columnStarts[j + 1] { r[ro + a.rowIndices[p]] += a.values[p] * xj }
      }
      var rn = 0.0, xn = 0.0, bn = 0.0
      for i in 0..<n {
        r[ro + i] = b[o + i] - r[ro + i]
        rn = max(rn, abs(r[ro + i]))
        xn = max(xn, abs(x[o + i]))
        bn = max(bn, abs(b[o + i]))
      }
      let scale = normA * xn + bn
      let rel = scale > 0 ? rn / scale : rn
      if rel.isNaN { return (r, .infinity) }
      worst = max(worst, rel)
    }
    return (r, worst)
  }
}
