import ArgumentParser
import Foundation
import GridCore

/// Tells a scenario file from a network file, so that `gridtool contingency` and
/// `gridtool transfer` take either: a scenario is a YAML file whose top-level `format` key
/// is `gridtool-scenario/1` (docs/scenarios.md). Network files never carry that value.
enum ScenarioInput {
  /// True when `path` is a `.yaml`/`.yml` file with a top-level `format: gridtool-scenario/1`.
  /// An unreadable file is not a scenario: the network reader then reports the error.
  static func isScenario(_ path: String) -> Bool {
    let lower = path.lowercased()
    guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"),
      let data = FileManager.default.contents(atPath: path)
    else { return false }
    let text = String(decoding: data, as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      // Top level only: an indented `format:` belongs to a nested mapping.
      guard line.hasPrefix("format:") else { continue }
      var value = line.dropFirst("format:".count)
      if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
      let trimmed = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      return trimmed == "gridtool-scenario/1"
    }
    return false
  }
}

extension DispatchMode: ExpressibleByArgument {}

/// `--dispatch rule|opf|scopf`: overrides a scenario file's `dispatch.mode` (docs/scenarios.md).
struct DispatchOptions: ParsableArguments {
  @Option(help: "Scenario input: dispatch mode, overriding the file's dispatch.mode: rule, opf or scopf.")
  var dispatch: DispatchMode?

  /// The scenario with the mode applied.
  func apply(_ scenario: Scenario) -> Scenario {
    var scenario = scenario
    if let dispatch { scenario.dispatchMode = dispatch }
    return scenario
  }
}
