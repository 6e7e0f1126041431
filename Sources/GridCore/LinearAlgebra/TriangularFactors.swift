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
/// (``SymmetricSolver/solveRowMajor(_:_:rhs:width:)``).
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

  /// Overwrites the first `order` rows of `x` (row-major, `width` values per row) with the
  /// solutions of `A·X = X`.
  func solve(_ x: UnsafeMutablePointer<Double>, width: Int) {
    guard order > 0, width > 0 else { return }
    let tile = min(tileWidth(), (width + 3) / 4 * 4)
    let work = UnsafeMutablePointer<Double>.allocate(capacity: order * tile)
    defer { work.deallocate() }
    let touched = UnsafeMutablePointer<Bool>.allocate(capacity: order)
    defer { touched.deallocate() }
    for first in stride(from: 0, to: width, by: tile) {
      let count = min(tile, width - first)
      gather(x, width: width, first: first, count: count, into: work, tile: tile, touched: touched)
      forward(work, tile: tile, touched: touched)
      backward(work, tile: tile)
      let whole = count / 4 * 4
      for k in 0..<order {
        let row = x + Int(columnOrder[k]) * width + first, w = work + k * tile
        var c = 0
        while c < whole {
          UnsafeMutableRawPointer(row + c).storeBytes(of: UnsafeRawPointer(w + c).loadUnaligned(as: SIMD4<Double>.self), as: SIMD4<Double>.self)
          c += 4
        }
        while c < count {
          row[c] = w[c]
          c += 1
        }
      }
    }
  }

  /// `work[k, :] = x[rowOrder[k], first..<first+count]` (scaled), zero-padded to `tile`;
  /// `touched[k]`: the row is not all zero.
  private func gather(
    _ x: UnsafeMutablePointer<Double>, width: Int, first: Int, count: Int, into work: UnsafeMutablePointer<Double>, tile: Int,
    touched: UnsafeMutablePointer<Bool>
  ) {
    let whole = count / 4 * 4
    rowScale.withUnsafeBufferPointer { scale in
      for k in 0..<order {
        let row = x + Int(rowOrder[k]) * width + first, w = work + k * tile
        let s = SIMD4<Double>(repeating: scale.isEmpty ? 1 : scale[k])
        var any = SIMD4<Double>.zero
        var c = 0
        while c < whole {
          let v = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD4<Double>.self)
          any = any.replacing(with: 1, where: v .!= 0)
          // x / 1 is x: without scaling the copy is exact.
          UnsafeMutableRawPointer(w + c).storeBytes(of: v / s, as: SIMD4<Double>.self)
          c += 4
        }
        var tail = false
        while c < count {
          w[c] = row[c] / s[0]
          tail = tail || row[c] != 0
          c += 1
        }
        while c < tile {
          w[c] = 0
          c += 1
        }
        touched[k] = tail || any != .zero
      }
    }
  }

  /// `L·y = w` in place, column by column, skipping the columns whose row is still zero.
  private func forward(_ work: UnsafeMutablePointer<Double>, tile: Int, touched: UnsafeMutablePointer<Bool>) {
    let vectors = tile / 4
    lowerRow.withUnsafeBufferPointer { rows in
      lowerValue.withUnsafeBufferPointer { values in
        for j in 0..<order where touched[j] {
          let xj = work + j * tile
          if kind == .llt { divide(xj, by: diagonal[j], vectors: vectors) }
          for p in lowerStart[j]..<lowerStart[j + 1] {
            let i = Int(rows[p])
            axpy(-values[p], xj, work + i * tile, vectors: vectors)
            touched[i] = true
          }
        }
      }
    }
  }

  /// The backward solve: U (column by column, dividing by its diagonal first), or D then Lᵀ.
  private func backward(_ work: UnsafeMutablePointer<Double>, tile: Int) {
    let vectors = tile / 4
    switch kind {
    case .lu:
      upperRow.withUnsafeBufferPointer { rows in
        upperValue.withUnsafeBufferPointer { values in
          for k in stride(from: order - 1, through: 0, by: -1) {
            let xk = work + k * tile
            divide(xk, by: diagonal[k], vectors: vectors)
            for p in upperStart[k]..<upperStart[k + 1] {
              axpy(-values[p], xk, work + Int(rows[p]) * tile, vectors: vectors)
            }
          }
        }
      }
    case .ldlt, .llt:
      if kind == .ldlt {
        for j in 0..<order { divide(work + j * tile, by: diagonal[j], vectors: vectors) }
      }
      lowerRow.withUnsafeBufferPointer { rows in
        lowerValue.withUnsafeBufferPointer { values in
          for j in stride(from: order - 1, through: 0, by: -1) {
            let xj = work + j * tile
            for p in lowerStart[j]..<lowerStart[j + 1] {
              axpy(-values[p], work + Int(rows[p]) * tile, xj, vectors: vectors)
            }
            if kind == .llt { divide(xj, by: diagonal[j], vectors: vectors) }
          }
        }
      }
    }
  }

  /// `y += a·x` over `vectors` groups of 4.
  @inline(__always)
  private func axpy(_ a: Double, _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, vectors: Int) {
    let av = SIMD4<Double>(repeating: a)
    for v in 0..<vectors {
      let xp = UnsafeRawPointer(x + 4 * v), yp = UnsafeMutableRawPointer(y + 4 * v)
      yp.storeBytes(of: yp.loadUnaligned(as: SIMD4<Double>.self) + av * xp.loadUnaligned(as: SIMD4<Double>.self), as: SIMD4<Double>.self)
    }
  }

  @inline(__always)
  private func divide(_ x: UnsafeMutablePointer<Double>, by d: Double, vectors: Int) {
    let dv = SIMD4<Double>(repeating: d)
    for v in 0..<vectors {
      let p = UnsafeMutableRawPointer(x + 4 * v)
      p.storeBytes(of: p.loadUnaligned(as: SIMD4<Double>.self) / dv, as: SIMD4<Double>.self)
    }
  }
}
