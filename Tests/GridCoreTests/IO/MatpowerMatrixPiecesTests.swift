import Foundation
import Testing

@testable import GridCore

/// Large matrices are cut at row starts and read in pieces on several threads; the network
/// and the first error must be those a reader going through the file in one pass gives.
struct MatpowerMatrixPiecesTests {
  /// 14,000 branches: a branch matrix of about 650 kB, cut into three pieces.
  private let n = 14_000
  private var lines: [String] {
    let buses = (1...n).map { busRow($0, type: $0 == 1 ? 3 : 1, pd: 1) }
    let branches = (1..<n).map { branchRow($0, $0 + 1, x: 0.01 + Double($0 % 97) * 1e-4) }
    return caseText(bus: buses, gen: [genRow(1, pg: Double(n - 1))], branch: branches)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// 1-based line numbers of the first row of each piece after the first, found as
  /// `skipMatrix` finds them: the first row starting `pieceBytes` or more after the previous cut.
  private func pieceStarts(_ lines: [String]) throws -> [Int] {
    let open = try #require(lines.firstIndex { $0.hasPrefix("mpc.branch") })
    var starts: [Int] = []
    var offset = lines[open].utf8.count + 1, lastCut = lines[open].utf8.count
    for k in (open + 1)..<lines.count {
      if offset - lastCut >= DeferredMatrix.pieceBytes {
        starts.append(k + 1)
        lastCut = offset
      }
      offset += lines[k].utf8.count + 1
      if lines[k].hasPrefix("]") { break }
    }
    return starts
  }

  private func error(_ text: String) -> ParseError? { matpowerError(text, file: "big.m") }

  @Test func piecesMakeTheWholeMatrix() throws {
    let lines = self.lines
    let starts = try pieceStarts(lines)
    try #require(starts.count >= 2, "the branch matrix must be cut")
    let network = try parseCase(lines.joined(separator: "\n"), file: "big.m")
    #expect(network.branches.count == n - 1)
    for (k, branch) in network.branches.enumerated() {
      guard branch.from == BusID(k + 1), branch.to == BusID(k + 2), branch.reactancePU == 0.01 + Double((k + 1) % 97) * 1e-4,
        let line = branch.source?.line, lines[line - 1].hasPrefix("\(k + 1) \(k + 2) ")
      else {
        Issue.record("branch \(k + 1) read wrong: \(branch)")
        return
      }
    }
  }

  /// A row of another width at the start of a piece is reported there, as the first error.
  @Test func aWrongWidthAtAPieceStartIsReportedThere() throws {
    var lines = self.lines
    let start = try #require(try pieceStarts(lines).last)
    lines[start - 1] = lines[start - 1].split(separator: " ").dropLast().joined(separator: " ")
    let e = try #require(error(lines.joined(separator: "\n")))
    #expect(e.location.line == start && e.message.contains("has 12 columns but its first row has 13"), "\(e)")
  }

  /// Errors in two pieces: the one earlier in the file is reported.
  @Test func theEarlierPieceErrorWins() throws {
    var lines = self.lines
    let starts = try pieceStarts(lines)
    let early = starts[0] - 2, late = try #require(starts.last) + 3
    lines[late - 1] = lines[late - 1].replacingOccurrences(of: " 0 ", with: " 0x ")
    lines[early - 1] = lines[early - 1].replacingOccurrences(of: " 0 ", with: " 0y ")
    let e = try #require(error(lines.joined(separator: "\n")))
    #expect(e.location.line == early && e.message.contains("0y"), "\(e)")
  }

  /// A row continued with `...` or followed by a comment where a cut would fall is not cut there.
  @Test func continuationsAndCommentsAreNotCut() throws {
    var lines = self.lines
    let starts = try pieceStarts(lines)
    for start in starts {
      // The row before the cut goes on on the cut's line; a comment line follows.
      let before = lines[start - 2]
      let fields = before.split(separator: " ").map(String.init)
      lines[start - 2] = fields[..<6].joined(separator: " ") + " ... % continued"
      lines[start - 1] = " " + fields[6...].joined(separator: " ") + "\n% a comment ] with a bracket\n" + lines[start - 1]
    }
    let text = lines.joined(separator: "\n")
    let network = try parseCase(text, file: "big.m")
    #expect(network.branches.count == n - 1)
    #expect(zip(network.branches.indices, network.branches).allSatisfy { k, b in b.from == BusID(k + 1) && b.to == BusID(k + 2) })
  }
}
