import Foundation
import Testing

@testable import GridCore

/// PTDF and LODF reports written in pieces must read back as one document with every factor.
struct MatrixReportTests {
  private struct PTDFDocument: Decodable {
    let format: String
    let buses: [Int]
    let branches: [Int]
    let ptdf: [[Double]]
  }

  private struct LODFDocument: Decodable {
    let format: String
    let monitored: [Int]
    let islanding: [Int]
    let lodf: [[Double?]]
  }

  /// Rows handed over in several pieces, in both formats, with exact numbers.
  @Test func ptdfInPiecesReadsBackExactly() throws {
    let sensitivity = try bundledSensitivity("case9.m")
    let network = sensitivity.network
    let matrix = try sensitivity.ptdf()
    let rows = Array(network.branches.indices), buses = Array(network.buses.indices)
    var json = PTDFReport(format: .json, network: network, branches: rows, buses: buses, slack: "reference")
    var csv = PTDFReport(format: .csv, network: network, branches: rows, buses: buses, slack: "reference")
    var jsonBytes = json.head(), csvBytes = csv.head()
    for piece in [0..<4, 4..<4, 4..<9] {
      jsonBytes += json.rows(matrix, piece)
      csvBytes += csv.rows(matrix, piece)
    }
    jsonBytes += json.tail()
    csvBytes += csv.tail()
    // JSONDecoder reads numbers correctly rounded.
    let document = try JSONDecoder().decode(PTDFDocument.self, from: Data(jsonBytes))
    #expect(document.format == "gridtool-ptdf/1" && document.branches == Array(1...9) && document.buses == Array(1...9))
    let lines = String(decoding: csvBytes, as: UTF8.self).split(separator: "\n")
    #expect(lines.first == "branch,1,2,3,4,5,6,7,8,9" && lines.count == 10)
    for r in rows {
      #expect(document.ptdf[r] == buses.map { matrix[r, $0] })
      #expect(lines[r + 1].split(separator: ",").dropFirst().map { Double($0) } == buses.map { matrix[r, $0] })
    }
  }

  /// No monitored rows: the JSON still opens once (listing the bridges) and closes.
  @Test func lodfWithoutRowsIsOneDocument() throws {
    let sensitivity = try bundledSensitivity("case9.m")
    let network = sensitivity.network
    var report = LODFReport(format: .json, network: network, monitored: [], outaged: Array(network.branches.indices))
    var bytes = report.head()
    try sensitivity.forEachLODFRowBlock(monitored: [], outaged: nil) { block, _ in bytes += report.rows(block, 0..<0) }
    bytes += report.tail()
    let document = try JSONDecoder().decode(LODFDocument.self, from: Data(bytes))
    #expect(document.format == "gridtool-lodf/1" && document.monitored.isEmpty && document.lodf.isEmpty)
    let columns = try sensitivity.lodf(monitored: [0]).columns
    #expect(!document.islanding.isEmpty)
    #expect(document.islanding == columns.indices.filter { columns[$0] == .islanding }.map { $0 + 1 })
  }

  @Test func lodfFactorsAndMissingOnes() throws {
    let sensitivity = try bundledSensitivity("case9.m")
    let network = sensitivity.network
    let all = Array(network.branches.indices)
    let matrix = try sensitivity.lodf()
    var report = LODFReport(format: .json, network: network, monitored: all, outaged: all)
    let bytes = report.head() + report.rows(matrix, 0..<9) + report.tail()
    let document = try JSONDecoder().decode(LODFDocument.self, from: Data(bytes))
    for r in all { #expect(document.lodf[r] == all.map { matrix.factor(r, $0) }) }
  }

  @Test func csvQuotesOnlyWhatItMust() {
    #expect(CSV.field("hami-dunhuang") == "hami-dunhuang")
    #expect(CSV.field("a,b") == "\"a,b\"")
    #expect(CSV.field("say \"x\"") == "\"say \"\"x\"\"\"")
    #expect(CSV.field("two\r\nlines") == "\"two\r\nlines\"")
    var w = CSVWriter()
    w.cell(integer: 1)
    w.cell(nil as Double?)
    w.cell(.infinity)
    w.cell(2.5)
    w.cell("x,y")
    w.endRow()
    #expect(w.text == "1,,,2.5,\"x,y\"\n")
  }
}
