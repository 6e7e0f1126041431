import Foundation
import Yams

/// Reads a scenario file (`gridtool-scenario/1`, YAML; docs/scenarios.md).
///
/// Same conventions as the network format: every key is checked (an unknown
/// key is an error), and every error is a ``ParseError`` naming
/// `file:line:column`. Paths in the file (`network`, `facts`, profile files)
/// are relative to the scenario file's folder.
public enum ScenarioReader {
  /// The value of the `format` key this reader understands.
  public static let formatVersion = "gridtool-scenario/1"

  static let topKeys = [
    "format", "name", "description", "network", "facts", "period", "profiles", "generators", "loads", "hvdc",
    "outages", "dispatch",
  ]

  /// What an empty scenario file should hold, for its message.
  static let expected = "a scenario starting with 'format: \(formatVersion)' (docs/scenarios.md)"

  /// Reads the scenario, its network and its profile files.
  /// - Parameters:
  ///   - path: the scenario file, used as given in messages; the files it names are found
  ///     relative to its folder.
  ///   - limits: the largest file and the deepest YAML nesting accepted, for the scenario and
  ///     every file it names.
  public static func read(contentsOf path: String, limits: InputLimits = .standard) throws(ParseError) -> Scenario {
    try parse(bytes: try InputFile.bytes(of: path, limits: limits), file: path, limits: limits)
  }

  /// Reads a scenario from text; `file` names it in messages and anchors its relative paths.
  public static func parse(_ text: String, file: String) throws(ParseError) -> Scenario {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads a scenario from its bytes (UTF-8, a leading byte-order mark allowed); `file` names it
  /// in messages and anchors its relative paths.
  public static func parse(bytes: [UInt8], file: String, limits: InputLimits = .standard) throws(ParseError) -> Scenario {
    let root = try YAMLDocument.compose(bytes: bytes, file: file, limits: limits, expected: expected)
    try checkFormat(root, file: file)
    let top = try NativeMapping(root, element: "the scenario file", allowed: topKeys, file: file)
    let name = try top.requiredString("name")
    let description = try top.string("description")

    let networkPath = resolve(try top.requiredString("network"), against: file)
    let (network, networkDiagnostics) = try NetworkFile.read(networkPath, limits: limits)
    let (start, hours) = try readPeriod(top)
    var profiles = ProfileTable(start: start, hours: hours)
    var profileFiles: [String] = []
    var inputFiles = [file, networkPath]
    for entry in try top.sequence("profiles") ?? [] {
      let map = try NativeMapping(entry, element: "entry of 'profiles'", allowed: ["file", "timestamp_column"], file: file)
      let path = resolve(try map.requiredString("file"), against: file)
      try ProfileCSV.read(path, timestampColumn: try map.string("timestamp_column") ?? "time", into: &profiles, limits: limits)
      profileFiles.append(path)
      inputFiles.append(path)
    }

    var scenario = Scenario(name: name, network: network, profiles: profiles)
    scenario.inputFiles = inputFiles
    scenario.description = description
    scenario.factsPath = try top.string("facts").map { resolve($0, against: file) }
    let (rule, areasNode) = try readDispatch(top)
    scenario.dispatch = rule
    if let node = top.valueNode("dispatch"), !NativeMapping.isNull(node) {
      let map = try NativeMapping(
        node, element: "'dispatch'", allowed: ["rule", "must_run", "merit_order", "balancing_areas"] + opfKeys, file: file)
      try readOPF(map, network: network, into: &scenario)
    }
    var binder = ScenarioBinder(network: network, profiles: profiles, file: file)
    if let areasNode { scenario.dispatch.areas = try binder.readAreas(areasNode, rule: rule) }
    try binder.bindGenerators(try top.sequence("generators") ?? [], into: &scenario)
    try binder.bindLoads(try top.sequence("loads") ?? [], into: &scenario)
    try binder.bindHVDC(try top.sequence("hvdc") ?? [], into: &scenario)
    try binder.readOutages(try top.sequence("outages") ?? [], into: &scenario)
    scenario.diagnostics = networkDiagnostics + binder.allDiagnostics(scenario)
    scenario.sources = ScenarioSources(scenarioFile: file, scenarioText: String(decoding: bytes, as: UTF8.self), networkFile: networkPath, profileFiles: profileFiles)
    return scenario
  }

  /// `path` as seen from the current folder: unchanged when absolute, else joined to the scenario's folder.
  static func resolve(_ path: String, against file: String) -> String {
    if path.hasPrefix("/") { return normalized(path) }
    let folder = (file as NSString).deletingLastPathComponent
    return normalized(folder.isEmpty ? path : folder + "/" + path)
  }

  /// `a/b/../c` → `a/c`, lexically (no file system access), so that messages show short paths.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    if path.hasPrefix("/") { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  private static func checkFormat(_ root: Yams.Node, file: String) throws(ParseError) {
    guard case .mapping(let mapping) = root else { return }  // NativeMapping reports the shape
    guard let format = mapping["format"] else {
      throw ParseError(.missingKey(key: "format", element: "the scenario file"), at: NativeMapping.location(of: root, in: file))
    }
    guard case .scalar(let scalar) = format, scalar.string == formatVersion else {
      throw ParseError(
        .outOfRange(field: "format", value: NativeMapping.describe(format), expected: "'\(formatVersion)'"),
        at: NativeMapping.location(of: format, in: file))
    }
  }

  private static func readPeriod(_ top: NativeMapping) throws(ParseError) -> (ClockHour, Int) {
    guard let node = top.valueNode("period") else { throw top.missing("period") }
    let map = try NativeMapping(node, element: "'period'", allowed: ["start", "hours"], file: top.file)
    let text = try map.requiredString("start")
    guard let start = ClockHour(parsing: text) else {
      throw map.error("start", .other("'\(text)' is not a timestamp; write YYYY-MM-DDTHH:MM, e.g. \"2024-01-01T00:00\""))
    }
    guard let hours = try map.int("hours") else { throw map.missing("hours") }
    try map.require(hours > 0 && hours <= 1_000_000, "hours", Double(hours), expected: "1...1000000 hours (8784 for 2024, a leap year)")
    return (start, hours)
  }

  /// The rule, and the `balancing_areas` node for the binder (it names buses and links).
  private static func readDispatch(_ top: NativeMapping) throws(ParseError) -> (DispatchRule, Yams.Node?) {
    guard let node = top.valueNode("dispatch"), !NativeMapping.isNull(node) else { return (DispatchRule(), nil) }
    let map = try NativeMapping(
      node, element: "'dispatch'", allowed: ["rule", "must_run", "merit_order", "balancing_areas"] + opfKeys, file: top.file)
    var rule = DispatchRule()
    func technology(_ name: String, _ location: SourceLocation) throws(ParseError) -> Technology {
      guard let tech = Technology(rawValue: name) else {
        throw ParseError(
          .outOfRange(field: "technology", value: "'\(name)'", expected: Technology.allCases.map(\.rawValue).joined(separator: ", ")),
          at: location)
      }
      return tech
    }
    let order = try map.stringList("merit_order")
    switch try map.string("rule") ?? "pro-rata-headroom" {
    case "pro-rata-headroom": rule.method = .proRataHeadroom
    case "pro-rata-setpoint": rule.method = .proRataSetpoint
    case "merit-order":
      guard let order else { throw map.missing("merit_order") }
      var techs: [Technology] = []
      for (name, location) in order { techs.append(try technology(name, location)) }
      rule.method = .meritOrder(techs)
    case let other:
      throw map.error(
        "rule", .outOfRange(field: "'rule' of 'dispatch'", value: "'\(other)'", expected: "pro-rata-headroom, pro-rata-setpoint or merit-order"))
    }
    var isMeritOrder = false
    if case .meritOrder = rule.method { isMeritOrder = true }
    if order != nil, !isMeritOrder {
      throw map.error("merit_order", .other("'merit_order' applies only with 'rule: merit-order'"))
    }
    if let node = map.valueNode("must_run"), !NativeMapping.isNull(node) {
      let names = Technology.allCases.filter { !DispatchRule.variableTechnologies.contains($0) }.map(\.rawValue)
      let shares = try NativeMapping(node, element: "'must_run' of 'dispatch'", allowed: names, file: top.file)
      for name in names {
        guard let value = try shares.double(name) else { continue }
        try shares.require((0...1).contains(value), name, value, expected: "0...1 (p.u. of installed capacity)")
        rule.mustRun[try technology(name, shares.locationOf(name))] = value
      }
    }
    return (rule, map.valueNode("balancing_areas"))
  }
}
