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

  /// A stream that is dropped (an error while the report was being made) leaves the old file.
  @Test func aStreamNotCommittedLeavesTheTargetAsItWas() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("out.json").path
    try AtomicFile.write(bytes: Array("old".utf8), to: target)
    do {
      let stream = try AtomicFile.Stream(path: target)
      try stream.append(Array(repeating: UInt8(ascii: "x"), count: 300_000))
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2)
    }
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    let stream = try AtomicFile.Stream(path: target)
    try stream.append(Array("new".utf8))
    try stream.commit()
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    #expect(throws: AtomicFile.WriteError.self) { try stream.append([1]) }
  }
}

