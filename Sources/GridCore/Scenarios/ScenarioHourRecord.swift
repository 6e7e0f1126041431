/// One hour of a scenario run, as ``ScenarioRunner/Options/hourly`` receives it (in hour
/// order, at full precision): the dispatch totals, the HVDC and corridor transfers and every
/// branch's flow. ``ScenarioHourlyCSV`` formats it as a row of `gridtool scenario --hourly`.
public struct ScenarioHourRecord: Sendable {
  /// The hour, 0-based from the start of the period.
  public var hour: Int
  /// Its clock time: ``Scenario/start`` + ``hour`` hours.
  public var time: ClockHour
  /// Demand asked (bus GS included), MW.
  public var demandMW: Double
  /// Demand not served, MW: the requirement that the available generation cannot meet, shed
  /// pro rata from the positive demands.
  public var unservedMW: Double
  /// Wind dispatched, MW.
  public var windMW: Double
  /// Solar dispatched, MW.
  public var solarMW: Double
  /// Wind and solar available but not dispatched, MW (surplus and balancing-area export
  /// limits; cuts of must-run output are not included).
  public var curtailedMW: Double
  /// All generation dispatched, MW.
  public var generationMW: Double
  /// Balance taken by the reference generators, MW, summed over the islands (zero to
  /// round-off in a connected network).
  public var slackMW: Double
  /// Per HVDC link (input order): power drawn at its from end, MW (``HVDCTransfer/fromMW``:
  /// negative when the link runs to → from; 0 for a link outside the model).
  public var hvdcFromMW: [Double]
  /// Per HVDC link (input order): power delivered at its to end, MW (``HVDCTransfer/toMW``:
  /// the from-end power less the link's losses; negative when reversed; 0 for a link outside the model).
  public var hvdcToMW: [Double]
  /// Per export corridor (groups of kind corridor, file order): sending power, MW.
  public var corridorSendMW: [Double]
  /// Per branch (input order): from-end flow, MW.
  public var branchFlowsMW: ArraySlice<Double>

  /// A record with every figure given.
  public init(
    hour: Int, time: ClockHour, demandMW: Double, unservedMW: Double, windMW: Double, solarMW: Double, curtailedMW: Double,
    generationMW: Double, slackMW: Double, hvdcFromMW: [Double], hvdcToMW: [Double], corridorSendMW: [Double],
    branchFlowsMW: ArraySlice<Double>
  ) {
    self.hour = hour
    self.time = time
    self.demandMW = demandMW
    self.unservedMW = unservedMW
    self.windMW = windMW
    self.solarMW = solarMW
    self.curtailedMW = curtailedMW
    self.generationMW = generationMW
    self.slackMW = slackMW
    self.hvdcFromMW = hvdcFromMW
    self.hvdcToMW = hvdcToMW
    self.corridorSendMW = corridorSendMW
    self.branchFlowsMW = branchFlowsMW
  }

  /// The dispatch part of hour `hour` from its state; slack, corridors and flows come after the
  /// solve. (A function, not an initializer: an initializer would take copies of the state and
  /// the model, dozens of array retains an hour.)
  static func dispatched(hour: Int, time: ClockHour, state s: HourState, model: ScenarioHourModel, corridors: Int)
    -> ScenarioHourRecord
  {
    var demand = 0.0
    for d in s.demand { demand += d }
    for mw in model.shuntMW { demand += mw }
    var wind = 0.0, solar = 0.0, generation = 0.0
    for g in model.dispatcher.dispatchable { generation += s.output[g] }
    for g in model.dispatcher.variable {
      generation += s.output[g]
      if model.isWind[g] { wind += s.output[g] } else { solar += s.output[g] }
    }
    return ScenarioHourRecord(
      hour: hour, time: time, demandMW: demand, unservedMW: s.outcome.shortageMW, windMW: wind, solarMW: solar,
      curtailedMW: s.outcome.curtailedMW, generationMW: generation, slackMW: 0, hvdcFromMW: s.hvdc.map(\.fromMW),
      hvdcToMW: s.hvdc.map(\.toMW), corridorSendMW: Array(repeating: 0, count: corridors), branchFlowsMW: [])
  }
}
