import Yams

extension NativeReader {
  /// Section name under `groups`, the kind it makes, and the keys its entries allow.
  static let groupSections: [(section: String, kind: GroupKind, keys: [String])] = [
    ("rings", .ring, ["id", "name", "lines", "hvdc", "rating_mw", "source"]),
    ("corridors", .corridor, ["id", "name", "lines", "hvdc", "receiving_buses", "rating_mw", "source"]),
    ("regions", .region, ["id", "name", "buses", "lines", "hvdc", "rating_mw", "source"]),
  ]

  mutating func readGroups(_ node: Yams.Node) throws(ParseError) {
    let groupsMap = try NativeMapping(
      node, element: "'groups'", allowed: Self.groupSections.map(\.section), file: file)
    for (section, kind, keys) in Self.groupSections {
      var ids = Set<String>()
      for (position, entry) in (try groupsMap.sequence(section) ?? []).enumerated() {
        var map = try NativeMapping(entry, element: "entry \(position + 1) of '\(section)'", allowed: keys, file: file)
        let id = try map.requiredID("id")
        map.element = "\(kind.rawValue) '\(id)'"
        guard ids.insert(id).inserted else { throw map.error("id", .duplicateID(id)) }
        _ = try map.string("source")
        var group = NetworkGroup(name: id, displayName: try map.string("name"), kind: kind, source: map.location)
        group.branches = try members(map, "lines", kind: "line or transformer", positions: branchPositions)
        group.hvdcLinks = try members(map, "hvdc", kind: "HVDC link", positions: hvdcPositions)
        group.buses = try busMembers(map, kind == .corridor ? "receiving_buses" : "buses")
        if let rating = try map.double("rating_mw") {
          try map.require(rating > 0, "rating_mw", rating, expected: "> 0 MW")
          group.ratingMW = rating
        }
        if kind == .corridor { try checkCorridorDirections(group, map) }
        groups.append(group)
      }
    }
  }

  /// Positions of the named elements, in the order the file lists them.
  private func members(
    _ map: NativeMapping, _ key: String, kind: String, positions: [String: Int]
  ) throws(ParseError) -> [Int] {
    var result: [Int] = []
    for (name, location) in try map.stringList(key) ?? [] {
      guard let position = positions[name] else {
        throw ParseError(.unknownReference(kind: kind, name: name), at: location)
      }
      guard !result.contains(position) else {
        throw ParseError(.other("\(kind) '\(name)' is listed twice in '\(key)' of \(map.element)"), at: location)
      }
      result.append(position)
    }
    return result
  }

  private func busMembers(_ map: NativeMapping, _ key: String) throws(ParseError) -> [BusID] {
    var result: [BusID] = []
    for (name, location) in try map.stringList(key) ?? [] {
      guard let number = busNumbers[name] else {
        throw ParseError(.unknownBus(element: map.element, bus: "'\(name)'"), at: location)
      }
      guard !result.contains(number) else {
        throw ParseError(.other("bus '\(name)' is listed twice in '\(key)' of \(map.element)"), at: location)
      }
      result.append(number)
    }
    return result
  }

  /// A corridor's AC branches must each cross from the sending side to the receiving side,
  /// otherwise the direction of its transfer is undefined.
  private func checkCorridorDirections(_ group: NetworkGroup, _ map: NativeMapping) throws(ParseError) {
    let receiving = Set(group.buses)
    let names = try map.stringList("lines") ?? []
    for (index, position) in group.branches.enumerated() {
      let branch = branches[position]
      let ends = (receiving.contains(branch.from) ? 1 : 0) + (receiving.contains(branch.to) ? 1 : 0)
      guard ends != 1 else { continue }
      let problem = ends == 0 ? "neither end" : "both ends"
      throw ParseError(
        .other(
          "\(map.element): '\(branch.name)' has \(problem) in 'receiving_buses'; list exactly one end of each corridor line there"
        ), at: names[index].location)
    }
  }
}
