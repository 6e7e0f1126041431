import Foundation
import Yams

extension NativeReader {
  /// MATPOWER fields the format has no section for, kept so that a case converted to YAML
  /// converts back unchanged: `matpower_fields: {areas: [[1, 101], [2, 201]]}`, one list of
  /// numbers per matrix row (`.inf`, `-.inf` and `.nan` allowed, as in a case file).
  static let reservedMatpowerFields: Set<String> = [
    "version", "baseMVA", "bus", "gen", "branch", "dcline", "bus_name", "genfuel", "gentype",
  ]

  mutating func readMatpowerFields(_ node: Yams.Node) throws(ParseError) -> [MatpowerMatrix] {
    let location = NativeMapping.location(of: node, in: file)
    if NativeMapping.isNull(node) { return [] }
    guard case .mapping(let mapping) = node else {
      throw ParseError(
        .syntax("'matpower_fields' must map field names to matrices, e.g. 'areas: [[1, 101]]'; found \(NativeMapping.describe(node))"),
        at: location)
    }
    var fields: [MatpowerMatrix] = []
    for (key, value) in mapping {
      let keyLocation = NativeMapping.location(of: key, in: file)
      guard case .scalar(let scalar) = key, Self.isMatlabIdentifier(scalar.string) else {
        throw ParseError(.syntax("names in 'matpower_fields' must be MATLAB field names such as 'areas'"), at: keyLocation)
      }
      let field = scalar.string
      guard !Self.reservedMatpowerFields.contains(field), !field.hasPrefix("gridtool_") else {
        throw ParseError(.other("mpc.\(field) is written from the network's own sections; remove it from 'matpower_fields'"), at: keyLocation)
      }
      guard !fields.contains(where: { $0.field == field }) else { throw ParseError(.duplicateID(field), at: keyLocation) }
      fields.append(MatpowerMatrix(field: field, rows: try matrixRows(value, field: field)))
    }
    return fields
  }

  private func matrixRows(_ node: Yams.Node, field: String) throws(ParseError) -> [[Double]] {
    let location = NativeMapping.location(of: node, in: file)
    guard case .sequence(let rows) = node else {
      throw ParseError(.syntax("matpower_fields '\(field)' must be a list of rows, e.g. [[1, 101], [2, 201]]"), at: location)
    }
    var result: [[Double]] = []
    for row in rows {
      let rowLocation = NativeMapping.location(of: row, in: file)
      guard case .sequence(let items) = row else {
        throw ParseError(.syntax("each row of matpower_fields '\(field)' must be a list of numbers, e.g. [1, 101]"), at: rowLocation)
      }
      var values: [Double] = []
      for item in items {
        let itemLocation = NativeMapping.location(of: item, in: file)
        guard case .scalar(let scalar) = item, scalar.style == .plain else {
          throw ParseError(.syntax("items of matpower_fields '\(field)' must be numbers"), at: itemLocation)
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case ".inf", "+.inf": values.append(.infinity)
        case "-.inf": values.append(-.infinity)
        case ".nan": values.append(.nan)
        default:
          guard let value = Double(text), value.isFinite else { throw ParseError(.invalidNumber(String(text.prefix(40))), at: itemLocation) }
          values.append(value)
        }
      }
      if let first = result.first, first.count != values.count {
        throw ParseError(
          .other("rows of matpower_fields '\(field)' must all have the same length: \(first.count) values, then \(values.count)"),
          at: rowLocation)
      }
      result.append(values)
    }
    return result
  }

  /// Letters, digits and `_`, starting with a letter: a name MATLAB accepts after `mpc.`.
  static func isMatlabIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
    return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
  }
}
