import CSuiteSparse
import Foundation

// The only Swift file that calls SuiteSparse. Like LAPACK.swift, it converts
// sizes to the libraries' 32-bit integers and maps their status codes to
// LinearAlgebraError; the rest of GridCore sees SymmetricFactorization only.

/// CHOLMOD Cholesky `A = L·Lᵀ` of a sparse symmetric positive definite matrix, with
/// CHOLMOD's fill-reducing ordering (AMD/METIS) and supernodal kernels on BLAS/LAPACK.
/// The corresponding C functions are `cholmod_analyze`, `cholmod_factorize`, `cholmod_solve`.
// @unchecked Sendable is safe: the factor and `common` are written only while the object is
// built (and freed in deinit); solves read the factor and take a private workspace from
// `spareCommons`, which is only touched while `lock` is held.
final class CholmodFactorization: SymmetricFactorization, @unchecked Sendable {
  let order: Int
  var method: FactorizationMethod { .sparseCholesky }
  private let lock = NSLock()
  private var common = cholmod_common()
  private var factor: UnsafeMutablePointer<cholmod_factor>?
  /// A solve reads the factor only; its workspace lives in a `cholmod_common`, so concurrent
  /// solves (several blocks of hours at once) each take one of these.
  private var spareCommons: [UnsafeMutablePointer<cholmod_common>] = []

  /// Throws ``LinearAlgebraError/notPositiveDefinite(order:)`` (CHOLMOD status `CHOLMOD_NOT_POSDEF`).
  init(_ a: SparseMatrix) throws(LinearAlgebraError) {
    precondition(a.rows == a.columns && a.rows > 0)
    order = a.rows
    guard order < Int(Int32.max), a.nonzeroCount < Int(Int32.max) else { throw .tooLarge(order: order) }
    cholmod_start(&common)
    // Warnings such as "not positive definite" are answered by the fallback; never print them.
    common.print = 0
    guard let matrix = cholmod_allocate_sparse(order, order, a.nonzeroCount, 1, 1, -1, CHOLMOD_REAL, &common) else {
      cholmod_finish(&common)
      throw .backendFailure("CHOLMOD could not allocate a \(order)×\(order) matrix")
    }
    var sparse: UnsafeMutablePointer<cholmod_sparse>? = matrix
    defer { cholmod_free_sparse(&sparse, &common) }
    let p = matrix.pointee.p.assumingMemoryBound(to: Int32.self)
    let i = matrix.pointee.i.assumingMemoryBound(to: Int32.self)
    let x = matrix.pointee.x.assumingMemoryBound(to: Double.self)
    for j in 0...order { p[j] = Int32(a.columnStarts[j]) }
    for k in 0..<a.nonzeroCount {
      i[k] = Int32(a.rowIndices[k])
      x[k] = a.values[k]
    }
    factor = cholmod_analyze(matrix, &common)
    guard let factor else {
      cholmod_finish(&common)
      throw .backendFailure("cholmod_analyze failed (status \(common.status))")
    }
    cholmod_factorize(matrix, factor, &common)
    if common.status == CHOLMOD_NOT_POSDEF || factor.pointee.minor < order || !Self.simplicialDiagonalIsPositive(factor) {
      let minor = Int(min(factor.pointee.minor, order - 1))
      cholmod_free_factor(&self.factor, &common)
      cholmod_finish(&common)
      throw .notPositiveDefinite(order: minor + 1)
    }
    if common.status >= CHOLMOD_OK {
      let rcond = cholmod_rcond(factor, &common)
      if !(rcond >= SymmetricSolver.singularityThreshold) {
        cholmod_free_factor(&self.factor, &common)
        cholmod_finish(&common)
        throw .nearlySingular(reciprocalCondition: rcond)
      }
    }
    if common.status < CHOLMOD_OK {
      cholmod_free_factor(&self.factor, &common)
      cholmod_finish(&common)
      throw .backendFailure("cholmod_factorize failed (status \(common.status))")
    }
  }

  deinit {
    for c in spareCommons {
      cholmod_finish(c)
      c.deallocate()
    }
    cholmod_free_factor(&factor, &common)
    cholmod_finish(&common)
  }

  /// For small, very sparse matrices CHOLMOD picks a simplicial LDLᵀ, which accepts an
  /// indefinite matrix without pivoting (and may lose accuracy). A positive definite
  /// matrix has every D(j,j) > 0, so anything else is sent to the pivoting fallback.
  private static func simplicialDiagonalIsPositive(_ factor: UnsafeMutablePointer<cholmod_factor>) -> Bool {
    let f = factor.pointee
    guard f.is_super == 0, f.is_ll == 0, let px = f.p, let xx = f.x else { return true }
    let p = px.assumingMemoryBound(to: Int32.self)
    let x = xx.assumingMemoryBound(to: Double.self)
    for j in 0..<Int(f.n) {
      let d = x[Int(p[j])]
      if !(d > 0) || !d.isFinite { return false }
    }
    return true
  }

  func solveInPlace(_ rhs: inout [Double], columns: Int) {
    precondition(rhs.count == order * columns)
    guard columns > 0 else { return }
    lock.lock()
    let workspace: UnsafeMutablePointer<cholmod_common>
    if let spare = spareCommons.popLast() {
      workspace = spare
    } else {
      workspace = .allocate(capacity: 1)
      cholmod_start(workspace)
      workspace.pointee.print = 0
    }
    lock.unlock()
    defer {
      lock.lock()
      spareCommons.append(workspace)
      lock.unlock()
    }
    rhs.withUnsafeMutableBufferPointer { buffer in
      var b = cholmod_dense(
        nrow: order, ncol: columns, nzmax: order * columns, d: order, x: UnsafeMutableRawPointer(buffer.baseAddress),
        z: nil, xtype: CHOLMOD_REAL, dtype: CHOLMOD_DOUBLE)
      var solution = cholmod_solve(CHOLMOD_A, factor, &b, workspace)
      guard let result = solution else { preconditionFailure("cholmod_solve failed (status \(workspace.pointee.status))") }
      let values = result.pointee.x.assumingMemoryBound(to: Double.self)
      for k in 0..<(order * columns) { buffer[k] = values[k] }
      cholmod_free_dense(&solution, workspace)
    }
  }
}

/// KLU sparse LU with partial pivoting, for matrices that are not positive definite
/// (negative series reactances). The corresponding C functions are `klu_analyze`,
/// `klu_factor`, `klu_solve`.
// @unchecked Sendable is safe: the symbolic analysis and the kept matrix are written only
// while the object is built; a solve owns the numeric factorization it uses (taken from
// `numeric` or `spareNumerics`, or computed afresh), and those two are only touched while
// `lock` is held.
final class KLUFactorization: SymmetricFactorization, @unchecked Sendable {
  let order: Int
  var method: FactorizationMethod { .sparseLU }
  private let lock = NSLock()
  private var common = klu_common()
  private var symbolic: UnsafeMutablePointer<klu_symbolic>?
  private var numeric: UnsafeMutablePointer<klu_numeric>?
  /// `klu_solve` uses workspace inside the numeric factorization, so a concurrent solve
  /// takes its own copy (the same factorization, computed again from the kept matrix).
  private var spareNumerics: [UnsafeMutablePointer<klu_numeric>?] = []
  private var columnStarts: [Int32] = []
  private var rowIndices: [Int32] = []
  private var values: [Double] = []

  /// Throws ``LinearAlgebraError/singular(pivot:)`` (KLU status `KLU_SINGULAR`).
  /// `ordering`: a fill-reducing order of the rows and columns (from
  /// ``MinimumDegreeOrdering``, computed while something else ran); KLU computes it when nil.
  init(_ a: SparseMatrix, ordering: [Int32]? = nil) throws(LinearAlgebraError) {
    precondition(a.rows == a.columns && a.rows > 0)
    order = a.rows
    guard order < Int(Int32.max), a.nonzeroCount < Int(Int32.max) else { throw .tooLarge(order: order) }
    klu_defaults(&common)
    // B of one island is irreducible: the block triangular form would be one block.
    common.btf = 0
    columnStarts = a.columnStarts.map { Int32($0) }
    rowIndices = a.rowIndices.map { Int32($0) }
    values = a.values
    if var ordering, ordering.count == order {
      // The same permutation for rows and columns, as KLU's own AMD ordering gives.
      var columnOrder = ordering
      symbolic = klu_analyze_given(Int32(order), &columnStarts, &rowIndices, &ordering, &columnOrder, &common)
    } else {
      symbolic = klu_analyze(Int32(order), &columnStarts, &rowIndices, &common)
    }
    guard symbolic != nil else { throw .backendFailure("klu_analyze failed (status \(common.status))") }
    numeric = klu_factor(&columnStarts, &rowIndices, &values, symbolic, &common)
    if numeric != nil {
      klu_rcond(symbolic, numeric, &common)
      if !(common.rcond >= SymmetricSolver.singularityThreshold) {
        let rcond = common.rcond
        klu_free_numeric(&numeric, &common)
        klu_free_symbolic(&symbolic, &common)
        throw .nearlySingular(reciprocalCondition: rcond)
      }
    }
    if numeric == nil {
      let status = common.status
      klu_free_symbolic(&symbolic, &common)
      if status == KLU_SINGULAR { throw .singular(pivot: Int(common.singular_col) + 1) }
      throw .backendFailure("klu_factor failed (status \(status))")
    }
  }

  deinit {
    for var spare in spareNumerics { klu_free_numeric(&spare, &common) }
    klu_free_numeric(&numeric, &common)
    klu_free_symbolic(&symbolic, &common)
  }

  func solveInPlace(_ rhs: inout [Double], columns: Int) {
    precondition(rhs.count == order * columns)
    guard columns > 0 else { return }
    lock.lock()
    var mine: UnsafeMutablePointer<klu_numeric>?
    if numeric != nil {
      swap(&mine, &numeric)
    } else if let spare = spareNumerics.popLast() {
      mine = spare
    } else {
      mine = klu_factor(&columnStarts, &rowIndices, &values, symbolic, &common)
      precondition(mine != nil, "klu_factor failed again (status \(common.status))")
    }
    lock.unlock()
    var solveCommon = klu_common()
    klu_defaults(&solveCommon)
    let ok = klu_solve(symbolic, mine, Int32(order), Int32(columns), &rhs, &solveCommon)
    precondition(ok != 0, "klu_solve failed (status \(solveCommon.status))")
    lock.lock()
    if numeric == nil { swap(&mine, &numeric) } else { spareNumerics.append(mine) }
    lock.unlock()
  }
}

/// AMD, the fill-reducing ordering KLU applies to a symmetric pattern (`amd_order`), as a
/// step of its own: the DC model computes it on another core while it builds B.
enum MinimumDegreeOrdering {
  /// The order (a permutation of `0..<nodeCount`) for the graph with these edges (either
  /// direction, repeats allowed); nil when AMD reports an error.
  static func order(nodeCount: Int, edges: [(Int, Int)]) -> [Int32]? {
    guard nodeCount > 0, nodeCount < Int(Int32.max), 2 * edges.count < Int(Int32.max) else { return nil }
    // Both triangles, by a counting sort on the column (the rows within a column unsorted:
    // AMD sorts them itself).
    var columnStarts = [Int32](repeating: 0, count: nodeCount + 1)
    for (a, b) in edges {
      columnStarts[a + 1] += 1
      columnStarts[b + 1] += 1
    }
    for j in 0..<nodeCount { columnStarts[j + 1] += columnStarts[j] }
    var next = Array(columnStarts.dropLast())
    var rowIndices = [Int32](repeating: 0, count: 2 * edges.count)
    for (a, b) in edges {
      rowIndices[Int(next[a])] = Int32(b)
      next[a] += 1
      rowIndices[Int(next[b])] = Int32(a)
      next[b] += 1
    }
    var permutation = [Int32](repeating: 0, count: nodeCount)
    let status = amd_order(Int32(nodeCount), columnStarts, rowIndices, &permutation, nil, nil)
    return status == AMD_OK || status == AMD_OK_BUT_JUMBLED ? permutation : nil
  }
}
