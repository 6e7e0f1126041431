import CGridCoreSuiteSparse
import Foundation

// The only Swift file that calls SuiteSparse. Like LAPACK.swift, it converts
// sizes to the libraries' 32-bit integers and maps their status codes to
// LinearAlgebraError; the rest of GridCore sees SymmetricFactorization only.

/// CHOLMOD Cholesky `A = L·Lᵀ` of a sparse symmetric positive definite matrix, with
/// CHOLMOD's fill-reducing ordering (AMD/METIS) and supernodal kernels on BLAS/LAPACK.
/// The corresponding C functions are `cholmod_analyze`, `cholmod_factorize`, `cholmod_solve`.
///
/// `@unchecked Sendable`: the factor is written only in `init` and only read afterwards
/// (`cholmod_solve` does not modify it); the one mutable piece shared between threads, the list
/// of spare `cholmod_common` workspaces, is touched only while `lock` is held, and each solve
/// uses a workspace no other thread holds.
final class CholmodFactorization: SymmetricFactorization, @unchecked Sendable {
  let order: Int
  var method: FactorizationMethod { .sparseCholesky }
  private let lock = NSLock()
  private var common = cholmod_common()
  private var factor: UnsafeMutablePointer<cholmod_factor>?
  /// A solve reads the factor only; its workspace lives in a `cholmod_common`, so concurrent
  /// solves (several blocks of hours at once) each take one of these.
  private var spareCommons: [UnsafeMutablePointer<cholmod_common>] = []
  /// The factors for row-major solves, taken out on first use (``triangularFactors()``).
  private var extracted: TriangularFactors?

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

extension CholmodFactorization: TriangularFactorsSource {
  /// True when CHOLMOD chose a supernodal factor (dense blocks of columns, for larger fill).
  var isSupernodal: Bool { factor?.pointee.is_super ?? 0 != 0 }

  /// L (and D) with the fill-reducing permutation, as ``TriangularFactors``, taken out once
  /// (under the lock) and kept. A supernodal factor is converted on a copy
  /// (`cholmod_copy_factor`, `cholmod_change_factor` to simplicial LLᵀ); the factor itself is
  /// never changed, so concurrent `cholmod_solve` calls are unaffected.
  func triangularFactors() -> TriangularFactors? {
    lock.lock()
    defer { lock.unlock() }
    if let extracted { return extracted }
    guard let factor else { return nil }
    var copy: UnsafeMutablePointer<cholmod_factor>? = nil
    defer { if copy != nil { cholmod_free_factor(&copy, &common) } }
    var simplicial = factor
    if factor.pointee.is_super != 0 {
      copy = cholmod_copy_factor(factor, &common)
      guard let copied = copy, cholmod_change_factor(Int32(CHOLMOD_REAL), 1, 0, 1, 1, copied, &common) != 0 else { return nil }
      simplicial = copied
    }
    let f = simplicial.pointee
    guard f.is_super == 0, let px = f.p, let ix = f.i, let xx = f.x, let nzx = f.nz, let permx = f.Perm else { return nil }
    let n = Int(f.n)
    let p = px.assumingMemoryBound(to: Int32.self), i = ix.assumingMemoryBound(to: Int32.self)
    let x = xx.assumingMemoryBound(to: Double.self), nz = nzx.assumingMemoryBound(to: Int32.self)
    let perm = permx.assumingMemoryBound(to: Int32.self)
    var start = [Int](repeating: 0, count: n + 1)
    var rows: [Int32] = [], values: [Double] = []
    var diagonal = [Double](repeating: 0, count: n)
    for j in 0..<n {
      // Column j: p[j] ..< p[j] + nz[j], its diagonal entry first (CHOLMOD keeps it there).
      let first = Int(p[j]), count = Int(nz[j])
      guard count > 0, Int(i[first]) == j else { return nil }
      diagonal[j] = x[first]
      for q in (first + 1)..<(first + count) {
        rows.append(i[q])
        values.append(x[q])
      }
      start[j + 1] = rows.count
    }
    let order = (0..<n).map { perm[$0] }
    extracted = TriangularFactors(
      kind: f.is_ll != 0 ? .llt : .ldlt, order: n, lowerStart: start, lowerRow: rows, lowerValue: values, upperStart: [],
      upperRow: [], upperValue: [], diagonal: diagonal, rowOrder: order, columnOrder: order, rowScale: [])
    return extracted
  }
}

/// KLU sparse LU with partial pivoting, for matrices that are not positive definite
/// (negative series reactances). The corresponding C functions are `klu_analyze`,
/// `klu_factor`, `klu_solve`.
///
/// `@unchecked Sendable`: the symbolic analysis and the kept matrix are written only in `init`
/// and only read afterwards; a numeric factorization holds `klu_solve`'s workspace, so each solve
/// takes one (the main one or a spare) out of the shared slots while `lock` is held, uses it
/// alone, and puts it back under the lock.
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
  /// The factors for row-major solves, taken out on first use (``triangularFactors()``).
  private var extracted: TriangularFactors?

  /// Throws ``LinearAlgebraError/singular(pivot:)`` (KLU status `KLU_SINGULAR`).
  /// `ordering`: a fill-reducing order of the rows and columns (from
  /// ``MinimumDegreeOrdering``, computed while something else ran); KLU computes it when nil.
  init(_ a: SparseMatrix, ordering: MinimumDegreeOrdering.Result? = nil) throws(LinearAlgebraError) {
    precondition(a.rows == a.columns && a.rows > 0)
    order = a.rows
    guard order < Int(Int32.max), a.nonzeroCount < Int(Int32.max) else { throw .tooLarge(order: order) }
    klu_defaults(&common)
    // B of one island is irreducible: the block triangular form would be one block.
    common.btf = 0
    columnStarts = a.columnStarts.map { Int32($0) }
    rowIndices = a.rowIndices.map { Int32($0) }
    values = a.values
    if let ordering, ordering.permutation.count == order {
      // KLU sizes L and U at first as 1.2·nnz(L) + n when it ordered the matrix with AMD
      // (AMD counts nnz(L)), but as 10·nnz(A) + n when given an ordering: 9 MB for
      // case9241pegase, whose factors take 0.9 MB. The same size from AMD's count here
      // (`initmem`·nnz(A) + n), never above KLU's own default (an island's count is bounded by
      // the whole network's). KLU grows the arrays if they fill; the factors are the same.
      common.initmem = min(common.initmem, max(1, 1.2 * Double(ordering.lowerNonzeros) / Double(max(a.nonzeroCount, 1))))
      // The same permutation for rows and columns, as KLU's own AMD ordering gives.
      var rowOrder = ordering.permutation
      var columnOrder = ordering.permutation
      symbolic = klu_analyze_given(Int32(order), &columnStarts, &rowIndices, &rowOrder, &columnOrder, &common)
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

extension KLUFactorization: TriangularFactorsSource {
  /// L, U, the permutations and the row scaling (`klu_extract`), as ``TriangularFactors``,
  /// taken out once (under the lock, from a numeric factorization no solve is using) and
  /// kept; nil when KLU split the matrix into blocks (never with `btf` off, as here).
  func triangularFactors() -> TriangularFactors? {
    lock.lock()
    defer { lock.unlock() }
    if let extracted { return extracted }
    guard let numeric = numeric ?? spareNumerics.last ?? nil, let symbolic, symbolic.pointee.nblocks == 1 else { return nil }
    let n = order
    let lnz = Int(numeric.pointee.lnz), unz = Int(numeric.pointee.unz), nzoff = Int(numeric.pointee.nzoff)
    var lp = [Int32](repeating: 0, count: n + 1), li = [Int32](repeating: 0, count: lnz), lx = [Double](repeating: 0, count: lnz)
    var up = [Int32](repeating: 0, count: n + 1), ui = [Int32](repeating: 0, count: unz), ux = [Double](repeating: 0, count: unz)
    var fp = [Int32](repeating: 0, count: n + 1), fi = [Int32](repeating: 0, count: max(1, nzoff))
    var fx = [Double](repeating: 0, count: max(1, nzoff))
    var p = [Int32](repeating: 0, count: n), q = [Int32](repeating: 0, count: n), rs = [Double](repeating: 1, count: n)
    var r = [Int32](repeating: 0, count: 2)
    var extractCommon = klu_common()
    klu_defaults(&extractCommon)
    guard klu_extract(numeric, symbolic, &lp, &li, &lx, &up, &ui, &ux, &fp, &fi, &fx, &p, &q, &rs, &r, &extractCommon) != 0 else {
      return nil
    }
    // L: drop the unit diagonal; U: keep the diagonal apart.
    var lowerStart = [Int](repeating: 0, count: n + 1), lowerRow: [Int32] = [], lowerValue: [Double] = []
    var upperStart = [Int](repeating: 0, count: n + 1), upperRow: [Int32] = [], upperValue: [Double] = []
    var diagonal = [Double](repeating: 0, count: n)
    lowerRow.reserveCapacity(lnz)
    lowerValue.reserveCapacity(lnz)
    upperRow.reserveCapacity(unz)
    upperValue.reserveCapacity(unz)
    for j in 0..<n {
      for k in Int(lp[j])..<Int(lp[j + 1]) where Int(li[k]) != j {
        lowerRow.append(li[k])
        lowerValue.append(lx[k])
      }
      lowerStart[j + 1] = lowerRow.count
      for k in Int(up[j])..<Int(up[j + 1]) {
        if Int(ui[k]) == j {
          diagonal[j] = ux[k]
        } else {
          upperRow.append(ui[k])
          upperValue.append(ux[k])
        }
      }
      upperStart[j + 1] = upperRow.count
    }
    extracted = TriangularFactors(
      kind: .lu, order: n, lowerStart: lowerStart, lowerRow: lowerRow, lowerValue: lowerValue, upperStart: upperStart,
      upperRow: upperRow, upperValue: upperValue, diagonal: diagonal, rowOrder: p, columnOrder: q,
      rowScale: numeric.pointee.Rs == nil ? [] : rs)
    return extracted
  }
}

/// AMD, the fill-reducing ordering KLU applies to a symmetric pattern (`amd_order`), as a
/// step of its own: the DC model computes it on another core while it builds B.
enum MinimumDegreeOrdering {
  /// An order and what it leaves to factor.
  struct Result: Sendable {
    /// A permutation of the nodes: `permutation[k]` is eliminated k-th.
    let permutation: [Int32]
    /// AMD's count of the entries of L below the diagonal (`Info[AMD_LNZ]`) for this order.
    let lowerNonzeros: Int
  }

  /// The order for the graph with these edges (either direction, repeats allowed); nil when
  /// AMD reports an error.
  static func order(nodeCount: Int, edges: [(Int, Int)]) -> Result? {
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
    var info = [Double](repeating: 0, count: Int(AMD_INFO))
    let status = amd_order(Int32(nodeCount), columnStarts, rowIndices, &permutation, nil, &info)
    guard status == AMD_OK || status == AMD_OK_BUT_JUMBLED else { return nil }
    let lower = info[Int(AMD_LNZ)]
    return Result(permutation: permutation, lowerNonzeros: lower.isFinite && lower >= 0 ? Int(min(lower, 1e15)) : 0)
  }
}
