import Foundation

/// Values of expressions: MATLAB's element-wise arithmetic on real matrices, with every
/// result checked where it arises (an operation of finite numbers that gives Inf or NaN is
/// an error at its operator, never a value that travels on).
extension MatpowerInterpreter {
  /// The value of `e`; `end` is the size of the dimension an index argument selects from.
  mutating func evaluate(_ e: MatpowerExpression, end: Int? = nil) throws(ParseError) -> MatpowerArray {
    switch e {
    case .number(let v):
      return MatpowerArray(scalar: v)
    case .string(_):
      throw ParseError(.syntax("text is only read as a whole field value (mpc.version = '2')"), at: statementLocation)
    case .name(let name, let at):
      if let value = variables[name] { return value }
      if structs[name] != nil { throw ParseError(.syntax("'\(name)' is a struct; use \(name).FIELD"), at: at) }
      if let value = MatpowerConstants.builtins[name] { return MatpowerArray(scalar: value) }
      throw ParseError(.syntax("'\(name)' has no value here (is it assigned only in a branch of an 'if' that did not run?)"), at: at)
    case .member(let name, let member, let at):
      guard let fields = structs[name] else { throw ParseError(.syntax("'\(name)' is not a struct (c = idx_dcline;)"), at: at) }
      guard let value = fields[member] else { throw ParseError(.syntax("idx_dcline has no field '\(member)'"), at: at) }
      return MatpowerArray(scalar: value)
    case .field(let name, let at):
      return try field(name, at: at)
    case .index(let base, let arguments, let at):
      let name: String
      let source: MatpowerArray
      switch base {
      case .field(let f, let fieldAt):
        (name, source) = ("mpc.\(f)", try field(f, at: fieldAt))
      default:
        (name, source) = ("this variable", try evaluate(base))
      }
      return try select(source, arguments, name: name, at: at)
    case .call(let function, let arguments, let at):
      return try call(function, arguments, at: at, end: end)
    case .colon:
      throw ParseError(.syntax("':' alone selects a whole row or column of an index"), at: statementLocation)
    case .end(let at):
      guard let end else { throw ParseError(.syntax("'end' is only known inside an index"), at: at) }
      return MatpowerArray(scalar: Double(end))
    case .unary(let op, let operand, let at):
      let x = try evaluate(operand, end: end)
      try spend(x.count, at: at)
      if op == .minus { return MatpowerArray(rows: x.rows, columns: x.columns, values: x.values.map { -$0 }) }
      if x.values.contains(where: \.isNaN) { throw ParseError(.syntax("NaN has no truth value (~)"), at: at) }
      return MatpowerArray(rows: x.rows, columns: x.columns, values: x.values.map { $0 == 0 ? 1 : 0 }, logical: true)
    case .binary(let op, let left, let right, let at):
      if op == .shortAnd || op == .shortOr {
        let a = try truth(try evaluate(left, end: end), op, at: at)
        if op == .shortAnd && !a || op == .shortOr && a { return MatpowerArray(rows: 1, columns: 1, values: [a ? 1 : 0], logical: true) }
        let b = try truth(try evaluate(right, end: end), op, at: at)
        return MatpowerArray(rows: 1, columns: 1, values: [b ? 1 : 0], logical: true)
      }
      return try binary(op, try evaluate(left, end: end), try evaluate(right, end: end), at: at)
    case .range(let first, let step, let last, let at):
      return try range(
        try scalar(first, end: end, what: "a range"), try step.map { s throws(ParseError) in try scalar(s, end: end, what: "a range") } ?? 1,
        try scalar(last, end: end, what: "a range"), at: at)
    case .matrix(let rows, let at):
      var built: [MatpowerArray] = []
      for row in rows {
        var parts: [MatpowerArray] = []
        for element in row { parts.append(try evaluate(element, end: end)) }
        built.append(try concatenate(parts, horizontally: true, at: at))
      }
      return try concatenate(built, horizontally: false, at: at)
    }
  }

  /// Where an expression is, when it knows.
  func location(of e: MatpowerExpression) -> SourceLocation? {
    switch e {
    case .name(_, let at), .field(_, let at), .member(_, _, let at), .index(_, _, let at), .call(_, _, let at), .end(let at),
      .unary(_, _, let at), .binary(_, _, _, let at), .range(_, _, _, let at), .matrix(_, let at):
      return at
    case .number, .string, .colon:
      return nil
    }
  }

  private mutating func scalar(_ e: MatpowerExpression, end: Int?, what: String) throws(ParseError) -> Double {
    let value = try evaluate(e, end: end)
    guard value.isScalar else {
      throw ParseError(.syntax("\(what) needs single numbers; this is \(value.shape)"), at: location(of: e) ?? statementLocation)
    }
    return value.values[0]
  }

  private func truth(_ x: MatpowerArray, _ op: MatpowerOperator, at: SourceLocation) throws(ParseError) -> Bool {
    guard x.isScalar, !x.values[0].isNaN else {
      throw ParseError(.syntax("the operands of '\(op.rawValue)' must be single numbers (not NaN)"), at: at)
    }
    return x.values[0] != 0
  }

  /// `mpc.name` as numbers; the storage is shared, not copied.
  private func field(_ name: String, at: SourceLocation) throws(ParseError) -> MatpowerArray {
    switch raw.fields[name] {
    case .number(let v, _)?: return MatpowerArray(scalar: v)
    case .matrix(let m)?: return MatpowerArray(rows: m.rowCount, columns: m.columns, values: m.values)
    case .string?, .cell?: throw ParseError(.syntax("mpc.\(name) holds text, not numbers"), at: at)
    case nil: throw ParseError(.syntax("mpc.\(name) is not assigned before this point"), at: at)
    }
  }

  /// 0-based positions an index argument selects in dimension `dimension` (0: rows, 1: columns).
  /// - Parameter place: where the indexing is, for an argument that does not know its place.
  mutating func indices(_ argument: MatpowerExpression, dimension: Int, size: Int, name: String, at place: SourceLocation) throws(ParseError)
    -> [Int]
  {
    if case .colon = argument { return Array(0..<size) }
    let at = location(of: argument) ?? place
    let selector = try evaluate(argument, end: size)
    try spend(selector.count, at: at)
    let what = dimension == 0 ? "rows" : "columns"
    if selector.logical {
      var chosen: [Int] = []
      for (i, v) in selector.values.enumerated() where v != 0 {
        guard i < size else { throw ParseError(.syntax("the mask selects beyond the \(size) \(what) of \(name)"), at: at) }
        chosen.append(i)
      }
      return chosen
    }
    var chosen: [Int] = []
    chosen.reserveCapacity(selector.count)
    for v in selector.values {
      guard v == v.rounded(), v >= 1 else {
        throw ParseError(.syntax("index \(Self.text(v)) of \(name) is not a positive whole number"), at: at)
      }
      guard v <= Double(size) else {
        throw ParseError(.syntax("index \(Self.text(v)) exceeds the \(size) \(what) of \(name)"), at: at)
      }
      chosen.append(Int(v) - 1)
    }
    return chosen
  }

  /// `source(rows, columns)`, or `source(k)` of a vector.
  private mutating func select(_ source: MatpowerArray, _ arguments: [MatpowerExpression], name: String, at: SourceLocation) throws(ParseError)
    -> MatpowerArray
  {
    if arguments.count == 1, source.isVector {
      let chosen = try indices(arguments[0], dimension: 0, size: source.count, name: name, at: at)
      try spend(chosen.count, at: at)
      let values = chosen.map { source.values[$0] }
      if case .colon = arguments[0] { return MatpowerArray(rows: values.count, columns: 1, values: values) }
      return source.rows == 1
        ? MatpowerArray(rows: 1, columns: values.count, values: values) : MatpowerArray(rows: values.count, columns: 1, values: values)
    }
    guard arguments.count == 2 else {
      throw outside("indexing \(name) with \(arguments.count) index\(arguments.count == 1 ? "" : "es") (give a row and a column)", at: at)
    }
    let rows = try indices(arguments[0], dimension: 0, size: source.rows, name: name, at: at)
    let columns = try indices(arguments[1], dimension: 1, size: source.columns, name: name, at: at)
    try spend(rows.count * columns.count, at: at)
    var values: [Double] = []
    values.reserveCapacity(rows.count * columns.count)
    for r in rows {
      for c in columns { values.append(source.values[r * source.columns + c]) }
    }
    return MatpowerArray(rows: rows.count, columns: columns.count, values: values)
  }

  /// `first:step:last` as a row vector (MATLAB's values `first + k·step`).
  private mutating func range(_ first: Double, _ step: Double, _ last: Double, at: SourceLocation) throws(ParseError) -> MatpowerArray {
    guard first.isFinite, step.isFinite, last.isFinite, step != 0, (last - first) / step >= 0 else {
      return MatpowerArray(rows: 1, columns: 0, values: [])
    }
    let steps = ((last - first) / step * (1 + 1e-15)).rounded(.down)
    guard steps < Double(MatpowerLimits.maxElements) else {
      throw ParseError(.syntax("this range has more than \(MatpowerLimits.maxElements) numbers"), at: at)
    }
    let count = Int(steps) + 1
    try spend(count, at: at)
    return MatpowerArray(rows: 1, columns: count, values: (0..<count).map { first + Double($0) * step })
  }

  /// `[a b]` (horizontally) or `[a; b]`; empty parts are left out, as in MATLAB.
  private func concatenate(_ parts: [MatpowerArray], horizontally: Bool, at: SourceLocation) throws(ParseError) -> MatpowerArray {
    let kept = parts.filter { $0.count > 0 }
    guard let first = kept.first else { return .empty }
    if kept.count == 1 { return first }
    let logical = kept.allSatisfy(\.logical)
    if horizontally {
      guard kept.allSatisfy({ $0.rows == first.rows }) else {
        throw ParseError(.syntax("the elements of a matrix row have different numbers of rows"), at: at)
      }
      let columns = kept.reduce(0) { $0 + $1.columns }
      var values: [Double] = []
      values.reserveCapacity(first.rows * columns)
      for r in 0..<first.rows {
        for part in kept { values += part.values[(r * part.columns)..<((r + 1) * part.columns)] }
      }
      return MatpowerArray(rows: first.rows, columns: columns, values: values, logical: logical)
    }
    guard kept.allSatisfy({ $0.columns == first.columns }) else {
      throw ParseError(.syntax("the rows of a matrix have different numbers of columns"), at: at)
    }
    return MatpowerArray(rows: kept.reduce(0) { $0 + $1.rows }, columns: first.columns, values: kept.flatMap(\.values), logical: logical)
  }
}
