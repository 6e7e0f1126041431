extension DCSystem {
  /// Voltage angles for `columns` snapshots at once: one factorization per island,
  /// one multi-right-hand-side solve per island.
  ///
  /// - Parameter injectionsMW: net injection per internal bus and snapshot, MW
  ///   (internal buses × `columns`, column-major), as from ``internalInjectionsMW(_:)``;
  ///   phase-shift injections are added here.
  /// - Returns: angles, radians, same shape. Buses of islands without generation read 0
  ///   (see ``DCIsland/isSolvable``); reference buses keep the case's angle.
  public func solveAngles(injectionsMW: [Double], columns k: Int) throws(PowerFlowError) -> [Double] {
    let n = internalBusCount
    precondition(injectionsMW.count == n * k, "solveAngles: \(injectionsMW.count) values for \(n) buses × \(k)")
    var theta = [Double](repeating: 0, count: n * k)
    guard k > 0 else { return theta }
    let base = baseMVA
    for island in islands where island.isSolvable {
      for r in island.referenceBuses {
        let angle = network.buses[busPositions[r]].angleDeg * .pi / 180
        for c in 0..<k { theta[c * n + r] = angle }
      }
      guard let factorization = island.factorization else { continue }
      let m = island.unknowns.count
      var rhs = [Double](repeating: 0, count: m * k)
      for c in 0..<k {
        let o = c * n, ro = c * m
        for (p, bus) in island.unknowns.enumerated() { rhs[ro + p] = injectionsMW[o + bus] / base - busShiftInjection[bus] }
        for coupling in island.referenceCoupling { rhs[ro + coupling.row] -= coupling.value * theta[o + coupling.reference] }
      }
      let x: [Double]
      do {
        x = try SymmetricSolver.solve(island.reducedB, factorization, rhs: rhs, columns: k)
      } catch {
        throw .singularIsland(island: island.index, buses: island.buses.map { network.buses[busPositions[$0]].id }, reason: error)
      }
      for c in 0..<k {
        let o = c * n, ro = c * m
        for (p, bus) in island.unknowns.enumerated() { theta[o + bus] = x[ro + p] }
      }
    }
    return theta
  }

  /// From-end flow of every input branch for each snapshot, MW (branches × `columns`,
  /// column-major): `Pf = (b·(θf − θt) + Pfinj) · baseMVA`; 0 for branches outside the model
  /// or in islands without generation.
  public func branchFlowsMW(angles theta: [Double], columns k: Int) -> [Double] {
    let n = internalBusCount, m = network.branches.count
    precondition(theta.count == n * k)
    var flows = [Double](repeating: 0, count: m * k)
    let base = baseMVA
    // Branches in solved islands, gathered once; then one contiguous pass per snapshot.
    var active: [(branch: Int, from: Int, to: Int, b: Double, shift: Double)] = []
    active.reserveCapacity(m)
    for branch in 0..<m {
      let f = branchFrom[branch], t = branchTo[branch]
      guard f >= 0, islands[islandOfBus[f]].isSolvable else { continue }
      active.append((branch, f, t, branchSusceptance[branch] * base, branchShiftInjection[branch] * base))
    }
    for c in 0..<k {
      let to = c * n, fo = c * m
      for a in active {
        flows[fo + a.branch] = a.b * (theta[to + a.from] - theta[to + a.to]) + a.shift
      }
    }
    return flows
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
  /// (sum over the island's reference buses), islands × `columns`.
  public func slackMW(angles theta: [Double], injectionsMW: [Double], columns k: Int) -> [Double] {
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
          slack[c * islands.count + island.index] += (flowOut + busShiftInjection[r]) * baseMVA - injectionsMW[c * n + r]
        }
      }
    }
    return slack
  }
}
