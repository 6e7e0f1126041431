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
    var engine = try ScenarioHourEngine(
      study: scenario,
      options: ScenarioHourEngine.Options(
        chunkHours: options.chunkHours, backend: options.backend, parallelism: options.parallelism, solve: false,
        operatingPoints: true))
    let topologyCount = engine.topologies.count
    let descriptions = (0..<topologyCount).map { engine.describe($0) }
    var studies = [TransferStudy?](repeating: nil, count: topologyCount)
    var collector = ScenarioTransferCollector()
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
          for (j, capability) in capabilities.enumerated() {
            collector.add(try capability.get(), hour: run.firstHour + j, contingencies: study.contingencies)
          }
        } catch {
          throw .sensitivity(error, context: descriptions[run.topology])
        }
      }
      progress?(chunk.firstHour + chunk.count, scenario.hours)
    }
    guard let first else { throw .scenario(.invalid("the scenario has no hours")) }
    return ScenarioTransferResult(
      scenarioName: scenario.name, network: scenario.network, start: scenario.start, direction: first, options: options,
      topologies: Set(engine.topologies.hourTopology).count, hourly: collector.hourly,
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

  mutating func add(_ c: TransferCapability, hour: Int, contingencies: [Contingency]) {
    precondition(hour == hourly.count, "ScenarioTransferCollector: hours out of order")
    var element: Int? = nil
    if let kind = c.limiting, let transfer = c.transferMW {
      var branch: Int?, contingency: Contingency?, link: Int?
      switch kind {
      case .branch:
        branch = c.limits.first?.branch
        contingency = c.limits.first?.contingency.map { contingencies[$0] }
      case .hvdcRating: link = c.hvdcRatingLink
      case .sourceCapacity: break
      }
      let key = Key(kind: kind, branch: branch, outage: contingency.map(OutageElement.init), link: link)
      let e: Int
      if let known = index[key] {
        e = known
      } else {
        e = elements.count
        index[key] = e
        elements.append(
          ScenarioTransferResult.LimitingElement(
            kind: kind, branch: branch, contingency: contingency, link: link, hours: 0, sumHeadroomMW: 0, minHeadroomMW: transfer))
      }
      elements[e].hours += 1
      elements[e].sumHeadroomMW += transfer
      elements[e].minHeadroomMW = min(elements[e].minHeadroomMW, transfer)
      element = e
    }
    hourly.append(
      ScenarioTransferResult.Hour(
        transferMW: c.transferMW, networkLimitMW: c.networkLimitMW, hvdcRatingLimitMW: c.hvdcRatingLimitMW,
        sourceCapacityLimitMW: c.sourceCapacityLimitMW, limitingElement: element))
  }
}
