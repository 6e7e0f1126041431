/// The solution of one DC power flow, in input order and engineering units.
/// Elements outside the model (out of service, isolated, unsolved island) read 0 / nil.
public struct DCFlowResult: Sendable {
  /// Voltage angle per bus, degrees; nil for isolated buses and islands without generation.
  public var angleDeg: [Double?]
  /// Real power at the from end of each branch, MW (the to end is its negative in DC).
  public var branchFlowMW: [Double]
  /// Real power output of each generator, MW (slack generators include the balance).
  public var generatorMW: [Double]
  /// Each HVDC link's power at both ends.
  public var hvdc: [HVDCTransfer]
  /// Net injection into the AC network at each bus, MW: generation − demand − shunt conductance ± HVDC.
  /// Equals the sum of the flows leaving the bus (phase shifts included).
  public var busInjectionMW: [Double]
  /// Per island: balance taken up by its slack generators, MW.
  public var slackMW: [Double]
  /// How the balance was shared (``DCSystem/solve(_:slack:)``).
  public var slackPolicy: SlackPolicy = .reference
  /// Per island: the generators (input positions) a distributed slack moved; empty with
  /// ``SlackPolicy/reference`` (the island's ``DCIsland/slackGenerators`` then take it all).
  public var slackGenerators: [[Int]] = []
  /// Warnings about the solution: a generator the slack moved past PMAX or PMIN, a balance the
  /// distributed slack could not share within limits.
  public var diagnostics: [Diagnostic] = []
}
