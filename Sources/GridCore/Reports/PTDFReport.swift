/// A PTDF matrix as text, the contract of `gridtool ptdf` (docs/sensitivity.md), made block
/// by block so that a matrix larger than memory streams: ``head()``, then
/// ``rows(_:_:)`` for the row blocks in order (``DCSensitivity/forEachPTDFRowBlock(branches:buses:slack:_:)``),
/// then ``tail()``. Each returns its piece of the text as UTF-8.
///
/// - CSV: `branch,<bus numbers>`, then per row the 1-based branch row and its factors (MW/MW),
///   as MATPOWER-derived reference files.
/// - JSON: `{"format":"gridtool-ptdf/1","network":…,"slack":…,"buses":[bus numbers],
///   "branches":[rows],"ptdf":[[factors of a row],…]}`.
///
/// Numbers are the shortest text that reads back to the same double.
public struct PTDFReport {
  /// The text format.
  public let format: MatrixFormat
  private let network: Network
  private let branches: [Int]
  private let buses: [Int]
  private let slack: String
  private var json = JSONWriter()
  private var csv = CSVWriter()

  /// The report of the PTDF of `network`: rows `branches`, columns `buses` (positions in
  /// `network.branches` and `network.buses`); `slack` names the slack in the JSON
  /// (`reference`, `bus 7`, `distributed (load)`).
  public init(format: MatrixFormat, network: Network, branches: [Int], buses: [Int], slack: String) {
    self.format = format
    self.network = network
    self.branches = branches
    self.buses = buses
    self.slack = slack
  }

  /// The CSV header line, or the JSON up to the opening of the `ptdf` array.
  public mutating func head() -> [UInt8] {
    switch format {
    case .csv:
      csv.cell(raw: "branch")
      for p in buses { csv.cell(integer: network.buses[p].id.rawValue) }
      if buses.isEmpty { csv.cell(raw: "") }  // `branch,` as the header has always read
      csv.endRow()
      return csv.take()
    case .json:
      json.beginObject()
      json.field("format", "gridtool-ptdf/1")
      json.field("network", network.name)
      json.field("slack", slack)
      json.field("buses", integers: buses.map { network.buses[$0].id.rawValue })
      json.field("branches", integers: branches.map { $0 + 1 })
      json.beginArray("ptdf")
      return json.take()
    }
  }

  /// Rows `rows` of `block` (the next ones of the report).
  public mutating func rows(_ block: PTDFMatrix, _ rows: Range<Int>) -> [UInt8] {
    switch format {
    case .csv:
      for r in rows {
        csv.cell(integer: block.branches[r] + 1)
        for c in block.buses.indices { csv.cell(block[r, c]) }
        csv.endRow()
      }
      return csv.take()
    case .json:
      for r in rows {
        json.beginArray()
        for c in block.buses.indices { json.element(block[r, c]) }
        json.endArray()
      }
      return json.take()
    }
  }

  /// The end of the report: nothing in CSV, the close of the JSON object and a newline.
  public mutating func tail() -> [UInt8] {
    guard format == .json else { return [] }
    json.endArray()
    json.endObject()
    json.endDocument()
    return json.take()
  }

  /// The PTDF of one transfer (`gridtool ptdf --from A --to B`): `values[i]` is the flow
  /// change of branch `branches[i]` per MW moved. CSV: `branch,<label>`, then one line per
  /// branch; JSON: `{"format":"gridtool-ptdf/1","network":…,"transfer":label,"branches":[rows],"ptdf":[values]}`.
  public static func transfer(format: MatrixFormat, network: Network, branches: [Int], label: String, values: [Double]) -> [UInt8] {
    precondition(values.count == branches.count, "one transfer PTDF value per branch")
    switch format {
    case .csv:
      var w = CSVWriter(capacity: 32 * branches.count + 64)
      w.cell(raw: "branch")
      w.cell(raw: label)
      w.endRow()
      for (k, v) in zip(branches, values) {
        w.cell(integer: k + 1)
        w.cell(v)
        w.endRow()
      }
      return w.take()
    case .json:
      var w = JSONWriter(capacity: 32 * branches.count + 256)
      w.beginObject()
      w.field("format", "gridtool-ptdf/1")
      w.field("network", network.name)
      w.field("transfer", label)
      w.field("branches", integers: branches.map { $0 + 1 })
      w.field("ptdf", numbers: values)
      w.endObject()
      w.endDocument()
      return w.take()
    }
  }
}
