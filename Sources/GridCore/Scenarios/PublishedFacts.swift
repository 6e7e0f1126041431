import Yams

/// Published figures and how they map onto a model (`gridtool-facts/1`, YAML;
/// docs/validate.md): the input of ``Validation``.
public struct PublishedFacts: Sendable {
  /// One published figure: value, unit, tolerance and where it comes from.
  public struct Fact: Sendable, Hashable {
    /// The name the checks use, e.g. `jiquan_2024_sent`.
    public var id: String
    /// The figure, in `unit`.
    public var value: Double
    public var unit: FactUnit
    /// Absolute tolerance in `unit` (from `tolerance`, or `tolerance_pct` of `value`); nil when none is given.
    public var tolerance: Double?
    /// Confidence tag of the facts sheet: S, S≠, I, E, N.
    public var tag: String
    /// Reference in the facts sheet, and where the fact is in the file.
    public var source: String
    public var location: SourceLocation
  }

  /// The file's `name`, and its path as given.
  public var name: String
  public var file: String
  public private(set) var facts: [String: Fact] = [:]
  /// Fact ids in file order.
  public private(set) var order: [String] = []
  /// The model elements the figures describe.
  public var jiquanLink: String
  /// Bus ids of the Zhundong area that supplies Jiquan (check 4).
  public var jiquanSupplyBuses: [String]
  /// Corridor ids: the four export corridors (5a), Tianzhong (5b), the AC ties (5c).
  public var exportCorridors: [String]
  public var tianzhongCorridor: String
  public var acCorridors: [String]

  /// The fact `id`; throws at the file's first line when the file lacks it.
  public func fact(_ id: String, neededBy check: String) throws(ParseError) -> Fact {
    guard let fact = facts[id] else {
      throw ParseError(.other("the facts file has no fact '\(id)', which check \(check) needs"), at: SourceLocation(file: file, line: 1))
    }
    return fact
  }

  /// Reads a facts file; every key is checked and every error names `file:line:column`.
  public static func read(contentsOf path: String) throws(ParseError) -> PublishedFacts {
    let bytes = try InputFile.bytes(of: path)
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
      throw ParseError(.binary, at: SourceLocation(file: path, line: 1))
    }
    return try parse(text, file: path)
  }

  /// Reads facts from text; `file` names it in messages.
  public static func parse(_ text: String, file: String) throws(ParseError) -> PublishedFacts {
    let root = try NativeNetworkReader.compose(text, file: file)
    let top = try NativeMapping(root, element: "the facts file", allowed: ["format", "name", "description", "model", "facts"], file: file)
    let format = try top.requiredString("format")
    guard format == "gridtool-facts/1" else {
      throw top.error("format", .outOfRange(field: "format", value: "'\(format)'", expected: "'gridtool-facts/1'"))
    }
    _ = try top.string("description")
    guard let modelNode = top.valueNode("model") else { throw top.missing("model") }
    let model = try NativeMapping(
      modelNode, element: "'model'",
      allowed: ["jiquan", "jiquan_supply_buses", "export_corridors", "tianzhong_corridor", "ac_corridors"], file: file)
    func list(_ key: String) throws(ParseError) -> [String] {
      guard let values = try model.stringList(key) else { throw model.missing(key) }
      return values.map(\.value)
    }
    var result = PublishedFacts(
      name: try top.requiredString("name"), file: file, jiquanLink: try model.requiredID("jiquan"),
      jiquanSupplyBuses: try list("jiquan_supply_buses"), exportCorridors: try list("export_corridors"),
      tianzhongCorridor: try model.requiredID("tianzhong_corridor"), acCorridors: try list("ac_corridors"))
    let keys = ["id", "value", "unit", "tolerance", "tolerance_pct", "tag", "source"]
    for (i, node) in (try top.sequence("facts") ?? []).enumerated() {
      var map = try NativeMapping(node, element: "fact \(i + 1) of 'facts'", allowed: keys, file: file)
      let id = try map.requiredID("id")
      map.element = "fact '\(id)'"
      guard result.facts[id] == nil else { throw map.error("id", .duplicateID(id)) }
      let unitText = try map.requiredString("unit")
      guard let unit = FactUnit(rawValue: unitText) else {
        throw map.error(
          "unit", .outOfRange(field: "'unit' of \(map.element)", value: "'\(unitText)'", expected: FactUnit.allCases.map(\.rawValue).joined(separator: ", ")))
      }
      let value = try map.requiredDouble("value")
      var tolerance = try map.double("tolerance")
      if let t = tolerance { try map.require(t >= 0, "tolerance", t, expected: "≥ 0") }
      if let pct = try map.double("tolerance_pct") {
        guard tolerance == nil else { throw map.error("tolerance_pct", .other("give 'tolerance' or 'tolerance_pct', not both")) }
        try map.require(pct >= 0, "tolerance_pct", pct, expected: "≥ 0 %")
        tolerance = abs(value) * pct / 100
      }
      result.facts[id] = Fact(
        id: id, value: value, unit: unit, tolerance: tolerance, tag: try map.requiredString("tag"),
        source: try map.requiredString("source"), location: map.location)
      result.order.append(id)
    }
    return result
  }
}

/// Units of published figures; model values are converted from MWh, MW, hours and %.
public enum FactUnit: String, Sendable, Hashable, CaseIterable {
  case twh = "TWh", gwh = "GWh", mwh = "MWh", gw = "GW", mw = "MW", hours = "h", percent = "%"

  /// How many base units (MWh, MW, h, %) one of this unit is.
  public var scale: Double {
    switch self {
    case .twh: return 1e6
    case .gwh, .gw: return 1e3
    case .mwh, .mw, .hours, .percent: return 1
    }
  }

  /// A value in base units (MWh, MW, h, %) expressed in this unit.
  public func from(base value: Double) -> Double { value / scale }
}
