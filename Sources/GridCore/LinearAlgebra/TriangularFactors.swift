/// The triangular factors of a sparse factorization, taken out of the library that computed
/// them (KLU's `P·R⁻¹·A·Q = L·U`, CHOLMOD's `P·A·Pᵀ = L·D·Lᵀ` or `L·Lᵀ`), for solves of many
/// right-hand sides stored **row-major**: unknown i's values for every right-hand side
/// contiguous. Each step of a triangular solve is then one update of a whole row,
/// `x[i, :] −= l·x[j, :]`, a vector operation over the right-hand sides, with each factor
/// entry read once per block instead of once per column; and the solution comes out in the
/// layout that a pass over branches (flows `b·(x[f, :] − x[t, :])`) reads.
///
/// The forward solve skips the rows still zero: a right-hand side with a few entries (a
/// transfer between two buses) fills only the rows its entries reach in L.
///
/// The operations per column are those of the libraries' own solves (KLU's `klu_solve`:
/// scale, permute, unit-L forward, U backward dividing by the diagonal; CHOLMOD's simplicial
/// `cholmod_solve`), so results agree with them to round-off. Callers check residuals
/// (``SymmetricSolver/solveRowMajor(_:_:entries:solution:width:)``).
struct TriangularFactors: Sendable {
  enum Kind: Sendable {
    /// `P·R⁻¹·A·Q = L·U`, L unit lower, U upper (KLU).
    case lu
    /// `P·A·Pᵀ = L·D·Lᵀ`, L unit lower (CHOLMOD simplicial LDLᵀ).
    case ldlt
    /// `P·A·Pᵀ = L·Lᵀ` (CHOLMOD LLᵀ).
    case llt
  }

  let kind: Kind
  let order: Int
  /// The strictly lower part of L, compressed columns.
  let lowerStart: [Int]
  let lowerRow: [Int32]
  let lowerValue: [Double]
  /// The strictly upper part of U (``Kind/lu`` only), compressed columns.
  let upperStart: [Int]
  let upperRow: [Int32]
  let upperValue: [Double]
  /// U's diagonal (``Kind/lu``), D (``Kind/ldlt``) or L's diagonal (``Kind/llt``).
  let diagonal: [Double]
  /// Row k of the factored system is row `rowOrder[k]` of A.
  let rowOrder: [Int32]
  /// Unknown k of the factored system is unknown `columnOrder[k]` of A.
  let columnOrder: [Int32]
  /// Row `rowOrder[k]` of A is divided by `rowScale[k]` (KLU's R, in the factored order, as
  /// `klu_extract` returns it); empty: no scaling.
  let rowScale: [Double]

  /// Right-hand sides solved together in one sweep through the factors: as many as keep the
  /// working block (order × width doubles) within ``tileBytes``, a multiple of 4, 4 to 64.
  func tileWidth() -> Int {
    let fit = Self.tileBytes / (8 * max(1, order))
    return max(4, min(64, fit / 4 * 4))
  }

  /// The working block's size: about a core's L2 cache (2 MB measured best on case9241pegase,
  /// against 0.5, 1 and 4 MB).
  static let tileBytes = 2 << 20

  /// Solves `A·X = B` for `width` right-hand sides stored row-major: reads the first `order`
  /// rows of `b` and writes the solutions to the first `order` rows of `x`.
  ///
  /// The solve works in `x` itself, unknown k of the factored system in the row of
  /// `columnOrder[k]`, so no permuted copy is written back; a tile of up to ``tileWidth()``
  /// right-hand sides is solved at a time.
  func solve(_ b: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>, width: Int) {
    guard order > 0, width > 0 else { return }
    if UnsafePointer(x) == b {
      // In place (a refinement step): from a copy, since the rows are permuted.
      let copy = [Double](UnsafeBufferPointer(start: b, count: order * width))
      copy.withUnsafeBufferPointer { solve($0.baseAddress!, into: x, width: width) }
      return
    }
    sweep(x, width: width) { rows, first, count, touched in
      gather(b, width: width, first: first, count: count, into: rows, touched: touched)
    }
  }

  /// ``solve(_:into:width:)`` for right-hand sides given by their nonzero entries (row,
  /// column, value), which may repeat (they add up); `x` must hold zeros on entry. A transfer
  /// between two buses is two entries: nothing of the right-hand side is written or read but them.
  func solve(entries: [(row: Int, column: Int, value: Double)], into x: UnsafeMutablePointer<Double>, width: Int) {
    guard order > 0, width > 0 else { return }
    // Unknown i of A is row position[i] of the factored system (KLU's P⁻¹, CHOLMOD's Perm⁻¹).
    var position = [Int](repeating: 0, count: order)
    for k in 0..<order { position[Int(rowOrder[k])] = k }
    let byColumn = entries.sorted { $0.column < $1.column }
    var next = 0
    sweep(x, width: width) { rows, first, count, touched in
      for k in 0..<order { touched[k] = false }
      while next < byColumn.count, byColumn[next].column < first + count {
        let e = byColumn[next]
        let k = position[e.row]
        rows[k][e.column - first] += rowScale.isEmpty ? e.value : e.value / rowScale[k]
        touched[k] = true
        next += 1
      }
    }
  }

  /// The tiles of a solve: `load` fills the factored system's rows (`rows[k]` points into `x`,
  /// `count` values from column `first`) and marks the rows not all zero, then the forward
  /// and backward solves run on them.
  private func sweep(
    _ x: UnsafeMutablePointer<Double>, width: Int,
    load: (UnsafeMutablePointer<UnsafeMutablePointer<Double>>, Int, Int, UnsafeMutablePointer<Bool>) -> Void
  ) {
    let tile = min(tileWidth(), (width + 3) / 4 * 4)
    let rows = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: order)
    defer { rows.deallocate() }
    let touched = UnsafeMutablePointer<Bool>.allocate(capacity: order)
    defer { touched.deallocate() }
    for first in stride(from: 0, to: width, by: tile) {
      let count = min(tile, width - first)
      for k in 0..<order { rows[k] = x + Int(columnOrder[k]) * width + first }
      load(rows, first, count, touched)
      forward(rows, count: count, touched: touched)
      backward(rows, count: count)
    }
  }

  /// Row k of the factored system (`rows[k]`, `count` values) = `b[rowOrder[k], first...]`,
  /// divided by the row's scale as `klu_solve` does; `touched[k]`: the row is not all zero.
  private func gather(
    _ b: UnsafePointer<Double>, width: Int, first: Int, count: Int, into rows: UnsafeMutablePointer<UnsafeMutablePointer<Double>>,
    touched: UnsafeMutablePointer<Bool>
  ) {
    let whole = count / 4 * 4
    rowScale.withUnsafeBufferPointer { scale in
      for k in 0..<order {
        let source = b + Int(rowOrder[k]) * width + first, w = rows[k]
        var any = SIMD4<Double>.zero
        var c = 0
        if scale.isEmpty {
          while c < whole {
            let v = UnsafeRawPointer(source + c).loadUnaligned(as: SIMD4<Double>.self)
            any = any.replacing(with: 1, where: v .!= 0)
            UnsafeMutableRawPointer(w + c).storeBytes(of: v, as: SIMD4<Double>.self)
            c += 4
          }
        } else {
          let s = SIMD4<Double>(repeating: scale[k])
          while c < whole {
            let v = UnsafeRawPointer(source + c).loadUnaligned(as: SIMD4<Double>.self)
            any = any.replacing(with: 1, where: v .!= 0)
            UnsafeMutableRawPointer(w + c).storeBytes(of: v / s, as: SIMD4<Double>.self)
            c += 4
          }
        }
        var tail = false
        while c < count {
          w[c] = scale.isEmpty ? source[c] : source[c] / scale[k]
          tail = tail || source[c] != 0
          c += 1
        }
        touched[k] = tail || any != .zero
      }
    }
  }

  /// `L·y = w` in place, column by column, skipping the columns whose row is still zero.
  private func forward(_ rows: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, count: Int, touched: UnsafeMutablePointer<Bool>) {
    lowerRow.withUnsafeBufferPointer { lowerRows in
      lowerValue.withUnsafeBufferPointer { values in
        for j in 0..<order where touched[j] {
          let xj = rows[j]
          if kind == .llt { divide(xj, by: diagonal[j], count: count) }
          for p in lowerStart[j]..<lowerStart[j + 1] {
            let i = Int(lowerRows[p])
            axpy(-values[p], xj, rows[i], count: count)
            touched[i] = true
          }
        }
      }
    }
  }

  /// The backward solve: U (column by column, dividing by its diagonal first), or D then Lᵀ.
  private func backward(_ rows: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, count: Int) {
    switch kind {
    case .lu:
      upperRow.withUnsafeBufferPointer { upperRows in
        upperValue.withUnsafeBufferPointer { values in
          for k in stride(from: order - 1, through: 0, by: -1) {
            let xk = rows[k]
            divide(xk, by: diagonal[k], count: count)
            for p in upperStart[k]..<upperStart[k + 1] {
              axpy(-values[p], xk, rows[Int(upperRows[p])], count: count)
            }
          }
        }
      }
    case .ldlt, .llt:
      if kind == .ldlt {
        for j in 0..<order { divide(rows[j], by: diagonal[j], count: count) }
      }
      lowerRow.withUnsafeBufferPointer { lowerRows in
        lowerValue.withUnsafeBufferPointer { values in
          for j in stride(from: order - 1, through: 0, by: -1) {
            let xj = rows[j]
            for p in lowerStart[j]..<lowerStart[j + 1] {
              axpy(-values[p], rows[Int(lowerRows[p])], xj, count: count)
            }
            if kind == .llt { divide(xj, by: diagonal[j], count: count) }
          }
        }
      }
    }
  }

  /// `y += a·x` for `count` values.
  @inline(__always)
  private func axpy(_ a: Double, _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
    let av = SIMD4<Double>(repeating: a)
    var c = 0
    while c + 4 <= count {
      let xp = UnsafeRawPointer(x + c), yp = UnsafeMutableRawPointer(y + c)
      yp.storeBytes(of: yp.loadUnaligned(as: SIMD4<Double>.self) + av * xp.loadUnaligned(as: SIMD4<Double>.self), as: SIMD4<Double>.self)
      c += 4
    }
    while c < count {
      y[c] += a * x[c]
      c += 1
    }
  }

  /// `x /= d` for `count` values.
  @inline(__always)
  private func divide(_ x: UnsafeMutablePointer<Double>, by d: Double, count: Int) {
    let dv = SIMD4<Double>(repeating: d)
    var c = 0
    while c + 4 <= count {
      let p = UnsafeMutableRawPointer(x + c)
      p.storeBytes(of: p.loadUnaligned(as: SIMD4<Double>.self) / dv, as: SIMD4<Double>.self)
      c += 4
    }
    while c < count {
      x[c] /= d
      c += 1
    }
  }
}
