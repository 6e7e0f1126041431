import Foundation

/// Operators and functions of the MATPOWER data language.
extension MatpowerInterpreter {
  /// A number as MATLAB would print it in a message: whole numbers without a point.
  static func text(_ v: Double) -> String {
    v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  mutating func binary(_ op: MatpowerOperator, _ a: MatpowerArray, _ b: MatpowerArray, at: SourceLocation) throws(ParseError)
    -> MatpowerArray
  {
    switch op {
    case .plus: return try elementwise(a, b, op, at: at, +)
    case .minus: return try elementwise(a, b, op, at: at, -)
    case .elementTimes: return try elementwise(a, b, op, at: at, *)
    case .elementDivide: return try elementwise(a, b, op, at: at, /)
    case .elementPower: return try elementwise(a, b, op, at: at, Foundation.pow)
    case .times:
      guard a.isScalar || b.isScalar else { throw outside("the matrix product of \(a.shape) and \(b.shape) (use .* for element by element)", at: at) }
      return try elementwise(a, b, op, at: at, *)
    case .divide:
      guard b.isScalar else { throw outside("dividing by a \(b.shape) matrix (use ./ for element by element)", at: at) }
      return try elementwise(a, b, op, at: at, /)
    case .power:
      guard a.isScalar && b.isScalar else { throw outside("a matrix power (use .^ for element by element)", at: at) }
      return try elementwise(a, b, op, at: at, Foundation.pow)
    case .less: return try compare(a, b, op, at: at, <)
    case .lessEqual: return try compare(a, b, op, at: at, <=)
    case .greater: return try compare(a, b, op, at: at, >)
    case .greaterEqual: return try compare(a, b, op, at: at, >=)
    case .equal: return try compare(a, b, op, at: at, ==)
    case .notEqual: return try compare(a, b, op, at: at, !=)
    case .and, .or:
      if a.values.contains(where: \.isNaN) || b.values.contains(where: \.isNaN) {
        throw ParseError(.syntax("NaN has no truth value ('\(op.rawValue)')"), at: at)
      }
      let both = op == .and
      return try compare(a, b, op, at: at) { x, y in both ? x != 0 && y != 0 : x != 0 || y != 0 }
    case .not, .shortAnd, .shortOr:
      preconditionFailure("\(op.rawValue) is not an element-wise binary operator")
    }
  }

  /// The shape of an element-wise result: a scalar with anything, or equal shapes.
  private func shape(_ a: MatpowerArray, _ b: MatpowerArray, _ op: MatpowerOperator, at: SourceLocation) throws(ParseError) -> (Int, Int) {
    if a.isScalar { return (b.rows, b.columns) }
    if b.isScalar || (a.rows == b.rows && a.columns == b.columns) { return (a.rows, a.columns) }
    throw ParseError(.syntax("'\(op.rawValue)' of a \(a.shape) and a \(b.shape) matrix: the sizes do not agree"), at: at)
  }

  /// Arithmetic; a result that is Inf or NaN from finite operands (division by zero,
  /// overflow, a negative number to a fractional power) is an error here.
  private mutating func elementwise(
    _ a: MatpowerArray, _ b: MatpowerArray, _ op: MatpowerOperator, at: SourceLocation, _ f: (Double, Double) -> Double
  ) throws(ParseError) -> MatpowerArray {
    let (rows, columns) = try shape(a, b, op, at: at)
    let count = rows * columns
    try spend(count, at: at)
    var values = [Double](repeating: 0, count: count)
    for i in 0..<count {
      let x = a.isScalar ? a.values[0] : a.values[i], y = b.isScalar ? b.values[0] : b.values[i]
      let v = f(x, y)
      if !v.isFinite, x.isFinite, y.isFinite {
        throw ParseError(
          .syntax("\(Self.text(x)) \(op.rawValue) \(Self.text(y)) gives \(v.isNaN ? "NaN" : "Inf") (division by zero, overflow or no real value)"),
          at: at)
      }
      values[i] = v
    }
    return MatpowerArray(rows: rows, columns: columns, values: values)
  }

  private mutating func compare(
    _ a: MatpowerArray, _ b: MatpowerArray, _ op: MatpowerOperator, at: SourceLocation, _ f: (Double, Double) -> Bool
  ) throws(ParseError) -> MatpowerArray {
    let (rows, columns) = try shape(a, b, op, at: at)
    let count = rows * columns
    try spend(count, at: at)
    var values = [Double](repeating: 0, count: count)
    for i in 0..<count where f(a.isScalar ? a.values[0] : a.values[i], b.isScalar ? b.values[0] : b.values[i]) { values[i] = 1 }
    return MatpowerArray(rows: rows, columns: columns, values: values, logical: true)
  }

  mutating func call(_ function: MatpowerFunction, _ arguments: [MatpowerExpression], at: SourceLocation, end: Int?) throws(ParseError)
    -> MatpowerArray
  {
    let expected = function == .size ? 1...2 : 1...1
    guard expected.contains(arguments.count) else {
      throw ParseError(.syntax("\(function.rawValue) takes \(function == .size ? "1 or 2 arguments" : "1 argument"); \(arguments.count) given"), at: at)
    }
    let x = try evaluate(arguments[0], end: end)
    try spend(x.count, at: at)
    switch function {
    case .isinf: return MatpowerArray(rows: x.rows, columns: x.columns, values: x.values.map { $0.isInfinite ? 1 : 0 }, logical: true)
    case .isnan: return MatpowerArray(rows: x.rows, columns: x.columns, values: x.values.map { $0.isNaN ? 1 : 0 }, logical: true)
    case .find:
      // Linear positions (MATLAB counts down the columns), as a column unless x is a row.
      var found: [Double] = []
      for c in 0..<x.columns {
        for r in 0..<x.rows where x.values[r * x.columns + c] != 0 { found.append(Double(c * x.rows + r + 1)) }
      }
      return x.rows == 1 && x.columns != 1
        ? MatpowerArray(rows: 1, columns: found.count, values: found) : MatpowerArray(rows: found.count, columns: 1, values: found)
    case .size:
      guard arguments.count == 2 else { return MatpowerArray(rows: 1, columns: 2, values: [Double(x.rows), Double(x.columns)]) }
      let d = try evaluate(arguments[1], end: end)
      guard d.isScalar, d.values[0] == 1 || d.values[0] == 2 else {
        throw ParseError(.syntax("the dimension of size(A, d) must be 1 or 2"), at: at)
      }
      return MatpowerArray(scalar: Double(d.values[0] == 1 ? x.rows : x.columns))
    default:
      let f = Self.mathFunction(function)
      var values = x.values
      for i in values.indices {
        let v = f(values[i])
        if !v.isFinite, values[i].isFinite {
          throw ParseError(.syntax("\(function.rawValue)(\(Self.text(values[i]))) has no finite real value"), at: at)
        }
        values[i] = v
      }
      return MatpowerArray(rows: x.rows, columns: x.columns, values: values)
    }
  }

  private static func mathFunction(_ function: MatpowerFunction) -> (Double) -> Double {
    switch function {
    case .sqrt: return { $0.squareRoot() }
    case .abs: return { Swift.abs($0) }
    case .exp: return { Foundation.exp($0) }
    case .log: return { Foundation.log($0) }
    case .log10: return { Foundation.log10($0) }
    case .sin: return { Foundation.sin($0) }
    case .cos: return { Foundation.cos($0) }
    case .tan: return { Foundation.tan($0) }
    case .asin: return { Foundation.asin($0) }
    case .acos: return { Foundation.acos($0) }
    case .atan: return { Foundation.atan($0) }
    case .round: return { $0.rounded() }
    case .floor: return { $0.rounded(.down) }
    case .ceil: return { $0.rounded(.up) }
    case .isinf, .isnan, .find, .size: preconditionFailure("\(function.rawValue) is not element-wise")
    }
  }
}
