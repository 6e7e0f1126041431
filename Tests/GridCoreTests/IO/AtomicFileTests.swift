import Foundation
import Testing

@testable import GridCore

struct AtomicFileTests {
  private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridtool-atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func chunksAreWrittenInOrderAndNothingElseIsLeft() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("out.json").path
    try AtomicFile.write(bytes: Array("old".utf8), to: target)
    let chunks: [[UInt8]] = [Array("{\"a\":".utf8), [], Array(repeating: UInt8(ascii: "7"), count: 100_000), Array("}\n".utf8)]
    try AtomicFile.write(chunks: chunks, to: target)
    #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(chunks.joined()))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
  }

  @Test func aMissingFolderIsReportedWithThePath() throws {
    let target = "/nonexistent-\(UUID().uuidString)/out.json"
    #expect {
      try AtomicFile.write(chunks: [[1, 2, 3]], to: target)
    } throws: { error in
      "\(error)".contains(target) && "\(error)".contains("does not exist")
    }
  }
}
