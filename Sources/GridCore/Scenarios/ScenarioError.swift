/// Why a scenario run failed after its files were read.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
  /// A topology of the scenario cannot be solved.
  case powerFlow(PowerFlowError, context: String)
  /// A request that does not fit the scenario (e.g. an export study of a missing link).
  case invalid(String)
  /// Writing the hourly output failed.
  case output(String)
  /// An hour whose availability, demand, dispatch or injections overflow to ±Inf or NaN
  /// although every profile value read was finite: the hour, and the largest values involved
  /// with the CSV lines they came from.
  case nonFinite(hour: ClockHour, culprits: [String])

  /// The message, with the topology it concerns.
  public var description: String {
    switch self {
    case .powerFlow(let error, let context): return "\(context): \(error)"
    case .invalid(let text): return text
    case .output(let text): return text
    case .nonFinite(let hour, let culprits):
      return "hour \(hour): the hour's power values are not finite numbers (beyond ±1.8e308)"
        + (culprits.isEmpty ? "" : "; the largest: \(culprits.joined(separator: "; "))") + "; check these profile values and their units"
    }
  }
}
