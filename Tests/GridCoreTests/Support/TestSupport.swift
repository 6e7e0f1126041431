import Foundation
import Testing

@testable import GridCore

/// Paths to the repository's bundled networks and to the shared MATPOWER references.
enum TestPaths {
  /// The repository root (this file is Tests/GridCoreTests/Support/TestSupport.swift).
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func network(_ name: String) -> String { repository.appendingPathComponent("networks/\(name)").path }

  /// `../shared/cases` beside the repository, or `$GRIDTOOL_SHARED_CASES`; nil when absent.
  static let sharedCases: URL? = {
    if let env = ProcessInfo.processInfo.environment["GRIDTOOL_SHARED_CASES"] {
      return URL(fileURLWithPath: env)
    }
    let url = repository.deletingLastPathComponent().appendingPathComponent("shared/cases")
    return FileManager.default.fileExists(atPath: url.appendingPathComponent("case9.m").path) ? url : nil
  }()

  static var haveSharedCases: Bool { sharedCases != nil }

  static func shared(_ name: String) -> String? {
    guard let url = sharedCases?.appendingPathComponent(name), FileManager.default.fileExists(atPath: url.path) else { return nil }
    return url.path
  }

  /// A JSON reference file as a dictionary.
  static func sharedJSON(_ name: String) throws -> [String: Any]? {
    guard let path = shared(name) else { return nil }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any]
  }
}

/// Folders the tests write into: all inside one folder of the test process, under the
/// system's temporary folder, which is removed with everything in it when the process exits.
enum TemporaryFolders {
  private static let root: URL = {
    atexit { try? FileManager.default.removeItem(at: TemporaryFolders.root) }
    return FileManager.default.temporaryDirectory.appendingPathComponent("gridcore-tests-\(UUID().uuidString)")
  }()

  /// A new, empty folder named `prefix-UUID`.
  static func make(_ prefix: String) throws -> URL {
    let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// |a − b| ≤ absolute + relative·|b| (swift-numerics style: never behind Equatable).
func isClose(_ a: Double, _ b: Double, absolute: Double = 1e-9, relative: Double = 0) -> Bool {
  abs(a - b) <= absolute + relative * abs(b)
}

/// The largest |a[i] − b[i]|.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count)
  return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Parses a MATPOWER case given inline; the file name is used in messages.
func parseCase(_ text: String, file: String = "test.m") throws -> Network {
  try MatpowerReader.parse(text, file: file).network
}

/// The error reading a MATPOWER case given inline throws; nil when it reads.
func matpowerError(_ text: String, file: String) -> ParseError? {
  do {
    _ = try MatpowerReader.parse(text, file: file)
    return nil
  } catch {
    return error
  }
}

/// Builds a case text from bus, gen and branch rows (MATPOWER columns, tab separated).
func caseText(bus: [String], gen: [String], branch: [String], extra: String = "") -> String {
  """
  function mpc = t
  mpc.version = '2';
  mpc.baseMVA = 100;
  mpc.bus = [
  \(bus.joined(separator: ";\n"));
  ];
  mpc.gen = [
  \(gen.joined(separator: ";\n"));
  ];
  mpc.branch = [
  \(branch.joined(separator: ";\n"));
  ];
  \(extra)
  """
}

/// A number as a person writes it in a case file (`50`, not `50.0`).
func num(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }

/// Bus row with the DC-relevant values and defaults for the rest.
func busRow(_ id: Int, type: Int = 1, pd: Double = 0, gs: Double = 0, va: Double = 0) -> String {
  "\(id) \(type) \(num(pd)) 0 \(num(gs)) 0 1 1 \(num(va)) 230 1 1.1 0.9"
}

func genRow(_ bus: Int, pg: Double, status: Int = 1, pmax: Double = 1000) -> String {
  "\(bus) \(num(pg)) 0 100 -100 1 100 \(status) \(num(pmax)) 0"
}

func branchRow(_ f: Int, _ t: Int, x: Double, rate: Double = 0, tap: Double = 0, shift: Double = 0, status: Int = 1) -> String {
  "\(f) \(t) 0 \(num(x)) 0 \(num(rate)) 0 0 \(num(tap)) \(num(shift)) \(status) -360 360"
}
