import Foundation
import Testing

@testable import GridCore

struct ReadAheadTests {
  private func temporaryCase(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("readahead-\(UUID().uuidString).m").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The read started ahead is the one `read` hands over, once; a later read reads the file again.
  @Test func aReadAheadIsTakenOnce() throws {
    let text = caseText(bus: [busRow(1, type: 3), busRow(2, pd: 50)], gen: [genRow(1, pg: 50)], branch: [branchRow(1, 2, x: 0.1)])
    let path = try temporaryCase(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    NetworkFile.readAhead(path)
    let ahead = try NetworkFile.read(path).network
    #expect(ahead.buses.count == 2 && ahead.buses[1].loadMW == 50)
    // The file changes: the next read must see the change, not a stale read ahead.
    try text.replacingOccurrences(of: "2 1 50 ", with: "2 1 70 ").write(toFile: path, atomically: true, encoding: .utf8)
    let again = try NetworkFile.read(path).network
    #expect(again.buses[1].loadMW == 70)
  }

  /// An error found ahead is thrown by `read`, as reading then would have thrown it.
  @Test func aReadAheadErrorIsThrownByRead() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("readahead-missing-\(UUID().uuidString).m").path
    NetworkFile.readAhead(path)
    #expect {
      _ = try NetworkFile.read(path)
    } throws: { error in
      (error as? ParseError).map { "\($0)".contains(path) && "\($0)".contains("no such file") } ?? false
    }
  }

  /// A read ahead of another path is left alone.
  @Test func onlyTheSamePathIsTaken() throws {
    let path = try temporaryCase(caseText(bus: [busRow(1, type: 3)], gen: [genRow(1, pg: 0)], branch: []))
    defer { try? FileManager.default.removeItem(atPath: path) }
    NetworkFile.readAhead(path + ".other.m")
    #expect(NetworkFile.takeReadAhead(of: path) == nil)
    #expect(try NetworkFile.read(path).network.buses.count == 1)
    #expect(NetworkFile.takeReadAhead(of: path + ".other.m") != nil)
  }
}
