import Foundation
import GridCore

/// One fuzz target: a GridCore reader fed arbitrary bytes, then, when the bytes read, the
/// computations a user would run next (solve, the scenario's hours). A target fails only by
/// crashing (a trap, an address-sanitizer report, a libFuzzer timeout or memory limit) or by
/// ``check(_:_:)``: a result that is not finite, which no input may produce.
public struct FuzzTarget: Sendable {
  /// `matpower`, `yaml`, `raw`, `scenario`, `profile` or `facts` (scripts/fuzz.sh's TARGET;
  /// the seeds are in Tests/Fuzz/<name>/).
  public let name: String
  /// Runs one input.
  public let run: @Sendable ([UInt8]) -> Void

  /// Every target: one per network reader, then the scenario, profile and facts readers.
  public static let all: [FuzzTarget] = networkReaders.map(network) + [scenario, profile, facts]

  /// The network readers, each a target that reads, converts and solves: a new reader is
  /// one line here (and its seeds in Tests/Fuzz/<name>/).
  static let networkReaders: [(name: String, read: @Sendable ([UInt8]) throws -> (Network, [Diagnostic]))] = [
    ("matpower", { try NetworkFile.parse(bytes: $0, file: "fuzz", format: .matpower, parallelism: .serial, limits: limits) }),
    ("yaml", { try NetworkFile.parse(bytes: $0, file: "fuzz", format: .yaml, parallelism: .serial, limits: limits) }),
    ("raw", { try PSSERawReader.parse(bytes: $0, file: "fuzz") }),
  ]

  /// The target called `name`.
  public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

  /// Where the scenario target's fixture network and profiles are (Tests/Fuzz/fixtures), so
  /// that the paths a fuzzed scenario names resolve to real, small files.
  static let fixtures: String = {
    if let folder = ProcessInfo.processInfo.environment["GRIDCORE_FUZZ_FIXTURES"] { return folder }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Tests/Fuzz/fixtures").path
  }()

  /// Limits for fuzzed inputs: libFuzzer's inputs are small, so are the files.
  static let limits = InputLimits(maximumBytes: 1 << 24)

  // MARK: Targets

  /// A network reader's target: read, converted to every format, solved.
  static func network(_ reader: (name: String, read: @Sendable ([UInt8]) throws -> (Network, [Diagnostic]))) -> FuzzTarget {
    FuzzTarget(name: reader.name) { bytes in
      guard let (network, _) = try? reader.read(bytes) else { return }
      exercise(network)
    }
  }

  static let scenario = FuzzTarget(name: "scenario") { bytes in
    // Named inside the fixtures folder: `network: net.yaml` and `file: profiles.csv` are found.
    let file = fixtures + "/fuzz-scenario.yaml"
    guard let scenario = try? ScenarioReader.parse(bytes: bytes, file: file, limits: limits) else { return }
    // The hours themselves, when the run is small: an hour-by-hour rule dispatch.
    guard scenario.hours <= 168, scenario.network.buses.count <= 64, scenario.dispatchMode == .rule else { return }
    guard let result = try? ScenarioRunner.run(scenario, options: ScenarioRunner.Options(parallelism: .serial)) else { return }
    check(result.corridors.allSatisfy { $0.sentMWh.isFinite && $0.deliveredMWh.isFinite }, "corridor energies")
    check(result.hvdc.allSatisfy { $0.sentMWh.isFinite && $0.lossMWh.isFinite }, "HVDC energies")
  }

  static let profile = FuzzTarget(name: "profile") { bytes in
    guard let start = ClockHour(year: 2024, month: 1, day: 1, hour: 0) else { return }
    var table = ProfileTable(start: start, hours: 24)
    guard (try? ProfileCSV.parse(bytes, file: "fuzz.csv", into: &table)) != nil else { return }
    for c in table.names.indices { check(table.column(c).allSatisfy(\.isFinite), "profile column \(c)") }
  }

  static let facts = FuzzTarget(name: "facts") { bytes in
    _ = try? PublishedFacts.parse(bytes: bytes, file: "fuzz.yaml", limits: limits)
  }

  // MARK: What follows a read

  /// Writes the network in every format (the writers must take anything the readers give) and
  /// solves it: every flow, angle and output finite, or a typed error.
  static func exercise(_ network: Network) {
    for format in NetworkFile.Format.allCases { _ = NetworkFile.text(of: network, as: format) }
    guard network.buses.count <= 2000,
      let system = try? DCSystem(network, backend: .dense, parallelism: .serial),
      let result = try? system.solve()
    else { return }
    check(result.branchFlowMW.allSatisfy(\.isFinite), "branch flows")
    check(result.generatorMW.allSatisfy(\.isFinite), "generator outputs")
    check(result.angleDeg.allSatisfy { $0?.isFinite ?? true }, "bus angles")
    check(result.hvdc.allSatisfy { $0.fromMW.isFinite && $0.toMW.isFinite }, "HVDC transfers")
  }

  /// Stops the run (libFuzzer saves the input) when a result that must be finite is not.
  static func check(_ condition: Bool, _ what: String) {
    if !condition { fatalError("non-finite \(what) reached a result") }
  }
}
