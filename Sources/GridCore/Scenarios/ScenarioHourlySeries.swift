/// The hourly series a report draws — corridor and HVDC transfers, curtailment, demand —
/// gathered from a scenario run's hour records (``ScenarioRunner/Options/hourly``), one
/// number per hour and series: O(hours × (corridors + links)) memory, branch flows left out.
///
/// ```swift
/// let (result, series) = try ScenarioHourlySeries.run(scenario)
/// series.corridorSendMW[3].max()   // == result.corridors[3].maxSendMW
/// ```
public struct ScenarioHourlySeries: Sendable {
  /// Hour 0 of every series.
  public var start: ClockHour
  /// Names of the corridors (groups of kind corridor, file order), as in ``ScenarioResult/corridors``.
  public var corridorNames: [String]
  /// Per corridor, per hour: sending power, MW (``ScenarioHourRecord/corridorSendMW``).
  public var corridorSendMW: [[Double]]
  /// Per HVDC link, per hour: power at the from end, MW.
  public var hvdcFromMW: [[Double]]
  /// Per HVDC link, per hour: power delivered at the to end, MW.
  public var hvdcToMW: [[Double]]
  /// Per hour: wind and solar curtailed, MW.
  public var curtailedMW: [Double] = []
  /// Per hour: demand asked, MW.
  public var demandMW: [Double] = []
  /// Per hour: demand not served, MW.
  public var unservedMW: [Double] = []
  /// Per hour: wind dispatched, MW.
  public var windMW: [Double] = []
  /// Per hour: solar dispatched, MW.
  public var solarMW: [Double] = []

  /// Empty series for `scenario`'s corridors and links.
  public init(scenario: Scenario) {
    start = scenario.start
    corridorNames = scenario.network.groups(ofKind: .corridor).map(\.name)
    corridorSendMW = corridorNames.map { _ in [] }
    hvdcFromMW = scenario.network.hvdcLinks.map { _ in [] }
    hvdcToMW = hvdcFromMW
    reserve(scenario.hours)
  }

  private mutating func reserve(_ hours: Int) {
    for i in corridorSendMW.indices { corridorSendMW[i].reserveCapacity(hours) }
    for i in hvdcFromMW.indices {
      hvdcFromMW[i].reserveCapacity(hours)
      hvdcToMW[i].reserveCapacity(hours)
    }
    curtailedMW.reserveCapacity(hours)
    demandMW.reserveCapacity(hours)
  }

  /// Number of hours added.
  public var hours: Int { curtailedMW.count }

  /// Appends one hour (records come in hour order).
  public mutating func add(_ record: ScenarioHourRecord) {
    precondition(record.hour == hours, "ScenarioHourlySeries.add: hours in order")
    for (i, mw) in record.corridorSendMW.enumerated() where i < corridorSendMW.count { corridorSendMW[i].append(mw) }
    for (i, mw) in record.hvdcFromMW.enumerated() where i < hvdcFromMW.count { hvdcFromMW[i].append(mw) }
    for (i, mw) in record.hvdcToMW.enumerated() where i < hvdcToMW.count { hvdcToMW[i].append(mw) }
    curtailedMW.append(record.curtailedMW)
    demandMW.append(record.demandMW)
    unservedMW.append(record.unservedMW)
    windMW.append(record.windMW)
    solarMW.append(record.solarMW)
  }

  /// Runs `scenario` (``ScenarioRunner/run(_:options:)``) and gathers its hourly series on the
  /// way; an ``ScenarioRunner/Options/hourly`` callback in `options` still receives every hour.
  public static func run(_ scenario: Scenario, options: ScenarioRunner.Options = ScenarioRunner.Options()) throws(ScenarioError)
    -> (ScenarioResult, ScenarioHourlySeries)
  {
    let box = Box(ScenarioHourlySeries(scenario: scenario))
    var options = options
    let downstream = options.hourly
    options.hourly = { record in
      box.series.add(record)
      try downstream?(record)
    }
    let result = try ScenarioRunner.run(scenario, options: options)
    return (result, box.series)
  }

  /// The series, owned by the run's callback while it runs (on the calling thread only:
  /// the engine hands records over in hour order from the thread that called run).
  private final class Box {
    var series: ScenarioHourlySeries
    init(_ series: ScenarioHourlySeries) { self.series = series }
  }
}
