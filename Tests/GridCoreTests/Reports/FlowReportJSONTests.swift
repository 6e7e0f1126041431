import Foundation
import Testing

@testable import GridCore

/// The solve JSON of a network large enough to be formatted in several pieces on several
/// threads must read back as one document with every row, in order, with exact numbers.
struct FlowReportJSONTests {
  /// A meshed ladder of `rungs` × 2 buses with loads, one generator at the reference bus.
  private func ladder(rungs: Int) throws -> (DCSystem, DCFlowResult) {
    var buses: [String] = [], branches: [String] = []
    let n = 2 * rungs
    for id in 1...n { buses.append(busRow(id, type: id == 1 ? 3 : 1, pd: id == 1 ? 0 : Double(id % 7) + 0.25)) }
    for r in 0..<rungs {
      let a = 2 * r + 1, b = 2 * r + 2
      branches.append(branchRow(a, b, x: 0.01 + Double(r % 5) * 0.003, rate: 50))
      if r + 1 < rungs {
        branches.append(branchRow(a, a + 2, x: 0.02, rate: 400))
        branches.append(branchRow(b, b + 2, x: 0.025, rate: 400))
      }
    }
    let network = try parseCase(caseText(bus: buses, gen: [genRow(1, pg: 0, pmax: 1e6)], branch: branches))
    let system = try DCSystem(network)
    return (system, try system.solve())
  }

  @Test func piecesJoinIntoOneDocumentWithEveryRowInOrder() throws {
    let (system, result) = try ladder(rungs: 2600)  // 5,200 buses, 7,799 branches: two and three pieces
    let report = FlowReport(system: system, result: result)
    let chunks = report.jsonChunks()
    #expect(chunks.count > 5)
    // JSONDecoder reads numbers correctly rounded (JSONSerialization on Linux does not).
    struct Document: Decodable {
      struct Bus: Decodable { let id: Int; let angle_deg: Double? }
      struct Branch: Decodable { let index: Int; let from: Int; let p_from_mw: Double?; let p_to_mw: Double? }
      let buses: [Bus]
      let branches: [Branch]
      struct Generator: Decodable { let index: Int; let p_mw: Double }
      let generators: [Generator]
      let diagnostics: [String]
    }
    let json = try JSONDecoder().decode(Document.self, from: Data(chunks.joined()))
    #expect(json.buses.count == system.network.buses.count)
    #expect(json.branches.count == system.network.branches.count)
    for (p, bus) in json.buses.enumerated() {
      #expect(bus.id == p + 1)
      #expect(bus.angle_deg == result.angleDeg[p])
    }
    for (k, branch) in json.branches.enumerated() {
      #expect(branch.index == k + 1)
      #expect(branch.from == system.network.branches[k].from.rawValue)
      #expect(branch.p_from_mw == result.branchFlowMW[k])
      #expect(branch.p_to_mw == -result.branchFlowMW[k])
    }
    #expect(json.generators.map(\.p_mw) == result.generatorMW)
  }

  @Test func arrayPiecesEqualTheArrayWrittenAtOnce() {
    func element(_ w: inout JSONWriter, _ k: Int) {
      w.beginObject()
      w.field("k", k)
      w.field("x", Double(k) / 3)
      w.endObject()
    }
    for count in [0, 1, 5, 9] {
      var head = JSONWriter()
      head.beginObject()
      head.field("before", 1)
      let pieces = JSONWriter.pieces(of: count, size: 2).map { rows in
        var w = JSONWriter()
        w.arrayPiece("a", rows: rows, of: count, element: element)
        return w.bytes
      }
      var chunks = [head.handOverBeforeSection()] + pieces
      head.field("after", 2)
      head.endObject()
      chunks.append(head.bytes)
      var expected = JSONWriter()
      expected.beginObject()
      expected.field("before", 1)
      expected.arrayPiece("a", rows: 0..<count, of: count, element: element)
      expected.field("after", 2)
      expected.endObject()
      #expect(Array(chunks.joined()) == expected.bytes, "\(count) elements")
    }
  }

  /// Integers of every length, with either sign, as Swift prints them.
  @Test func integersAsSwiftPrintsThem() {
    var values = [0, 7, -7, 10, 99_999_999, 100_000_000, -100_000_000, 12_345_678_901, Int.max, Int.min]
    var rng = SplitMix(seed: 5)
    for _ in 0..<2000 { values.append(Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 63)) }
    for v in values {
      var buffer = ReportBuffer()
      buffer.append(UInt8(ascii: "x"))
      NumberText.appendInteger(v, to: &buffer)
      #expect(String(decoding: buffer.take(), as: UTF8.self) == "x\(v)")
    }
  }

  /// A branch's p_to text is p_from's with the sign toggled; it must equal formatting −p_from.
  @Test func negationEqualsFormattingTheNegatedNumber() {
    var values: [Double?] = [0, -0.0, nil, .nan, .infinity, 1e-5, -1e-5, 2.5, -2.5, 1e15, -1e16, .leastNonzeroMagnitude, 123]
    var rng = SplitMix(seed: 9)
    for _ in 0..<2000 { values.append((rng.uniform() - 0.5) * 1e4) }
    for v in values {
      var w = JSONWriter()
      w.beginObject()
      w.field("a", v, negatedAs: "b")
      w.endObject()
      var expected = JSONWriter()
      expected.beginObject()
      expected.field("a", v)
      expected.field("b", v.map { -$0 })
      expected.endObject()
      #expect(w.text == expected.text, "\(String(describing: v))")
    }
  }
}
