extension HiGHSSession {
  /// Hands HiGHS the rows `model` gained from `firstRow` on (its columns unchanged) and solves
  /// again from the last basis; a HiGHS error becomes ``DCOPFError/solverFailed(_:)``. The step
  /// of every constraint-generation loop (lazy flow limits, N-1 and HVDC-trip cuts).
  func solveAgain(_ model: OptimizationModel, addedRowsFrom firstRow: Int) throws(DCOPFError) -> OptimizationSolution {
    do {
      try append(model, firstRow: firstRow, firstColumn: model.columnCount)
      return try run()
    } catch {
      throw .solverFailed(error.description)
    }
  }
}
