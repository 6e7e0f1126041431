/// The per-chunk working arrays of a run, allocated once and reused: bus
/// injections, flows, and the few per-hour numbers that accumulators and the
/// hourly output need after the solve. All blocks are column-major, one column
/// per hour of the chunk.
struct ChunkBuffers {
  let buses: Int
  let branchCount: Int
  let linkCount: Int
  let corridorCount: Int
  private(set) var count = 0
  /// Buses × hours, MW.
  var injections: [Double]
  /// Branches × hours, from-end MW.
  var flows: [Double]
  /// Links × hours: power at the from end and at the to end, MW.
  var linkFrom: [Double]
  var linkTo: [Double]
  /// Corridors × hours: sending power, MW.
  var corridorSend: [Double]
  var month: [Int]
  var slack: [Double]
  /// Hourly totals for the CSV, MW.
  var demand: [Double]
  var unserved: [Double]
  var wind: [Double]
  var solar: [Double]
  var curtailed: [Double]
  var generation: [Double]
  /// Export-limit study: schedule, spare supply, and the raising / lowering sensitivity columns (buses × hours).
  var schedule: [Double]
  var spare: [Double]
  var raise: [Double]
  var lower: [Double]
  /// Study: generators of the supply area (in the model), and the sending converter's internal bus.
  var supply: [Int] = []
  var sendingBus = -1

  init(buses: Int, branches: Int, links: Int, corridors: Int, hours: Int, study: Bool) {
    self.buses = buses
    branchCount = branches
    linkCount = links
    corridorCount = corridors
    injections = Array(repeating: 0, count: buses * hours)
    flows = Array(repeating: 0, count: branches * hours)
    linkFrom = Array(repeating: 0, count: links * hours)
    linkTo = linkFrom
    corridorSend = Array(repeating: 0, count: corridors * hours)
    month = Array(repeating: 0, count: hours)
    slack = Array(repeating: 0, count: hours)
    demand = slack
    unserved = slack
    wind = slack
    solar = slack
    curtailed = slack
    generation = slack
    schedule = slack
    spare = slack
    raise = study ? injections : []
    lower = study ? injections : []
  }

  mutating func reset(count: Int) { self.count = count }

  /// Keeps what the flows-dependent accumulators and the hourly output need from hour `j`.
  mutating func record(_ s: HourState, model: ScenarioHourModel, column j: Int) {
    for (l, t) in s.hvdc.enumerated() {
      linkFrom[j * linkCount + l] = t.fromMW
      linkTo[j * linkCount + l] = t.toMW
    }
    var d = 0.0, served = 0.0
    for i in s.demand.indices {
      d += s.demand[i]
      served += s.served[i]
    }
    for mw in model.shuntMW { d += mw }
    demand[j] = d
    unserved[j] = s.outcome.shortageMW
    curtailed[j] = s.outcome.curtailedMW
    var w = 0.0, pv = 0.0, g = 0.0
    for i in model.dispatcher.dispatchable { g += s.output[i] }
    for i in model.dispatcher.variable {
      g += s.output[i]
      if model.isWind[i] { w += s.output[i] } else { pv += s.output[i] }
    }
    wind[j] = w
    solar[j] = pv
    generation[j] = g
  }

  /// The export-limit study's columns for hour `j`: 1 MW drawn at the sending converter and
  /// supplied by the area's generators, by spare output (raising) and by dispatched output (lowering).
  mutating func recordStudy(_ s: HourState, model: ScenarioHourModel, study: ExportLimitStudy, column j: Int) {
    schedule[j] = s.hvdc[study.link].fromMW
    var spareTotal = 0.0, outputTotal = 0.0, capacityTotal = 0.0
    for g in supply {
      spareTotal += max(0, s.available[g] - s.output[g])
      outputTotal += s.output[g]
      capacityTotal += model.capacity[g]
    }
    spare[j] = spareTotal
    let o = j * buses
    for i in 0..<buses {
      raise[o + i] = 0
      lower[o + i] = 0
    }
    guard sendingBus >= 0 else { return }
    raise[o + sendingBus] = -1
    lower[o + sendingBus] = -1
    for g in supply {
      let bus = o + model.generatorBus[g]
      // Weights fall back to installed capacity when nothing is spare (or dispatched): the column must still sum to zero.
      raise[bus] += spareTotal > 1e-9 ? max(0, s.available[g] - s.output[g]) / spareTotal : model.capacity[g] / max(capacityTotal, 1e-300)
      lower[bus] += outputTotal > 1e-9 ? s.output[g] / outputTotal : model.capacity[g] / max(capacityTotal, 1e-300)
    }
    if supply.isEmpty || capacityTotal <= 0 && spareTotal <= 1e-9 && outputTotal <= 1e-9 {
      // No generator in the supply area: the change would come from the reference bus; say so with a zero column.
      raise[o + sendingBus] = 0
      lower[o + sendingBus] = 0
    }
  }
}
