import Foundation

/// Transformers of a RAW file as branches, exactly as MATPOWER's `psse_convert_xfmr` makes them.
///
/// Two windings, from I to J: `TAP = WINDV1 / WINDV2`, times `BASKV(J) / BASKV(I)` when the
/// ratios are in kV (CW = 2) and also times `NOMV1 / NOMV2` when they are per unit of the
/// winding voltages (CW = 3); `SHIFT = ANG1`. Impedances in per unit of the system base
/// (CZ = 1) are kept; on the winding base (CZ = 2) they are scaled by
/// `(NOMV1² / SBASE1-2) / (BASKV(I)² / SBASE)`; as load loss and impedance magnitude
/// (CZ = 3) `R = 10⁻⁶ · loss W / SBASE1-2` and `X = √(|Z|² − R²)` first, then the same scaling.
///
/// Three windings become a star: a new bus (numbered from the next power of ten above the
/// highest bus number, as MATPOWER numbers it) and one branch from each winding's bus to it,
/// with `Z1 = (Z12 + Z31 − Z23) / 2` and its permutations, each winding's impedance scaled
/// to the base of its own bus, `TAPk = WINDVk` (divided by `BASKV(k)` for CW = 2 and 3, times
/// `NOMVk` for CW = 3) and `SHIFTk = ANGk`.
///
/// Departure from MATPOWER, where it would give no usable number: a winding voltage NOMV of 0
/// (PSS/E's "the bus base voltage") is the bus base voltage here; MATPOWER divides by it.
struct PSSERawTransformerConversion {
  let data: PSSERawCase

  /// Branches of the two-winding transformers, in file order.
  func twoWinding(_ t: PSSERawCase.Transformer) throws(ParseError) -> Branch {
    let (i, j) = (t.buses[0], t.buses[1])
    let (w1, w2) = (t.windings[0], t.windings[1])
    let (r, x) = try impedance(t, 0, bus: i, nominalKV: nominal(w1, bus: i))
    let kvI = data.buses[i].baseKV, kvJ = data.buses[j].baseKV
    var tap = w1.ratio / w2.ratio
    if t.cw != 1 { tap = tap * kvJ / kvI }
    if t.cw == 3 { tap = tap * nominal(w1, bus: i) / nominal(w2, bus: j) }
    try check(tap, "the tap ratio", t, w1.source, hint: twoWindingTapHint(t, kvI: kvI, kvJ: kvJ))
    return Branch(
      from: BusID(data.buses[i].number), to: BusID(data.buses[j].number), resistancePU: r, reactancePU: x,
      ratingMW: w1.rates.0, shortTermRatingMW: w1.rates.1, emergencyRatingMW: w1.rates.2, tapRatio: tap,
      phaseShiftDeg: w1.angle, inService: t.status != 0, name: name(t), kind: .transformer, source: t.source)
  }

  private func twoWindingTapHint(_ t: PSSERawCase.Transformer, kvI: Double, kvJ: Double) -> String {
    if t.windings[1].ratio == 0 { return "WINDV2 is 0" }
    if t.cw != 1, kvI == 0 || kvJ == 0 { return "CW = \(t.cw) needs the base voltages (BASKV) of both buses" }
    return "check WINDV1, WINDV2 and NOMV1, NOMV2"
  }

  /// The three branches of a three-winding transformer to its star bus `star`.
  func threeWinding(_ t: PSSERawCase.Transformer, star: BusID) throws(ParseError) -> [Branch] {
    var z: [(r: Double, x: Double)] = []
    for w in 0..<3 {
      z.append(try impedance(t, w, bus: t.buses[w], nominalKV: nominal(t.windings[w], bus: t.buses[w])))
    }
    let (z12, z23, z31) = (z[0], z[1], z[2])
    let star3: [(r: Double, x: Double)] = [
      ((z12.r + z31.r - z23.r) / 2, (z12.x + z31.x - z23.x) / 2),
      ((z12.r + z23.r - z31.r) / 2, (z12.x + z23.x - z31.x) / 2),
      ((z31.r + z23.r - z12.r) / 2, (z31.x + z23.x - z12.x) / 2),
    ]
    // STAT 2, 3, 4: only winding 2, 3, 1 out of service; 0: all out.
    let windingOut = [t.status == 0 || t.status == 4, t.status == 0 || t.status == 2, t.status == 0 || t.status == 3]
    var branches: [Branch] = []
    for w in 0..<3 {
      let winding = t.windings[w], bus = t.buses[w]
      let kv = data.buses[bus].baseKV
      var tap = winding.ratio
      if t.cw != 1 { tap = tap / kv }
      if t.cw == 3 { tap = tap * nominal(winding, bus: bus) }
      try check(tap, "the tap ratio of winding \(w + 1)", t, winding.source,
        hint: winding.ratio == 0 ? "WINDV\(w + 1) is 0" : "CW = \(t.cw) needs the base voltage (BASKV) of bus \(data.buses[bus].number)")
      branches.append(
        Branch(
          from: BusID(data.buses[bus].number), to: star, resistancePU: star3[w].r, reactancePU: star3[w].x,
          ratingMW: winding.rates.0, shortTermRatingMW: winding.rates.1, emergencyRatingMW: winding.rates.2,
          tapRatio: tap, phaseShiftDeg: winding.angle, inService: !windingOut[w], name: "\(name(t)) w\(w + 1)",
          kind: .transformer, source: t.source))
    }
    return branches
  }

  /// R, X of impedance `k` (1-2, 2-3, 3-1) in p.u. of the system base at `bus`'s base voltage.
  private func impedance(_ t: PSSERawCase.Transformer, _ k: Int, bus: Int, nominalKV: Double) throws(ParseError)
    -> (r: Double, x: Double)
  {
    let label = ["1-2", "2-3", "3-1"][k]
    var (r, x, sbase) = t.impedances[k]
    guard t.cz != 1 else { return (r, x) }
    if t.cz == 3 {
      // R is the load loss in W, X the impedance magnitude in p.u. of the winding base.
      r = 1e-6 * r / sbase
      x = (x * x - r * r).squareRoot()
      try check(x, "X\(label)", t, t.impedanceSource, hint: "with CZ = 3, X\(label) is |Z| and must not be below R\(label)")
    }
    let windingBase = nominalKV * nominalKV / sbase
    let busKV = data.buses[bus].baseKV
    let systemBase = busKV * busKV / data.baseMVA
    r = r * windingBase / systemBase
    x = x * windingBase / systemBase
    try check(r, "R\(label)", t, t.impedanceSource, hint: "CZ = \(t.cz) needs SBASE\(label) > 0 and the base voltage of bus \(data.buses[bus].number)")
    try check(x, "X\(label)", t, t.impedanceSource, hint: "CZ = \(t.cz) needs SBASE\(label) > 0 and the base voltage of bus \(data.buses[bus].number)")
    return (r, x)
  }

  /// NOMV, or the bus base voltage when NOMV is 0 (PSS/E's default).
  private func nominal(_ w: PSSERawCase.Winding, bus: Int) -> Double {
    w.nominalKV != 0 ? w.nominalKV : data.buses[bus].baseKV
  }

  private func check(_ value: Double, _ what: String, _ t: PSSERawCase.Transformer, _ at: SourceLocation, hint: String)
    throws(ParseError)
  {
    guard value.isFinite else {
      throw ParseError(.other("\(what) of transformer \(name(t)) is not a finite number: \(hint)"), at: at)
    }
  }

  /// The transformer's NAME, or `I-J CKT` (`I-J-K CKT` for three windings).
  func name(_ t: PSSERawCase.Transformer) -> String {
    if !t.name.isEmpty { return t.name }
    return t.buses.map { String(data.buses[$0].number) }.joined(separator: "-") + " " + t.circuit
  }
}
