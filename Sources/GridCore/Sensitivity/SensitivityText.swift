/// CSV and JSON text of PTDF and LODF blocks, written block by block so that a matrix too
/// large for memory can be streamed (docs/sensitivity.md gives the contracts).
///
/// Numbers are the shortest text that reads back to the same double (whole numbers without a
/// fraction); a factor that does not exist (islanding or singular LODF columns) is an empty
/// CSV cell or JSON `null` — never `nan` or `inf`.
public enum SensitivityText {
  /// `branch,<bus numbers>` (as MATPOWER-derived reference files), newline.
  public static func ptdfCSVHeader(buses: [Int], network: Network) -> String {
    "branch," + buses.map { network.buses[$0].id.description }.joined(separator: ",") + "\n"
  }

  /// `branch,<label>` for a transfer PTDF, e.g. `branch,from_1_to_3`.
  public static func transferCSVHeader(label: String) -> String { "branch,\(label)\n" }

  /// `branch,<outaged branch rows>`, newline.
  public static func lodfCSVHeader(outaged: [Int]) -> String {
    "branch," + outaged.map { String($0 + 1) }.joined(separator: ",") + "\n"
  }

  /// One line per row (`rows`, default all): the 1-based branch row, then the values.
  public static func csvRows(_ block: PTDFMatrix, rows: Range<Int>? = nil) -> String {
    let rows = rows ?? 0..<block.branches.count
    var out = ""
    out.reserveCapacity(rows.count * (block.buses.count * 20 + 8))
    for r in rows {
      out += String(block.branches[r] + 1)
      for c in 0..<block.buses.count {
        out += ","
        appendNumber(block[r, c], to: &out)
      }
      out += "\n"
    }
    return out
  }

  /// One line per monitored row: the 1-based branch row, then the factors (empty where none).
  public static func csvRows(_ block: LODFMatrix, rows: Range<Int>? = nil) -> String {
    let rows = rows ?? 0..<block.monitored.count
    var out = ""
    out.reserveCapacity(rows.count * (block.outaged.count * 20 + 8))
    for r in rows {
      out += String(block.monitored[r] + 1)
      for c in 0..<block.outaged.count {
        out += ","
        if let v = block.factor(r, c) { appendNumber(v, to: &out) }
      }
      out += "\n"
    }
    return out
  }

  /// The opening of the PTDF JSON object, up to the `ptdf` array (rows follow).
  public static func ptdfJSONHead(network: Network, branches: [Int], buses: [Int], slack: String) -> String {
    var out = "{\"format\":\"gridtool-ptdf/1\",\"network\":"
    appendString(network.name, to: &out)
    out += ",\"slack\":"
    appendString(slack, to: &out)
    out += ",\"buses\":[" + buses.map { network.buses[$0].id.description }.joined(separator: ",") + "]"
    out += ",\"branches\":[" + branches.map { String($0 + 1) }.joined(separator: ",") + "]"
    out += ",\"ptdf\":["
    return out
  }

  /// The opening of the LODF JSON object, up to the `lodf` array (rows follow).
  public static func lodfJSONHead(network: Network, monitored: [Int], outaged: [Int], columns: [LODFMatrix.Column]) -> String {
    func rows(_ kind: LODFMatrix.Column) -> String {
      "[" + outaged.indices.filter { $0 < columns.count && columns[$0] == kind }.map { String(outaged[$0] + 1) }.joined(separator: ",") + "]"
    }
    var out = "{\"format\":\"gridtool-lodf/1\",\"network\":"
    appendString(network.name, to: &out)
    out += ",\"monitored\":[" + monitored.map { String($0 + 1) }.joined(separator: ",") + "]"
    out += ",\"outaged\":[" + outaged.map { String($0 + 1) }.joined(separator: ",") + "]"
    out += ",\"islanding\":" + rows(.islanding) + ",\"singular\":" + rows(.singular) + ",\"inactive\":" + rows(.inactive)
    out += ",\"lodf\":["
    return out
  }

  /// The JSON of a transfer PTDF: `{"format":"gridtool-ptdf/1","network":…,"transfer":label,"branches":[rows],"ptdf":[values]}`.
  public static func transferJSON(network: Network, branches: [Int], label: String, values: [Double]) -> String {
    var out = "{\"format\":\"gridtool-ptdf/1\",\"network\":"
    appendString(network.name, to: &out)
    out += ",\"transfer\":"
    appendString(label, to: &out)
    out += ",\"branches\":[" + branches.map { String($0 + 1) }.joined(separator: ",") + "],\"ptdf\":["
    for (i, v) in values.enumerated() {
      if i > 0 { out += "," }
      appendNumber(v, to: &out)
    }
    return out + "]}\n"
  }

  /// Rows (`rows`, default all) as JSON arrays, comma-separated; `first`: no comma before the first.
  public static func jsonRows(_ block: PTDFMatrix, rows: Range<Int>? = nil, first: Bool) -> String {
    let rows = rows ?? 0..<block.branches.count
    var out = ""
    for r in rows {
      if r > rows.lowerBound || !first { out += "," }
      out += "["
      for c in 0..<block.buses.count {
        if c > 0 { out += "," }
        appendNumber(block[r, c], to: &out)
      }
      out += "]"
    }
    return out
  }

  /// Monitored rows as JSON arrays (`null` where no factor exists), as the PTDF version.
  public static func jsonRows(_ block: LODFMatrix, rows: Range<Int>? = nil, first: Bool) -> String {
    let rows = rows ?? 0..<block.monitored.count
    var out = ""
    for r in rows {
      if r > rows.lowerBound || !first { out += "," }
      out += "["
      for c in 0..<block.outaged.count {
        if c > 0 { out += "," }
        if let v = block.factor(r, c) { appendNumber(v, to: &out) } else { out += "null" }
      }
      out += "]"
    }
    return out
  }

  /// Closes the matrix array and the object.
  public static let jsonTail = "]}\n"

  /// Whole numbers without a fraction, others as Swift's shortest round-trip text; nothing
  /// for a non-finite value (callers never pass one).
  static func appendNumber(_ v: Double, to out: inout String) {
    guard v.isFinite else { return }
    if v == v.rounded(.towardZero), abs(v) < 1e15 {
      out += v == 0 ? "0" : String(Int64(v))
    } else {
      out += v.description
    }
  }

  static func appendString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
