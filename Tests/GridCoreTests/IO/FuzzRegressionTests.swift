import Foundation
import Testing

@testable import GridCore

/// The fuzz targets' seeds and every input that once crashed a reader (Tests/Fuzz/<target>/ and
/// its regressions/, docs/robustness.md), through the same readers in the normal test run:
/// each reads, or fails with a located error; what reads is solved (or run) with finite results.
struct FuzzRegressionTests {
  static let fuzz = TestPaths.repository.appendingPathComponent("Tests/Fuzz")

  /// Every file of a target's seeds and regressions.
  static func inputs(_ target: String) -> [URL] {
    let folder = fuzz.appendingPathComponent(target)
    return [folder, folder.appendingPathComponent("regressions")].flatMap { dir -> [URL] in
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      return names.sorted().map { dir.appendingPathComponent($0) }.filter { !$0.hasDirectoryPath && !isDirectory($0) }
    }
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
  }

  private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

  /// What a reader gave: a value, or the ParseError it threw (any other error is a failure).
  private func read<T>(_ body: () throws -> T) throws -> Result<T, ParseError> {
    do {
      return .success(try body())
    } catch let error as ParseError {
      return .failure(error)
    }
  }

  /// The network readers' targets and their readers (Fuzz/Sources/FuzzTargets/FuzzTarget.swift).
  static let networkReaders: [(name: String, read: @Sendable ([UInt8]) throws -> (Network, [Diagnostic]))] = [
    ("matpower", { try NetworkFile.parse(bytes: $0, file: "fuzz", format: .matpower, parallelism: .serial) }),
    ("yaml", { try NetworkFile.parse(bytes: $0, file: "fuzz", format: .yaml, parallelism: .serial) }),
    ("raw", { try PSSERawReader.parse(bytes: $0, file: "fuzz") }),
  ]

  @Test(arguments: networkReaders.map(\.name))
  func networkInputs(_ target: String) throws {
    let files = Self.inputs(target)
    let reader = try #require(Self.networkReaders.first { $0.name == target })
    #expect(!files.isEmpty)
    for url in files {
      let input = try bytes(url)
      switch try read({ try reader.read(input) }) {
      case .failure(let error):
        #expect(error.location.file == "fuzz", "\(url.lastPathComponent): \(error)")
      case .success(let (network, _)):
        for other in NetworkFile.Format.allCases { _ = NetworkFile.text(of: network, as: other) }
        guard let result = try? DCSystem(network, backend: .dense, parallelism: .serial).solve() else { continue }
        #expect(result.branchFlowMW.allSatisfy(\.isFinite) && result.generatorMW.allSatisfy(\.isFinite), "\(url.lastPathComponent)")
        #expect(result.angleDeg.allSatisfy { $0?.isFinite ?? true }, "\(url.lastPathComponent)")
      }
    }
  }

  @Test func scenarioInputs() throws {
    let file = Self.fuzz.appendingPathComponent("fixtures/fuzz-scenario.yaml").path
    let files = Self.inputs("scenario")
    #expect(files.count >= 2)
    for url in files {
      let input = try bytes(url)
      guard case .success(let scenario) = try read({ try ScenarioReader.parse(bytes: input, file: file) }) else { continue }
      guard scenario.hours <= 168, scenario.dispatchMode == .rule else { continue }
      // Runs to the end, or stops with a typed error (a non-finite hour names its CSV line).
      if let result = try? ScenarioRunner.run(scenario, options: ScenarioRunner.Options(parallelism: .serial)) {
        #expect(result.corridors.allSatisfy { $0.sentMWh.isFinite && $0.deliveredMWh.isFinite }, "\(url.lastPathComponent)")
      }
    }
  }

  @Test func profileInputs() throws {
    for url in Self.inputs("profile") {
      let input = try bytes(url)
      var table = ProfileTable(start: try #require(ClockHour(year: 2024, month: 1, day: 1, hour: 0)), hours: 24)
      switch try read({ try ProfileCSV.parse(input, file: "fuzz.csv", into: &table) }) {
      case .failure(let error): #expect(error.location.file == "fuzz.csv", "\(url.lastPathComponent): \(error)")
      case .success: #expect(table.names.indices.allSatisfy { table.column($0).allSatisfy(\.isFinite) })
      }
    }
  }

  @Test func factsInputs() throws {
    for url in Self.inputs("facts") {
      let input = try bytes(url)
      if case .failure(let error) = try read({ try PublishedFacts.parse(bytes: input, file: "fuzz.yaml") }) {
        #expect(error.location.file == "fuzz.yaml", "\(url.lastPathComponent): \(error)")
      }
    }
  }
}
