/// Linear transfer capability of one direction under N-0 and N-1 (see ``TransferCapability``).
/// The outage factors are computed once per study; ``capability(at:minimumSensitivity:keep:ignorePreExisting:)``
/// then costs one power flow and O(monitored × contingencies) per operating point, so hour
/// after hour of a scenario reuses them.
///
/// ```swift
/// let sensitivity = DCSensitivity(system)
/// let study = try TransferStudy(sensitivity, direction: .corridor("jiquan", in: system))
/// let capability = try study.capability()
/// print(capability.transferMW ?? .infinity, capability.limiting?.rawValue ?? "none")
/// ```
public struct TransferStudy: Sendable {
  /// The direction studied.
  public let direction: TransferDirection
  /// The N-1 settings (monitored branches, outages, rating set, limit %).
  public let options: ContingencyOptions
  /// The outages after which the limits are checked, in report order.
  public let contingencies: [Contingency]
  /// Monitored branches (input positions, in input order).
  public let monitored: [Int]
  let sensitivity: DCSensitivity
  let kernel: OutageKernel
  let postRating: [Double]

  /// Prepares the study: the contingency list, the monitored branches and the outage
  /// factors' set-up, shared by every later ``capability(at:minimumSensitivity:keep:ignorePreExisting:)``.
  public init(_ sensitivity: DCSensitivity, direction: TransferDirection, options: ContingencyOptions = ContingencyOptions())
    throws(SensitivityError)
  {
    self.sensitivity = sensitivity
    self.direction = direction
    self.options = options
    let plan = try ContingencyAnalysis.Plan(sensitivity, options: options)
    contingencies = plan.contingencies
    monitored = plan.monitored
    postRating = plan.postRating
    kernel = try OutageKernel(
      sensitivity: sensitivity, rows: Array(sensitivity.network.branches.indices), contingencies: contingencies,
      hvdcRule: options.hvdcRule)
  }

  /// The capability at `point` (default: the network's set-points).
  /// - Parameters:
  ///   - point: the operating point the flows and outage factors are linearised at; nil:
  ///     the network's set-points.
  ///   - minimumSensitivity: |PTDF| or |OTDF| below this (MW/MW) never limits (round-off and
  ///     negligible effects would otherwise give huge or spurious negative limits).
  ///   - keep: how many of the most restrictive branch limits to report.
  ///   - ignorePreExisting: leave out branches already beyond their limit before the transfer
  ///     (in the base case or after the contingency). By default such a branch, when the
  ///     transfer loads it further, limits the transfer to 0 and is flagged ``TransferLimit/preExisting``.
  public func capability(
    at point: OperatingPoint? = nil, minimumSensitivity: Double = 1e-3, keep: Int = 10, ignorePreExisting: Bool = false
  ) throws(SensitivityError) -> TransferCapability {
    let system = sensitivity.system, network = system.network
    let (point, solved) = try sensitivity.solveBase(at: point)
    let base = solved.branchFlowMW
    let perMW = direction.injectionPerMW(network: network, point: point)
    try sensitivity.checkOneIsland(perMW, name: direction.name)
    let ptdf = try sensitivity.flowChanges(rows: Array(network.branches.indices), injections: [perMW])
    let scale = options.limitPct / 100
    var best = BestLimits(keep: max(1, keep), ignorePreExisting: ignorePreExisting)

    // N-0.
    for l in monitored where network.branches[l].ratingMW > 0 {
      best.consider(
        branch: l, contingency: nil, flow: base[l], sensitivity: ptdf[l], rating: network.branches[l].ratingMW * scale,
        minimum: minimumSensitivity)
    }
    // N-1: flows after each contingency before (0) and after (1) a 1 MW transfer; OTDF = difference.
    var raised = point
    for share in direction.links { raised.hvdcSetpointMW[share.link] += share.share }
    let state0 = OutageKernel.PointState(point, system: system), state1 = OutageKernel.PointState(raised, system: system)
    var sourceShares: [Int: Double] = [:]
    for share in direction.source.shares where system.internalIndex[share.bus] >= 0 {
      sourceShares[system.internalIndex[share.bus]] = share.share
    }
    let shifted = zip(base, ptdf).map { $0 + $1 }
    var post0 = [Double](repeating: 0, count: network.branches.count), post1 = post0
    var block = OutageKernel.FactorBlock(range: 0..<0, values: [], singular: [])
    for range in kernel.blockRanges() {
      try kernel.fill(&block, range: range)
      for c in range where !block.singular[c - range.lowerBound] {
        if case .inactive = kernel.effects[c].kind { continue }
        let e0 = kernel.injections(c, at: state0).entries
        let e1 = kernel.injections(c, at: state1, transferMW: 1, transferShares: sourceShares).entries
        kernel.postFlows(c, block: block, base: base.span, injections: e0, into: &post0)
        kernel.postFlows(c, block: block, base: shifted.span, injections: e1, into: &post1)
        let derated = kernel.effects[c].derated
        for l in monitored {
          var rating = postRating[l]
          if let derated, derated.row == l { rating *= derated.remaining }
          guard rating > 0 else { continue }
          best.consider(
            branch: l, contingency: c, flow: post0[l], sensitivity: post1[l] - post0[l], rating: rating * scale,
            minimum: minimumSensitivity)
        }
      }
    }

    var result = TransferCapability(
      direction: direction, transferMW: nil, limiting: nil, networkLimitMW: best.limits.first?.transferMW, limits: best.limits,
      hvdcRatingLimitMW: nil, hvdcRatingLink: nil, sourceCapacityLimitMW: nil, ptdf: ptdf, minimumSensitivity: minimumSensitivity)
    for share in direction.links where share.share > 0 {
      let link = network.hvdcLinks[share.link]
      guard link.ratingMW > 0 else { continue }
      let headroom = (link.ratingMW - abs(point.hvdcSetpointMW[share.link])) / share.share
      if headroom < (result.hvdcRatingLimitMW ?? .infinity) {
        result.hvdcRatingLimitMW = headroom
        result.hvdcRatingLink = share.link
      }
    }
    result.sourceCapacityLimitMW = sourceCapacityLimit(solved: solved)
    let candidates: [(Double?, TransferCapability.Limiting)] = [
      (result.networkLimitMW, .branch), (result.hvdcRatingLimitMW, .hvdcRating), (result.sourceCapacityLimitMW, .sourceCapacity),
    ]
    for (value, kind) in candidates {
      guard let value else { continue }
      if value < (result.transferMW ?? .infinity) {
        result.transferMW = value
        result.limiting = kind
      }
    }
    return result
  }

  /// `min over source buses of (Σ (PMAX − output) of in-service generators) / share`, MW,
  /// with the generators at their solved output; nil when no source bus has a generator.
  private func sourceCapacityLimit(solved: DCFlowResult) -> Double? {
    let network = sensitivity.network
    var headroom: [Int: Double] = [:]
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    for (g, gen) in network.generators.enumerated() where gen.inService {
      guard let p = position[gen.bus], gen.maxMW.isFinite else { continue }
      headroom[p, default: 0] += max(0, gen.maxMW - solved.generatorMW[g])
    }
    var limit: Double? = nil
    for share in direction.source.shares where share.share > 0 {
      guard let h = headroom[share.bus] else { continue }
      limit = min(limit ?? .infinity, h / share.share)
    }
    return limit
  }
}

/// The `keep` smallest transfer limits seen, smallest first.
private struct BestLimits {
  let keep: Int
  let ignorePreExisting: Bool
  var limits: [TransferLimit] = []

  init(keep: Int, ignorePreExisting: Bool) {
    self.keep = keep
    self.ignorePreExisting = ignorePreExisting
  }

  mutating func consider(branch: Int, contingency: Int?, flow: Double, sensitivity: Double, rating: Double, minimum: Double) {
    guard abs(sensitivity) >= minimum, rating > 0 else { return }
    // The transfer pushes the flow towards +rating (sensitivity > 0) or −rating.
    let bound = sensitivity > 0 ? rating : -rating
    // Already beyond that bound: any transfer makes it worse. The linear formula would give a
    // negative limit inversely proportional to a possibly tiny sensitivity, which means nothing.
    let preExisting = sensitivity > 0 ? flow > rating * (1 + 1e-12) : flow < -rating * (1 + 1e-12)
    if preExisting && ignorePreExisting { return }
    let t = preExisting ? 0 : (bound - flow) / sensitivity
    guard limits.count < keep || t < (limits.last?.transferMW ?? .infinity) else { return }
    let limit = TransferLimit(
      branch: branch, contingency: contingency, transferMW: t, flowMW: flow, sensitivity: sensitivity, ratingMW: rating,
      preExisting: preExisting)
    let index = limits.firstIndex { $0.transferMW > t } ?? limits.count
    limits.insert(limit, at: index)
    if limits.count > keep { limits.removeLast() }
  }
}
