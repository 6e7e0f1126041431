import Foundation

/// Runs the built `gridtool` binary and captures what it prints.
struct GridtoolRunner {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The binary sits beside the test bundle (`.build/<config>/gridtool`).
  static let binary: URL = {
    var candidates: [URL] = []
    let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(bundleDir.appendingPathComponent("gridtool"))
    candidates.append(bundleDir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("gridtool"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gridtool"))
    for config in ["debug", "release"] { candidates.append(repository.appendingPathComponent(".build/\(config)/gridtool")) }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }()

  static func network(_ name: String) -> String { repository.appendingPathComponent("networks/\(name)").path }

  /// Runs gridtool with `arguments`, optionally with `stdin` as its standard input (else none)
  /// and `directory` as its working folder.
  static func run(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
      // Written from a thread of its own: a large input must not wait for the output to be read.
      let writer = input.fileHandleForWriting
      Thread.detachNewThread {
        try? writer.write(contentsOf: stdin)
        try? writer.close()
      }
    }
    // Read before waiting, so a large output cannot fill the pipe and block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The bundled Xinjiang scenario `file` cut to `hours` from `start`, written with absolute
  /// paths to `folder` (as `name`).
  static func xinjiangWindow(_ file: String, start: String, hours: Int, in folder: URL, name: String = "window.yaml") throws -> String {
    let scenarios = repository.appendingPathComponent("networks/scenarios")
    var text = try String(contentsOf: scenarios.appendingPathComponent(file), encoding: .utf8)
    text = text.replacingOccurrences(of: "start: \"2024-01-01T00:00\"", with: "start: \"\(start)\"")
      .replacingOccurrences(of: "hours: 8784", with: "hours: \(hours)")
      .replacingOccurrences(of: "network: ../xinjiang-2024.yaml", with: "network: \(scenarios.path)/../xinjiang-2024.yaml")
      .replacingOccurrences(of: "facts: ../xinjiang-facts.yaml", with: "facts: \(scenarios.path)/../xinjiang-facts.yaml")
      .replacingOccurrences(of: "file: xinjiang-2024-profiles.csv", with: "file: \(scenarios.path)/xinjiang-2024-profiles.csv")
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A fresh temporary folder for files a test writes, inside ``temporaryRoot``.
  static func temporaryDirectory() throws -> URL {
    let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The folder of this test process under the system's temporary folder, removed with
  /// everything in it when the process exits.
  private static let temporaryRoot: URL = {
    atexit { try? FileManager.default.removeItem(at: GridtoolRunner.temporaryRoot) }
    return FileManager.default.temporaryDirectory.appendingPathComponent("gridtool-tests-\(UUID().uuidString)")
  }()
}
