/// The dense inner loops of the N-1 screens: post-contingency flows and loadings of one
/// monitored branch over a contiguous row of outages or hours, with the running maxima the
/// screens keep, on vectors of 4 doubles (the compiler maps them to the machine's SIMD
/// registers). Nothing here allocates; the caller owns the buffers, which must not overlap.
///
/// These loops are where an N-1 screen spends its arithmetic: monitored × outages numbers for
/// one operating point, monitored × outages × hours for a year. Each is one pass over
/// contiguous memory that fuses `f_post = f + LODF·f_k`, the loading and the maxima, so the
/// post-contingency flows are never written to memory and read back (which is why the
/// rank-one updates `F + LODF[:, k]·F[k, :]` are not handed to BLAS: `dger` or `dgemm`
/// would write the matrix that the maxima then read again).
enum LoadingKernel {
  typealias Vector = SIMD4<Double>

  @inline(__always)
  static func load(_ p: UnsafePointer<Double>) -> Vector { UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }

  @inline(__always)
  static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self) }

  /// `|v|`, clearing the sign bits (exactly `abs` for every lane, −0 included).
  @inline(__always)
  static func magnitude(_ v: Vector) -> Vector {
    unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: Vector.self)
  }

  /// Lane-wise maximum (the standard library's `pointwiseMax` is not inlined).
  @inline(__always)
  static func maximum(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: b, where: b .> a) }

  /// Post-contingency flows of one branch for a row of outages, MW:
  /// `post[e] = base + ((scale[e]·b)·(xFrom[e] − xTo[e]))·driverFlow[e]`, the expression
  /// (and so the rounding) of ``OutageKernel/postFlows(_:block:base:injections:into:)``:
  /// `scale·b·(x_f − x_t)` is the outage factor, `driverFlow` the outaged branch's flow.
  static func postFlows(
    base: Double, susceptance b: Double, from xFrom: UnsafePointer<Double>, to xTo: UnsafePointer<Double>,
    scale: UnsafePointer<Double>, driverFlow: UnsafePointer<Double>, count: Int, into post: UnsafeMutablePointer<Double>
  ) {
    let baseV = Vector(repeating: base), bV = Vector(repeating: b)
    var e = 0
    while e + 4 <= count {
      let factor = (load(scale + e) * bV) * (load(xFrom + e) - load(xTo + e))
      store(baseV + factor * load(driverFlow + e), post + e)
      e += 4
    }
    while e < count {
      post[e] = base + (scale[e] * b) * (xFrom[e] - xTo[e]) * driverFlow[e]
      e += 1
    }
  }

  /// Loadings of one branch for a row of outages, `100·|post[e]|/rating` % (the screens'
  /// expression), written to `loading`; raises `columnMax[e]` to them, recording `row` in
  /// `columnRow[e]` where one is strictly higher (so the first row of a tie stays). Returns
  /// the largest loading of the row (−1 for an empty row).
  static func loadings(
    post: UnsafePointer<Double>, rating: Double, count: Int, into loading: UnsafeMutablePointer<Double>,
    columnMax: UnsafeMutablePointer<Double>, columnRow: UnsafeMutablePointer<Int64>, row: Int
  ) -> Double {
    let ratingV = Vector(repeating: rating), hundred = Vector(repeating: 100), rowV = SIMD4<Int64>(repeating: Int64(row))
    var rowMax = Vector(repeating: -1)
    var e = 0
    while e + 4 <= count {
      let a = hundred * magnitude(load(post + e)) / ratingV
      store(a, loading + e)
      let current = load(columnMax + e)
      let higher = a .> current
      store(current.replacing(with: a, where: higher), columnMax + e)
      let rows = UnsafeRawPointer(columnRow + e).loadUnaligned(as: SIMD4<Int64>.self)
      UnsafeMutableRawPointer(columnRow + e).storeBytes(of: rows.replacing(with: rowV, where: higher), as: SIMD4<Int64>.self)
      rowMax = maximum(rowMax, a)
      e += 4
    }
    var result = rowMax.max()
    while e < count {
      let a = 100 * abs(post[e]) / rating
      loading[e] = a
      if a > columnMax[e] {
        columnMax[e] = a
        columnRow[e] = Int64(row)
      }
      result = max(result, a)
      e += 1
    }
    return result
  }

  /// The year screen's loop: for one monitored branch and one outage over a row of hours,
  /// `|flow[h] + factor·driver[h]|·inverseRating` (% when `inverseRating` = 100/rating),
  /// written to `loading[h]` and raising `hourMax[h]`; returns the row's largest value (−1 for
  /// an empty row).
  ///
  /// `flow + factor·driver` is the post-contingency flow exactly as
  /// ``OutageKernel/postFlows(_:block:base:injections:into:)`` rounds it; the loading is a
  /// product with the reciprocal rating rather than a quotient (a division costs several
  /// times a product here), within 4 ulp of `100·|post|/rating`: callers compare these
  /// values with a margin and recompute the exact quotient for what they record.
  static func hourLoadings(
    flow: UnsafePointer<Double>, driver: UnsafePointer<Double>, factor: Double, inverseRating: Double, count: Int,
    into loading: UnsafeMutablePointer<Double>, hourMax: UnsafeMutablePointer<Double>
  ) -> Double {
    let factorV = Vector(repeating: factor), inverseV = Vector(repeating: inverseRating)
    var rowMax = Vector(repeating: -1)
    var h = 0
    while h + 4 <= count {
      let a = magnitude(load(flow + h) + factorV * load(driver + h)) * inverseV
      store(a, loading + h)
      store(maximum(load(hourMax + h), a), hourMax + h)
      rowMax = maximum(rowMax, a)
      h += 4
    }
    var result = rowMax.max()
    while h < count {
      let a = abs(flow[h] + factor * driver[h]) * inverseRating
      loading[h] = a
      hourMax[h] = max(hourMax[h], a)
      result = max(result, a)
      h += 1
    }
    return result
  }

  /// The rows worth a pass for one outage over a tile of hours: `r` is appended to `live`
  /// (ascending) unless `(flowBound[r] + |factor[r]|·driverBound)·inverseRating[r]`, a bound on
  /// every post-contingency loading of the row in the tile (`|f + LODF·f_k| ≤ max|f| +
  /// |LODF|·max|f_k|`), is below both `floor[r]` and `cap`. A row with `inverseRating` NaN is
  /// never live.
  static func liveRows(
    factor: UnsafePointer<Double>, flowBound: UnsafePointer<Double>, inverseRating: UnsafePointer<Double>,
    floor: UnsafePointer<Double>, cap: Double, driverBound: Double, count: Int, into live: inout [Int32]
  ) {
    let driverV = Vector(repeating: driverBound), capV = Vector(repeating: cap)
    var r = 0
    while r + 4 <= count {
      let bound = (load(flowBound + r) + magnitude(load(factor + r)) * driverV) * load(inverseRating + r)
      let reach = (bound .>= load(floor + r)) .| (bound .>= capV)
      if any(reach) {
        for lane in 0..<4 where reach[lane] { live.append(Int32(r + lane)) }
      }
      r += 4
    }
    while r < count {
      let bound = (flowBound[r] + abs(factor[r]) * driverBound) * inverseRating[r]
      if bound >= floor[r] || bound >= cap { live.append(Int32(r)) }
      r += 1
    }
  }
}
