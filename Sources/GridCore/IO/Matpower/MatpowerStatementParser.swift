import Foundation

/// Reads the statements of a MATPOWER file as data: the small part of MATLAB that case
/// files use (docs/network-format.md, "MATPOWER files"), parsed here and run by
/// ``MatpowerInterpreter``.
///
/// `function mpc = name`; `mpc.field = value;` with numbers, strings, matrices `[...]`, cell
/// arrays of strings `{...}` and expressions; element assignments `mpc.bus(:, [PD QD]) = ...`;
/// scalar variables; `[PQ, PV, ...] = idx_bus;` and `define_constants;`; `if`/`elseif`/`else`/
/// `end`. Anything else (code) is an error naming `file:line:column`, because the file is
/// never evaluated. Plain numeric matrix literals, nearly all of a large case's bytes, are
/// only skipped here and read afterwards, concurrently, by the fast path of ``parseMatrix``.
struct MatpowerStatementParser {
  var scanner: MatpowerScanner
  /// Matrices whose numbers are read after the statements, concurrently: in a large case
  /// they are nearly all of the bytes.
  private var deferred: [DeferredMatrix] = []
  private let parallelism: Parallelism
  /// Names assigned so far in file order (variables and index constants): a name used before
  /// it is assigned, or a call of anything but a known function, is an error.
  var knownNames: Set<String> = []
  /// `function OUTPUT = NAME`: the name, the output and where the line is.
  private(set) var functionName: String?
  private(set) var outputName: String?
  private(set) var functionLocation: SourceLocation?
  private var sawStatement = false
  /// Element operations the statements may do (``MatpowerLimits/maxWork``; smaller in tests).
  var workLimit = MatpowerLimits.maxWork

  /// - Parameter parallelism: threads for reading the matrices of a large file (one matrix
  ///   per thread at a time); the result and the error reported do not depend on it.
  init(bytes: [UInt8], file: String, parallelism: Parallelism = .automatic) {
    scanner = MatpowerScanner(bytes: bytes, file: file)
    // Below 256 kB the matrices take less time to read than a pool thread takes to wake.
    self.parallelism = bytes.count > 1 << 18 ? parallelism : .serial
  }

  /// Reads every statement, then the numbers of every matrix, then runs the statements. The
  /// first error in file order is reported, as a one-pass reader would; errors of running
  /// (an undefined name, a size mismatch) come after every syntax error, as in MATLAB.
  mutating func parse() throws(ParseError) -> MatpowerRawCase {
    var statements: [MatpowerStatement] = []
    var statementError: ParseError? = nil
    do {
      statements = try parseProgram()
    } catch {
      statementError = error
    }
    // The matrices that start before a statement error: one of them may hold an earlier error.
    let stop = statementError.map { error in deferred.lastIndex { $0.open.line <= error.location.line } ?? -1 } ?? deferred.count - 1
    let items = Array(deferred.prefix(stop + 1))
    let bytes = scanner.bytes, file = scanner.file
    var matrices: [MatpowerRawMatrix?] = []
    matrices.reserveCapacity(items.count)
    // Largest first (by text length; ties in file order), so that the threads finish
    // together: a case's branch matrix is often half its numbers, and taken last it would run
    // on alone. The results are then put back in file order.
    let largestFirst = items.indices.sorted { (items[$0].byteCount, $1) > (items[$1].byteCount, $0) }
    var inFileOrder = [Result<MatpowerRawMatrix, ParseError>?](repeating: nil, count: items.count)
    for (k, result) in parallelism.map(items.count, { Self.readMatrix(items[largestFirst[$0]], bytes: bytes, file: file) })
      .enumerated()
    {
      inFileOrder[largestFirst[k]] = result
    }
    // Each result is taken out as it is used, so that each matrix's storage has one owner
    // (the interpreter's), and a statement that changes it does not copy it.
    for k in inFileOrder.indices {
      let result = inFileOrder[k]!
      inFileOrder[k] = nil
      switch result {
      case .success(let matrix): matrices.append(matrix)
      case .failure(let error): throw error
      }
    }
    if let statementError { throw statementError }
    var interpreter = MatpowerInterpreter(file: file, matrices: consume matrices, workLimit: workLimit)
    interpreter.raw.functionName = functionName
    interpreter.raw.outputName = outputName
    interpreter.raw.functionLocation = functionLocation
    try interpreter.run(statements)
    return interpreter.finish()
  }

  /// The numbers of a matrix found by the statement pass.
  private static func readMatrix(_ item: DeferredMatrix, bytes: [UInt8], file: String) -> Result<MatpowerRawMatrix, ParseError> {
    var parser = MatpowerStatementParser(bytes: [], file: file)
    parser.scanner = MatpowerScanner(bytes: bytes, file: file, mark: item.open)
    parser.knownNames = item.knownNames
    var matrix = MatpowerRawMatrix(location: item.location)
    do throws(ParseError) {
      try parser.parseMatrix(
        name: item.name, opensAt: item.location, byteCount: item.byteCount, lineCount: item.lineCount, into: &matrix)
    } catch {
      return .failure(error)
    }
    return .success(matrix)
  }

  private mutating func parseProgram() throws(ParseError) -> [MatpowerStatement] {
    scanner.skipBlanksAndNewlines()
    guard !scanner.atEnd else { throw ParseError(.empty, at: scanner.location) }
    let (statements, _) = try parseBlock(depth: 0)
    return statements
  }

  /// Statements up to the end of the file or, inside an `if`, up to its `elseif`, `else` or `end`.
  private mutating func parseBlock(depth: Int) throws(ParseError) -> ([MatpowerStatement], (word: String, at: SourceLocation)?) {
    var list: [MatpowerStatement] = []
    while true {
      scanner.skipBlanksAndNewlines()
      if scanner.atEnd { return (list, nil) }
      let start = scanner.location
      if scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",") {
        scanner.advance()
        continue
      }
      if scanner.current == UInt8(ascii: "[") {
        list.append(try parseConstants(start: start))
        sawStatement = true
        continue
      }
      guard let word = scanner.identifier() else {
        if scanner.current == 0 || scanner.current >= 0x80 && !isUTF8Text(at: scanner.position) {
          throw ParseError(.binary, at: start)
        }
        throw ParseError(.syntax("unexpected '\(scanner.tokenText())'; expected a statement such as 'mpc.bus = [ ... ];'"), at: start)
      }
      switch word {
      case "function":
        guard !sawStatement else { throw outside("a second function", at: start) }
        try parseFunctionLine()
      case "end", "elseif", "else":
        if depth > 0 { return (list, (word, start)) }
        guard word == "end" else { throw ParseError(.syntax("'\(word)' without an 'if' before it"), at: start) }
        endStatement()  // the end of the function
      case "return":
        endStatement()
        list.append(.stop)
      case "if":
        list.append(try parseIf(start: start, depth: depth))
      case "define_constants":
        try endOfStatement(after: "define_constants")
        knownNames.formUnion(MatpowerConstants.defineConstants.map(\.name))
        list.append(.constants(MatpowerConstants.defineConstants, start))
      default:
        if Self.keywords.contains(word) { throw outside("a '\(word)' statement", at: start) }
        list.append(try parseAssignment(word, start: start))
      }
      sawStatement = true
    }
  }

  private func isUTF8Text(at position: Int) -> Bool {
    let slice = scanner.bytes[position..<min(position + 4, scanner.bytes.count)]
    return String(validating: slice, as: UTF8.self) != nil
  }

  private mutating func endStatement() {
    scanner.skipBlanks()
    while scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",") {
      scanner.advance()
      scanner.skipBlanks()
    }
  }

  /// The statement must end here (line end, `;`, `,` or a comment).
  private mutating func endOfStatement(after what: String) throws(ParseError) {
    scanner.skipBlanks()
    guard scanner.atEnd || scanner.atNewline || scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",") else {
      throw ParseError(.syntax("unexpected '\(scanner.tokenText())' after \(what)"), at: scanner.location)
    }
    endStatement()
  }

  private mutating func parseFunctionLine() throws(ParseError) {
    scanner.skipBlanks()
    let at = scanner.location
    guard let output = scanner.identifier() else {
      if scanner.current == UInt8(ascii: "[") {
        throw ParseError(
          .syntax("this is a MATPOWER version 1 case ('function [baseMVA, bus, gen, branch, ...] = ...'); convert it to version 2 with MATPOWER's savecase"),
          at: at)
      }
      throw ParseError(.syntax("expected 'function mpc = <name>'"), at: at)
    }
    scanner.skipBlanks()
    guard scanner.current == UInt8(ascii: "=") else {
      throw ParseError(.syntax("expected 'function \(output) = <name>'"), at: scanner.location)
    }
    scanner.advance()
    scanner.skipBlanks()
    guard let name = scanner.identifier() else {
      throw ParseError(.syntax("expected the case name after 'function \(output) ='"), at: scanner.location)
    }
    if scanner.current == UInt8(ascii: "(") { throw outside("a function with arguments", at: scanner.location) }
    functionName = name
    outputName = output
    functionLocation = at
    endStatement()
  }

  /// `if c ... elseif c ... else ... end`.
  private mutating func parseIf(start: SourceLocation, depth: Int) throws(ParseError) -> MatpowerStatement {
    guard depth < MatpowerLimits.maxBlockDepth else {
      throw ParseError(.syntax("'if' blocks nested more than \(MatpowerLimits.maxBlockDepth) deep"), at: start)
    }
    var clauses: [(condition: MatpowerExpression, body: [MatpowerStatement])] = []
    var condition = try expression(ExpressionContext())
    try endOfStatement(after: "the condition of 'if'")
    while true {
      let (body, closing) = try parseBlock(depth: depth + 1)
      guard let closing else { throw ParseError(.unterminated("'if' block opened here has no 'end'; it"), at: start) }
      clauses.append((condition, body))
      switch closing.word {
      case "elseif":
        condition = try expression(ExpressionContext())
        try endOfStatement(after: "the condition of 'elseif'")
      case "else":
        endStatement()
        let (otherwise, last) = try parseBlock(depth: depth + 1)
        guard let last, last.word == "end" else {
          throw ParseError(.syntax("expected 'end' to close the 'if' of line \(start.line)"), at: last?.at ?? scanner.location)
        }
        endStatement()
        return .conditional(clauses, otherwise: otherwise, start)
      default:
        endStatement()
        return .conditional(clauses, otherwise: [], start)
      }
    }
  }

  /// `[A, B, ~, C] = idx_bus;`: the i-th name gets the i-th output of the index function.
  private mutating func parseConstants(start: SourceLocation) throws(ParseError) -> MatpowerStatement {
    scanner.advance()  // [
    var names: [String?] = []
    while true {
      scanner.skipBlanksAndNewlines()
      if scanner.current == UInt8(ascii: "]") {
        scanner.advance()
        break
      } else if scanner.current == UInt8(ascii: ",") {
        scanner.advance()
      } else if scanner.current == UInt8(ascii: "~") {
        scanner.advance()
        names.append(nil)
      } else if let name = scanner.identifier() {
        names.append(name)
      } else {
        throw ParseError(.syntax("expected a name in '[A, B, ...] = idx_bus;', found '\(scanner.tokenText())'"), at: scanner.location)
      }
    }
    scanner.skipBlanks()
    guard scanner.current == UInt8(ascii: "="), scanner.peek(1) != UInt8(ascii: "=") else {
      throw outside("a matrix that is not assigned to anything", at: start)
    }
    scanner.advance()
    scanner.skipBlanks()
    let functionAt = scanner.location
    guard let function = scanner.identifier() else { throw ParseError(.syntax("expected idx_bus, idx_brch, idx_gen, idx_cost or idx_ct after '='"), at: functionAt) }
    guard let outputs = MatpowerConstants.functions[function] else {
      throw outside("'[...] = \(function)' (only idx_bus, idx_brch, idx_gen, idx_cost and idx_ct are read this way)", at: functionAt)
    }
    guard names.count <= outputs.count else {
      throw ParseError(.syntax("\(function) has \(outputs.count) outputs; \(names.count) names are given"), at: start)
    }
    try endOfStatement(after: function)
    knownNames.formUnion(names.compactMap { $0 })
    return .constants(zip(names, outputs).map { name, output in name.map { ($0, output.value) } }, start)
  }

  /// `mpc.field = ...`, `mpc.field(i, j) = ...` or `name = ...`.
  private mutating func parseAssignment(_ word: String, start: SourceLocation) throws(ParseError) -> MatpowerStatement {
    let target: MatpowerTarget
    let display: String
    if word == "mpc" {
      guard scanner.current == UInt8(ascii: ".") else {
        scanner.skipBlanks()
        if scanner.current == UInt8(ascii: "=") { throw outside("assigning 'mpc' as a whole", at: start) }
        throw ParseError(.syntax("expected 'mpc.<field> = ...'"), at: scanner.location)
      }
      scanner.advance()
      guard let field = scanner.identifier() else {
        throw ParseError(.syntax("expected a field name after 'mpc.'"), at: scanner.location)
      }
      display = "mpc.\(field)"
      if scanner.current == UInt8(ascii: "."), MatpowerScanner.isIdentifierStart(scanner.peek(1)) {
        throw outside("a nested field (mpc.\(field).…)", at: scanner.location)
      }
      if scanner.current == UInt8(ascii: "(") {
        target = .fieldElements(field, try arguments(ExpressionContext(), index: true))
      } else {
        target = .field(field)
      }
    } else {
      display = word
      scanner.skipBlanks()
      if scanner.current == UInt8(ascii: "(") {
        if knownNames.contains(word) { throw outside("assigning to elements of the variable '\(word)'", at: scanner.location) }
        if MatpowerFunction(rawValue: word) == nil { throw unknownFunction(word, at: start) }
        throw outside("a statement that is not an assignment ('\(word)(...)')", at: start)
      }
      if scanner.current == UInt8(ascii: ".") { throw outside("a struct other than mpc ('\(word).…')", at: scanner.location) }
      target = .variable(word)
    }
    scanner.skipBlanks()
    guard scanner.current == UInt8(ascii: "="), scanner.peek(1) != UInt8(ascii: "=") else {
      if scanner.current == UInt8(ascii: "(") || scanner.current == UInt8(ascii: "'") || word != "mpc" {
        throw outside("a statement that is not an assignment ('\(display)' ...)", at: start)
      }
      throw ParseError(.syntax("expected '=' after '\(display)'"), at: scanner.location)
    }
    scanner.advance()
    scanner.skipBlanks()
    let value = try rightSide(of: target, display: display)
    scanner.skipBlanks()
    if !(scanner.atEnd || scanner.atNewline || scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",")) {
      throw ParseError(.syntax("unexpected '\(scanner.tokenText())' after the value of \(display)"), at: scanner.location)
    }
    endStatement()
    if case .variable(let name) = target { knownNames.insert(name) }
    return .assign(target, value, start)
  }

  private mutating func rightSide(of target: MatpowerTarget, display: String) throws(ParseError) -> MatpowerRightSide {
    let valueAt = scanner.location
    switch scanner.current {
    case UInt8(ascii: "["):
      let open = scanner.mark
      guard scanner.skipMatrix() else { throw ParseError(.unterminated("matrix \(display) opened here"), at: valueAt) }
      let after = scanner.mark
      scanner.skipBlanks()
      if scanner.atEnd || scanner.atNewline || scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",") {
        scanner.restore(after)
        deferred.append(
          DeferredMatrix(
            name: display, location: valueAt, open: open, byteCount: after.position - open.position,
            lineCount: after.line - open.line + 1, knownNames: knownNames))
        return .literal(deferred.count - 1)
      }
      // `[...] * 2`: an expression after all.
      scanner.restore(open)
    case UInt8(ascii: "{"):
      guard case .field(let field) = target else { throw outside("a cell array other than a whole mpc field", at: valueAt) }
      let (items, lines) = try parseCell(field: field)
      return .cell(items, rowLines: lines)
    default:
      let before = scanner.mark
      if scanner.identifier() == "idx_dcline" {
        scanner.skipBlanks()
        if scanner.atEnd || scanner.atNewline || scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",") {
          guard case .variable(let name) = target else { throw outside("idx_dcline other than 'c = idx_dcline;'", at: valueAt) }
          knownNames.insert(name)
          return .dclineIndex
        }
      }
      scanner.restore(before)
    }
    return .expression(try expression(ExpressionContext()))
  }

  /// Reads `[ ... ]` into `matrix`: rows end at `;` or a line end, elements are separated by
  /// blanks or commas. `byteCount`: the length of the matrix's text.
  private mutating func parseMatrix(
    name field: String, opensAt location: SourceLocation, byteCount: Int, lineCount: Int, into matrix: inout MatpowerRawMatrix
  ) throws(ParseError) {
    // Room for the numbers, so that a large matrix is not copied as it grows: a row per line
    // (MATPOWER's layout), reserved when the first row gives the width; never more than the
    // text can hold (a number and its separator take two bytes at least).
    var reserved = false
    func reserve(_ m: inout MatpowerRawMatrix) {
      guard !reserved else { return }
      reserved = true
      let most = byteCount / 2 + 1
      m.values.reserveCapacity(lineCount > most / max(m.columns, 1) ? most : m.columns * lineCount)
      m.rowLines.reserveCapacity(min(lineCount, most))
    }
    scanner.advance()  // [
    var rowWidth = 0
    // A mark, not a SourceLocation: making one per row would copy the file name each time.
    var rowStart = scanner.mark
    func finishRow(_ m: inout MatpowerRawMatrix) throws(ParseError) {
      guard rowWidth > 0 else { return }
      if m.rowLines.isEmpty {
        m.columns = rowWidth
        reserve(&m)
      } else if rowWidth != m.columns {
        throw ParseError(
          .other("row of \(field) has \(rowWidth) columns but its first row has \(m.columns); every row must have the same number of columns"),
          at: scanner.location(of: rowStart))
      }
      m.rowLines.append(rowStart.line)
      rowWidth = 0
    }
    while true {
      scanner.skipBlanks()
      if rowWidth == 0 { rowStart = scanner.mark }
      let c = scanner.current
      if scanner.atEnd {
        throw ParseError(.unterminated("matrix \(field) opened here"), at: location)
      } else if c == UInt8(ascii: "]") {
        scanner.advance()
        try finishRow(&matrix)
        return
      } else if c == UInt8(ascii: ";") {
        scanner.advance()
        try finishRow(&matrix)
      } else if scanner.atNewline {
        scanner.consumeNewline()
        try finishRow(&matrix)
      } else if c == UInt8(ascii: ",") {
        scanner.advance()
      } else if c == UInt8(ascii: "m"), scanner.peek(1) == UInt8(ascii: "p"), scanner.peek(2) == UInt8(ascii: "c"),
        scanner.peek(3) == UInt8(ascii: "."), rowWidth == 0
      {
        // The next statement began before a closing bracket.
        throw ParseError(.unterminated("matrix \(field) opened here"), at: location)
      } else {
        // A run of plain numbers in one loop (nearly all of a case's text), then whatever ends it.
        let run = scanner.plainNumbers(into: &matrix.values)
        if run > 0 {
          rowWidth += run
          continue
        }
        if let value = scanner.number() {
          matrix.values.append(value)
          rowWidth += 1
          continue
        }
        // number() leaves the cursor on the token it could not read: an expression (`50/3`,
        // `12/sqrt(3)`, `CT_TBRCH`), run when the statement assigning the matrix runs.
        if c == 0 { throw ParseError(.binary, at: scanner.location) }
        // `[1 - 2]` is one element in MATLAB: a binary operator after a plain number continues it.
        if rowWidth > 0, Self.continuesElement(c, next: scanner.peek(1)), matrix.pending.last?.index != matrix.values.count - 1 {
          var context = ExpressionContext()
          context.inMatrix = true
          let element = try expression(continuing: .number(matrix.values[matrix.values.count - 1]), context)
          matrix.pending.append((matrix.values.count - 1, element))
          continue
        }
        guard Self.startsExpression(c, next: scanner.peek(1)) else {
          throw ParseError(.invalidNumber(scanner.tokenText()), at: scanner.location)
        }
        var context = ExpressionContext()
        context.inMatrix = true
        let element = try expression(context)
        matrix.pending.append((matrix.values.count, element))
        matrix.values.append(0)
        rowWidth += 1
      }
    }
  }

  /// An operator that continues the element before it (`*`, `/`, `^`, `.*`, comparisons,
  /// `&`, `|`, `:`, or `+`/`-` with a blank after it), not a sign that starts a new element.
  private static func continuesElement(_ c: UInt8, next: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "^"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "<"),
      UInt8(ascii: ">"), UInt8(ascii: ":"):
      return true
    case UInt8(ascii: "="), UInt8(ascii: "~"): return next == UInt8(ascii: "=")
    case UInt8(ascii: "."): return next == UInt8(ascii: "*") || next == UInt8(ascii: "/") || next == UInt8(ascii: "^")
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return next == 0x20 || next == 0x09
    default: return false
    }
  }

  /// Bytes that may start an element expression in a matrix (after a failed plain number).
  private static func startsExpression(_ c: UInt8, next: UInt8) -> Bool {
    MatpowerScanner.isIdentifierStart(c) || c &- 0x30 < 10 || c == UInt8(ascii: "(") || c == UInt8(ascii: "-")
      || c == UInt8(ascii: "+") || c == UInt8(ascii: "~") || (c == UInt8(ascii: ".") && next &- 0x30 < 10)
  }

  /// Reads `{ ... }` holding one quoted string per row; other cell content is an error.
  private mutating func parseCell(field: String) throws(ParseError) -> (items: [String], lines: [Int]) {
    let open = scanner.location
    scanner.advance()  // {
    var items: [String] = []
    var lines: [Int] = []
    while true {
      scanner.skipBlanks()
      let c = scanner.current
      if scanner.atEnd {
        throw ParseError(.unterminated("cell array mpc.\(field) opened here"), at: open)
      } else if c == UInt8(ascii: "}") {
        scanner.advance()
        return (items, lines)
      } else if c == UInt8(ascii: ";") || c == UInt8(ascii: ",") {
        scanner.advance()
      } else if scanner.atNewline {
        scanner.consumeNewline()
      } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
        lines.append(scanner.line)
        items.append(try scanner.quotedString())
      } else if let n = scanner.number() {
        lines.append(scanner.line)
        items.append(String(n))
      } else {
        throw ParseError(.syntax("unexpected '\(scanner.tokenText())' in cell array mpc.\(field); expected quoted strings"), at: scanner.location)
      }
    }
  }
}

/// A matrix the statement pass found and skipped, to be read after it (the matrices of a
/// large case on several threads: case_ACTIVSg70k's branch matrix alone is 9 MB of text).
struct DeferredMatrix: Sendable {
  /// `mpc.bus`, or a variable's name (`chgtab`), for messages.
  let name: String
  /// Where the `[` is.
  let location: SourceLocation
  let open: MatpowerScanner.Mark
  /// Length of the text from `[` to `]`.
  let byteCount: Int
  /// Lines the text spans (a matrix has about one row per line).
  let lineCount: Int
  /// The names assigned before the matrix, which its elements may use.
  let knownNames: Set<String>
}
