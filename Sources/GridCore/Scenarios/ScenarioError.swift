/// Why a scenario run failed after its files were read.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
  /// A topology of the scenario cannot be solved.
  case powerFlow(PowerFlowError, context: String)
  /// A request that does not fit the scenario (e.g. an export study of a missing link).
  case invalid(String)
  /// Writing the hourly output failed.
  case output(String)

  /// The message, with the topology it concerns.
  public var description: String {
    switch self {
    case .powerFlow(let error, let context): return "\(context): \(error)"
    case .invalid(let text): return text
    case .output(let text): return text
    }
  }
}
