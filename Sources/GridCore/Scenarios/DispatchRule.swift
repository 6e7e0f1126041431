/// How each hour's requirement (demand + HVDC sending − HVDC receiving inside
/// the model) is met from the available generation. The rule balances the
/// whole system (a copper plate, refined by balancing areas); the power flow
/// then shows what the grid makes of it, and the reference generator of each
/// island takes up any remainder (zero to round-off in a connected network).
///
/// Each hour, with V the available wind and solar, M the must-run output and
/// H the headroom of the dispatchable units above must-run:
/// 1. wind and solar are taken at their availability;
/// 2. a ``BalancingArea`` with an export limit whose wind, solar and must-run exceed
///    its own requirement by more than the limit curtails its wind and solar (then
///    its must-run) by the excess: power that its transmission section cannot carry;
/// 3. if what remains of `V + M` exceeds the requirement, wind and solar are curtailed by one
///    common fraction (dispatchable units at must-run); if must-run alone
///    exceeds it, must-run is cut pro rata too (reported);
/// 4. otherwise the dispatchable units fill `R − V − M` by ``Method``: first
///    each ``BalancingArea`` raises its own units to cover its own requirement,
///    then the units outside every area cover the rest, and the areas' units
///    last (only when the others run out);
/// 5. if even `V + M + H` falls short, every unit runs at its availability and
///    the shortfall is unserved energy, shed pro rata from all positive demands.
public struct DispatchRule: Sendable, Hashable {
  /// How dispatchable units share what wind, solar and must-run leave.
  public enum Method: Sendable, Hashable {
    /// Every dispatchable unit runs at must-run plus the same fraction of its headroom.
    case proRataHeadroom
    /// Outputs in proportion to the network's set-points (`p_mw` / `PG`), clamped to
    /// [must-run, availability]: MATPOWER-style scaling of generation with load. No balancing areas.
    case proRataSetpoint
    /// Technologies in the given order, each filled (pro rata to headroom) before the
    /// next is used; dispatchable technologies not listed come last, together.
    case meritOrder([Technology])
  }

  /// The sharing method.
  public var method: Method
  /// Must-run output of dispatchable units, p.u. of installed capacity, by technology
  /// (combined heat and power, captive industrial plants). The larger of this and `p_min_mw` applies.
  public var mustRun: [Technology: Double]
  /// Export bases whose units serve their own links and demand first (disjoint bus sets).
  public var areas: [BalancingArea]

  /// A rule (default: pro rata to headroom, no must-run, no balancing areas).
  public init(method: Method = .proRataHeadroom, mustRun: [Technology: Double] = [:], areas: [BalancingArea] = []) {
    self.method = method
    self.mustRun = mustRun
    self.areas = areas
  }

  /// Technologies taken at their availability and curtailed only in a surplus.
  public static let variableTechnologies: Set<Technology> = [.wind, .solar]
}

/// A group of buses whose generation serves, first, the demand at those buses, the listed
/// loads elsewhere and the sending power of the listed HVDC links: an export base with its
/// "bundled" supply (e.g. Zhundong and the Jiquan link).
public struct BalancingArea: Sendable, Hashable {
  /// Name of the area, for messages.
  public var name: String
  /// Member buses (external ids): their demand and shunt conductance (`GS`) count towards the
  /// area's requirement, and their generators are the area's units. A bus listed in several
  /// areas belongs to the first.
  public var buses: Set<BusID>
  /// Positions in `Network.hvdcLinks` whose sending power the area supplies.
  public var hvdcLinks: [Int]
  /// Positions in `Network.loads` outside the area's buses that it supplies (e.g. an AC export).
  public var loads: [Int]
  /// Most the area may send into the rest of the AC grid, MW (its transmission-section limit); nil: no limit.
  public var maxExportMW: Double?

  /// An area serving its buses' demand, the listed links and loads, optionally with an export limit.
  public init(name: String, buses: Set<BusID>, hvdcLinks: [Int] = [], loads: [Int] = [], maxExportMW: Double? = nil) {
    self.name = name
    self.buses = buses
    self.hvdcLinks = hvdcLinks
    self.loads = loads
    self.maxExportMW = maxExportMW
  }
}

/// The outcome of one hour's dispatch, MW.
struct DispatchOutcome {
  /// Wind and solar available but not used.
  var curtailedMW = 0.0
  /// Requirement that no unit could meet.
  var shortageMW = 0.0
  /// Must-run output cut because must-run alone exceeded the requirement.
  var mustRunCutMW = 0.0
  /// Scheduled exports not sent (OPF modes: HVDC schedules and export loads cut), MW.
  var exportCutMW = 0.0
}

/// ``DispatchRule`` applied to the generators of one scenario, with its index lists precomputed.
struct HourlyDispatcher {
  let rule: DispatchRule
  /// Generators taken at availability (wind, solar), in service and in the model.
  let variable: [Int]
  /// The other in-service generators in the model.
  let dispatchable: [Int]
  /// Balancing area of each generator (−1: none).
  let area: [Int]
  /// Per group (each area, then the units outside every area): merit-order steps of its dispatchable units.
  let steps: [[[Int]]]
  /// Set-point of each generator, MW (for ``DispatchRule/Method/proRataSetpoint``).
  let setpoint: [Double]

  init(rule: DispatchRule, generators: [Generator], inModel: [Bool]) {
    self.rule = rule
    var variable: [Int] = [], dispatchable: [Int] = []
    for (g, gen) in generators.enumerated() where inModel[g] {
      if DispatchRule.variableTechnologies.contains(gen.technology) { variable.append(g) } else { dispatchable.append(g) }
    }
    self.variable = variable
    self.dispatchable = dispatchable
    setpoint = generators.map { max(0, $0.outputMW) }
    let area = generators.map { gen in rule.areas.firstIndex { $0.buses.contains(gen.bus) } ?? -1 }
    self.area = area
    var steps: [[[Int]]] = []
    for group in Array(rule.areas.indices) + [-1] {
      let units = dispatchable.filter { area[$0] == group }
      if case .meritOrder(let order) = rule.method {
        var groupSteps = order.map { tech in units.filter { generators[$0].technology == tech } }
        groupSteps.append(units.filter { !order.contains(generators[$0].technology) })
        steps.append(groupSteps.filter { !$0.isEmpty })
      } else {
        steps.append([units])
      }
    }
    self.steps = steps
  }

  /// Sets `output` for every generator of the rule; `minimum[g] ≤ available[g]` is the must-run output,
  /// `areaRequirementMW[a]` what balancing area `a` serves first.
  func dispatch(
    requirementMW r: Double, areaRequirementMW: [Double], available: [Double], minimum: [Double], output: inout [Double]
  ) -> DispatchOutcome {
    var outcome = DispatchOutcome()
    guard rule.areas.contains(where: { $0.maxExportMW != nil }) else {
      return balance(r, areaRequirementMW, available, minimum, &output, &outcome)
    }
    // Export limits: what an area's section cannot carry is curtailed in the area (wind and solar, then must-run).
    var available = available, minimum = minimum
    var v = [Double](repeating: 0, count: rule.areas.count), m = v
    for g in variable where area[g] >= 0 { v[area[g]] += available[g] }
    for g in dispatchable where area[g] >= 0 { m[area[g]] += minimum[g] }
    var variableFactor = [Double](repeating: 1, count: rule.areas.count), mustRunFactor = variableFactor
    for (a, spec) in rule.areas.enumerated() {
      guard let limit = spec.maxExportMW else { continue }
      let excess = v[a] + m[a] - areaRequirementMW[a] - limit
      guard excess > 0 else { continue }
      let cutV = min(v[a], excess), cutM = min(m[a], excess - cutV)
      if v[a] > 0 { variableFactor[a] = (v[a] - cutV) / v[a] }
      if m[a] > 0 { mustRunFactor[a] = (m[a] - cutM) / m[a] }
      outcome.curtailedMW += cutV
      outcome.mustRunCutMW += cutM
    }
    for g in variable where area[g] >= 0 { available[g] *= variableFactor[area[g]] }
    for g in dispatchable where area[g] >= 0 { minimum[g] *= mustRunFactor[area[g]] }
    return balance(r, areaRequirementMW, available, minimum, &output, &outcome)
  }

  /// Steps 3–5 of the rule with the (area-limited) availability and must-run.
  private func balance(
    _ r: Double, _ areaRequirementMW: [Double], _ available: [Double], _ minimum: [Double], _ output: inout [Double],
    _ outcome: inout DispatchOutcome
  ) -> DispatchOutcome {
    var v = 0.0, m = 0.0, h = 0.0
    for g in variable { v += available[g] }
    for g in dispatchable {
      m += minimum[g]
      h += available[g] - minimum[g]
      output[g] = minimum[g]
    }
    if v + m >= r {
      // Surplus: must-run stays, wind and solar share one curtailment fraction.
      if m >= r {
        let f = m > 0 ? max(0, r) / m : 0
        for g in dispatchable { output[g] = minimum[g] * f }
        for g in variable { output[g] = 0 }
        outcome.mustRunCutMW += m - max(0, r)
        outcome.curtailedMW += v
      } else {
        let f = v > 0 ? (r - m) / v : 0
        for g in variable { output[g] = available[g] * f }
        outcome.curtailedMW += v - (r - m)
      }
      return outcome
    }
    for g in variable { output[g] = available[g] }
    if v + m + h <= r {
      for g in dispatchable { output[g] = available[g] }
      outcome.shortageMW += r - (v + m + h)
      return outcome
    }
    let need = r - v - m
    if case .proRataSetpoint = rule.method {
      fillBySetpoint(targetMW: r - v, available: available, minimum: minimum, output: &output)
      return outcome
    }
    // Balancing areas first: each covers its own requirement net of its wind, solar and must-run.
    let areas = areaRequirementMW.count
    var areaFill = [Double](repeating: 0, count: areas)
    var areaTotal = 0.0
    if areas > 0 {
      var net = areaRequirementMW, headroom = [Double](repeating: 0, count: areas)
      for g in variable where area[g] >= 0 { net[area[g]] -= available[g] }
      for g in dispatchable where area[g] >= 0 {
        net[area[g]] -= minimum[g]
        headroom[area[g]] += available[g] - minimum[g]
      }
      for a in 0..<areas {
        areaFill[a] = min(max(0, net[a]), headroom[a])
        areaTotal += areaFill[a]
      }
      // Areas never take more than the system needs (their surplus then feeds the rest).
      if areaTotal > need {
        for a in 0..<areas { areaFill[a] *= need / areaTotal }
        areaTotal = need
      }
      for a in 0..<areas { _ = raise(group: a, by: areaFill[a], available: available, output: &output) }
    }
    var rest = need - areaTotal
    rest -= raise(group: areas, by: rest, available: available, output: &output)
    for a in 0..<areas where rest > 1e-12 { rest -= raise(group: a, by: rest, available: available, output: &output) }
    return outcome
  }

  /// Raises the units of `group` by `amount` in total (merit-order steps in turn, pro rata to
  /// remaining headroom within a step); returns what was placed.
  private func raise(group: Int, by amount: Double, available: [Double], output: inout [Double]) -> Double {
    var remaining = amount
    for step in steps[group] where remaining > 0 {
      var headroom = 0.0
      for g in step { headroom += available[g] - output[g] }
      guard headroom > 0 else { continue }
      let take = min(remaining, headroom)
      let f = take / headroom
      for g in step { output[g] += f * (available[g] - output[g]) }
      remaining -= take
    }
    return amount - remaining
  }

  /// Outputs `clamp(α · setpoint, minimum, available)` with α such that they sum to `targetMW`;
  /// anything the set-point units cannot take goes to the others pro rata to headroom.
  private func fillBySetpoint(targetMW target: Double, available: [Double], minimum: [Double], output: inout [Double]) {
    /// The sum at α and its slope there (set-points of the units not held at a bound).
    func totalAndSlope(_ alpha: Double) -> (total: Double, slope: Double) {
      var s = 0.0, slope = 0.0
      for g in dispatchable {
        let want = alpha * setpoint[g]
        if want >= available[g] {
          s += available[g]
        } else if want <= minimum[g] {
          s += min(available[g], minimum[g])
        } else {
          s += want
          slope += setpoint[g]
        }
      }
      return (s, slope)
    }
    var sum = 0.0
    for g in dispatchable { sum += setpoint[g] }
    var alpha = sum > 0 ? target / sum : 0
    let tolerance = 1e-9 * max(1, abs(target))
    // Usually no unit hits a bound and the first guess is exact. Otherwise the sum is piecewise
    // linear and monotone in α: Newton steps land on the right piece in a few iterations; a
    // step that leaves the bracket is replaced by bisection, so it always converges.
    var (t, slope) = totalAndSlope(alpha)
    if abs(t - target) > tolerance {
      var lo = 0.0, hi = 1.0
      for g in dispatchable where setpoint[g] > 0 { hi = max(hi, available[g] / setpoint[g]) }
      for _ in 0..<200 {
        if t < target { lo = max(lo, alpha) } else { hi = min(hi, alpha) }
        let newton = slope > 0 ? alpha + (target - t) / slope : .nan
        alpha = newton > lo && newton < hi ? newton : 0.5 * (lo + hi)
        (t, slope) = totalAndSlope(alpha)
        if abs(t - target) <= tolerance || hi - lo <= 1e-15 * hi { break }
      }
      if t < target - tolerance { alpha = hi }  // the sum is short only when the bracket closed below
    }
    var placed = 0.0, headroom = 0.0
    for g in dispatchable {
      output[g] = min(available[g], max(minimum[g], alpha * setpoint[g]))
      placed += output[g]
      headroom += available[g] - output[g]
    }
    let rest = target - placed
    if rest > 0, headroom > 0 {
      let f = min(1, rest / headroom)
      for g in dispatchable { output[g] += f * (available[g] - output[g]) }
    }
  }
}
