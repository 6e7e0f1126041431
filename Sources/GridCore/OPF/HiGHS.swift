import CGridCoreHiGHS

// The only Swift file that calls HiGHS. It converts sizes to HiGHS's integers (HighsInt,
// 32-bit in the build ensure-deps.sh installs), maps its status codes to HiGHSError and
// OptimizationStatus, and hands back plain arrays; the rest of GridCore sees
// OptimizationModel and OptimizationSolution only.

/// A linear or convex quadratic program in the form HiGHS takes:
///
///     minimize    cᵀx + ½·xᵀQx + offset
///     subject to  rowLower ≤ A·x ≤ rowUpper,   columnLower ≤ x ≤ columnUpper
///
/// `A` is stored by rows (compressed sparse row); `Q` is diagonal, which is all the DC OPF
/// needs (a quadratic cost per generator). Bounds may be ±∞; equal bounds make an equality.
struct OptimizationModel: Sendable {
  var cost: [Double] = []
  var offset = 0.0
  var columnLower: [Double] = []
  var columnUpper: [Double] = []
  var rowLower: [Double] = []
  var rowUpper: [Double] = []
  /// Row `r` holds the entries `rowStarts[r]..<rowStarts[r + 1]` of `columnIndices` and `values`.
  var rowStarts: [Int] = [0]
  var columnIndices: [Int] = []
  var values: [Double] = []
  /// Diagonal of Q, one entry per column (0 for linear columns).
  var hessianDiagonal: [Double] = []

  var columnCount: Int { cost.count }
  var rowCount: Int { rowLower.count }

  /// Adds a column and returns its index.
  mutating func addColumn(cost c: Double, lower: Double, upper: Double, quadratic: Double = 0) -> Int {
    cost.append(c)
    columnLower.append(lower)
    columnUpper.append(upper)
    hessianDiagonal.append(quadratic)
    return cost.count - 1
  }

  /// Adds the row `lower ≤ Σ value·x[column] ≤ upper` and returns its index.
  mutating func addRow(_ entries: [(column: Int, value: Double)], lower: Double, upper: Double) -> Int {
    for e in entries where e.value != 0 {
      columnIndices.append(e.column)
      values.append(e.value)
    }
    rowStarts.append(values.count)
    rowLower.append(lower)
    rowUpper.append(upper)
    return rowLower.count - 1
  }
}

/// What HiGHS concluded about a model. The corresponding C constants are `kHighsModelStatus*`.
enum OptimizationStatus: Sendable, Hashable {
  case optimal
  case infeasible
  case unbounded
  /// HiGHS's presolve found the problem unbounded or infeasible without telling which.
  case unboundedOrInfeasible
  /// Any other outcome (time or iteration limit, solve error...), with HiGHS's code.
  case other(code: Int32)
}

/// The solution of an ``OptimizationModel``. Duals follow HiGHS: the row dual is ∂objective/∂(row
/// bound) of the active bound, the column dual is the reduced cost `c + Q·x − Aᵀ·y`.
struct OptimizationSolution: Sendable {
  var status: OptimizationStatus
  var objective: Double
  var columnValues: [Double]
  var columnDuals: [Double]
  var rowValues: [Double]
  var rowDuals: [Double]
  /// Simplex, interior-point and QP iterations together.
  var iterations: Int
}

/// A HiGHS call that failed. The library stopped before it had a model status.
public enum HiGHSError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A C API function returned `kHighsStatusError` (-1).
  case callFailed(function: String)
  /// The model has more rows, columns or entries than HiGHS's integer type holds.
  case tooLarge(entries: Int)

  /// The message for people: which call failed, or how large the model was.
  public var description: String {
    switch self {
    case .callFailed(let function): return "HiGHS: \(function) failed"
    case .tooLarge(let n): return "HiGHS: a model with \(n) entries is too large for HiGHS's 32-bit indices"
    }
  }
}

enum HiGHS {
  /// The linked library's version, e.g. "1.15.1". The corresponding C function is `Highs_version`.
  static var version: String { String(cString: Highs_version()) }

  /// Solves `model` once (``HiGHSSession`` for a model that grows between solves); with
  /// `interiorPoint`, by HiGHS's interior-point method and crossover instead of the simplex
  /// (the option `solver` = "ipm").
  static func solve(_ model: OptimizationModel, interiorPoint: Bool = false) throws(HiGHSError) -> OptimizationSolution {
    let session = try HiGHSSession(model)
    if interiorPoint { try session.useInteriorPoint() }
    return try session.run()
  }

  static func check(_ status: HighsInt, _ function: String) throws(HiGHSError) {
    if status == kHighsStatusError { throw .callFailed(function: function) }
  }
}

/// One HiGHS instance holding a model: solve it, add rows, solve again (from the last basis,
/// the simplex's warm start, or from scratch), as constraint generation does. Silent, on the
/// calling thread; not to be shared between threads.
///
/// The corresponding C functions are `Highs_create`, `Highs_passModel`, `Highs_addRows`,
/// `Highs_run`, `Highs_getModelStatus`, `Highs_getSolution`, `Highs_destroy`.
final class HiGHSSession {
  private let highs: UnsafeMutableRawPointer
  private var columns: Int
  private var rows: Int

  /// Creates the instance and passes `model` (dual simplex for an LP, the active-set QP solver
  /// when Q ≠ 0).
  init(_ model: OptimizationModel) throws(HiGHSError) {
    let n = model.columnCount, m = model.rowCount, nz = model.values.count
    precondition(model.columnLower.count == n && model.columnUpper.count == n && model.hessianDiagonal.count == n)
    precondition(model.rowUpper.count == m && model.rowStarts.count == m + 1 && model.columnIndices.count == nz)
    guard max(n, m, nz) < Int(HighsInt.max) else { throw .tooLarge(entries: max(n, m, nz)) }
    guard let highs = Highs_create() else { throw .callFailed(function: "Highs_create") }
    self.highs = highs
    columns = n
    rows = m
    // From here on deinit destroys the instance, also when a call below throws.
    try Self.configure(highs)
    let starts = model.rowStarts.map { HighsInt($0) }, indices = model.columnIndices.map { HighsInt($0) }
    var hessianStarts: [HighsInt] = [], hessianIndices: [HighsInt] = [], hessianValues: [Double] = []
    for j in 0..<n {
      hessianStarts.append(HighsInt(hessianValues.count))
      if model.hessianDiagonal[j] != 0 {
        hessianIndices.append(HighsInt(j))
        hessianValues.append(model.hessianDiagonal[j])
      }
    }
    hessianStarts.append(HighsInt(hessianValues.count))
    let quadratic = !hessianValues.isEmpty
    let passed = hessianStarts.withUnsafeBufferPointer { qs in
      hessianIndices.withUnsafeBufferPointer { qi in
        hessianValues.withUnsafeBufferPointer { qv in
          Highs_passModel(
            highs, HighsInt(n), HighsInt(m), HighsInt(nz), HighsInt(hessianValues.count), kHighsMatrixFormatRowwise,
            kHighsHessianFormatTriangular, kHighsObjSenseMinimize, model.offset, model.cost, model.columnLower,
            model.columnUpper, model.rowLower, model.rowUpper, starts, indices, model.values,
            quadratic ? qs.baseAddress : nil, quadratic ? qi.baseAddress : nil, quadratic ? qv.baseAddress : nil, nil)
        }
      }
    }
    try HiGHS.check(passed, "Highs_passModel")
  }

  deinit { Highs_destroy(highs) }

  private static func configure(_ highs: UnsafeMutableRawPointer) throws(HiGHSError) {
    // No output: GridCore never prints. One thread: the library's only concurrency is Parallelism,
    // and HiGHS's simplex and QP solvers are serial anyway.
    try HiGHS.check(Highs_setBoolOptionValue(highs, "output_flag", 0), "Highs_setBoolOptionValue(output_flag)")
    try HiGHS.check(Highs_setIntOptionValue(highs, "threads", 1), "Highs_setIntOptionValue(threads)")
    // The QP solver adds this value to each diagonal entry the Hessian has (1e-7 by default):
    // a bias of 1e-7·P $/MWh on every quadratic generator's marginal cost, 2e-4 $/MWh at
    // 2,000 MW (case300), which moves the dispatch by 0.01 MW. The DC OPF's entries are
    // 2·a > 0 and columns without an entry are never regularized, so none is needed. (A HiGHS
    // older than the option rejects it; it then has no regularization to remove.)
    _ = Highs_setDoubleOptionValue(highs, "qp_regularization_value", 0)
    // Devex pricing in the dual simplex instead of steepest edge: the exact edge weights cost a
    // solve per row, again for the whole LP after presolve, and the B-θ rows of a large network
    // are many. Measured (release, 2 cores): case2383wp 180-260 -> 65-95 ms, case9241pegase
    // 3.6 -> 1.1 s; same optima.
    try HiGHS.check(
      Highs_setIntOptionValue(highs, "simplex_dual_edge_weight_strategy", 1),
      "Highs_setIntOptionValue(simplex_dual_edge_weight_strategy)")
  }

  /// Appends rows `lower ≤ A·x ≤ upper` (A by rows, as in ``OptimizationModel``); the next
  /// ``run(fromScratch:)`` may start from the basis of the last one.
  func addRows(lower: [Double], upper: [Double], starts: [Int], columnIndices: [Int], values: [Double]) throws(HiGHSError) {
    let count = lower.count
    precondition(upper.count == count && starts.count == count + 1 && columnIndices.count == values.count)
    guard count > 0 else { return }
    guard rows + count < Int(HighsInt.max), values.count < Int(HighsInt.max) else { throw .tooLarge(entries: rows + count) }
    let s = starts.map { HighsInt($0) }, i = columnIndices.map { HighsInt($0) }
    try HiGHS.check(Highs_addRows(highs, HighsInt(count), lower, upper, HighsInt(values.count), s, i, values), "Highs_addRows")
    rows += count
  }

  /// Appends the columns and rows that `model` has beyond `firstColumn` and `firstRow` (the
  /// model this session was made from, grown since): columns first (with their costs and
  /// bounds, no entries), then the rows that may use them.
  /// The corresponding C function for the columns is `Highs_addCols`.
  func append(_ model: OptimizationModel, firstRow: Int, firstColumn: Int) throws(HiGHSError) {
    precondition(firstColumn == columns && firstRow == rows)
    let count = model.columnCount - firstColumn
    if count > 0 {
      precondition(model.hessianDiagonal[firstColumn...].allSatisfy { $0 == 0 }, "appended columns are linear")
      guard model.columnCount < Int(HighsInt.max) else { throw .tooLarge(entries: model.columnCount) }
      let costs = Array(model.cost[firstColumn...]), lower = Array(model.columnLower[firstColumn...])
      let upper = Array(model.columnUpper[firstColumn...])
      try HiGHS.check(Highs_addCols(highs, HighsInt(count), costs, lower, upper, 0, nil, nil, nil), "Highs_addCols")
      columns += count
    }
    let base = model.rowStarts[firstRow]
    try addRows(
      lower: Array(model.rowLower[firstRow...]), upper: Array(model.rowUpper[firstRow...]),
      starts: model.rowStarts[firstRow...].map { $0 - base }, columnIndices: Array(model.columnIndices[base...]),
      values: Array(model.values[base...]))
  }

  /// Solves the model as it stands: from the last basis, or with `fromScratch` from nothing,
  /// presolve included (the corresponding C function is `Highs_clearSolver`).
  func run(fromScratch: Bool = false) throws(HiGHSError) -> OptimizationSolution {
    if fromScratch { try HiGHS.check(Highs_clearSolver(highs), "Highs_clearSolver") }
    // An infeasible or unbounded model makes Highs_run return a warning, not an error.
    try HiGHS.check(Highs_run(highs), "Highs_run")
    let status: OptimizationStatus
    switch Highs_getModelStatus(highs) {
    case kHighsModelStatusOptimal: status = .optimal
    case kHighsModelStatusInfeasible: status = .infeasible
    case kHighsModelStatusUnbounded: status = .unbounded
    case kHighsModelStatusUnboundedOrInfeasible: status = .unboundedOrInfeasible
    case let code: status = .other(code: Int32(code))
    }
    var x = [Double](repeating: 0, count: columns), d = x
    var rowValues = [Double](repeating: 0, count: rows), y = rowValues
    if status == .optimal {
      try HiGHS.check(Highs_getSolution(highs, &x, &d, &rowValues, &y), "Highs_getSolution")
    }
    // Iterations of this run (HiGHS counts per run).
    var iterations = 0
    for info in ["simplex_iteration_count", "ipm_iteration_count", "qp_iteration_count", "pdlp_iteration_count"] {
      var count: HighsInt = 0
      if Highs_getIntInfoValue(highs, info, &count) == kHighsStatusOk, count > 0 { iterations += Int(count) }
    }
    return OptimizationSolution(
      status: status, objective: Highs_getObjectiveValue(highs), columnValues: x, columnDuals: d, rowValues: rowValues,
      rowDuals: y, iterations: iterations)
  }
}

// MARK: - Changing a model between runs (DCOPFSequence)

extension HiGHSSession {
  /// Turns presolve off: a sequence of small models solved from the previous basis gains
  /// nothing from it (and a warm start skips it anyway).
  /// The corresponding C function is `Highs_setStringOptionValue` ("presolve", "off").
  func disablePresolve() throws(HiGHSError) {
    try HiGHS.check(Highs_setStringOptionValue(highs, "presolve", "off"), "Highs_setStringOptionValue(presolve)")
  }

  /// Sets the bounds of columns `first..<first + lower.count`; the basis is kept, so the next
  /// ``run()`` starts from it. The corresponding C function is `Highs_changeColsBoundsByRange`.
  func changeColumnBounds(first: Int, lower: [Double], upper: [Double]) throws(HiGHSError) {
    precondition(lower.count == upper.count && first >= 0 && first + lower.count <= columns)
    guard !lower.isEmpty else { return }
    try HiGHS.check(
      Highs_changeColsBoundsByRange(highs, HighsInt(first), HighsInt(first + lower.count - 1), lower, upper),
      "Highs_changeColsBoundsByRange")
  }

  /// Sets the bounds of rows `first..<first + lower.count`; the basis is kept.
  /// The corresponding C function is `Highs_changeRowsBoundsByRange`.
  func changeRowBounds(first: Int, lower: [Double], upper: [Double]) throws(HiGHSError) {
    precondition(lower.count == upper.count && first >= 0 && first + lower.count <= rows)
    guard !lower.isEmpty else { return }
    try HiGHS.check(
      Highs_changeRowsBoundsByRange(highs, HighsInt(first), HighsInt(first + lower.count - 1), lower, upper),
      "Highs_changeRowsBoundsByRange")
  }
}

extension HiGHSSession {
  /// Solves by the interior-point method (with crossover) instead of the simplex.
  /// The corresponding C function is `Highs_setStringOptionValue` ("solver", "ipm").
  func useInteriorPoint() throws(HiGHSError) {
    try HiGHS.check(Highs_setStringOptionValue(highs, "solver", "ipm"), "Highs_setStringOptionValue(solver)")
  }

  /// Sets the bounds of the rows `rows` (any order); the basis is kept.
  /// The corresponding C function is `Highs_changeRowsBoundsBySet`.
  func changeRowBounds(rows set: [Int], lower: [Double], upper: [Double]) throws(HiGHSError) {
    precondition(lower.count == set.count && upper.count == set.count)
    guard !set.isEmpty else { return }
    let indices = set.map { HighsInt($0) }
    try HiGHS.check(
      Highs_changeRowsBoundsBySet(highs, HighsInt(set.count), indices, lower, upper), "Highs_changeRowsBoundsBySet")
  }
}
