extension DCSystem {
  /// Voltage angles for `columns` snapshots at once: one factorization per island,
  /// one multi-right-hand-side solve per island.
  ///
  /// Per island: `B_red · θ_red = P_red/baseMVA − Pbusinj_red − B[:, ref]·θ_ref`, all
  /// snapshots in one solve of the island's factorization (with the residual check of
  /// ``SymmetricSolver/solve(_:_:rhs:columns:)``).
  ///
  /// - Parameters:
  ///   - injectionsMW: net injection per internal bus and snapshot, MW
  ///     (internal buses × `columns`, column-major), as from ``internalInjectionsMW(_:)``;
  ///     phase-shift injections are added here.
  ///   - k: the number of snapshots (`columns:`).
  /// - Returns: angles, radians, same shape. Buses of islands without generation read 0
  ///   (see ``DCIsland/isSolvable``); reference buses keep the case's angle.
  public func solveAngles(injectionsMW: [Double], columns k: Int) throws(PowerFlowError) -> [Double] {
    var theta: [Double] = []
    var scratch = BlockScratch()
    try solveAngles(injectionsMW: injectionsMW, columns: k, into: &theta, scratch: &scratch)
    return theta
  }

  /// ``solveAngles(injectionsMW:columns:)`` into arrays a caller keeps from block to block, so
  /// that a long run does not touch fresh memory (page faults) for every block. `injectionsMW`
  /// may hold more than `k` columns; `theta` is resized to exactly `k`.
  /// `first`: the column of `injectionsMW` that is snapshot 0.
  func solveAngles(
    injectionsMW: [Double], from first: Int = 0, columns k: Int, into theta: inout [Double], scratch: inout BlockScratch
  ) throws(PowerFlowError) {
    let n = internalBusCount
    precondition(injectionsMW.count >= n * (first + k), "solveAngles: \(injectionsMW.count) values for \(n) buses × \(first + k)")
    Self.resize(&theta, to: n * k)
    guard k > 0 else { return }
    let base = baseMVA
    for island in islands where island.isSolvable {
      for r in island.referenceBuses {
        let angle = network.buses[busPositions[r]].angleDeg * .pi / 180
        for c in 0..<k { theta[c * n + r] = angle }
      }
      guard let factorization = island.factorization else { continue }
      let m = island.unknowns.count
      Self.resize(&scratch.rhs, to: m * k)
      do {
        // Spans: bounds-checked like arrays, without a uniqueness check on every store.
        var rhs = scratch.rhs.mutableSpan
        let unknowns = island.unknowns.span, injections = injectionsMW.span, shift = busShiftInjection.span
        for c in 0..<k {
          let o = c * n, io = (first + c) * n, ro = c * m
          for p in 0..<m {
            let bus = unknowns[p]
            rhs[ro + p] = injections[io + bus] / base - shift[bus]
          }
          for coupling in island.referenceCoupling { rhs[ro + coupling.row] -= coupling.value * theta[o + coupling.reference] }
        }
      }
      do {
        try SymmetricSolver.solveInPlace(island.reducedB, factorization, rhs: &scratch.rhs, columns: k, original: &scratch.original)
      } catch {
        throw .singularIsland(island: island.index, buses: island.buses.map { network.buses[busPositions[$0]].id }, reason: error)
      }
      do {
        var angles = theta.mutableSpan
        let unknowns = island.unknowns.span, x = scratch.rhs.span
        for c in 0..<k {
          let o = c * n, ro = c * m
          for p in 0..<m { angles[o + unknowns[p]] = x[ro + p] }
        }
      }
    }
  }

  /// Sets `count` without reallocating when the capacity allows (entries left as they were).
  static func resize(_ array: inout [Double], to count: Int) {
    if array.count > count {
      array.removeLast(array.count - count)
    } else if array.count < count {
      array.append(contentsOf: repeatElement(0, count: count - array.count))
    }
  }

  /// From-end flow of every input branch for each snapshot, MW (branches × `columns`,
  /// column-major): `Pf = (b·(θf − θt) + Pfinj) · baseMVA`; 0 for branches outside the model
  /// or in islands without generation.
  public func branchFlowsMW(angles theta: [Double], columns k: Int) -> [Double] {
    var flows: [Double] = []
    branchFlowsMW(angles: theta, columns: k, into: &flows)
    return flows
  }

  /// ``branchFlowsMW(angles:columns:)`` into an array the caller reuses; `theta` may hold more
  /// than `k` columns, `flows` is resized to exactly `k`.
  func branchFlowsMW(angles theta: [Double], columns k: Int, into flows: inout [Double]) {
    let n = internalBusCount, m = network.branches.count
    precondition(theta.count >= n * k)
    Self.resize(&flows, to: m * k)
    guard n > 0 else {
      for i in flows.indices { flows[i] = 0 }
      return
    }
    let base = baseMVA
    // Per branch, gathered once: ends, b and shift injection in MW; branches outside solved
    // islands get b = 0 and read exactly 0. Then one contiguous pass per snapshot.
    var from = [Int32](repeating: 0, count: m), to = from
    var b = [Double](repeating: 0, count: m), shift = b
    for branch in 0..<m {
      let f = branchFrom[branch], t = branchTo[branch]
      guard f >= 0, islands[islandOfBus[f]].isSolvable else { continue }
      from[branch] = Int32(f)
      to[branch] = Int32(t)
      b[branch] = branchSusceptance[branch] * base
      shift[branch] = branchShiftInjection[branch] * base
    }
    // Spans: bounds-checked like arrays, without a uniqueness check on every store.
    var out = flows.mutableSpan
    let angles = theta.span, fromSpan = from.span, toSpan = to.span, bSpan = b.span, shiftSpan = shift.span
    for c in 0..<k {
      let ao = c * n, fo = c * m
      for i in 0..<m {
        out[fo + i] = bSpan[i] * (angles[ao + Int(fromSpan[i])] - angles[ao + Int(toSpan[i])]) + shiftSpan[i]
      }
    }
  }

  /// Net injection per internal bus for an operating point, MW: generation − demand − GS − loads
  /// − HVDC sending + HVDC delivered (slack generators at their set-points).
  public func internalInjectionsMW(_ point: OperatingPoint) -> [Double] {
    injectionsMW(point, hvdc: hvdcTransfers(point))
  }

  /// Each HVDC link's transfer at the point's set-points (zero for links outside the model).
  public func hvdcTransfers(_ point: OperatingPoint) -> [HVDCTransfer] {
    network.hvdcLinks.enumerated().map { k, link in
      linkInModel(link) ? link.transfer(at: point.hvdcSetpointMW[k]) : HVDCTransfer(fromMW: 0, toMW: 0)
    }
  }

  /// Power the AC network takes out at each reference bus beyond its scheduled injection, MW,
  /// per snapshot: the balance picked up by that bus's slack generator. Returned per island
  /// (sum over the island's reference buses), islands × `columns`. The arrays may hold more
  /// than `columns` snapshots; the first `columns` are used.
  public func slackMW(angles theta: [Double], injectionsMW: [Double], columns k: Int) -> [Double] {
    slackMW(angles: theta, injectionsMW: injectionsMW, from: 0, columns: k)
  }

  /// ``slackMW(angles:injectionsMW:columns:)`` where snapshot 0 is column `first` of `injectionsMW`.
  func slackMW(angles theta: [Double], injectionsMW: [Double], from first: Int, columns k: Int) -> [Double] {
    let n = internalBusCount
    var slack = [Double](repeating: 0, count: islands.count * k)
    for island in islands where island.isSolvable {
      for r in island.referenceBuses {
        for c in 0..<k {
          var flowOut = 0.0
          for p in busSusceptance.columnStarts[r]..<busSusceptance.columnStarts[r + 1] {
            flowOut += busSusceptance.values[p] * theta[c * n + busSusceptance.rowIndices[p]]
          }
          // B·θ = Pbus − Pbusinj at the reference, so the generation needed is (B·θ + Pbusinj)·base.
          slack[c * islands.count + island.index] += (flowOut + busShiftInjection[r]) * baseMVA - injectionsMW[(first + c) * n + r]
        }
      }
    }
    return slack
  }
}

/// Working arrays of ``DCSystem/solveAngles(injectionsMW:columns:into:scratch:)``, kept by the caller.
struct BlockScratch {
  var rhs: [Double] = []
  var original: [Double] = []
}
