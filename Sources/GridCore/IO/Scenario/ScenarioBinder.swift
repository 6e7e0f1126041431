import Foundation
import Yams

/// Resolves the selectors of a scenario file (`technology`, `buses`, `region`,
/// `ids`, `all`) against a network, and profile column names against the
/// profile table, with `file:line:column` errors for anything that names
/// nothing.
struct ScenarioBinder {
  let network: Network
  let profiles: ProfileTable
  let file: String
  /// Bus position by id (native id, or MATPOWER number as text).
  private var busByName: [String: Int] = [:]
  /// Names each bus answers to as a region: region group ids and names, its `region`, `area N`.
  private(set) var busRegions: [Set<String>] = []
  private var allRegions: [String] = []
  /// Profile columns used by some binding, for the "unused column" warning.
  private var usedColumns = Set<Int>()
  /// Warnings found while binding.
  var diagnostics: [Diagnostic] = []

  init(network: Network, profiles: ProfileTable, file: String) {
    self.network = network
    self.profiles = profiles
    self.file = file
    for (p, bus) in network.buses.enumerated() {
      if !bus.name.isEmpty { busByName[bus.name] = p }
      if busByName[bus.id.description] == nil { busByName[bus.id.description] = p }
    }
    busRegions = ScenarioRegions.names(of: network)
    var seen = Set<String>()
    for names in busRegions { for n in names.sorted() where seen.insert(n).inserted { allRegions.append(n) } }
  }

  // MARK: Selectors

  /// Bus positions selected by `buses`, `region` or `all`; nil when the entry has none of them.
  func selectedBuses(_ map: NativeMapping) throws(ParseError) -> Set<Int>? {
    let kinds = ["buses", "region", "all"].filter { map.has($0) }
    guard !kinds.isEmpty else { return nil }
    guard kinds.count == 1 else {
      throw map.error(kinds[1], .other("\(map.element) combines '\(kinds[0])' and '\(kinds[1])'; use one of buses, region, all"))
    }
    switch kinds[0] {
    case "buses":
      var result = Set<Int>()
      for (name, location) in try Self.textList(map, "buses") {
        guard let p = busByName[name] else { throw ParseError(.unknownBus(element: map.element, bus: "'\(name)'"), at: location) }
        result.insert(p)
      }
      return result
    case "region":
      var result = Set<Int>()
      for (name, location) in try Self.textList(map, "region") {
        let members = busRegions.indices.filter { busRegions[$0].contains(name) }
        guard !members.isEmpty else {
          throw ParseError(.other("no region '\(name)' in the network; regions: \(allRegions.joined(separator: ", "))"), at: location)
        }
        result.formUnion(members)
      }
      return result
    default:
      guard try map.bool("all") == true else { throw map.error("all", .other("'all' can only be true; remove it to select fewer elements")) }
      return Set(network.buses.indices)
    }
  }

  /// A scalar or a list of texts, each with its location.
  static func textList(_ map: NativeMapping, _ key: String) throws(ParseError) -> [(value: String, location: SourceLocation)] {
    if case .sequence = map.valueNode(key) { return try map.stringList(key) ?? [] }
    guard let text = try map.string(key) else { return [] }
    return [(text, map.locationOf(key))]
  }

  /// Positions named in `ids` among `names` (element ids, or 1-based rows for unnamed MATPOWER elements).
  static func selectedIDs(_ map: NativeMapping, kind: String, names: [String]) throws(ParseError) -> [Int]? {
    guard map.has("ids") else { return nil }
    var lookup: [String: Int] = [:]
    for (i, name) in names.enumerated() { lookup[name.isEmpty ? String(i + 1) : name] = i }
    var result: [Int] = []
    for (name, location) in try textList(map, "ids") {
      guard let i = lookup[name] else { throw ParseError(.unknownReference(kind: kind, name: name), at: location) }
      result.append(i)
    }
    return result
  }

  // MARK: Profile values

  /// A number (a constant) or the name of a profile column.
  mutating func profileValue(_ map: NativeMapping, _ key: String) throws(ParseError) -> ProfileValue? {
    guard let text = try map.string(key) else { return nil }
    if case .scalar(let scalar) = map.valueNode(key), scalar.style == .plain,
      let number = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
    {
      guard number.isFinite else { throw map.error(key, .nonFinite(field: "'\(key)' of \(map.element)")) }
      return .constant(number)
    }
    guard let column = profiles.index(of: text) else {
      let names = profiles.names.isEmpty ? "none: add a 'profiles' file" : profiles.names.joined(separator: ", ")
      throw map.error(key, .other("no profile column '\(text)' (columns: \(names))"))
    }
    usedColumns.insert(column)
    return .column(column)
  }

  /// Checks a bound value: a constant at its key, a column at the CSV line of the first bad hour.
  func check(
    _ value: ProfileValue, _ map: NativeMapping, _ key: String, expected: String, _ isValid: (Double) -> Bool
  ) throws(ParseError) {
    switch value {
    case .constant(let v): try map.require(isValid(v), key, v, expected: expected)
    case .column(let c): try profiles.check(column: c, expected: expected, isValid)
    }
  }

  /// The binder's warnings, unused profile columns, and wind or solar units left static while others of
  /// their technology follow a profile (almost always a unit missed by the selections).
  func allDiagnostics(_ scenario: Scenario) -> [Diagnostic] {
    var result = diagnostics
    result += profiles.names.indices.filter { !usedColumns.contains($0) }.map {
      Diagnostic("profile column '\(profiles.names[$0])' is not used by the scenario", at: profiles.header(of: $0))
    }
    for tech in DispatchRule.variableTechnologies.sorted(by: { $0.rawValue < $1.rawValue }) {
      let units = network.generators.indices.filter { network.generators[$0].technology == tech && network.generators[$0].inService }
      let unbound = units.filter { scenario.generatorAvailability[$0] == nil }
      guard !unbound.isEmpty, unbound.count < units.count else { continue }
      for g in unbound {
        result.append(
          Diagnostic(
            "\(tech.rawValue) generator '\(network.generators[g].name)' has no availability profile while other \(tech.rawValue) units do; it keeps its static p_mw share",
            at: network.generators[g].source))
      }
    }
    return result
  }

  /// Throws when an element already got `attribute` from an earlier entry: two bindings are almost always a mistake.
  static func claim(
    _ i: Int, _ owners: inout [SourceLocation?], element: String, attribute: String, _ map: NativeMapping
  ) throws(ParseError) {
    if let previous = owners[i] {
      throw ParseError(.other("\(element) already gets its \(attribute) from the entry at \(previous); select it once"), at: map.location)
    }
    owners[i] = map.location
  }
}
