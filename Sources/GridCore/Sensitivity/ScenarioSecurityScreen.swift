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
    let tallies = try screen(scenario, hours: 0..<scenario.hours, options: options, progress: progress)
    return finish(scenario, tallies: tallies, options: options)
  }

  /// Screens hours `hours` of the period (0-based; whole chunks, as ``ScenarioShard/hours(period:chunkHours:)`` gives them)
  /// and returns their per-topology reductions: one part of the period, to be merged with the
  /// others by ``merge(_:parts:options:)``. `progress` receives (hours done, hours of the part).
  public static func runPart(
    _ scenario: Scenario, hours: Range<Int>, options: Options = Options(), progress: ((Int, Int) -> Void)? = nil
  ) throws(ScenarioStudyError) -> ScenarioSecurityPart {
    do { try ScenarioRunner.checkPart(hours, period: scenario.hours, chunkHours: options.chunkHours) } catch { throw .scenario(error) }
    return ScenarioSecurityPart(hours: hours, topologies: try screen(scenario, hours: hours, options: options, progress: progress))
  }

  /// The screen of the whole period from the parts of ranges that cover it once
  /// (``runPart(_:hours:options:progress:)`` of the same scenario and options, in any
  /// order): exactly the result ``run(_:options:progress:)`` gives. A topology's reductions
  /// merge in hour order (counts add, violation hours follow each other, a worst case is
  /// replaced only by a strictly higher loading), then the topologies as in one run.
  /// - Throws: when the parts overlap, leave hours out, or do not fit the scenario.
  public static func merge(_ scenario: Scenario, parts: [ScenarioSecurityPart], options: Options = Options())
    throws(ScenarioStudyError) -> ScenarioSecurityResult
  {
    let ordered = parts.sorted { $0.hours.lowerBound < $1.hours.lowerBound }
    do { try ScenarioRunner.checkCover(ordered.map(\.hours), period: scenario.hours) } catch { throw .scenario(error) }
    var byTopology: [Int: TopologyScreenTally] = [:]
    for part in ordered {
      for tally in part.topologies {
        guard var merged = byTopology[tally.topology] else {
          byTopology[tally.topology] = tally
          continue
        }
        guard merged.fits(tally) else {
          throw .scenario(.invalid("topology \(tally.topology) was screened with different contingencies or monitored branches"))
        }
        merged.merge(tally)
        byTopology[tally.topology] = merged
      }
    }
    let topologyCount = ScenarioTopologies(scenario, backend: options.backend).count
    guard byTopology.keys.allSatisfy({ $0 < topologyCount }), byTopology.values.allSatisfy({ $0.fits(scenario.network) }) else {
      throw .scenario(.invalid("the parts do not fit the scenario's topologies and network"))
    }
    return finish(scenario, tallies: byTopology.keys.sorted().compactMap { byTopology[$0] }, options: options)
  }

  /// Screens `hours` hour by hour, each on its own topology: the reductions per topology that
  /// occurs, in topology order.
  private static func screen(
    _ scenario: Scenario, hours: Range<Int>, options: Options, progress: ((Int, Int) -> Void)?
  ) throws(ScenarioStudyError) -> [TopologyScreenTally] {
    var engine = try ScenarioHourEngine(
      study: scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism, operatingPoints: true,
        hours: hours))
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
      progress?(chunk.firstHour + chunk.count - hours.lowerBound, hours.count)
    }
    return screens.enumerated().compactMap { t, screen in
      screen.map { TopologyScreenTally(topology: t, hours: hoursOf[t], screen: $0) }
    }
  }

  /// The result of the per-topology reductions of the whole period.
  private static func finish(_ scenario: Scenario, tallies: [TopologyScreenTally], options: Options) -> ScenarioSecurityResult {
    let describe = ScenarioTopologies(scenario, backend: options.backend)
    var merger = ScenarioSecurityMerger(network: scenario.network, options: options.contingency)
    var topologies: [ScenarioSecurityResult.Topology] = []
    for tally in tallies {
      merger.add(tally)
      topologies.append(
        ScenarioSecurityResult.Topology(
          index: tally.topology, description: describe.describe(tally.topology), hours: tally.hours,
          contingencies: tally.contingencies.count, monitored: tally.result.branches.count))
    }
    return merger.result(scenario: scenario, topologies: topologies)
  }
}

/// What a contingency trips, independent of the topology: the same element in every hour.
enum OutageElement: Hashable {
  case branch(Int)
  case pole(Int)
  case link(Int)
  case generator(Int)

  init(_ c: Contingency) {
    switch c {
    case .branch(let k), .circuit(let k): self = .branch(k)
    case .hvdcPole(let q): self = .pole(q)
    case .hvdcLink(let q): self = .link(q)
    case .generator(let g): self = .generator(g)
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
