/// The export-limit study's per-hour inputs for one chunk (``ExportLimitStudy``): the link's
/// schedule, the supply area's spare output, and the two right-hand sides that move 1 MW from
/// the area's generators to the sending converter — by spare output (raising, solved with the
/// hour as the engine's extra column) and by dispatched output (lowering, solved only for the
/// hours that need it).
struct ExportLimitColumns {
  /// Generators of the supply area (in the model), and the sending converter's internal bus (−1: none).
  let supply: [Int]
  let sendingBus: Int
  let buses: Int
  /// Per chunk column: the link's scheduled sending power and the area's spare output, MW.
  private(set) var schedule: [Double]
  private(set) var spare: [Double]
  /// Lowering columns, buses × chunk hours, column-major.
  private(set) var lower: [Double]

  init(study: ExportLimitStudy, network: Network, model: ScenarioHourModel, chunkHours: Int) {
    supply = network.generators.indices.filter {
      model.generatorBus[$0] >= 0 && study.supplyBuses.contains(network.generators[$0].bus)
    }
    sendingBus = model.linkFrom[study.link]
    buses = model.shuntMW.count
    schedule = Array(repeating: 0, count: chunkHours)
    spare = schedule
    lower = Array(repeating: 0, count: buses * chunkHours)
  }

  /// Records hour `j` of the chunk and writes its raising column into column `j` of `raise`
  /// (buses × hours): −1 MW at the sending converter, +1 MW shared by the supply area's
  /// generators (the same shape for the lowering column, with other weights).
  mutating func record(_ s: HourState, model: ScenarioHourModel, link: Int, column j: Int, raise: inout [Double]) {
    schedule[j] = s.hvdc[link].fromMW
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
