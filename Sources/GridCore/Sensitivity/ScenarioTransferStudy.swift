/// The transfer headroom of a direction (e.g. an export corridor) in every hour of a
/// scenario: for each hour, the single-snapshot ``TransferStudy`` (N-0 and N-1 branch limits,
/// HVDC rating, source capacity) at that hour's operating point, on that hour's topology
/// (docs/sensitivity.md, "Transfer headroom over a scenario").
///
/// The hours and their operating points come from the scenario engine
/// (`ScenarioHourEngine`, dispatch only: the study solves each hour itself), in time order;
/// the hours of a run are studied side by side on ``Options/parallelism``'s threads.
/// One ``TransferStudy`` per topology (its contingency list and outage set-up built once);
/// each hour then costs one power flow and the outage-factor pass of
/// ``TransferStudy/capability(at:minimumSensitivity:keep:ignorePreExisting:)``. The direction
/// is rebuilt for each topology from `direction` (an AC corridor's default source is the
/// reference bus of its island); its source and sink shares are those of the network file's
/// set-points, not re-weighted hour by hour.
public enum ScenarioTransferStudy {
  /// How to study: the contingency settings, the linear-step settings and the chunking.
  public struct Options: Sendable {
    /// Contingencies, monitored branches, rating set and limit of each hour's N-0/N-1 branch
    /// limits, as for one snapshot's ``TransferStudy``.
    public var contingency: ContingencyOptions
    /// |PTDF| or |OTDF| below this (MW/MW) never limits.
    public var minimumSensitivity: Double
    /// Leave out branches already beyond their limit before the transfer.
    public var ignorePreExisting: Bool
    /// Hours per dispatch block.
    public var chunkHours: Int
    /// Linear solver for each topology's reduced B.
    public var backend: LinearSolverBackend
    /// Threads for the hours (each hour's study is independent) and for building each
    /// topology's model; the result is the same for any value.
    public var parallelism: Parallelism

    /// Options with defaults: the single-snapshot contingency settings, 1e-3 MW/MW, 512-hour
    /// chunks, automatic backend, all processors.
    public init(
      contingency: ContingencyOptions = ContingencyOptions(), minimumSensitivity: Double = 1e-3, ignorePreExisting: Bool = false,
      chunkHours: Int = 512, backend: LinearSolverBackend = .automatic, parallelism: Parallelism = .automatic
    ) {
      precondition(chunkHours > 0)
      self.contingency = contingency
      self.minimumSensitivity = minimumSensitivity
      self.ignorePreExisting = ignorePreExisting
      self.chunkHours = chunkHours
      self.backend = backend
      self.parallelism = parallelism
    }
  }

  /// Studies every hour of `scenario`.
  /// - Parameters:
  ///   - scenario: the network, its profiles, dispatch rule and outages, hour by hour.
  ///   - direction: the direction in one topology's factored network (called once per topology).
  ///   - options: contingencies, threshold, chunk size, backend and threads.
  ///   - progress: receives (hours done, hours in total).
  public static func run(
    _ scenario: Scenario, direction: (DCSystem) throws(SensitivityError) -> TransferDirection, options: Options = Options(),
    progress: ((Int, Int) -> Void)? = nil
  ) throws(ScenarioStudyError) -> ScenarioTransferResult {
    let (hours, first) = try study(scenario, hours: 0..<scenario.hours, direction: direction, options: options, progress: progress)
    guard let first else { throw .scenario(.invalid("the scenario has no hours")) }
    return finish(scenario, direction: first, hours: hours, options: options)
  }

  /// Studies hours `hours` of the period (0-based; whole chunks, as ``ScenarioShard/hours(period:chunkHours:)`` gives them):
  /// one part of the period, to be merged with the others by
  /// ``merge(_:direction:parts:options:)``. `progress` receives (hours done, hours of the part).
  public static func runPart(
    _ scenario: Scenario, hours: Range<Int>, direction: (DCSystem) throws(SensitivityError) -> TransferDirection,
    options: Options = Options(), progress: ((Int, Int) -> Void)? = nil
  ) throws(ScenarioStudyError) -> ScenarioTransferPart {
    do { try ScenarioRunner.checkPart(hours, period: scenario.hours, chunkHours: options.chunkHours) } catch { throw .scenario(error) }
    let (tallies, _) = try study(scenario, hours: hours, direction: direction, options: options, progress: progress)
    return ScenarioTransferPart(hours: hours, hourly: tallies)
  }

  /// The study of the whole period from the parts of ranges that cover it once
  /// (``runPart(_:hours:direction:options:progress:)`` of the same scenario, direction and
  /// options, in any order): exactly the result ``run(_:direction:options:progress:)`` gives.
  /// The hours are put back in order and their limiting elements collected as in one run;
  /// the reported direction is rebuilt on the first hour's topology.
  /// - Throws: when the parts overlap, leave hours out, or name elements the network lacks.
  public static func merge(
    _ scenario: Scenario, direction: (DCSystem) throws(SensitivityError) -> TransferDirection, parts: [ScenarioTransferPart],
    options: Options = Options()
  ) throws(ScenarioStudyError) -> ScenarioTransferResult {
    let ordered = parts.sorted { $0.hours.lowerBound < $1.hours.lowerBound }
    do { try ScenarioRunner.checkCover(ordered.map(\.hours), period: scenario.hours) } catch { throw .scenario(error) }
    let network = scenario.network
    for part in ordered {
      guard part.hourly.count == part.hours.count, part.hourly.allSatisfy({ $0.fits(network) }) else {
        throw .scenario(.invalid("the part of hours \(part.hours.lowerBound)..<\(part.hours.upperBound) does not fit the scenario"))
      }
    }
    guard scenario.hours > 0 else { throw .scenario(.invalid("the scenario has no hours")) }
    var topologies = ScenarioTopologies(scenario, backend: options.backend, parallelism: options.parallelism)
    let t = Int(topologies.hourTopology[0])
    let first: TransferDirection
    do {
      first = try direction(try topologies.system(t))
    } catch let error as SensitivityError {
      throw .sensitivity(error, context: topologies.describe(t))
    } catch {
      throw .scenario(error as? ScenarioError ?? .invalid("\(error)"))
    }
    return finish(scenario, direction: first, hours: ordered.flatMap(\.hourly), options: options)
  }

  /// Studies `hours` in time order: one tally per hour, and the direction of the first
  /// hour's topology (nil without hours).
  private static func study(
    _ scenario: Scenario, hours: Range<Int>, direction: (DCSystem) throws(SensitivityError) -> TransferDirection,
    options: Options, progress: ((Int, Int) -> Void)?
  ) throws(ScenarioStudyError) -> ([TransferHourTally], TransferDirection?) {
    var engine = try ScenarioHourEngine(
      study: scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism, solve: false,
        operatingPoints: true, hours: hours))
    let topologyCount = engine.topologies.count
    let descriptions = (0..<topologyCount).map { engine.describe($0) }
    var studies = [TransferStudy?](repeating: nil, count: topologyCount)
    var tallies: [TransferHourTally] = []
    tallies.reserveCapacity(hours.count)
    var first: TransferDirection?
    while let chunk = try engine.nextStudyChunk() {
      for run in chunk.runs {
        do throws(SensitivityError) {
          let study: TransferStudy
          if let existing = studies[run.topology] {
            study = existing
          } else {
            study = try TransferStudy(DCSensitivity(run.system), direction: direction(run.system), options: options.contingency)
            studies[run.topology] = study
          }
          if first == nil { first = study.direction }
          // The hours are independent: studied side by side, collected in hour order.
          let points = run.points
          let capabilities = options.parallelism.map(run.count) { j in
            Result { () throws(SensitivityError) in
              try study.capability(
                at: points[points.startIndex + j], minimumSensitivity: options.minimumSensitivity, keep: 1,
                ignorePreExisting: options.ignorePreExisting)
            }
          }
          for capability in capabilities {
            tallies.append(TransferHourTally(try capability.get(), contingencies: study.contingencies))
          }
        } catch {
          throw .sensitivity(error, context: descriptions[run.topology])
        }
      }
      progress?(chunk.firstHour + chunk.count - hours.lowerBound, hours.count)
    }
    return (tallies, first)
  }

  /// The result of every hour of the period, in time order.
  private static func finish(
    _ scenario: Scenario, direction: TransferDirection, hours: [TransferHourTally], options: Options
  ) -> ScenarioTransferResult {
    var collector = ScenarioTransferCollector()
    for hour in hours { collector.add(hour) }
    return ScenarioTransferResult(
      scenarioName: scenario.name, network: scenario.network, start: scenario.start, direction: direction, options: options,
      topologies: Set(ScenarioTopologies(scenario, backend: options.backend).hourTopology).count, hourly: collector.hourly,
      elements: collector.elements)
  }
}

/// Gathers the hourly capabilities: one ``ScenarioTransferResult/Hour`` per hour and the
/// limiting elements with their hour counts.
struct ScenarioTransferCollector {
  private struct Key: Hashable {
    var kind: TransferCapability.Limiting
    var branch: Int?
    var outage: OutageElement?
    var link: Int?
  }

  var hourly: [ScenarioTransferResult.Hour] = []
  var elements: [ScenarioTransferResult.LimitingElement] = []
  private var index: [Key: Int] = [:]

  /// The next hour (hours are added in time order).
  mutating func add(_ h: TransferHourTally) {
    var element: Int? = nil
    if let limit = h.limiting, let transfer = h.transferMW {
      let key = Key(kind: limit.kind, branch: limit.branch, outage: limit.contingency.map(OutageElement.init), link: limit.link)
      let e: Int
      if let known = index[key] {
        e = known
      } else {
        e = elements.count
        index[key] = e
        elements.append(
          ScenarioTransferResult.LimitingElement(
            kind: limit.kind, branch: limit.branch, contingency: limit.contingency, link: limit.link, hours: 0, sumHeadroomMW: 0,
            minHeadroomMW: transfer))
      }
      elements[e].hours += 1
      elements[e].sumHeadroomMW += transfer
      elements[e].minHeadroomMW = min(elements[e].minHeadroomMW, transfer)
      element = e
    }
    hourly.append(
      ScenarioTransferResult.Hour(
        transferMW: h.transferMW, networkLimitMW: h.networkLimitMW, hvdcRatingLimitMW: h.hvdcRatingLimitMW,
        sourceCapacityLimitMW: h.sourceCapacityLimitMW, limitingElement: element))
  }
}
