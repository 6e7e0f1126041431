/// Walks the hours of a scenario in time order, in runs of consecutive hours that share a
/// topology (an outage set), for the studies that need each hour's own factored network:
/// the year N-1 screen (``ScenarioSecurityScreen``) and the hourly transfer study
/// (``ScenarioTransferStudy``).
///
/// The hours are dispatched exactly as ``ScenarioRunner`` dispatches them (same
/// ``ScenarioHourModel``, same topologies, one factorization per topology), and a run's flows
/// come from one multi-right-hand-side solve. Memory is O((buses + branches) × chunk).
struct ScenarioHourWalk {
  /// Consecutive hours `[firstHour, firstHour + count)` of one topology.
  struct Run {
    /// Index into the scenario's outage sets (0: the network as read).
    let topology: Int
    /// The factored network of that topology.
    let system: DCSystem
    let firstHour: Int
    let count: Int
    /// From-end flow of every branch per hour, MW (branches × `count`, column-major); empty
    /// when the walk was asked not to solve.
    let flowsMW: [Double]
    /// Each hour's operating point (generator outputs, served demand, HVDC set-points).
    let points: [OperatingPoint]
  }

  let scenario: Scenario
  var topologies: ScenarioTopologies
  let model: ScenarioHourModel
  let chunkHours: Int

  init(_ scenario: Scenario, chunkHours: Int, backend: LinearSolverBackend) throws(ScenarioError) {
    precondition(chunkHours > 0)
    self.scenario = scenario
    self.chunkHours = chunkHours
    topologies = ScenarioTopologies(scenario, backend: backend)
    model = ScenarioHourModel(scenario, system: try topologies.system(0))
  }

  /// Number of distinct topologies of the period.
  var topologyCount: Int { topologies.count }

  /// The topology of hour `h`.
  func topology(ofHour h: Int) -> Int { Int(topologies.hourTopology[h]) }

  /// "the network as read", or the outages of topology `t`.
  func describe(_ t: Int) -> String { topologies.describe(t) }

  /// Calls `body` for every run of hours, in time order; `progress` after each chunk with
  /// (hours done, hours in total).
  /// - Parameter solve: compute the flows (false: `flowsMW` is empty, for studies that
  ///   solve each hour themselves).
  mutating func forEachRun(
    solve: Bool, progress: ((Int, Int) -> Void)?, _ body: (Run) throws(ScenarioStudyError) -> Void
  ) throws(ScenarioStudyError) {
    var state = model.makeState()
    let hours = scenario.hours
    var done = 0
    while done < hours {
      let end = min(hours, done + chunkHours)
      var a = done
      while a < end {
        let t = topology(ofHour: a)
        var b = a + 1
        while b < end && topology(ofHour: b) == t { b += 1 }
        try body(try run(topology: t, first: a, count: b - a, solve: solve, state: &state))
        a = b
      }
      done = end
      progress?(done, hours)
    }
  }

  /// Dispatches hours `[first, first + count)` and, with `solve`, solves them in one block.
  private mutating func run(topology t: Int, first: Int, count k: Int, solve: Bool, state: inout HourState) throws(ScenarioStudyError)
    -> Run
  {
    let system: DCSystem
    do {
      system = try topologies.system(t)
    } catch {
      throw .scenario(error)
    }
    let n = system.internalBusCount
    var injections = [Double](repeating: 0, count: solve ? n * k : 0)
    var points: [OperatingPoint] = []
    points.reserveCapacity(k)
    for j in 0..<k {
      model.evaluate(hour: first + j, into: &state)
      // The hour model indexes buses by the intact network's system; a maintenance outage
      // changes branches only, so the internal bus numbering is the same (as ScenarioRunner assumes).
      if solve { model.writeInjections(state, into: &injections, column: j) }
      points.append(model.operatingPoint(state))
    }
    var flows: [Double] = []
    if solve {
      do {
        let theta = try system.solveAngles(injectionsMW: injections, columns: k)
        flows = system.branchFlowsMW(angles: theta, columns: k)
      } catch {
        throw .scenario(.powerFlow(error, context: topologies.describe(t)))
      }
    }
    return Run(topology: t, system: system, firstHour: first, count: k, flowsMW: flows, points: points)
  }
}

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
