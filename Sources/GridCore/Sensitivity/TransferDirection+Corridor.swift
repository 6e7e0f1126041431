extension TransferDirection {
  /// The direction that raises an export corridor of the network file (docs/sensitivity.md):
  ///
  /// - a corridor with HVDC links raises their set-points, pro rata to their ratings (equally
  ///   when none is given); the power comes from `source`, by default the generation at the
  ///   links' sending converter buses (a bundled supply), pro rata to its output. The sink is
  ///   `sink` if given; otherwise the power leaves the model (external receiver) or, for a
  ///   link ending inside the model, is taken by the slack there;
  /// - an AC corridor moves power from `source` (default: the reference bus of the corridor's
  ///   island, i.e. the slack) to `sink` (default: the corridor's receiving buses, pro rata to
  ///   their load, equally when they have none).
  public static func corridor(
    _ name: String, in system: DCSystem, source: InjectionPattern? = nil, sink: InjectionPattern? = nil
  ) throws(SensitivityError) -> TransferDirection {
    let network = system.network
    guard let group = network.groups.first(where: { $0.name == name && $0.kind == .corridor }) else {
      let corridors = network.groups(ofKind: .corridor).map(\.name)
      throw .invalidTransfer(
        "no corridor '\(name)' in the network" + (corridors.isEmpty ? " (it defines none)" : "; corridors: \(corridors.joined(separator: ", "))"),
        at: nil)
    }
    let position: (BusID) -> Int? = { id in network.buses.firstIndex { $0.id == id } }
    if !group.hvdcLinks.isEmpty {
      let ratings = group.hvdcLinks.map { max(0, network.hvdcLinks[$0].ratingMW) }
      let total = ratings.reduce(0, +)
      let links = zip(group.hvdcLinks, ratings).map {
        LinkShare(link: $0, share: total > 0 ? $1 / total : 1 / Double(group.hvdcLinks.count))
      }
      let from: InjectionPattern
      if let source {
        from = source
      } else {
        from = try InjectionPattern(
          name: "sending converter buses of \(name)",
          buses: group.hvdcLinks.compactMap { position(network.hvdcLinks[$0].from) }, rule: .generation, network: network,
          at: group.source)
      }
      return TransferDirection(name: name, source: from, sink: sink, links: links, corridorRatingMW: group.ratingMW)
    }
    guard let first = group.branches.first else {
      throw .invalidTransfer("corridor '\(name)' has neither lines nor HVDC links", at: group.source)
    }
    let from: InjectionPattern
    if let source {
      from = source
    } else {
      // The reference of the corridor's island: where the DC power flow's slack sits.
      let bus = system.internalBus(of: network.branches[first].from)
      let island = bus >= 0 ? system.islands[system.islandOfBus[bus]] : nil
      guard let r = island?.referenceBuses.first else {
        throw .invalidTransfer("corridor '\(name)' is not in a solved island; give --from", at: group.source)
      }
      let reference = system.busPositions[r]
      from = InjectionPattern(name: "slack (bus \(network.buses[reference].id))", bus: reference)
    }
    let to: InjectionPattern
    if let sink {
      to = sink
    } else {
      let receiving = group.buses.compactMap(position)
      guard !receiving.isEmpty else { throw .invalidTransfer("corridor '\(name)' lists no receiving buses; give --to", at: group.source) }
      let rule: ParticipationRule = receiving.contains { ParticipationRule.load.busQuantities(network)[$0] > 0 } ? .load : .equal
      to = try InjectionPattern(name: "receiving buses of \(name)", buses: receiving, rule: rule, network: network)
    }
    return TransferDirection(name: name, source: from, sink: to, links: [], corridorRatingMW: group.ratingMW)
  }
}
