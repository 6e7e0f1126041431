/// Expressions of the MATPOWER data language, by MATLAB's precedence (lowest first):
/// `||`, `&&`, `|`, `&`, comparisons, `:`, `+ -`, `* / .* ./`, unary `- + ~`, `^ .^`.
///
/// Inside a matrix literal a blank separates elements, as in MATLAB: `[50/3 -50/3]` has two
/// elements, `[1 - 2]` one.
struct ExpressionContext {
  /// Inside `[ ]`: blanks separate elements.
  var inMatrix = false
  /// Inside the arguments of an index: `end` and a lone `:` are allowed.
  var inIndex = false
  var depth = 0
}

extension MatpowerStatementParser {
  typealias Expression = MatpowerExpression

  /// An expression at the cursor; the cursor ends after it (blanks after it may be skipped).
  mutating func expression(_ context: ExpressionContext) throws(ParseError) -> Expression {
    try binary(level: 0, context)
  }

  /// The rest of an expression whose first operand, `left`, is already read (a plain number
  /// of a matrix followed by an operator): the operators from the tightest level outwards.
  mutating func expression(continuing left: Expression, _ context: ExpressionContext) throws(ParseError) -> Expression {
    var value = try power(continuing: left, context)
    for level in stride(from: 7, through: 0, by: -1) {
      if level == 5 {
        if let at = colonAhead() {
          let second = try binary(level: 6, context)
          value = colonAhead() != nil ? .range(value, second, try binary(level: 6, context), at) : .range(value, nil, second, at)
        }
        continue
      }
      while let (op, at) = nextOperator(level: level, context) {
        value = .binary(op, value, try binary(level: level + 1, context), at)
      }
    }
    return value
  }

  private func deeper(_ context: ExpressionContext, at: SourceLocation) throws(ParseError) -> ExpressionContext {
    guard context.depth < MatpowerLimits.maxExpressionDepth else {
      throw ParseError(.syntax("expression nested more than \(MatpowerLimits.maxExpressionDepth) levels deep"), at: at)
    }
    var inner = context
    inner.depth += 1
    return inner
  }

  /// Levels 0…7: `||`, `&&`, `|`, `&`, comparisons, range, `+ -`, `* /`.
  private mutating func binary(level: Int, _ context: ExpressionContext) throws(ParseError) -> Expression {
    if level == 5 { return try range(context) }
    if level == 8 { return try unary(context) }
    var left = try binary(level: level + 1, context)
    while let (op, at) = nextOperator(level: level, context) {
      left = .binary(op, left, try binary(level: level + 1, context), at)
    }
    return left
  }

  /// The binary operator of `level` after blanks, consumed; nil (cursor unmoved) when none.
  private mutating func nextOperator(level: Int, _ context: ExpressionContext) -> (MatpowerOperator, SourceLocation)? {
    let before = scanner.mark
    scanner.skipBlanks()
    let spaced = scanner.position != before.position
    let at = scanner.location
    let c = scanner.current, d = scanner.peek(1)
    var op: MatpowerOperator? = nil
    var length = 1
    switch level {
    case 0 where c == UInt8(ascii: "|") && d == UInt8(ascii: "|"): (op, length) = (.shortOr, 2)
    case 1 where c == UInt8(ascii: "&") && d == UInt8(ascii: "&"): (op, length) = (.shortAnd, 2)
    case 2 where c == UInt8(ascii: "|") && d != UInt8(ascii: "|"): op = .or
    case 3 where c == UInt8(ascii: "&") && d != UInt8(ascii: "&"): op = .and
    case 4:
      let equals = d == UInt8(ascii: "=")
      switch c {
      case UInt8(ascii: "<"): (op, length) = equals ? (.lessEqual, 2) : (.less, 1)
      case UInt8(ascii: ">"): (op, length) = equals ? (.greaterEqual, 2) : (.greater, 1)
      case UInt8(ascii: "=") where equals: (op, length) = (.equal, 2)
      case UInt8(ascii: "~") where equals: (op, length) = (.notEqual, 2)
      default: break
      }
    case 6 where c == UInt8(ascii: "+") || c == UInt8(ascii: "-"):
      // In a matrix, `a -b` is two elements and `a - b` one (MATLAB's rule).
      let blankAfter = d == 0x20 || d == 0x09
      if !(context.inMatrix && spaced && !blankAfter) { op = c == UInt8(ascii: "+") ? .plus : .minus }
    case 7:
      if c == UInt8(ascii: "*") { op = .times }
      if c == UInt8(ascii: "/") { op = .divide }
      if c == UInt8(ascii: "."), d == UInt8(ascii: "*") { (op, length) = (.elementTimes, 2) }
      if c == UInt8(ascii: "."), d == UInt8(ascii: "/") { (op, length) = (.elementDivide, 2) }
    default: break
    }
    guard let op else {
      scanner.restore(before)
      return nil
    }
    for _ in 0..<length { scanner.advance() }
    return (op, at)
  }

  /// `a`, `a:b` or `a:s:b`.
  private mutating func range(_ context: ExpressionContext) throws(ParseError) -> Expression {
    let first = try binary(level: 6, context)
    guard let at = colonAhead() else { return first }
    let second = try binary(level: 6, context)
    guard colonAhead() != nil else { return .range(first, nil, second, at) }
    return .range(first, second, try binary(level: 6, context), at)
  }

  /// Consumes a `:` after blanks and says where it was; nil (cursor unmoved) when there is none.
  private mutating func colonAhead() -> SourceLocation? {
    let before = scanner.mark
    scanner.skipBlanks()
    guard scanner.current == UInt8(ascii: ":") else {
      scanner.restore(before)
      return nil
    }
    let at = scanner.location
    scanner.advance()
    return at
  }

  private mutating func unary(_ context: ExpressionContext) throws(ParseError) -> Expression {
    try signed(context, exponent: false)
  }

  /// Signs before a power (-2^2 is -(2^2)), or before the exponent of one (2^-1).
  private mutating func signed(_ context: ExpressionContext, exponent: Bool) throws(ParseError) -> Expression {
    scanner.skipBlanks()
    let at = scanner.location
    let c = scanner.current
    if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || (c == UInt8(ascii: "~") && scanner.peek(1) != UInt8(ascii: "=")) {
      scanner.advance()
      let operand = try signed(try deeper(context, at: at), exponent: exponent)
      if c == UInt8(ascii: "+") { return operand }
      return .unary(c == UInt8(ascii: "-") ? .minus : .not, operand, at)
    }
    return exponent ? try postfix(context) : try power(context)
  }

  private mutating func power(_ context: ExpressionContext) throws(ParseError) -> Expression {
    try power(continuing: try postfix(context), context)
  }

  private mutating func power(continuing first: Expression, _ context: ExpressionContext) throws(ParseError) -> Expression {
    var base = first
    while true {
      let before = scanner.mark
      scanner.skipBlanks()
      let at = scanner.location
      let op: MatpowerOperator
      if scanner.current == UInt8(ascii: "^") {
        op = .power
        scanner.advance()
      } else if scanner.current == UInt8(ascii: "."), scanner.peek(1) == UInt8(ascii: "^") {
        op = .elementPower
        scanner.advance()
        scanner.advance()
      } else {
        scanner.restore(before)
        return base
      }
      // The exponent may carry signs: 2^-1.
      base = .binary(op, base, try signed(try deeper(context, at: at), exponent: true), at)
    }
  }

  /// A primary, refusing a transpose after it.
  private mutating func postfix(_ context: ExpressionContext) throws(ParseError) -> Expression {
    let value = try primary(context)
    if scanner.current == UInt8(ascii: "'") || (scanner.current == UInt8(ascii: ".") && scanner.peek(1) == UInt8(ascii: "'")) {
      throw outside("transposition (')", at: scanner.location)
    }
    return value
  }

  func outside(_ what: String, at: SourceLocation) -> ParseError { .outsideDataLanguage(what, at: at) }

  private mutating func primary(_ context: ExpressionContext) throws(ParseError) -> Expression {
    scanner.skipBlanks()
    let at = scanner.location
    let c = scanner.current
    if c &- 0x30 < 10 || (c == UInt8(ascii: ".") && scanner.peek(1) &- 0x30 < 10) {
      guard let value = scanner.number(alone: false) else { throw ParseError(.invalidNumber(scanner.tokenText()), at: at) }
      return .number(value)
    }
    switch c {
    case UInt8(ascii: "("):
      scanner.advance()
      var inner = try deeper(context, at: at)
      inner.inMatrix = false
      let value = try expression(inner)
      scanner.skipBlanks()
      guard scanner.current == UInt8(ascii: ")") else { throw expected("')' to close the '(' at column \(at.column ?? 0)") }
      scanner.advance()
      return value
    case UInt8(ascii: "["):
      return try matrixLiteral(try deeper(context, at: at))
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      return .string(try scanner.quotedString())
    default:
      break
    }
    guard let word = scanner.identifier() else {
      if scanner.atEnd || scanner.atNewline { throw ParseError(.syntax("the expression ends here; a value is missing"), at: at) }
      throw ParseError(.syntax("unexpected '\(scanner.tokenText())'; expected a number, a name or '('"), at: at)
    }
    return try named(word, at: at, context)
  }

  private func expected(_ what: String) -> ParseError {
    let found = scanner.atEnd || scanner.atNewline ? "the end of the line" : "'\(scanner.tokenText())'"
    return ParseError(.syntax("expected \(what); found \(found)"), at: scanner.location)
  }

  /// A name at the cursor's left: `end`, `mpc.field`, a call, an index, a struct member or a variable.
  private mutating func named(_ word: String, at: SourceLocation, _ context: ExpressionContext) throws(ParseError) -> Expression {
    if word == "end", context.inIndex { return .end(at) }
    if Self.keywords.contains(word) { throw outside("'\(word)' in an expression", at: at) }
    // `f(…)`: in a matrix only without a blank before '(' (`[f (1)]` is two elements).
    let before = scanner.mark
    if !context.inMatrix { scanner.skipBlanks() }
    let opens = scanner.current == UInt8(ascii: "(")
    if !opens { scanner.restore(before) }
    if word == "mpc" {
      guard scanner.current == UInt8(ascii: "."), MatpowerScanner.isIdentifierStart(scanner.peek(1)) else {
        throw outside("'mpc' as a whole value", at: at)
      }
      scanner.advance()
      guard let field = scanner.identifier() else { throw expected("a field name after 'mpc.'") }
      let base = Expression.field(field, at)
      if scanner.current == UInt8(ascii: ".") && MatpowerScanner.isIdentifierStart(scanner.peek(1)) {
        throw outside("a nested field (mpc.\(field).…)", at: scanner.location)
      }
      guard scanner.current == UInt8(ascii: "(") else { return base }
      return .index(base: base, arguments: try arguments(context, index: true), at)
    }
    if opens {
      if knownNames.contains(word) {
        return .index(base: .name(word, at), arguments: try arguments(context, index: true), at)
      }
      if let function = MatpowerFunction(rawValue: word) {
        return .call(function, arguments: try arguments(context, index: false), at)
      }
      throw unknownFunction(word, at: at)
    }
    if scanner.current == UInt8(ascii: "."), MatpowerScanner.isIdentifierStart(scanner.peek(1)) {
      guard knownNames.contains(word) else { throw undefined(word, at: at) }
      scanner.advance()
      guard let member = scanner.identifier() else { throw expected("a name after '\(word).'") }
      return .member(word, member, at)
    }
    guard knownNames.contains(word) || MatpowerConstants.builtins[word] != nil else {
      if MatpowerConstants.functions[word] != nil || word == "idx_dcline" || word == "define_constants" {
        throw ParseError(.syntax("\(word) is only read as '[A, B, ...] = \(word);' (or 'define_constants;'), not inside an expression"), at: at)
      }
      if MatpowerFunction(rawValue: word) != nil { throw ParseError(.syntax("\(word) needs its arguments: \(word)(...)"), at: at) }
      throw undefined(word, at: at)
    }
    return .name(word, at)
  }

  func undefined(_ word: String, at: SourceLocation) -> ParseError {
    ParseError(
      .syntax("'\(word)' is not a number, nor a name assigned before this point (known are numbers, pi, Inf, NaN, names assigned earlier in the file and the constants of idx_bus, idx_brch, idx_gen, idx_cost, idx_ct, idx_dcline)"),
      at: at)
  }

  func unknownFunction(_ word: String, at: SourceLocation) -> ParseError {
    let known = MatpowerFunction.allCases.map(\.rawValue).joined(separator: ", ")
    return outside("calling '\(word)' (the functions read are \(known))", at: at)
  }

  static let keywords: Set<String> = [
    "if", "elseif", "else", "end", "for", "while", "switch", "case", "otherwise", "function", "return", "break", "continue",
    "try", "catch", "global", "persistent", "parfor", "spmd", "classdef",
  ]

  /// `(a, b)` of a call or an index.
  mutating func arguments(_ context: ExpressionContext, index: Bool) throws(ParseError) -> [Expression] {
    let open = scanner.location
    scanner.advance()  // (
    var inner = try deeper(context, at: open)
    inner.inMatrix = false
    inner.inIndex = index || context.inIndex
    var list: [Expression] = []
    scanner.skipBlanks()
    if scanner.current == UInt8(ascii: ")") {
      scanner.advance()
      return list
    }
    while true {
      scanner.skipBlanks()
      if index, scanner.current == UInt8(ascii: ":") {
        let before = scanner.mark
        scanner.advance()
        scanner.skipBlanks()
        if scanner.current == UInt8(ascii: ",") || scanner.current == UInt8(ascii: ")") {
          list.append(.colon)
        } else {
          scanner.restore(before)
          list.append(try expression(inner))
        }
      } else {
        list.append(try expression(inner))
      }
      scanner.skipBlanks()
      if scanner.current == UInt8(ascii: ",") {
        scanner.advance()
        continue
      }
      guard scanner.current == UInt8(ascii: ")") else { throw expected("',' or ')' to close the '(' at column \(open.column ?? 0)") }
      scanner.advance()
      return list
    }
  }

  /// `[a b; c d]` inside an expression (small: a case's large matrices are read apart).
  private mutating func matrixLiteral(_ context: ExpressionContext) throws(ParseError) -> Expression {
    let open = scanner.location
    scanner.advance()  // [
    var inner = context
    inner.inMatrix = true
    var rows: [[Expression]] = []
    var row: [Expression] = []
    while true {
      scanner.skipBlanks()
      let c = scanner.current
      if scanner.atEnd {
        throw ParseError(.unterminated("matrix opened here"), at: open)
      } else if c == UInt8(ascii: "]") {
        scanner.advance()
        if !row.isEmpty { rows.append(row) }
        return .matrix(rows, open)
      } else if c == UInt8(ascii: ";") || scanner.atNewline {
        if c == UInt8(ascii: ";") { scanner.advance() } else { scanner.consumeNewline() }
        if !row.isEmpty { rows.append(row) }
        row = []
      } else if c == UInt8(ascii: ",") {
        scanner.advance()
      } else {
        row.append(try expression(inner))
      }
    }
  }
}
