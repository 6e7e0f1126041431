/// Generator costs as rows of MATPOWER's `gencost` matrix: `MODEL STARTUP SHUTDOWN NCOST COST...`,
/// model 1 with NCOST points `x1 y1 ... xn yn` (MW, $/h), model 2 with NCOST polynomial
/// coefficients, highest order first. Shared by the writers of both formats.
enum MatpowerCostRows {
  /// The `gencost` row of a cost curve with its start-up and shut-down costs ($).
  static func row(_ cost: GeneratorCost, startup: Double, shutdown: Double) -> [Double] {
    switch cost {
    case .polynomial(let coefficients):
      return [2, startup, shutdown, Double(coefficients.count)] + coefficients
    case .piecewiseLinear(let points):
      return [1, startup, shutdown, Double(points.count)] + points.flatMap { [$0.mw, $0.costPerHour] }
    }
  }

  /// The cost a `gencost` row stands for, when the gridtool network format can hold it and it
  /// converts back to the same row (up to the zeros that pad a shorter row of the matrix):
  /// finite values, a polynomial up to quadratic and convex, or at least two points with
  /// increasing power. Nil otherwise; such a matrix is then kept as it is.
  static func cost(ofRow row: [Double]) -> (cost: GeneratorCost, startup: Double, shutdown: Double)? {
    guard row.count >= 4, row.allSatisfy(\.isFinite) else { return nil }
    let n = row[3]
    guard n >= 0, n == n.rounded(), n <= 1e6 else { return nil }
    let count = Int(n)
    let data = row.dropFirst(4)
    let cost: GeneratorCost
    switch row[0] {
    case 1:
      guard count >= 2, data.count >= 2 * count else { return nil }
      let values = Array(data.prefix(2 * count))
      let points = (0..<count).map { GeneratorCost.CostPoint(mw: values[2 * $0], costPerHour: values[2 * $0 + 1]) }
      guard zip(points, points.dropFirst()).allSatisfy({ $1.mw > $0.mw }) else { return nil }
      cost = .piecewiseLinear(points)
    case 2:
      guard count <= 3, data.count >= count else { return nil }
      let coefficients = Array(data.prefix(count))
      if count == 3, coefficients[0] < 0 { return nil }
      cost = .polynomial(coefficients)
    default:
      return nil
    }
    let used = 4 + (row[0] == 1 ? 2 * count : count)
    guard row.dropFirst(used).allSatisfy({ $0 == 0 }) else { return nil }
    return (cost, row[1], row[2])
  }

  /// The typed costs of a MATPOWER case's `gencost`: one per generator when the matrix has
  /// exactly one row per generator and every row converts (``cost(ofRow:)``); nil otherwise
  /// (reactive-power cost rows, cubic costs...), when the matrix is kept as it is.
  static func costs(of gencost: MatpowerMatrix, generatorCount: Int) -> [(cost: GeneratorCost, startup: Double, shutdown: Double)]? {
    guard gencost.rows.count == generatorCount else { return nil }
    var costs: [(cost: GeneratorCost, startup: Double, shutdown: Double)] = []
    costs.reserveCapacity(generatorCount)
    for row in gencost.rows {
      guard let cost = cost(ofRow: row) else { return nil }
      costs.append(cost)
    }
    return costs
  }

  /// A network whose `gencost` is given to its generators (``Generator/cost``, start-up and
  /// shut-down costs) when every row converts; else the network unchanged.
  static func typingCosts(of network: Network) -> Network {
    guard let position = network.matpowerExtras.firstIndex(where: { $0.field == "gencost" }),
      let costs = costs(of: network.matpowerExtras[position], generatorCount: network.generators.count)
    else { return network }
    var typed = network
    typed.matpowerExtras.remove(at: position)
    for (k, cost) in costs.enumerated() {
      typed.generators[k].cost = cost.cost
      typed.generators[k].startupCost = cost.startup
      typed.generators[k].shutdownCost = cost.shutdown
    }
    return typed
  }
}
