extension DCSystem {
  /// Solves `B_red · X = rhs` for one island with the island's own factorization and the
  /// power flow's residual check, for `columns` right-hand sides (island unknowns × `columns`,
  /// column-major, p.u. or MW — the system is linear).
  ///
  /// This is the only way the sensitivities reach the factorization: PTDFs, LODFs and
  /// contingency screens are multi-right-hand-side solves of the same factor as the
  /// power flow, never an explicit inverse.
  func solveReduced(island index: Int, rhs: [Double], columns: Int) throws(PowerFlowError) -> [Double] {
    let island = islands[index]
    precondition(rhs.count == island.unknowns.count * columns, "solveReduced: \(rhs.count) values for \(island.unknowns.count) × \(columns)")
    guard let factorization = island.factorization, columns > 0 else { return rhs }
    do {
      return try SymmetricSolver.solve(island.reducedB, factorization, rhs: rhs, columns: columns)
    } catch {
      throw .singularIsland(island: island.index, buses: island.buses.map { network.buses[busPositions[$0]].id }, reason: error)
    }
  }

  /// ``solveReduced(island:rhs:columns:)`` for right-hand sides given by their entries
  /// (unknown of the island, column, value), the solutions written row-major (`width` values
  /// per unknown) to the first `unknowns.count` rows of `solution`, which must hold zeros:
  /// the layout of the outage screens' pass over branches. A sparse factorization solves in
  /// this layout directly (``TriangularFactors``).
  func solveReducedRowMajor(
    island index: Int, entries: [(row: Int, column: Int, value: Double)], solution: UnsafeMutablePointer<Double>, width: Int
  ) throws(PowerFlowError) {
    let island = islands[index]
    guard let factorization = island.factorization, width > 0 else { return }
    do {
      try SymmetricSolver.solveRowMajor(island.reducedB, factorization, entries: entries, solution: solution, width: width)
    } catch {
      throw .singularIsland(island: island.index, buses: island.buses.map { network.buses[busPositions[$0]].id }, reason: error)
    }
  }

  /// Internal from/to bus of an input branch; −1 when the branch is not in the model.
  func branchEnds(_ branch: Int) -> (from: Int, to: Int) { (branchFrom[branch], branchTo[branch]) }

  /// Series susceptance `b = 1/(x·τ)` of an input branch in the model, p.u.; 0 otherwise.
  func susceptance(ofBranch branch: Int) -> Double { branchSusceptance[branch] }

  /// Position in `network.buses` of a bus id, if the network has it.
  func position(ofBus id: BusID) -> Int? { positionOfBus[id] }
}
