extension NativeReader {
  /// Keys of a generator's `cost`: a polynomial up to quadratic (`c2_per_mw2h` $/MW²h,
  /// `c1_per_mwh` $/MWh, `c0_per_h` $/h; MATPOWER `gencost` model 2) or a piecewise-linear
  /// curve (`points_mw` MW with `points_per_h` $/h; model 1), and `startup` / `shutdown` ($).
  static let costKeys = ["c2_per_mw2h", "c1_per_mwh", "c0_per_h", "points_mw", "points_per_h", "startup", "shutdown"]
  static let polynomialCostKeys = ["c2_per_mw2h", "c1_per_mwh", "c0_per_h"]

  /// The `cost` of a generator entry: its curve (nil without `cost`), start-up and shut-down costs.
  ///
  /// The polynomial has as many coefficients as the highest order given (`c1_per_mwh: 20`
  /// is `[20, 0]`), so that a MATPOWER row converts back with the same NCOST; `cost: {}` costs nothing.
  func generatorCost(_ generator: NativeMapping) throws(ParseError) -> (GeneratorCost?, startup: Double, shutdown: Double) {
    guard let node = generator.valueNode("cost") else { return (nil, 0, 0) }
    let map = try NativeMapping(node, element: "the cost of \(generator.element)", allowed: Self.costKeys, file: file)
    let startup = try map.double("startup") ?? 0
    let shutdown = try map.double("shutdown") ?? 0
    let polynomialKey = Self.polynomialCostKeys.first(where: map.has)
    let pointsKey = ["points_mw", "points_per_h"].first(where: map.has)
    if let polynomialKey, let pointsKey {
      throw map.error(
        pointsKey,
        .other("\(map.element) gives both a polynomial ('\(polynomialKey)') and points ('\(pointsKey)'); keep one kind of cost"))
    }
    if pointsKey != nil { return (try piecewiseLinear(map), startup, shutdown) }
    let c2 = try map.double("c2_per_mw2h"), c1 = try map.double("c1_per_mwh"), c0 = try map.double("c0_per_h")
    if let c2 {
      // A concave cost has no minimum that a DC OPF can find; MATPOWER refuses it too.
      try map.require(c2 >= 0, "c2_per_mw2h", c2, expected: "≥ 0 $/MW²h (a convex cost)")
      return (.polynomial([c2, c1 ?? 0, c0 ?? 0]), startup, shutdown)
    }
    if let c1 { return (.polynomial([c1, c0 ?? 0]), startup, shutdown) }
    return (.polynomial(c0.map { [$0] } ?? []), startup, shutdown)
  }

  private func piecewiseLinear(_ map: NativeMapping) throws(ParseError) -> GeneratorCost {
    guard let mw = try map.doubleList("points_mw", allowInfinite: false) else { throw map.missing("points_mw") }
    guard let cost = try map.doubleList("points_per_h", allowInfinite: false) else { throw map.missing("points_per_h") }
    guard mw.count == cost.count else {
      throw map.error(
        "points_per_h", .other("\(map.element) has \(mw.count) powers in 'points_mw' but \(cost.count) costs in 'points_per_h'"))
    }
    guard mw.count >= 2 else {
      throw map.error("points_mw", .other("\(map.element) needs at least 2 points for a piecewise-linear cost"))
    }
    for (a, b) in zip(mw, mw.dropFirst()) where !(b > a) {
      throw map.error(
        "points_mw",
        .other("the powers in 'points_mw' of \(map.element) must increase (\(NativeMapping.format(a)) MW is followed by \(NativeMapping.format(b)) MW)"))
    }
    return .piecewiseLinear(zip(mw, cost).map { GeneratorCost.CostPoint(mw: $0, costPerHour: $1) })
  }
}
