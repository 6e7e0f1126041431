/// Runs the statements of a MATPOWER file (``MatpowerStatementParser``) on data only: the
/// `mpc` fields, scalar and vector variables, and the constants of MATPOWER's index functions.
///
/// Nothing reaches outside the reader: no file, no process, no call but the pure functions
/// of ``MatpowerFunction``. Work and sizes are bounded by ``MatpowerLimits``.
struct MatpowerInterpreter {
  let file: String
  /// The plain matrix literals, read apart, by position; taken when their statement runs.
  private var matrices: [MatpowerRawMatrix?]
  var raw = MatpowerRawCase()
  var variables: [String: MatpowerArray] = [:]
  /// Struct variables: `c = idx_dcline;`.
  var structs: [String: [String: Double]] = [:]
  /// Element operations done so far (``MatpowerLimits/maxWork``).
  var work = 0
  let workLimit: Int
  private var stopped = false
  /// The statement running: the place of messages about parts that do not know their own.
  var statementLocation: SourceLocation

  init(file: String, matrices: [MatpowerRawMatrix?], workLimit: Int = MatpowerLimits.maxWork) {
    self.file = file
    self.matrices = matrices
    self.workLimit = workLimit
    statementLocation = SourceLocation(file: file, line: 1)
  }

  mutating func run(_ statements: [MatpowerStatement]) throws(ParseError) {
    for statement in statements where !stopped {
      try execute(statement)
    }
  }

  /// The case, with the function's output when it is a variable.
  mutating func finish() -> MatpowerRawCase {
    if let name = raw.outputName, name != "mpc" { raw.output = variables[name] }
    return raw
  }

  private mutating func execute(_ statement: MatpowerStatement) throws(ParseError) {
    switch statement {
    case .stop:
      stopped = true
    case .constants(let list, _):
      for case let (name, value)? in list {
        variables[name] = MatpowerArray(scalar: value)
        structs[name] = nil
      }
    case .conditional(let clauses, let otherwise, let at):
      statementLocation = at
      for clause in clauses where try isTrue(clause.condition, at: at) {
        try run(clause.body)
        return
      }
      try run(otherwise)
    case .assign(let target, let value, let at):
      statementLocation = at
      try assign(target, value, at: at)
    }
  }

  /// The condition of an `if`: a scalar, true when not zero.
  private mutating func isTrue(_ condition: MatpowerExpression, at statement: SourceLocation) throws(ParseError) -> Bool {
    let at = location(of: condition) ?? statement
    let value = try evaluate(condition)
    guard value.isScalar else {
      throw ParseError(.syntax("the condition of 'if' is \(value.shape); it must be a single number"), at: at)
    }
    guard !value.values[0].isNaN else { throw ParseError(.syntax("the condition of 'if' is NaN"), at: at) }
    return value.values[0] != 0
  }

  private mutating func assign(_ target: MatpowerTarget, _ value: MatpowerRightSide, at: SourceLocation) throws(ParseError) {
    switch (target, value) {
    case (.field(let name), .literal(let i)):
      setField(name, .matrix(try literal(i)), at: at)
    case (.field(let name), .cell(let items, let lines)):
      setField(name, .cell(items, rowLines: lines, at), at: at)
    case (.field(let name), .expression(.string(let text))):
      setField(name, .string(text, at), at: at)
    case (.field(let name), .expression(let e)):
      let result = try evaluate(e)
      if result.isScalar, !isMatrixLiteral(e) {
        setField(name, .number(result.values[0], at), at: at)
      } else {
        var m = MatpowerRawMatrix(location: at)
        m.values = result.values
        m.columns = result.columns
        m.rowLines = Array(repeating: at.line, count: result.rows)
        setField(name, .matrix(m), at: at)
      }
    case (.variable(let name), .literal(let i)):
      let m = try literal(i)
      var value = MatpowerArray(rows: m.rowCount, columns: m.columns, values: m.values)
      value.rowLines = m.rowLines
      variables[name] = value
      structs[name] = nil
    case (.variable(let name), .expression(let e)):
      if case .string = e { throw outside("text in a variable (only mpc fields hold text)", at: at) }
      variables[name] = try evaluate(e)
      structs[name] = nil
    case (.variable(let name), .dclineIndex):
      structs[name] = MatpowerConstants.dcline
      variables[name] = nil
    case (.fieldElements(let name, let arguments), .literal(let i)):
      let m = try literal(i)
      try assignElements(name, arguments, MatpowerArray(rows: m.rowCount, columns: m.columns, values: m.values), at: at)
    case (.fieldElements(let name, let arguments), .expression(let e)):
      try assignElements(name, arguments, try evaluate(e), at: at)
    case (.field, .dclineIndex), (.fieldElements, .dclineIndex), (.variable, .cell), (.fieldElements, .cell):
      throw outside("this assignment", at: at)
    }
  }

  private func isMatrixLiteral(_ e: MatpowerExpression) -> Bool {
    if case .matrix = e { return true }
    return false
  }

  /// A plain matrix literal, with its expression elements evaluated now.
  private mutating func literal(_ i: Int) throws(ParseError) -> MatpowerRawMatrix {
    guard var m = matrices[i] else { preconditionFailure("matrix literal \(i) read twice") }
    matrices[i] = nil
    // A plain literal (nearly every one) returns here: the element writes below would make the
    // storage unique first, which copies it while the parser's list still holds it (the
    // optimiser may do that before the loop, even when it runs no iteration).
    guard !m.pending.isEmpty else { return m }
    let pending = m.pending
    m.pending = []
    for (index, element) in pending {
      let value = try evaluate(element)
      guard value.isScalar else {
        throw ParseError(.syntax("an element of a matrix must be one number; this one is \(value.shape)"), at: location(of: element) ?? m.location)
      }
      m.values[index] = value.values[0]
    }
    return m
  }

  private mutating func setField(_ name: String, _ value: MatpowerRawValue, at: SourceLocation) {
    if raw.fields[name] != nil {
      raw.diagnostics.append(Diagnostic("mpc.\(name) is assigned more than once; the last assignment is used", at: at))
    } else {
      raw.order.append(name)
    }
    raw.fields[name] = value
  }

  /// `mpc.name(rows, columns) = value`: a number for every selected element, or a matrix of
  /// the selection's shape. The matrix keeps its size (no growing, no deleting).
  private mutating func assignElements(
    _ name: String, _ arguments: [MatpowerExpression], _ value: MatpowerArray, at: SourceLocation
  ) throws(ParseError) {
    guard case .matrix(var m)? = raw.fields[name] else {
      if raw.fields[name] == nil { throw ParseError(.syntax("mpc.\(name) is not assigned before this statement"), at: at) }
      throw ParseError(.syntax("mpc.\(name) is not a numeric matrix; only matrix elements can be assigned"), at: at)
    }
    guard arguments.count == 2 else {
      throw outside("indexing mpc.\(name) with \(arguments.count) index\(arguments.count == 1 ? "" : "es") (give a row and a column)", at: at)
    }
    // Take the matrix out of the case while it changes, so that its storage is not copied.
    raw.fields[name] = nil
    defer { raw.fields[name] = .matrix(m) }
    let rows = try indices(arguments[0], dimension: 0, size: m.rowCount, name: "mpc.\(name)", at: at)
    let columns = try indices(arguments[1], dimension: 1, size: m.columns, name: "mpc.\(name)", at: at)
    let count = rows.count * columns.count
    let fits = value.isScalar || (value.rows == rows.count && value.columns == columns.count)
      || (value.isVector && (rows.count == 1 || columns.count == 1) && value.count == count)
    guard fits else {
      throw ParseError(
        .syntax("the value is \(value.shape) but the selection of mpc.\(name) is \(rows.count)×\(columns.count); the sizes must agree"), at: at)
    }
    try spend(count, at: at)
    var k = 0
    for r in rows {
      for c in columns {
        m.values[r * m.columns + c] = value.isScalar ? value.values[0] : value.values[k]
        k += 1
      }
    }
    m.changedBy.append(at)
  }

  /// Counts element operations against ``MatpowerLimits/maxWork``.
  mutating func spend(_ count: Int, at: SourceLocation) throws(ParseError) {
    guard count <= MatpowerLimits.maxElements else {
      throw ParseError(.syntax("this gives \(count) numbers, more than the \(MatpowerLimits.maxElements) a matrix may hold"), at: at)
    }
    work += count
    guard work <= workLimit else {
      throw ParseError(.syntax("the statements of this file do more than \(workLimit) element operations; the reader stops here"), at: at)
    }
  }

  func outside(_ what: String, at: SourceLocation) -> ParseError { .outsideDataLanguage(what, at: at) }
}
