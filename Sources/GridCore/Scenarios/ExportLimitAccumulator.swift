/// Per-hour evaluation of ``ExportLimitStudy``, summed into an ``ExportLimitResult``: the
/// year run records each hour's columns (``ExportLimitColumns``), the engine solves the raising
/// column with the hour, and ``add(_:columns:ratings:inService:context:)`` evaluates the
/// solved blocks.
struct ExportLimitAccumulator {
  let study: ExportLimitStudy
  var result: ExportLimitResult
  private var branchHours: [Int: Int] = [:]
  private let names: [String]
  /// Per topology: flows with zero injections (the constant part from reference angles and
  /// phase shifters), to turn a solved difference column into an exact flow sensitivity.
  private var constantFlows: [Int: [Double]] = [:]

  init(study: ExportLimitStudy, network: Network) {
    self.study = study
    let link = network.hvdcLinks[study.link]
    names = network.branches.enumerated().map { $1.name.isEmpty ? "branch \($0 + 1)" : $1.name }
    result = ExportLimitResult(
      linkName: link.name,
      supplyBuses: network.buses.filter { study.supplyBuses.contains($0.id) }.map { $0.name.isEmpty ? $0.id.description : $0.name },
      ratingMW: link.ratingMW)
  }

  private enum Reason { case rating, generation, branch(Int) }

  /// Evaluates a solved block's hours (``ScenarioHourBlock/flowsMW``: the hours, then their
  /// raising columns), in its column order, with the chunk's `columns`; hours whose schedule
  /// is not feasible get their lowering columns solved in one more call. `ratings` and
  /// `inService` are the block's topology's; `context` names it in errors.
  mutating func add(
    _ block: ScenarioHourBlock, columns: ExportLimitColumns, ratings: [Double], inService: [Bool], context: String
  ) throws(ScenarioError) {
    let system = block.system, n = system.internalBusCount, m = system.network.branches.count
    let c = block.columns.count, flows = block.flowsMW, hours = block.columns
    let schedule = columns.schedule, spare = columns.spare
    do throws(PowerFlowError) {
      let constant = try constantFlows(block.topology, system: system)
      func hour(_ p: Int) -> Hour {
        Hour(
          base: flows, baseOffset: p * m, raising: flows, raisingOffset: (c + p) * m, constant: constant, ratings: ratings,
          inService: inService, schedule: schedule[hours[p]])
      }
      var lowering: [Int] = []
      for (p, j) in hours.enumerated() where !addRaising(hour(p), spareMW: spare[j]) { lowering.append(p) }
      guard !lowering.isEmpty else { return }
      var rhs = [Double](repeating: 0, count: n * lowering.count)
      for (q, p) in lowering.enumerated() { for i in 0..<n { rhs[q * n + i] = columns.lower[hours[p] * n + i] } }
      let theta = try system.solveAngles(injectionsMW: rhs, columns: lowering.count)
      let down = system.branchFlowsMW(angles: theta, columns: lowering.count)
      for (q, p) in lowering.enumerated() { addLowering(hour(p), lowering: down, offset: q * m) }
    } catch {
      throw .powerFlow(error, context: context)
    }
  }

  /// Flows with zero injections in topology `t`, MW per branch, solved on first use.
  private mutating func constantFlows(_ t: Int, system: DCSystem) throws(PowerFlowError) -> [Double] {
    if let flows = constantFlows[t] { return flows }
    let theta = try system.solveAngles(injectionsMW: [Double](repeating: 0, count: system.internalBusCount), columns: 1)
    let flows = system.branchFlowsMW(angles: theta, columns: 1)
    constantFlows[t] = flows
    return flows
  }

  /// One hour's flows: base (`base[baseOffset + b]`), the raising column (which decides the moved
  /// branches), the column whose sensitivity applies, and the zero-injection flows `constant`.
  struct Hour {
    var base: [Double]
    var baseOffset: Int
    var raising: [Double]
    var raisingOffset: Int
    var constant: [Double]
    var ratings: [Double]
    var inService: [Bool]
    var schedule: Double
  }

  /// Allowed range of the set-point from every moved branch, with sensitivities `s = solved − constant`
  /// taken from `sensitivity` (the raising column, or the lowering one).
  private func bounds(_ h: Hour, sensitivity: [Double], offset: Int) -> (lower: Double, upper: Double, binding: Int?, overloaded: Bool) {
    var lower = -Double.infinity, upper = Double.infinity, binding: Int? = nil, overloaded = false
    for b in h.ratings.indices where h.inService[b] && h.ratings[b] > 0 {
      guard abs(h.raising[h.raisingOffset + b] - h.constant[b]) >= study.sensitivityThreshold else { continue }
      let s = sensitivity[offset + b] - h.constant[b]
      let f = h.base[h.baseOffset + b], r = h.ratings[b]
      if abs(f) > r + 1e-6 { overloaded = true }
      guard s != 0 else { continue }
      let hi = h.schedule + (s > 0 ? r - f : -r - f) / s
      let lo = h.schedule + (s > 0 ? -r - f : r - f) / s
      if hi < upper {
        upper = hi
        binding = b
      }
      lower = max(lower, lo)
    }
    return (lower, upper, binding, overloaded)
  }

  /// Evaluates an hour with the raising sensitivity; returns false when the hour needs the lowering one
  /// (the schedule itself is not feasible and raising does not make it so).
  mutating func addRaising(_ h: Hour, spareMW: Double) -> Bool {
    let b = bounds(h, sensitivity: h.raising, offset: h.raisingOffset)
    let rating = result.ratingMW > 0 ? result.ratingMW : Double.infinity
    let cap = min(rating, h.schedule + max(0, spareMW))
    if b.overloaded { result.hoursOverloadedAtSchedule += 1 }
    guard max(h.schedule, b.lower) <= min(cap, b.upper) + 1e-9 else { return false }
    if b.upper < cap, let branch = b.binding {
      record(b.upper, schedule: h.schedule, .branch(branch))
    } else {
      record(cap, schedule: h.schedule, cap >= rating ? .rating : .generation)
    }
    return true
  }

  /// Evaluates an hour whose schedule is not feasible, with the lowering sensitivity column.
  mutating func addLowering(_ h: Hour, lowering: [Double], offset: Int) {
    let b = bounds(h, sensitivity: lowering, offset: offset)
    let upper = max(0, min(h.schedule, b.upper))
    if max(0, b.lower) > upper + 1e-9 { result.hoursInfeasible += 1 }
    // Even the schedule breaks a limit the link worsens when raised: the schedule is the hour's limit.
    record(upper, schedule: h.schedule, b.binding.map { .branch($0) } ?? .rating)
  }

  private mutating func record(_ limit: Double, schedule: Double, _ reason: Reason) {
    result.scheduledMWh += schedule
    result.maxExportMWh += limit
    if limit < schedule - 1e-6 {
      result.hoursScheduleAboveLimit += 1
      result.energyAboveLimitMWh += schedule - limit
    }
    switch reason {
    case .rating: result.hoursLimitedByRating += 1
    case .generation: result.hoursLimitedByGeneration += 1
    case .branch(let b): branchHours[b, default: 0] += 1
    }
  }

  func finished() -> ExportLimitResult {
    var r = result
    r.bindingBranches = branchHours.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
      .map { ExportLimitResult.BindingBranch(index: $0.key, name: names[$0.key], hours: $0.value) }
    return r
  }
}
