import Foundation

/// Turns a ``PSSERawCase`` into a ``Network`` the way MATPOWER's `psse_convert` makes a case:
/// the same buses, rows in the same order and the same numbers, so that a DC power flow
/// matches `rundcpf` on `psse2mpc`'s result.
///
/// - Buses are sorted by number; star buses of three-winding transformers follow.
/// - Demand `PD = Σ (PL + IP·VM + YP·VM²)` and `QD = Σ (QL + IQ·VM − YQ·VM²)` over the
///   in-service loads of a bus (VM from the bus record).
/// - Shunts: GS, BS from the in-service fixed shunts (revisions 31 and later) or the bus
///   record's GL, BL (up to 30); BINIT of every switched shunt is added to BS; the line shunts
///   GI, BI (GJ, BJ) of in-service branches are added at their I (J) bus, times SBASE.
/// - Branches: non-transformer branches in file order, then (34–35) system switching
///   devices as lines of reactance X, then two-winding transformers, then three branches per
///   three-winding transformer (``PSSERawTransformerConversion``).
/// - Two-terminal DC lines become HVDC links at PF = PT = SETVL (MDC 1) or SETVL·VSCHD/1000
///   (MDC 2) MW, lossless, out of service when blocked (MDC 0), as `psse_convert_hvdc`.
struct PSSERawNetworkBuilder {
  let data: PSSERawCase
  let file: String

  func build() throws(ParseError) -> Network {
    let order = data.buses.indices.sorted { data.buses[$0].number < data.buses[$1].number }
    var sortedPosition = [Int](repeating: 0, count: data.buses.count)
    for (s, p) in order.enumerated() { sortedPosition[p] = s }
    let (pd, qd) = try demand(sortedPosition)
    let (gs, bs) = shunts(sortedPosition)

    var network = Network(name: name, baseMVA: data.baseMVA)
    network.buses = order.enumerated().map { s, p in
      let b = data.buses[p]
      return Bus(
        id: BusID(b.number), name: b.name, type: BusType(rawValue: b.type) ?? .pq, loadMW: pd[s], loadMVAr: qd[s],
        shuntMW: gs[s], shuntMVAr: bs[s], area: b.area, voltagePU: b.vm, angleDeg: b.va, baseKV: b.baseKV, zone: b.zone,
        maxVoltagePU: b.vmax, minVoltagePU: b.vmin, info: info(b), source: b.source)
    }
    network.generators = data.generators.map { g in
      let number = data.buses[g.bus].number
      return Generator(
        bus: BusID(number), outputMW: g.pg, outputMVAr: g.qg, maxMVAr: g.qt, minMVAr: g.qb, voltageSetpointPU: g.vs,
        machineBaseMVA: g.mbase, inService: g.inService, maxMW: g.pt, minMW: g.pb, name: "\(number) \(g.id)",
        source: g.source)
    }
    network.branches = data.branches.map { b in
      let (i, j) = (data.buses[b.from].number, data.buses[b.to].number)
      return Branch(
        from: BusID(i), to: BusID(j), resistancePU: b.r, reactancePU: b.x, chargingPU: b.b, ratingMW: b.rates.0,
        shortTermRatingMW: b.rates.1, emergencyRatingMW: b.rates.2, inService: b.inService,
        name: b.name.isEmpty ? "\(i)-\(j) \(b.circuit)" : b.name, kind: .line, source: b.source)
    }
    try addTransformers(to: &network)
    try checkReactances(network)
    network.hvdcLinks = dcLinks()
    return network
  }

  /// The first non-blank title line, else the file's name without `.raw`.
  private var name: String {
    if let title = data.titles.first(where: { !$0.isEmpty }) { return title }
    var base = Substring(file.split(separator: "/").last ?? Substring(file))
    if base.lowercased().hasSuffix(".raw") { base = base.dropLast(4) }
    return base.isEmpty ? "PSS/E case" : String(base)
  }

  /// Area, zone and owner as tags (`area:1`, selectable as `tag:area:1`); the area's name as region.
  private func info(_ b: PSSERawCase.Bus) -> BusInfo {
    BusInfo(region: data.areaNames[b.area], tags: ["area:\(b.area)", "zone:\(b.zone)", "owner:\(b.owner)"])
  }

  // MARK: - Demand and shunts

  /// PD, QD per sorted bus, summed over in-service loads in file order as MATPOWER sums them.
  private func demand(_ sortedPosition: [Int]) throws(ParseError) -> ([Double], [Double]) {
    var pd = [Double](repeating: 0, count: data.buses.count), qd = pd
    for load in data.loads where load.inService {
      let vm = data.buses[load.bus].vm
      let s = sortedPosition[load.bus]
      pd[s] += load.pl + load.ip * vm + load.yp * (vm * vm)
      qd[s] += load.ql + load.iq * vm - load.yq * (vm * vm)
      guard pd[s].isFinite, qd[s].isFinite else {
        throw ParseError(
          .other("the demand at bus \(data.buses[load.bus].number) overflows (not a finite number of MW) with this load"),
          at: load.source)
      }
    }
    return (pd, qd)
  }

  /// GS, BS per sorted bus, MW / Mvar at 1 p.u.
  private func shunts(_ sortedPosition: [Int]) -> ([Double], [Double]) {
    let n = data.buses.count
    var gs = [Double](repeating: 0, count: n), bs = gs
    if data.revision <= 30 {
      for (p, b) in data.buses.enumerated() {
        gs[sortedPosition[p]] = b.gl
        bs[sortedPosition[p]] = b.bl
      }
    } else {
      for shunt in data.fixedShunts where shunt.inService {
        gs[sortedPosition[shunt.bus]] += shunt.gl
        bs[sortedPosition[shunt.bus]] += shunt.bl
      }
    }
    var switched = [Double](repeating: 0, count: n)
    for shunt in data.switchedShunts { switched[sortedPosition[shunt.bus]] += shunt.initialMVAr }
    for s in 0..<n { bs[s] = bs[s] + switched[s] }
    // Line shunts, summed per end before scaling, as MATPOWER's `Cf' * [GI BI] * baseMVA`.
    var from = [(g: Double, b: Double)](repeating: (0, 0), count: n), to = from
    for branch in data.branches where branch.inService {
      from[sortedPosition[branch.from]].g += branch.gi
      from[sortedPosition[branch.from]].b += branch.bi
      to[sortedPosition[branch.to]].g += branch.gj
      to[sortedPosition[branch.to]].b += branch.bj
    }
    for s in 0..<n {
      gs[s] = gs[s] + from[s].g * data.baseMVA + to[s].g * data.baseMVA
      bs[s] = bs[s] + from[s].b * data.baseMVA + to[s].b * data.baseMVA
    }
    return (gs, bs)
  }

  // MARK: - Transformers

  private func addTransformers(to network: inout Network) throws(ParseError) {
    let conversion = PSSERawTransformerConversion(data: data)
    for t in data.transformers where t.buses.count == 2 {
      network.branches.append(try conversion.twoWinding(t))
    }
    let three = data.transformers.filter { $0.buses.count == 3 }
    guard !three.isEmpty else { return }
    // Star buses are numbered from the next power of ten above the highest bus number.
    let highest = data.buses.map(\.number).max() ?? 0
    var base = 1
    while base < highest + 1 { base *= 10 }
    for (k, t) in three.enumerated() {
      let star = BusID(base + k + 1)
      let winding1 = data.buses[t.buses[0]]
      network.buses.append(
        Bus(
          id: star, name: "STR_PT_XF_\(k + 1)", type: t.status == 0 ? .isolated : .pq, area: winding1.area,
          voltagePU: t.starVM, angleDeg: t.starVA, baseKV: 1, zone: winding1.zone, maxVoltagePU: 1.1, minVoltagePU: 0.9,
          info: BusInfo(tags: ["area:\(winding1.area)", "zone:\(winding1.zone)", "owner:\(winding1.owner)"]),
          source: t.source))
      network.branches.append(contentsOf: try conversion.threeWinding(t, star: star))
    }
  }

  /// An in-service branch needs a reactance: PSS/E merges buses joined by a zero-impedance
  /// line, which neither psse2mpc nor gridtool does.
  private func checkReactances(_ network: Network) throws(ParseError) {
    for (k, branch) in network.branches.enumerated() where branch.inService && branch.reactancePU == 0 {
      let at = k < data.branches.count ? data.branches[k].reactanceSource : branch.source ?? SourceLocation(file: file, line: 1)
      throw ParseError(
        .other(
          "branch \(branch.name) is in service with zero reactance; PSS/E treats it as a zero-impedance bus tie, "
            + "which a DC model cannot (give it a small X such as 0.0001, or take it out of service)"),
        at: at)
    }
  }

  // MARK: - Two-terminal DC lines

  private func dcLinks() -> [HVDCLink] {
    data.dcLines.enumerated().map { k, line in
      let rectifier = data.buses[line.rectifier], inverter = data.buses[line.inverter]
      let setValue = abs(line.setValue)
      let p = line.mode == 1 ? setValue : line.mode == 2 ? setValue * line.scheduledKV / 1000 : 0
      let (qrMin, qrMax) = Self.reactiveLimits(p, maxAngle: line.rectifierAngles.max, minAngle: line.rectifierAngles.min)
      let (qiMin, qiMax) = Self.reactiveLimits(p, maxAngle: line.inverterAngles.max, minAngle: line.inverterAngles.min)
      // QF QT VF VT PMIN PMAX QMINF QMAXF QMINT QMAXT, as psse_convert_hvdc fills them.
      let extra = [0, 0, rectifier.vm, inverter.vm, 0.85 * p, 1.15 * p, qrMin, qrMax, qiMin, qiMax]
      return HVDCLink(
        name: line.name.isEmpty ? "dcline \(k + 1)" : line.name, from: BusID(rectifier.number), to: BusID(inverter.number),
        setpointMW: p, ratingMW: 1.15 * p > 0 ? 1.15 * p : 0, inService: line.mode != 0,
        losses: .matpower(fixedMW: 0, fraction: 0), matpowerExtra: extra, source: line.source)
    }
  }

  /// MATPOWER's `psse_convert_hvdc_Qlims`: Qmin = |P·tan(αmin)|, Qmax = |P·tan(φ)| with
  /// cos φ = (cos αmax + cos 60°) / 2 (angles in degrees). Not used by a DC power flow.
  static func reactiveLimits(_ p: Double, maxAngle: Double, minAngle: Double) -> (Double, Double) {
    let degree = Double.pi / 180
    let phi = acos(0.5 * (cos(maxAngle * degree) + 0.5))
    return (abs(p * tan(minAngle * degree)), abs(p * tan(phi)))
  }
}
