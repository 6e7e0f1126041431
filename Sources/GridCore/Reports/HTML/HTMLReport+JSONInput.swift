extension HTMLReport {
  /// A report of a JSON result that gridtool wrote: `gridtool-solve/1` or `gridtool-opf/1`
  /// (the network view), `gridtool-contingency/1` (the contingency view; needs `network`)
  /// or `gridtool-scenario/1` (the year without hourly series: tables, monthly energies, the
  /// map of the year's highest loadings).
  ///
  /// The result's numbers are read back exactly (they were written as the shortest text
  /// that reads back to the same double) and shown as they are: nothing is recomputed.
  /// `network` — the network the result was computed on — gives the map its coordinates,
  /// names, rings and corridors; without it a solve or scenario result is drawn from its
  /// own buses and branches (a computed layout, rings from the JSON, corridors in the tables only).
  /// - Throws: ``ReportInputError`` for a document of another kind, one that does not
  ///   parse, or a `network` whose elements do not match the result's.
  public init(json bytes: [UInt8], source: String, network: Network?) throws(ReportInputError) {
    let format = try ReportJSON.decode(ReportJSON.Header.self, bytes, source: source).format
    switch format {
    case "gridtool-solve/1", "gridtool-opf/1":
      let doc = try ReportJSON.decode(ReportJSON.Solve.self, bytes, source: source)
      let report = try FlowReport(json: doc, network: network, source: source)
      self.init(title: report.network.name, subtitle: "gridtool report \(source): \(format)")
      addFlow(report)
    case "gridtool-contingency/1":
      guard let network else {
        throw ReportInputError(message: "\(source): a contingency result names branches by row only; give its network with --network")
      }
      let doc = try ReportJSON.decode(ReportJSON.Contingency.self, bytes, source: source)
      let result = try ContingencyResult(json: doc, network: network, source: source)
      self.init(title: network.name, subtitle: "gridtool report \(source): \(format)")
      addContingency(result)
    case "gridtool-scenario/1":
      let doc = try ReportJSON.decode(ReportJSON.Scenario.self, bytes, source: source)
      let result = try ScenarioResult(json: doc, source: source)
      let net = network ?? Self.skeleton(of: doc)
      guard net.branches.count == doc.branches.count else {
        throw ReportInputError(message: "\(source): the network has \(net.branches.count) branches, the result \(doc.branches.count)")
      }
      self.init(title: doc.scenario, subtitle: "gridtool report \(source): \(format)")
      addScenario(result, network: net)
    default:
      throw ReportInputError(
        message: "\(source): gridtool report reads gridtool-solve/1, gridtool-opf/1, gridtool-contingency/1 and gridtool-scenario/1, not \(format)")
    }
  }

  /// The buses and branches a scenario result names, for a computed layout.
  static func skeleton(of doc: ReportJSON.Scenario) -> Network {
    var ids: [Int] = []
    var seen = Set<Int>()
    for b in doc.branches { for id in [b.from, b.to] where seen.insert(id).inserted { ids.append(id) } }
    let buses = ids.map { Bus(id: BusID(rawValue: $0)) }
    let branches = doc.branches.map {
      Branch(from: BusID(rawValue: $0.from), to: BusID(rawValue: $0.to), reactancePU: 0.01, ratingMW: $0.ratingMw ?? 0, name: $0.name)
    }
    let corridors = doc.corridors.map { NetworkGroup(name: $0.name, displayName: $0.displayName, kind: .corridor, ratingMW: $0.ratingMw ?? 0) }
    return Network(name: doc.network, buses: buses, branches: branches, groups: corridors)
  }
}

extension FlowReport {
  /// The report a solve (or OPF) JSON holds, on `network` when given (it must have the
  /// result's buses, branches and links, in order), else on the JSON's own elements.
  init(json doc: ReportJSON.Solve, network given: Network?, source: String) throws(ReportInputError) {
    var network: Network
    if let given {
      guard given.buses.count == doc.buses.count, given.branches.count == doc.branches.count, given.hvdcLinks.count == doc.hvdc.count,
        zip(given.buses, doc.buses).allSatisfy({ $0.id.rawValue == $1.id })
      else {
        throw ReportInputError(message: "\(source): the network given does not match the result (buses, branches or HVDC links differ)")
      }
      network = given
    } else {
      network = Network(name: doc.network, baseMVA: doc.baseMva ?? 100)
      network.buses = doc.buses.map { Bus(id: BusID(rawValue: $0.id), name: $0.name ?? "") }
      network.branches = doc.branches.map {
        Branch(
          from: BusID(rawValue: $0.from), to: BusID(rawValue: $0.to), reactancePU: 0.01, ratingMW: $0.ratingMw ?? 0,
          inService: $0.inService, name: $0.name ?? "")
      }
      network.generators = doc.generators.map {
        Generator(
          bus: BusID(rawValue: $0.bus), outputMW: $0.pMw ?? 0, inService: $0.inService, name: $0.name ?? "",
          technology: Technology(rawValue: $0.technology ?? "") ?? .other)
      }
      network.hvdcLinks = doc.hvdc.map { l in
        var to: BusID? = nil, external: String? = nil
        switch l.to {
        case .bus(let n): to = BusID(rawValue: n)
        case .name(let s): external = s
        }
        return HVDCLink(name: l.name, from: BusID(rawValue: l.from), to: to, externalReceiver: external, setpointMW: l.pSendMw ?? 0, ratingMW: l.ratingMw ?? 0, inService: l.inService)
      }
      network.groups = doc.rings.map { NetworkGroup(name: $0.name, displayName: $0.displayName, kind: .ring, branches: $0.branches.map { $0 - 1 }) }
        + doc.corridors.map { NetworkGroup(name: $0.name, displayName: $0.displayName, kind: .corridor, ratingMW: $0.ratingMw ?? 0) }
    }
    let result = DCFlowResult(
      angleDeg: doc.buses.map(\.angleDeg), branchFlowMW: doc.branches.map { $0.pFromMw ?? 0 },
      generatorMW: doc.generators.map { $0.pMw ?? 0 },
      hvdc: doc.hvdc.map { HVDCTransfer(fromMW: $0.pSendMw ?? 0, toMW: $0.pRecvMw ?? 0) },
      busInjectionMW: doc.buses.map { $0.injectionMw ?? 0 }, slackMW: doc.islands.map { $0.slackMw ?? 0 })
    let s = doc.summary
    self.init(
      network: network, result: result,
      islands: doc.islands.map {
        IslandSummary(
          index: $0.island - 1, busCount: $0.buses, referenceBuses: $0.referenceBuses.map { BusID(rawValue: $0) }, solved: $0.solved,
          promotedReference: $0.promotedReference, slackMW: $0.slackMw ?? 0, slackGenerators: $0.slackGenerators.map { $0 - 1 },
          factorization: $0.factorization.flatMap(FactorizationMethod.init(rawValue:)))
      },
      busIsland: doc.buses.map { $0.island.map { $0 - 1 } }, loadingPct: doc.branches.map(\.loadingPct),
      overloads: s.overloadedBranches.map { $0 - 1 },
      totals: Totals(
        generationMW: s.totalGenerationMw ?? 0, loadMW: s.totalLoadMw ?? 0, unservedLoadMW: s.unservedLoadMw ?? 0,
        hvdcSendMW: s.hvdcSendMw ?? 0, hvdcReceiveMW: s.hvdcReceiveMw ?? 0, hvdcLossMW: s.hvdcLossMw ?? 0, slackMW: s.slackMw ?? 0),
      corridors: doc.corridors.map {
        CorridorFlow(name: $0.name, displayName: $0.displayName, sendMW: $0.pSendMw ?? 0, receiveMW: $0.pRecvMw ?? 0, ratingMW: $0.ratingMw ?? 0)
      },
      rings: doc.rings.map { RingLoading(name: $0.name, displayName: $0.displayName, branches: $0.branches.map { $0 - 1 }, maxLoadingPct: $0.maxLoadingPct) },
      diagnostics: doc.diagnostics.map { Diagnostic($0) })
  }

  /// A report from its parts (JSON input).
  init(
    network: Network, result: DCFlowResult, islands: [IslandSummary], busIsland: [Int?], loadingPct: [Double?], overloads: [Int],
    totals: Totals, corridors: [CorridorFlow], rings: [RingLoading], diagnostics: [Diagnostic]
  ) {
    self.network = network
    self.result = result
    self.islands = islands
    self.busIsland = busIsland
    self.loadingPct = loadingPct
    self.overloads = overloads
    self.totals = totals
    self.corridors = corridors
    self.rings = rings
    self.diagnostics = diagnostics
  }
}
