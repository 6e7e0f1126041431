/// Region names of buses, shared by the scenario reader (selections such as `region: hami`)
/// and the hour model (regions of the reports).
enum ScenarioRegions {
  /// Every name a bus answers to as a region: the ids and names of the region groups that hold it,
  /// its own `region`, and `area N` for MATPOWER buses without one.
  static func names(of network: Network) -> [Set<String>] {
    var names = [Set<String>](repeating: [], count: network.buses.count)
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    for group in network.groups(ofKind: .region) {
      for id in group.buses {
        guard let p = position[id] else { continue }
        names[p].insert(group.name)
        if let display = group.displayName { names[p].insert(display) }
      }
    }
    for (p, bus) in network.buses.enumerated() {
      if let region = bus.info?.region { names[p].insert(region) }
      if names[p].isEmpty { names[p].insert("area \(bus.area)") }
    }
    return names
  }

  /// The one name a bus is reported under: its first region group's display name (or id), its `region`, or `area N`.
  static func reportName(of network: Network) -> [String] {
    var result = network.buses.map { $0.info?.region ?? "area \($0.area)" }
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    var assigned = Set<Int>()
    for group in network.groups(ofKind: .region) {
      for id in group.buses {
        guard let p = position[id], assigned.insert(p).inserted else { continue }
        result[p] = group.displayName ?? group.name
      }
    }
    return result
  }
}
