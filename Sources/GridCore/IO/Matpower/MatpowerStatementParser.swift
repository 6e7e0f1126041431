import Foundation

/// Reads the statements of a MATPOWER version-2 case file as data.
///
/// Accepts only what case files contain: `function mpc = name`, then
/// `mpc.field = value;` with a number, a quoted string, a numeric matrix
/// `[...]` or a cell array `{...}`. Anything else (code) is an error, because
/// the file is never evaluated.
struct MatpowerStatementParser {
  private var scanner: MatpowerScanner
  /// Matrices whose numbers are read after the statements, concurrently: in a large case
  /// they are nearly all of the bytes.
  private var deferred: [DeferredMatrix] = []
  private let parallelism: Parallelism

  /// - Parameter parallelism: threads for reading the matrices of a large file (one matrix
  ///   per thread at a time); the result and the error reported do not depend on it.
  init(bytes: [UInt8], file: String, parallelism: Parallelism = .automatic) {
    scanner = MatpowerScanner(bytes: bytes, file: file)
    // Below 256 kB the matrices take less time to read than a pool thread takes to wake.
    self.parallelism = bytes.count > 1 << 18 ? parallelism : .serial
  }

  /// Reads every statement, then the numbers of every matrix. The first error in file
  /// order is reported, as a one-pass reader would.
  mutating func parse() throws(ParseError) -> MatpowerRawCase {
    var raw = MatpowerRawCase()
    var statementError: ParseError? = nil
    do {
      try parseStatements(into: &raw)
    } catch {
      statementError = error
    }
    // The matrices that start before a statement error: one of them may hold an earlier error.
    let stop = statementError.map { error in deferred.lastIndex { $0.open.line <= error.location.line } ?? -1 } ?? deferred.count - 1
    let items = Array(deferred.prefix(stop + 1))
    let bytes = scanner.bytes, file = scanner.file
    let matrices = parallelism.map(items.count) { Self.readMatrix(items[$0], bytes: bytes, file: file) }
    for (item, result) in zip(items, matrices) {
      switch result {
      case .success(let matrix): raw.fields[item.field] = .matrix(matrix)
      case .failure(let error): throw error
      }
    }
    if let statementError { throw statementError }
    return raw
  }

  /// The numbers of a matrix found by the statement pass.
  private static func readMatrix(_ item: DeferredMatrix, bytes: [UInt8], file: String) -> Result<MatpowerRawMatrix, ParseError> {
    var parser = MatpowerStatementParser(bytes: [], file: file)
    parser.scanner = MatpowerScanner(bytes: bytes, file: file, mark: item.open)
    var matrix = MatpowerRawMatrix(location: item.location)
    do throws(ParseError) {
      try parser.parseMatrix(field: item.field, opensAt: item.location, byteCount: item.byteCount, into: &matrix)
    } catch {
      return .failure(error)
    }
    return .success(matrix)
  }

  private mutating func parseStatements(into raw: inout MatpowerRawCase) throws(ParseError) {
    scanner.skipBlanksAndNewlines()
    guard !scanner.atEnd else { throw ParseError(.empty, at: scanner.location) }
    while true {
      scanner.skipBlanksAndNewlines()
      if scanner.atEnd { break }
      let start = scanner.location
      if scanner.current == UInt8(ascii: ";") {
        scanner.advance()
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
        try parseFunctionLine(into: &raw)
      case "end", "return":
        endStatement()
      case "mpc":
        try parseAssignment(into: &raw, start: start)
      default:
        throw ParseError(
          .syntax("unsupported statement starting with '\(word)'; only 'mpc.<field> = ...;' data statements are read (the file is not evaluated as code)"),
          at: start)
      }
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

  private mutating func parseFunctionLine(into raw: inout MatpowerRawCase) throws(ParseError) {
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
    guard output == "mpc" else {
      throw ParseError(.syntax("the case struct must be called 'mpc' (found '\(output)')"), at: at)
    }
    raw.functionName = name
    endStatement()
  }

  private mutating func parseAssignment(into raw: inout MatpowerRawCase, start: SourceLocation) throws(ParseError) {
    guard scanner.current == UInt8(ascii: ".") else {
      throw ParseError(.syntax("expected 'mpc.<field> = ...'"), at: scanner.location)
    }
    scanner.advance()
    guard let field = scanner.identifier() else {
      throw ParseError(.syntax("expected a field name after 'mpc.'"), at: scanner.location)
    }
    scanner.skipBlanks()
    guard scanner.current == UInt8(ascii: "=") else {
      throw ParseError(
        .syntax("expected '=' after 'mpc.\(field)'; only whole-field assignments are supported (no indexing such as mpc.\(field)(1,2))"),
        at: scanner.location)
    }
    scanner.advance()
    scanner.skipBlanks()
    let valueAt = scanner.location
    let value: MatpowerRawValue
    switch scanner.current {
    case UInt8(ascii: "["):
      let open = scanner.mark
      guard scanner.skipMatrix() else {
        throw ParseError(.unterminated("matrix mpc.\(field) opened here"), at: valueAt)
      }
      deferred.append(DeferredMatrix(field: field, location: valueAt, open: open, byteCount: scanner.position - open.position))
      value = .matrix(MatpowerRawMatrix(location: valueAt))  // the numbers come in parse()
    case UInt8(ascii: "{"):
      value = try parseCell(field: field)
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      value = .string(try scanner.quotedString(), valueAt)
    default:
      guard let number = scanner.number() else {
        throw ParseError(.invalidNumber(scanner.tokenText()), at: valueAt)
      }
      value = .number(number, valueAt)
    }
    scanner.skipBlanks()
    if scanner.current == UInt8(ascii: "'") {
      throw ParseError(.syntax("transposed values (') are not supported in mpc.\(field)"), at: scanner.location)
    }
    if !(scanner.atEnd || scanner.atNewline || scanner.current == UInt8(ascii: ";") || scanner.current == UInt8(ascii: ",")) {
      throw ParseError(.syntax("unexpected '\(scanner.tokenText())' after the value of mpc.\(field)"), at: scanner.location)
    }
    endStatement()
    if raw.fields[field] != nil {
      raw.diagnostics.append(Diagnostic("mpc.\(field) is assigned more than once; the last assignment is used", at: start))
    } else {
      raw.order.append(field)
    }
    raw.fields[field] = value
  }

  /// Reads `[ ... ]` into `matrix`: rows end at `;` or a line end, elements are separated by
  /// blanks or commas. `byteCount`: the length of the matrix's text.
  private mutating func parseMatrix(
    field: String, opensAt location: SourceLocation, byteCount: Int, into matrix: inout MatpowerRawMatrix
  ) throws(ParseError) {
    // Reserve for the numbers (about one per 8 bytes in real files), so that a large
    // matrix is not copied again and again as it grows.
    matrix.values.reserveCapacity(byteCount / 6)
    scanner.advance()  // [
    var rowWidth = 0
    // A mark, not a SourceLocation: making one per row would copy the file name each time.
    var rowStart = scanner.mark
    func finishRow(_ m: inout MatpowerRawMatrix) throws(ParseError) {
      guard rowWidth > 0 else { return }
      if m.rowLines.isEmpty {
        m.columns = rowWidth
      } else if rowWidth != m.columns {
        throw ParseError(
          .other("row of mpc.\(field) has \(rowWidth) columns but its first row has \(m.columns); every row must have the same number of columns"),
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
        throw ParseError(.unterminated("matrix mpc.\(field) opened here"), at: location)
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
        throw ParseError(.unterminated("matrix mpc.\(field) opened here"), at: location)
      } else {
        guard let value = scanner.number() else {
          // number() leaves the cursor on the token it could not read.
          if c == 0 { throw ParseError(.binary, at: scanner.location) }
          throw ParseError(.invalidNumber(scanner.tokenText()), at: scanner.location)
        }
        matrix.values.append(value)
        rowWidth += 1
      }
    }
  }

  /// Reads `{ ... }` holding one quoted string per row; other cell content is an error.
  private mutating func parseCell(field: String) throws(ParseError) -> MatpowerRawValue {
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
        return .cell(items, rowLines: lines, open)
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
  let field: String
  /// Where the `[` is.
  let location: SourceLocation
  let open: MatpowerScanner.Mark
  /// Length of the text from `[` to `]`.
  let byteCount: Int
}
