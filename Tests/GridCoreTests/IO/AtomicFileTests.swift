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

  @Test func aReadOnlyFileIsKeptUnlessReplacingIsAsked() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("kept.txt").path
    try AtomicFile.write(bytes: Array("old".utf8), to: target)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: target)
    let error = try #require(throws: AtomicFile.WriteError.self) { try AtomicFile.write(bytes: Array("new".utf8), to: target) }
    #expect(error.isReadOnly && error.description.contains("read-only"))
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
    try AtomicFile.write(chunks: [Array("new".utf8)], to: target, replacingReadOnly: true)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o444)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.txt"])
  }

  @Test func aSymbolicLinkIsFollowedAndADeviceWrittenStraightTo() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("target.txt").path, link = folder.appendingPathComponent("link.txt").path
    try AtomicFile.write(bytes: Array("old".utf8), to: target)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    try AtomicFile.write(bytes: Array("new".utf8), to: link)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    try AtomicFile.write(bytes: Array("into the void".utf8), to: "/dev/null")
    var status = stat()
    #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(bytes: [1], to: folder.path) }
  }

  @Test func sameFileByInodeOrByPath() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("a.m").path
    try AtomicFile.write(bytes: Array("x".utf8), to: file)
    let hard = folder.appendingPathComponent("b.m").path, soft = folder.appendingPathComponent("c.m").path
    try FileManager.default.linkItem(atPath: file, toPath: hard)
    try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: file)
    #expect(AtomicFile.isSameFile(file, hard) && AtomicFile.isSameFile(file, soft))
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    #expect(AtomicFile.isSameFile(file, folder.appendingPathComponent("sub/../a.m").path))
    let missing = folder.appendingPathComponent("new.m").path
    #expect(AtomicFile.isSameFile(missing, folder.appendingPathComponent("./new.m").path))
    #expect(!AtomicFile.isSameFile(file, missing))
    #expect(!AtomicFile.isSameFile(missing, folder.appendingPathComponent("other.m").path))
  }
}
