/// The optional fields of a MATPOWER case that give generators their fuel and unit type
/// (`mpc.genfuel`, `mpc.gentype`, MATPOWER's own), and the `mpc.gridtool_*` fields that
/// ``MatpowerWriter`` adds so that a gridtool network converted to MATPOWER reads back the same
/// (names, loads, HVDC links to external systems and physical losses, groups, coordinates, tags).
/// MATPOWER ignores the `gridtool_*` fields; docs/network-format.md lists them.
extension MatpowerCaseBuilder {
  /// Whether the reader gives `field` a meaning here (so that it is not kept or skipped as unknown).
  static func isFuelOrGridtoolField(_ field: String) -> Bool {
    field == "genfuel" || field == "gentype" || field.hasPrefix("gridtool_")
  }

  /// Applies `genfuel`, `gentype`, `gencost` (as generator costs when every row converts,
  /// ``MatpowerCostRows/typingCosts(of:)``) and the `gridtool_*` fields to the network built from
  /// the standard fields. Errors name the field and say how its size disagrees with the case.
  func applyFuelAndGridtoolFields(to network: inout Network) throws(ParseError) {
    let fields = MatpowerExtraFields(raw: raw, file: file)
    if let fuels = try fields.cell("genfuel", count: network.generators.count, of: "mpc.gen rows") {
      for (k, fuel) in fuels.enumerated() {
        let technology = Technology(matpowerFuel: fuel)
        network.generators[k].technology = technology
        network.generators[k].fuel = fuel == technology.matpowerFuel ? nil : fuel
      }
    }
    if let types = try fields.cell("gentype", count: network.generators.count, of: "mpc.gen rows") {
      for (k, type) in types.enumerated() { network.generators[k].unitType = type.isEmpty ? nil : type }
    }
    // One representation of costs whenever it can hold them: the generators' own (the matrix stays otherwise).
    network = MatpowerCostRows.typingCosts(of: network)
    guard raw.order.contains(where: { $0.hasPrefix("gridtool_") }) else { return }
    var reader = MatpowerGridtoolFieldReader(fields: fields, network: network)
    try reader.apply()
    network = reader.network
  }
}

/// The non-standard fields of one case, as plain values: the one place that knows the raw
/// statement types, so that the field readers below do not.
struct MatpowerExtraFields {
  let raw: MatpowerRawCase
  let file: String

  func location(_ field: String) -> SourceLocation {
    raw.fields[field]?.location ?? SourceLocation(file: file, line: 1)
  }

  /// A text field `mpc.<field> = '...'`.
  func string(_ field: String) throws(ParseError) -> String? {
    guard let value = raw.fields[field] else { return nil }
    guard case .string(let text, _) = value else {
      throw ParseError(.other("mpc.\(field) must be a text in quotes"), at: value.location)
    }
    return text
  }

  /// A cell array of texts with exactly `count` entries (one per element of `what`).
  func cell(_ field: String, count: Int, of what: String) throws(ParseError) -> [String]? {
    guard let value = raw.fields[field] else { return nil }
    guard case .cell(let items, _, let at) = value else {
      throw ParseError(.other("mpc.\(field) must be a cell array of texts '{ 'a'; 'b' }'"), at: value.location)
    }
    guard items.count == count else {
      throw ParseError(.other("mpc.\(field) has \(items.count) entries but the case has \(count) \(what); give one per row"), at: at)
    }
    return items
  }

  /// A numeric matrix with at least `columns` columns, row by row.
  func matrix(_ field: String, columns: Int) throws(ParseError) -> [[Double]]? {
    guard let value = raw.fields[field] else { return nil }
    guard case .matrix(let m) = value else {
      throw ParseError(.other("mpc.\(field) must be a numeric matrix '[ ... ]'"), at: value.location)
    }
    if m.rowCount > 0, m.columns < columns {
      throw ParseError(.columnCount(section: "mpc.\(field)", expected: columns, found: m.columns), at: m.location)
    }
    return (0..<m.rowCount).map { m.row($0) }
  }
}
