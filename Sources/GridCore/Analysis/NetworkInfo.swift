/// What a network file holds, found without solving: counts, islands,
/// references, voltage levels, out-of-service elements and anything suspicious.
///
/// What `gridtool info` prints. Islands are found over in-service branches between buses
/// that are not isolated, as ``DCSystem`` would, but nothing is factored or solved.
///
/// ```swift
/// let info = NetworkInfo(network)
/// for finding in info.findings { print(finding) }   // e.g. negative reactances, unrated branches
/// ```
public struct NetworkInfo: Sendable {
  /// The network's name.
  public var name: String
  /// System base, MVA.
  public var baseMVA: Double
  /// Number of buses, isolated ones included.
  public var busCount: Int
  /// Number of buses of each ``BusType`` (types without buses are absent).
  public var busesByType: [BusType: Int]
  /// Number of branches, out-of-service ones included.
  public var branchCount: Int
  /// Input positions (0-based) of the out-of-service branches.
  public var branchesOutOfService: [Int]
  /// Number of branches of kind ``BranchKind/transformer``.
  public var transformerCount: Int
  /// Number of generators, out-of-service ones included.
  public var generatorCount: Int
  /// Input positions (0-based) of the out-of-service generators.
  public var generatorsOutOfService: [Int]
  /// Number of named loads (native format).
  public var loadCount: Int
  /// Number of HVDC links.
  public var hvdcCount: Int
  /// Number of groups of each ``GroupKind`` (kinds without groups are absent).
  public var groupsByKind: [GroupKind: Int]
  /// The islands formed by in-service branches, in order of each island's first bus;
  /// islands made only of isolated buses are left out.
  public var islands: [Island]
  /// Number of buses at each base voltage, kV, highest first.
  public var voltageLevels: [(kV: Double, buses: Int)]
  /// Demand of the buses that are not isolated (PD + GS) plus in-service named loads, MW.
  public var totalDemandMW: Double
  /// Sum of the in-service generators' set-points (PG), MW.
  public var totalGenerationSetpointMW: Double
  /// Sum of the in-service generators' capacities (PMAX, infinite values counted as 0), MW.
  public var totalCapacityMW: Double
  /// Things a planner would want to check, each with its location when known.
  public var findings: [Diagnostic]

  /// One island of the in-service network, as the file describes it.
  public struct Island: Sendable {
    /// Buses of the island (isolated buses are not counted).
    public var busCount: Int
    /// Its buses of type ``BusType/reference``, in file order, with or without a generator.
    public var referenceBuses: [BusID]
    /// In-service generators at its buses.
    public var generatorCount: Int
    /// Demand of its buses (PD + GS) and in-service named loads, MW.
    public var demandMW: Double
  }

  /// Counts, islands and findings of `network`; never throws, whatever the data.
  public init(_ network: Network) {
    name = network.name
    baseMVA = network.baseMVA
    busCount = network.buses.count
    busesByType = Dictionary(grouping: network.buses, by: \.type).mapValues(\.count)
    branchCount = network.branches.count
    branchesOutOfService = network.branches.indices.filter { !network.branches[$0].inService }
    transformerCount = network.branches.filter { $0.kind == .transformer }.count
    generatorCount = network.generators.count
    generatorsOutOfService = network.generators.indices.filter { !network.generators[$0].inService }
    loadCount = network.loads.count
    hvdcCount = network.hvdcLinks.count
    groupsByKind = Dictionary(grouping: network.groups, by: \.kind).mapValues(\.count)
    let levels = Dictionary(grouping: network.buses, by: \.baseKV).mapValues(\.count)
    voltageLevels = levels.sorted { $0.key > $1.key }.map { (kV: $0.key, buses: $0.value) }
    totalDemandMW =
      network.buses.filter { $0.type != .isolated }.reduce(0) { $0 + $1.loadMW + $1.shuntMW }
      + network.loads.filter(\.inService).reduce(0) { $0 + $1.demandMW }
    let online = network.generators.filter(\.inService)
    totalGenerationSetpointMW = online.reduce(0) { $0 + $1.outputMW }
    totalCapacityMW = online.reduce(0) { $0 + ($1.maxMW.isFinite ? $1.maxMW : 0) }

    // Islands over in-service branches between non-isolated buses.
    let position = BusIndex(network.buses)
    var edges: [(Int, Int)] = []
    var degree = [Int](repeating: 0, count: network.buses.count)
    for br in network.branches where br.inService {
      guard let f = position[br.from], let t = position[br.to],
        network.buses[f].type != .isolated, network.buses[t].type != .isolated
      else { continue }
      edges.append((f, t))
      degree[f] += 1
      degree[t] += 1
    }
    let (labels, count) = Islands.label(nodeCount: network.buses.count, edges: edges)
    var islands = [Island](repeating: Island(busCount: 0, referenceBuses: [], generatorCount: 0, demandMW: 0), count: count)
    var isolatedLabels = Set<Int>()
    for (p, bus) in network.buses.enumerated() {
      if bus.type == .isolated {
        isolatedLabels.insert(labels[p])
        continue
      }
      islands[labels[p]].busCount += 1
      islands[labels[p]].demandMW += bus.loadMW + bus.shuntMW
      if bus.type == .reference { islands[labels[p]].referenceBuses.append(bus.id) }
    }
    for g in online { if let p = position[g.bus] { islands[labels[p]].generatorCount += 1 } }
    for l in network.loads where l.inService { if let p = position[l.bus] { islands[labels[p]].demandMW += l.demandMW } }
    self.islands = islands.filter { $0.busCount > 0 }

    var findings: [Diagnostic] = []
    for (k, br) in network.branches.enumerated() where br.inService && br.reactancePU < 0 {
      findings.append(Diagnostic("branch \(k + 1) (\(br.from)–\(br.to)) has negative reactance \(br.reactancePU) p.u. (series compensation); B may be indefinite", at: br.source))
    }
    for (p, bus) in network.buses.enumerated() where bus.type != .isolated && degree[p] == 0 {
      findings.append(Diagnostic("bus \(bus.id) has no in-service branch", at: bus.source))
    }
    for (k, g) in network.generators.enumerated() where g.inService && (g.outputMW > g.maxMW + 1e-9 || g.outputMW < g.minMW - 1e-9) {
      findings.append(Diagnostic("generator \(k + 1) at bus \(g.bus): set-point \(g.outputMW) MW is outside [\(g.minMW), \(g.maxMW)] MW", at: g.source))
    }
    for (i, island) in self.islands.enumerated() {
      if island.referenceBuses.count > 1 {
        findings.append(Diagnostic("island \(i + 1) has \(island.referenceBuses.count) reference buses (\(island.referenceBuses.map(\.description).joined(separator: ", "))); all keep their angles, as in MATPOWER"))
      }
      if island.generatorCount == 0 {
        findings.append(Diagnostic("island \(i + 1) (\(island.busCount) buses, \(island.demandMW) MW demand) has no in-service generator; it cannot be solved"))
      } else if island.referenceBuses.isEmpty {
        findings.append(
          Diagnostic(
            "island \(i + 1) has no reference bus; the first PV bus with an in-service generator will be used, as MATPOWER does (ReferenceBusRule)"))
      }
    }
    for (k, link) in network.hvdcLinks.enumerated() where link.inService && link.ratingMW > 0 && abs(link.setpointMW) > link.ratingMW + 1e-9 {
      findings.append(Diagnostic("HVDC link \(k + 1) '\(link.name)' is scheduled at \(link.setpointMW) MW, above its rating \(link.ratingMW) MW", at: link.source))
    }
    let unlimited = network.branches.filter { $0.inService && $0.ratingMW == 0 }.count
    if unlimited > 0 { findings.append(Diagnostic("\(unlimited) in-service branch\(unlimited == 1 ? " has" : "es have") no rating (RATE_A = 0, unlimited)")) }
    self.findings = findings
  }
}
