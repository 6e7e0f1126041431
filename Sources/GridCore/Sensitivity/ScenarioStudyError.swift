/// Why a study over the hours of a scenario (``ScenarioSecurityScreen``,
/// ``ScenarioTransferStudy``) failed after its files were read.
public enum ScenarioStudyError: Error, Sendable, CustomStringConvertible {
  /// Running the scenario failed (a topology cannot be solved, …).
  case scenario(ScenarioError)
  /// The study cannot be set up in one of the scenario's topologies (an unknown branch in a
  /// list, a transfer whose ends are split by a maintenance outage, …).
  case sensitivity(SensitivityError, context: String)

  /// The message, with the topology it concerns.
  public var description: String {
    switch self {
    case .scenario(let error): return error.description
    case .sensitivity(let error, let context): return context.isEmpty ? error.description : "\(context): \(error)"
    }
  }
}

extension ScenarioHourEngine {
  /// The engine for a study over the hours of a scenario: its errors as ``ScenarioStudyError``.
  init(study scenario: Scenario, options: Options) throws(ScenarioStudyError) {
    do {
      self = try ScenarioHourEngine(scenario, options: options)
    } catch {
      throw .scenario(error)
    }
  }

  /// ``nextChunk(dispatched:)`` for a study: its errors as ``ScenarioStudyError``.
  mutating func nextStudyChunk() throws(ScenarioStudyError) -> ScenarioHourChunk? {
    do {
      return try nextChunk()
    } catch {
      throw .scenario(error)
    }
  }
}
