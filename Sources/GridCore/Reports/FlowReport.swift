/// A solved power flow with the figures people look at: loading of every
/// branch, overloads, totals, slack, HVDC and group (corridor/ring) flows.
/// Built by ``FlowReport/init(system:result:)``; formatted by the writers.
public struct FlowReport: Sendable {
  /// The network that was solved.
  public let network: Network
  /// The solution: angles, branch flows, generator outputs and HVDC flows.
  public let result: DCFlowResult
  /// One summary per island, in the order of ``DCSystem/islands``.
  public let islands: [IslandSummary]
  /// Island (0-based) of each input bus; nil for isolated (type 4) buses.
  public let busIsland: [Int?]
  /// Loading of each branch, % of `RATE_A`; nil when unlimited (0) or out of the model.
  public let loadingPct: [Double?]
  /// Input positions of branches above 100 % of their rating, worst first.
  public let overloads: [Int]
  /// Generation, load, HVDC and slack summed over the network.
  public let totals: Totals
  /// The flow of each `corridor` group of the network, in the network's order.
  public let corridors: [CorridorFlow]
  /// The loading of each `ring` group of the network, in the network's order.
  public let rings: [RingLoading]
  /// Warnings of building the model and of solving it (a promoted reference bus, an island
  /// without generation, a slack generator past its limits).
  public let diagnostics: [Diagnostic]

  /// Network-wide sums, MW.
  public struct Totals: Sendable {
    /// In-service generation, MW (slack included).
    public var generationMW: Double
    /// Demand served in solved islands (bus PD, loads and GS), MW.
    public var loadMW: Double
    /// Demand in islands without generation, MW.
    public var unservedLoadMW: Double
    /// Power sent by HVDC links (from end), MW.
    public var hvdcSendMW: Double
    /// Power HVDC links deliver (to end), MW.
    public var hvdcReceiveMW: Double
    /// Power lost in HVDC links, MW (`hvdcSendMW − hvdcReceiveMW`).
    public var hvdcLossMW: Double
    /// Balance taken by slack generators, MW (sum over islands).
    public var slackMW: Double
  }

  /// One island of the network: its size, references, slack and how B was factored.
  public struct IslandSummary: Sendable {
    /// Position of the island (0-based) among ``FlowReport/islands``.
    public var index: Int
    /// Number of buses in the island.
    public var busCount: Int
    /// The island's reference (angle 0) buses; empty when it has no generation.
    public var referenceBuses: [BusID]
    /// False for an island without in-service generation: its buses are not solved and its
    /// load is not served.
    public var solved: Bool
    /// True when no bus of the island was a reference bus with an in-service generator and
    /// one was chosen (``ReferenceBusRule``).
    public var promotedReference: Bool
    /// Balance taken up by the island's slack generators, MW (output − set-point).
    public var slackMW: Double
    /// Input positions of the slack generators: one per reference bus, or every generator a
    /// distributed slack moved (``DCFlowResult/slackGenerators``).
    public var slackGenerators: [Int]
    /// How the island's reduced B was factored; nil when the island is not solved or has no
    /// bus besides its references.
    public var factorization: FactorizationMethod?
  }

  /// Flow through an export corridor: sending end, receiving end, losses.
  public struct CorridorFlow: Sendable {
    /// The group's name (an identifier, e.g. `jiquan`).
    public var name: String
    /// The group's name for people, when it has one.
    public var displayName: String?
    /// Power leaving the sending side, MW: over each AC line, the flow at its end that is not
    /// a receiving bus; over each HVDC link, the power at its from end (negative when it runs
    /// backwards).
    public var sendMW: Double
    /// Power arriving at the receiving side, MW (AC lines are lossless in DC).
    public var receiveMW: Double
    /// HVDC losses of the corridor, MW.
    public var lossMW: Double { sendMW - receiveMW }
    /// The corridor's rating, MW; 0 when it has none.
    public var ratingMW: Double
    /// Sending power as % of the rating; nil when the corridor has none.
    public var utilizationPct: Double? { ratingMW > 0 ? 100 * sendMW / ratingMW : nil }
  }

  /// Loading of a ring's branches.
  public struct RingLoading: Sendable {
    /// The group's name (an identifier).
    public var name: String
    /// The group's name for people, when it has one.
    public var displayName: String?
    /// Input positions (0-based) of the ring's branches.
    public var branches: [Int]
    /// The largest loading of the ring's rated branches, % of `RATE_A`; nil when none is rated.
    public var maxLoadingPct: Double?
  }

  /// The report of `result`, a solution of `system`: loadings (`100·|P_from| / RATE_A`),
  /// overloads, totals, islands and the network's corridor and ring groups.
  public init(system: DCSystem, result: DCFlowResult) {
    let network = system.network
    self.network = network
    self.result = result
    var loading = [Double?](repeating: nil, count: network.branches.count)
    for (k, branch) in network.branches.enumerated() where branch.ratingMW > 0 && system.branchFrom[k] >= 0 {
      loading[k] = 100 * abs(result.branchFlowMW[k]) / branch.ratingMW
    }
    loadingPct = loading
    overloads = loading.indices.filter { (loading[$0] ?? 0) > 100 + 1e-9 }.sorted { (loading[$0] ?? 0) > (loading[$1] ?? 0) }

    var solvedBus = [Bool](repeating: false, count: network.buses.count)
    var islandSummaries: [IslandSummary] = []
    for island in system.islands {
      for b in island.buses where island.isSolvable { solvedBus[system.busPositions[b]] = true }
      islandSummaries.append(
        IslandSummary(
          index: island.index, busCount: island.buses.count,
          referenceBuses: island.referenceBuses.map { network.buses[system.busPositions[$0]].id }, solved: island.isSolvable,
          promotedReference: island.promotedReference, slackMW: result.slackMW[island.index],
          slackGenerators: result.slackGenerators.indices.contains(island.index) && !result.slackGenerators[island.index].isEmpty
            ? result.slackGenerators[island.index] : island.slackGenerators,
          factorization: island.factorizationMethod))
    }
    islands = islandSummaries
    var busIsland = [Int?](repeating: nil, count: network.buses.count)
    for (i, p) in system.busPositions.enumerated() { busIsland[p] = system.islandOfBus[i] }
    self.busIsland = busIsland

    var served = 0.0, unserved = 0.0
    let position = system.positionOfBus
    for (p, bus) in network.buses.enumerated() where bus.type != .isolated {
      let d = bus.loadMW + bus.shuntMW
      if solvedBus[p] { served += d } else { unserved += d }
    }
    for load in network.loads where load.inService {
      guard let p = position[load.bus], network.buses[p].type != .isolated else { continue }
      if solvedBus[p] { served += load.demandMW } else { unserved += load.demandMW }
    }
    let generation = result.generatorMW.reduce(0, +)
    totals = Totals(
      generationMW: generation, loadMW: served, unservedLoadMW: unserved,
      hvdcSendMW: result.hvdc.reduce(0) { $0 + $1.sendMW }, hvdcReceiveMW: result.hvdc.reduce(0) { $0 + $1.receiveMW },
      hvdcLossMW: result.hvdc.reduce(0) { $0 + $1.lossMW }, slackMW: result.slackMW.reduce(0, +))

    corridors = network.groups(ofKind: .corridor).map { FlowReport.corridorFlow($0, network: network, result: result) }
    rings = network.groups(ofKind: .ring).map { group in
      RingLoading(
        name: group.name, displayName: group.displayName, branches: group.branches,
        maxLoadingPct: group.branches.compactMap { loading[$0] }.max())
    }
    diagnostics = system.diagnostics + result.diagnostics
  }

  /// Corridor sending = sum over its elements of the power leaving the sending side:
  /// for an AC line, the flow at its end that is not a receiving bus; for an HVDC link, the power at its from end.
  static func corridorFlow(_ group: NetworkGroup, network: Network, result: DCFlowResult) -> CorridorFlow {
    var send = 0.0, receive = 0.0
    let receiving = Set(group.buses)
    for k in group.branches {
      let branch = network.branches[k]
      let flowFrom = result.branchFlowMW[k]
      // In DC the line is lossless: what leaves one end arrives at the other.
      let out = receiving.contains(branch.to) ? flowFrom : -flowFrom
      send += out
      receive += out
    }
    for k in group.hvdcLinks {
      // Signed: a link running backwards imports, and counts against the corridor.
      send += result.hvdc[k].fromMW
      receive += result.hvdc[k].toMW
    }
    return CorridorFlow(name: group.name, displayName: group.displayName, sendMW: send, receiveMW: receive, ratingMW: group.ratingMW)
  }
}
