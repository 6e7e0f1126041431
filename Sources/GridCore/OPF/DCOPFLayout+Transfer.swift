/// What a transfer maximization adds to a ``DCOPFLayout``.
struct TransferRequest {
  var target: TransferTarget
  /// Pieces of each target link's loss model (``HVDCLossLinearization``).
  var lossSegments: Int
  /// Interface limits of the network's corridors, enforced in the intact network.
  var interfaces: [DCOPFInterfaceLimit]
}

/// The columns and rows of a transfer maximization in a ``DCOPFLayout``.
struct TransferColumns {
  var target: TransferTarget
  /// Per target link (``TransferTarget/hvdcLinks`` order): its PF and PT columns and loss model.
  var sending: [Int] = []
  var delivered: [Int] = []
  var losses: [HVDCLossLinearization] = []
  /// The AC export withdrawn at the receiving buses, MW (−1 for HVDC targets).
  var export = -1
  /// Rows of the corridors' interface limits, in the request's order, and of Σ PF ≤ rating.
  var interfaceRows: [Int] = []
  var interfaceNames: [String] = []
  var corridorRow = -1

  /// The objective of the first stage, `Σ entries·x + constant` (MW): the power delivered by the
  /// target links, or the AC corridor's sending flow.
  func transferExpression(layout: DCOPFLayout, system: DCSystem) -> (entries: [(column: Int, value: Double)], constant: Double) {
    if target.isAC {
      let (entries, shift) = layout.interfaceFlow(branches: target.branches, signs: target.signs, system: system)
      return (entries, shift)
    }
    return (delivered.map { ($0, 1.0) }, 0)
  }
}

extension DCOPFLayout {
  /// Adds the target's columns: each target HVDC link's PF ∈ [0, rating] drawn at its from bus
  /// and PT ≥ 0 delivered at its to bus (a MATPOWER `dcline` keeps the columns it has), and the
  /// AC export X ≥ 0 withdrawn at the receiving buses. Before the balance rows, which take the
  /// entries of `atBus`.
  mutating func addTransferColumns(_ request: TransferRequest, system: DCSystem, atBus: inout [[(column: Int, value: Double)]]) {
    let network = system.network
    var columns = TransferColumns(target: request.target)
    for k in request.target.hvdcLinks {
      let link = network.hvdcLinks[k]
      let upper = link.ratingMW > 0 ? link.ratingMW : (DCOPFProblem.dispatchLimits(link)?.max ?? .infinity)
      if hvdcFromColumn[k] >= 0 {
        // A MATPOWER dcline is dispatched already, with its own (linear) loss row.
        columns.sending.append(hvdcFromColumn[k])
        columns.delivered.append(hvdcToColumn[k])
        columns.losses.append(HVDCLossLinearization(link, maxMW: max(upper, 1), segments: 1))
        continue
      }
      let pf = model.addColumn(cost: 0, lower: 0, upper: upper)
      let pt = model.addColumn(cost: 0, lower: 0, upper: .infinity)
      atBus[system.internalBus(of: link.from)].append((pf, -1))
      if let to = link.to { atBus[system.internalBus(of: to)].append((pt, 1)) }
      hvdcFromColumn[k] = pf
      hvdcToColumn[k] = pt
      columns.sending.append(pf)
      columns.delivered.append(pt)
      // Without a rating the model covers twice the schedule (at least 1 MW); beyond, its last line.
      let range = upper.isFinite ? upper : max(1, 2 * abs(link.setpointMW))
      columns.losses.append(HVDCLossLinearization(link, maxMW: range, segments: request.lossSegments))
    }
    if request.target.isAC {
      columns.export = model.addColumn(cost: 0, lower: 0, upper: .infinity)
      let share = 1 / Double(request.target.receivingBuses.count)
      for p in request.target.receivingBuses where system.internalIndex[p] >= 0 {
        atBus[system.internalIndex[p]].append((columns.export, -share))
      }
    }
    transfer = columns
  }

  /// Adds the target's rows (after the balance rows): the loss lines `PT ≤ a + b·PF` of each
  /// link that needs them, Σ PF ≤ the corridor rating and the corridors' interface limits.
  mutating func addTransferRows(_ request: TransferRequest, system: DCSystem) {
    guard var columns = transfer else { return }
    for (j, k) in request.target.hvdcLinks.enumerated() where hvdcRow[k] < 0 {
      for (a, b) in columns.losses[j].lines {
        _ = model.addRow([(columns.delivered[j], 1), (columns.sending[j], -b)], lower: -.infinity, upper: a)
      }
    }
    if !request.target.isAC, request.target.ratingMW > 0 {
      columns.corridorRow = model.addRow(columns.sending.map { ($0, 1.0) }, lower: -.infinity, upper: request.target.ratingMW)
    }
    columns.interfaceRows = request.interfaces.map { addInterfaceRow($0, system: system) }
    columns.interfaceNames = request.interfaces.map(\.name)
    transfer = columns
  }
}
