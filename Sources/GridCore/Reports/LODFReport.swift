/// An LODF matrix as text, the contract of `gridtool lodf` (docs/sensitivity.md), made block
/// by block so that a matrix larger than memory streams: ``head()``, then
/// ``rows(_:_:)`` for the row blocks in order (``DCSensitivity/forEachLODFRowBlock(monitored:outaged:_:)``),
/// then ``tail()``. Each returns its piece of the text as UTF-8.
///
/// - CSV: `branch,<outaged rows>`, then per monitored branch its 1-based row and its factors.
/// - JSON: `{"format":"gridtool-lodf/1","network":…,"monitored":[rows],"outaged":[rows],
///   "islanding":[rows],"singular":[rows],"inactive":[rows],"lodf":[[factors of a row],…]}`.
///
/// Outages that split an island or leave a singular network have no factors off the
/// diagonal: an empty CSV cell, JSON `null` (``LODFMatrix/factor(_:_:)``).
public struct LODFReport {
  /// The text format.
  public let format: MatrixFormat
  private let network: Network
  private let monitored: [Int]
  private let outaged: [Int]
  private var json = JSONWriter()
  private var csv = CSVWriter()
  private var opened = false

  /// The report of the LODF of `network`: rows `monitored`, columns `outaged` (positions in
  /// `network.branches`).
  public init(format: MatrixFormat, network: Network, monitored: [Int], outaged: [Int]) {
    self.format = format
    self.network = network
    self.monitored = monitored
    self.outaged = outaged
  }

  /// The CSV header line. Empty in JSON: its opening lists the outages without factors,
  /// which the first block tells, and comes with the first rows (or the tail when none come).
  public mutating func head() -> [UInt8] {
    guard format == .csv else { return [] }
    csv.cell(raw: "branch")
    for k in outaged { csv.cell(integer: k + 1) }
    if outaged.isEmpty { csv.cell(raw: "") }  // `branch,` as the header has always read
    csv.endRow()
    return csv.take()
  }

  /// Rows `rows` of `block` (the next ones of the report); in JSON, after the opening when
  /// this is the first block (even with no rows).
  public mutating func rows(_ block: LODFMatrix, _ rows: Range<Int>) -> [UInt8] {
    switch format {
    case .csv:
      for r in rows {
        csv.cell(integer: block.monitored[r] + 1)
        for c in block.outaged.indices { csv.cell(block.factor(r, c)) }
        csv.endRow()
      }
      return csv.take()
    case .json:
      if !opened { open(columns: block.columns) }
      for r in rows {
        json.beginArray()
        for c in block.outaged.indices { json.element(block.factor(r, c)) }
        json.endArray()
      }
      return json.take()
    }
  }

  /// The end of the report: nothing in CSV, the close of the JSON object and a newline.
  public mutating func tail() -> [UInt8] {
    guard format == .json else { return [] }
    if !opened { open(columns: []) }
    json.endArray()
    json.endObject()
    json.endDocument()
    return json.take()
  }

  /// The JSON up to the opening of the `lodf` array; `columns`: what each outage holds.
  private mutating func open(columns: [LODFMatrix.Column]) {
    func rows(_ kind: LODFMatrix.Column) -> [Int] {
      outaged.indices.filter { $0 < columns.count && columns[$0] == kind }.map { outaged[$0] + 1 }
    }
    json.beginObject()
    json.field("format", "gridtool-lodf/1")
    json.field("network", network.name)
    json.field("monitored", integers: monitored.map { $0 + 1 })
    json.field("outaged", integers: outaged.map { $0 + 1 })
    json.field("islanding", integers: rows(.islanding))
    json.field("singular", integers: rows(.singular))
    json.field("inactive", integers: rows(.inactive))
    json.beginArray("lodf")
    opened = true
  }
}
