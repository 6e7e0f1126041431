extension GeneratorCost {
  /// The costs of a MATPOWER case, from the `gencost` and `dclinecost` matrices the reader
  /// keeps in ``Network/matpowerExtras``.
  ///
  /// `gencost` rows are `MODEL STARTUP SHUTDOWN NCOST COST...`: model 1 lists NCOST points
  /// `x1 y1 ... xn yn` (MW, $/h), model 2 NCOST polynomial coefficients, highest order first.
  /// The first row belongs to the first generator and so on; rows beyond the generators
  /// (MATPOWER's reactive-power costs) are not used. Start-up and shut-down costs do not enter
  /// a single-period dispatch.
  /// - Returns: one cost per generator, and one per HVDC link (`dclinecost`, a function of the
  ///   power PF sent into the line; nil when the case has none).
  ///
  /// Without `gencost` (a case whose rows were all read as generator costs, a gridtool YAML
  /// network) each generator's own ``Generator/cost`` is used.
  /// - Throws: ``DCOPFError/missingCosts(network:)`` without `gencost` and without generator costs;
  ///   ``DCOPFError/invalidCost(_:)`` for a row that cannot be used in a DC OPF.
  public static func matpowerCosts(of network: Network) throws(DCOPFError) -> (generators: [GeneratorCost], hvdc: [GeneratorCost?]) {
    func matrix(_ field: String) -> MatpowerMatrix? { network.matpowerExtras.first { $0.field == field } }
    let origin = network.buses.first?.source?.file ?? network.name
    var generators: [GeneratorCost] = []
    if let gencost = matrix("gencost") {
      guard gencost.rows.count >= network.generators.count else {
        throw .invalidCost(
          "\(origin): mpc.gencost has \(gencost.rows.count) rows but mpc.gen has \(network.generators.count); give one cost row per generator")
      }
      generators.reserveCapacity(network.generators.count)
      for (k, gen) in network.generators.enumerated() {
        generators.append(try parse(gencost.rows[k], label: "\(origin): mpc.gencost row \(k + 1) (generator at bus \(gen.bus))"))
      }
    } else {
      generators = try ownCosts(of: network, origin: origin)
    }
    var hvdc = [GeneratorCost?](repeating: nil, count: network.hvdcLinks.count)
    if let dclinecost = matrix("dclinecost"), !network.hvdcLinks.isEmpty {
      guard dclinecost.rows.count == network.hvdcLinks.count else {
        throw .invalidCost(
          "\(origin): mpc.dclinecost has \(dclinecost.rows.count) rows but mpc.dcline has \(network.hvdcLinks.count); give one cost row per DC line")
      }
      for k in hvdc.indices {
        hvdc[k] = try parse(dclinecost.rows[k], label: "\(origin): mpc.dclinecost row \(k + 1) (\(network.hvdcLinks[k].name))")
      }
    }
    return (generators, hvdc)
  }

  /// The generators' own costs (``Generator/cost``), which every generator must have.
  private static func ownCosts(of network: Network, origin: String) throws(DCOPFError) -> [GeneratorCost] {
    if network.generators.isEmpty { throw .missingCosts(network: origin) }
    guard let missing = network.generators.firstIndex(where: { $0.cost == nil }) else {
      return network.generators.map { $0.cost ?? .zero }
    }
    guard network.generators.contains(where: { $0.cost != nil }) else { throw .missingCosts(network: origin) }
    let gen = network.generators[missing]
    let name = gen.name.isEmpty ? "generator \(missing + 1) (bus \(gen.bus))" : "generator '\(gen.name)'"
    throw .invalidCost("\(gen.source.map { "\($0)" } ?? origin): \(name) has no cost; a DC OPF needs a cost for every generator")
  }

  /// One `gencost`-style row.
  static func parse(_ row: [Double], label: String) throws(DCOPFError) -> GeneratorCost {
    guard row.count >= 4 else { throw .invalidCost("\(label): \(row.count) columns; a cost row needs MODEL STARTUP SHUTDOWN NCOST and its data") }
    let model = row[0], n = row[3]
    guard n >= 0, n == n.rounded(), n < 1e6 else { throw .invalidCost("\(label): NCOST = \(n) is not a count") }
    let count = Int(n)
    let data = Array(row.dropFirst(4))
    switch model {
    case 1:
      guard data.count >= 2 * count else {
        throw .invalidCost("\(label): NCOST = \(count) points need \(2 * count) values after NCOST, found \(data.count)")
      }
      guard count >= 2 else { throw .invalidCost("\(label): a piecewise-linear cost (model 1) needs at least 2 points, NCOST = \(count)") }
      let points = (0..<count).map { CostPoint(mw: data[2 * $0], costPerHour: data[2 * $0 + 1]) }
      for p in points where !(p.mw.isFinite && p.costPerHour.isFinite) {
        throw .invalidCost("\(label): point (\(p.mw) MW, \(p.costPerHour) $/h) is not finite")
      }
      for (a, b) in zip(points, points.dropFirst()) where !(b.mw > a.mw) {
        throw .invalidCost("\(label): the powers of a piecewise-linear cost must increase (\(a.mw) MW is followed by \(b.mw) MW)")
      }
      return .piecewiseLinear(points)
    case 2:
      guard data.count >= count else {
        throw .invalidCost("\(label): NCOST = \(count) coefficients, found \(data.count) values after NCOST")
      }
      var coefficients = Array(data.prefix(count))
      for c in coefficients where !c.isFinite { throw .invalidCost("\(label): coefficient \(c) is not finite") }
      // MATPOWER's DC OPF refuses any NCOST > 3; leading zeros are accepted here (the same cost).
      while coefficients.count > 3, coefficients.first == 0 { coefficients.removeFirst() }
      guard coefficients.count <= 3 else {
        throw .invalidCost("\(label): a polynomial of degree \(coefficients.count - 1); a DC OPF takes costs up to quadratic (NCOST ≤ 3)")
      }
      if coefficients.count == 3, coefficients[0] < 0 {
        throw .invalidCost("\(label): quadratic coefficient \(coefficients[0]) < 0 makes the cost concave; a DC OPF needs convex costs")
      }
      return .polynomial(coefficients)
    default:
      throw .invalidCost("\(label): MODEL = \(model); use 1 (piecewise linear) or 2 (polynomial)")
    }
  }
}
