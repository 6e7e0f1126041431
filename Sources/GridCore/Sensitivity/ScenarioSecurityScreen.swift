/// N-1 over every hour of a scenario (a year: 8,784 hours × every contingency), streaming:
/// per monitored branch the worst loading with its hour and contingency and the number of
/// insecure hours, per contingency the hours in which it causes a violation — never the
/// hour × contingency × branch cube (docs/sensitivity.md, "N-1 across a year").
///
/// The hours come from the scenario engine (`ScenarioHourEngine`, as for ``ScenarioRunner``:
/// the same dispatch, one factorization per topology, base-case flows solved in blocks).
/// Each hour is screened against **its own topology**: hours are grouped by outage set, and
/// every topology gets its own ``DCSystem``, sensitivities and ``SecurityScreen`` (outage
/// factors computed once per topology). In a maintenance hour a branch that is out is neither
/// monitored nor a contingency, a branch with circuits out is monitored against its reduced
/// rating, and the other outages are evaluated on the reduced network (a line that became a
/// bridge islands). The per-topology reductions are merged by
/// element: a contingency is identified by the branch or link it trips, so the "one circuit"
/// outage of a branch left with a single circuit trips that last circuit.
///
/// ```swift
/// let scenario = try ScenarioReader.read(contentsOf: "networks/scenarios/xinjiang-2024.yaml")
/// let result = try ScenarioSecurityScreen.run(scenario)
/// print(result.summary.insecureHours)
/// ```
public enum ScenarioSecurityScreen {
  /// How to screen: the contingency settings and the engine's chunking.
  public struct Options: Sendable {
    /// Contingencies, monitored branches, rating set and limit, as for one snapshot. Explicit
    /// lists (``ContingencyOptions/monitored``, ``ContingencyOptions/contingencies``) apply to
    /// every topology; a listed branch that is out in some hours is skipped in those hours.
    public var contingency: ContingencyOptions
    /// Hours per dispatch and solve block.
    public var chunkHours: Int
    /// Linear solver for each topology's reduced B.
    public var backend: LinearSolverBackend
    /// Threads for the base-case solve blocks and the N-1 screen's tiles of hours; the result
    /// is the same for any value.
    public var parallelism: Parallelism

    /// Options with defaults: the single-snapshot contingency settings, 512-hour chunks,
    /// automatic backend, all processors.
    public init(
      contingency: ContingencyOptions = ContingencyOptions(), chunkHours: Int = 512, backend: LinearSolverBackend = .automatic,
      parallelism: Parallelism = .automatic
    ) {
      precondition(chunkHours > 0)
      self.contingency = contingency
      self.chunkHours = chunkHours
      self.backend = backend
      self.parallelism = parallelism
    }
  }

  /// Screens every hour of `scenario`; `progress` receives (hours done, hours in total).
  public static func run(_ scenario: Scenario, options: Options = Options(), progress: ((Int, Int) -> Void)? = nil)
    throws(ScenarioStudyError) -> ScenarioSecurityResult
  {
    var engine = try ScenarioHourEngine(
      study: scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism, operatingPoints: true))
    let topologyCount = engine.topologies.count
    var screens = [SecurityScreen?](repeating: nil, count: topologyCount)
    var hoursOf = [Int](repeating: 0, count: topologyCount)
    let descriptions = (0..<topologyCount).map { engine.describe($0) }
    while let chunk = try engine.nextStudyChunk() {
      for run in chunk.runs {
        var screen: SecurityScreen
        if let existing = screens[run.topology] {
          screen = existing
        } else {
          do throws(SensitivityError) {
            screen = try SecurityScreen(DCSensitivity(run.system), options: options.contingency, parallelism: options.parallelism)
          } catch {
            throw .sensitivity(error, context: descriptions[run.topology])
          }
        }
        // Out of the array while it takes the hours, so that its arrays are not copied.
        screens[run.topology] = nil
        do throws(SensitivityError) {
          try screen.add(flowsMW: run.flowsMW, hours: run.count, firstHour: run.firstHour, points: Array(run.points))
        } catch {
          throw .sensitivity(error, context: descriptions[run.topology])
        }
        screens[run.topology] = screen
        hoursOf[run.topology] += run.count
      }
      progress?(chunk.firstHour + chunk.count, scenario.hours)
    }
    var merger = ScenarioSecurityMerger(network: scenario.network, options: options.contingency)
    var topologies: [ScenarioSecurityResult.Topology] = []
    for (t, screen) in screens.enumerated() {
      guard let screen else { continue }
      merger.add(screen)
      topologies.append(
        ScenarioSecurityResult.Topology(
          index: t, description: descriptions[t], hours: hoursOf[t], contingencies: screen.contingencies.count,
          monitored: screen.monitored.count))
    }
    return merger.result(scenario: scenario, topologies: topologies)
  }
}

/// What a contingency trips, independent of the topology: the same element in every hour.
enum OutageElement: Hashable {
  case branch(Int)
  case pole(Int)
  case link(Int)

  init(_ c: Contingency) {
    switch c {
    case .branch(let k), .circuit(let k): self = .branch(k)
    case .hvdcPole(let q): self = .pole(q)
    case .hvdcLink(let q): self = .link(q)
    }
  }
}

/// Contingencies of several topologies in one list: the first topology's order, then any
/// contingency seen later (e.g. a line that is a contingency only in some hours).
struct MergedContingencies {
  private(set) var list: [Contingency] = []
  private var index: [OutageElement: Int] = [:]

  /// The merged index of `c`, adding it when new.
  mutating func position(of c: Contingency) -> Int {
    let key = OutageElement(c)
    if let i = index[key] { return i }
    index[key] = list.count
    list.append(c)
    return list.count - 1
  }
}
