/// The statements of a MATPOWER file as parsed, before they are run: the small part of the
/// MATLAB language that case files use (docs/network-format.md, "MATPOWER files").
///
/// Nothing here can call out of the reader: the only callable names are the pure functions
/// of ``MatpowerFunction`` and the index functions of ``MatpowerConstants``.
indirect enum MatpowerExpression: Sendable {
  case number(Double)
  case string(String)
  /// A variable or a built-in constant (`pi`, `Inf`...).
  case name(String, SourceLocation)
  /// `mpc.field`.
  case field(String, SourceLocation)
  /// `s.NAME` of a struct variable (`c = idx_dcline; c.PF`).
  case member(String, String, SourceLocation)
  /// `mpc.field(i, j)` or `variable(i, j)`.
  case index(base: MatpowerExpression, arguments: [MatpowerExpression], SourceLocation)
  case call(MatpowerFunction, arguments: [MatpowerExpression], SourceLocation)
  /// `:` alone as an index: every row or column.
  case colon
  /// `end` inside an index: the size of the indexed dimension.
  case end(SourceLocation)
  case unary(MatpowerOperator, MatpowerExpression, SourceLocation)
  case binary(MatpowerOperator, MatpowerExpression, MatpowerExpression, SourceLocation)
  /// `first:last` or `first:step:last`.
  case range(MatpowerExpression, MatpowerExpression?, MatpowerExpression, SourceLocation)
  /// `[a b; c d]`: rows of elements, concatenated.
  case matrix([[MatpowerExpression]], SourceLocation)
}

enum MatpowerOperator: String, Sendable {
  case plus = "+", minus = "-", times = "*", divide = "/", elementTimes = ".*", elementDivide = "./"
  case power = "^", elementPower = ".^", not = "~"
  case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "~="
  case and = "&", or = "|", shortAnd = "&&", shortOr = "||"
}

/// The functions an expression may call: pure, element-wise or shape functions.
enum MatpowerFunction: String, Sendable, CaseIterable {
  case sqrt, abs, exp, log, log10, sin, cos, tan, asin, acos, atan, round, floor, ceil
  case isinf, isnan, find, size
}

/// Where an assignment stores its value.
enum MatpowerTarget: Sendable {
  /// `mpc.field = ...`
  case field(String)
  /// `mpc.field(i, j) = ...`
  case fieldElements(String, [MatpowerExpression])
  /// `name = ...`
  case variable(String)
}

/// The right-hand side of an assignment.
enum MatpowerRightSide: Sendable {
  /// A plain matrix literal, read apart (possibly on another thread): its position in the
  /// parser's list of matrices.
  case literal(Int)
  /// `{ 'a'; 'b' }`.
  case cell([String], rowLines: [Int])
  case expression(MatpowerExpression)
  /// `idx_dcline`: a struct of column constants.
  case dclineIndex
}

indirect enum MatpowerStatement: Sendable {
  case assign(MatpowerTarget, MatpowerRightSide, SourceLocation)
  /// `[A, B, ~, C] = idx_bus;` (nil for `~`) or `define_constants;`.
  case constants([(name: String, value: Double)?], SourceLocation)
  /// `if c1 ... elseif c2 ... else ... end`.
  case conditional([(condition: MatpowerExpression, body: [MatpowerStatement])], otherwise: [MatpowerStatement], SourceLocation)
  /// `return`: no statement after it runs.
  case stop
}

extension ParseError {
  /// The error for anything in a MATPOWER file that the reader does not run.
  static func outsideDataLanguage(_ what: String, at: SourceLocation) -> ParseError {
    ParseError(
      .syntax("\(what) is outside the MATPOWER data language that gridtool reads (docs/network-format.md); the file is read as data, never run as code"),
      at: at)
  }
}
