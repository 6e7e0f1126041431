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

  /// In a large file, matrices are read on other threads as soon as the statement pass has
  /// found their end, while it goes on through the file.
  private let background: BackgroundMatrices?

  init(bytes: [UInt8], file: String) {
    scanner = MatpowerScanner(bytes: bytes, file: file)
    background = bytes.count > 1 << 18 ? BackgroundMatrices() : nil
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
    let stop = statementError.map { error in deferred.lastIndex { $0.open.line <= error.location.line } ?? -1 } ?? deferred.count - 1
    let matrices =
      background?.results(count: stop + 1)
      ?? deferred.prefix(stop + 1).map { item in
        item.merge((0..<item.pieceCount).map { Self.readPiece($0, of: item, bytes: scanner.bytes, file: scanner.file) })
      }
    for (item, result) in zip(deferred, matrices) {
      switch result {
      case .success(let matrix): raw.fields[item.field] = .matrix(matrix)
      case .failure(let error): throw error
      }
    }
    if let statementError { throw statementError }
    return raw
  }

  /// The numbers of one piece of a matrix found by the statement pass.
  fileprivate static func readPiece(_ piece: Int, of item: DeferredMatrix, bytes: [UInt8], file: String) -> MatrixPiece {
    var parser = MatpowerStatementParser(bytes: [], file: file)
    let start = piece == 0 ? item.open : item.cuts[piece - 1]
    parser.scanner = MatpowerScanner(bytes: bytes, file: file, mark: start)
    let end = piece < item.cuts.count ? item.cuts[piece].position : nil
    var result = MatrixPiece()
    do {
      try parser.parseMatrix(
        field: item.field, opensAt: item.location, isFirst: piece == 0, end: end,
        byteCount: (end ?? item.open.position + item.byteCount) - start.position, into: &result)
    } catch {
      result.error = error
    }
    return result
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
      var cuts: [MatpowerScanner.Mark] = []
      guard scanner.skipMatrix(cutEvery: background == nil ? Int.max : DeferredMatrix.pieceBytes, cuts: &cuts) else {
        throw ParseError(.unterminated("matrix mpc.\(field) opened here"), at: valueAt)
      }
      deferred.append(DeferredMatrix(field: field, location: valueAt, open: open, byteCount: scanner.position - open.position, cuts: cuts))
      background?.read(deferred[deferred.count - 1], bytes: scanner.bytes, file: scanner.file)
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

  /// Reads `[ ... ]`, or one piece of it, into `piece`: rows end at `;` or a line end,
  /// elements are separated by blanks or commas. The first piece starts at the `[`; a piece
  /// that is not the last ends at `end`, the start of a row found by
  /// ``MatpowerScanner/skipMatrix(cutEvery:cuts:)``. `byteCount`: the length of the piece's text.
  private mutating func parseMatrix(
    field: String, opensAt location: SourceLocation, isFirst: Bool, end: Int?, byteCount: Int, into piece: inout MatrixPiece
  ) throws(ParseError) {
    // Reserve for the numbers (about one per 8 bytes in real files), so that a large
    // matrix is not copied again and again as it grows.
    piece.values.reserveCapacity(byteCount / 6)
    if isFirst { scanner.advance() }  // [
    var rowWidth = 0
    // A mark, not a SourceLocation: making one per row would copy the file name each time.
    var rowStart = scanner.mark
    func finishRow(_ m: inout MatrixPiece) throws(ParseError) {
      guard rowWidth > 0 else { return }
      if m.rowLines.isEmpty {
        m.columns = rowWidth
        m.firstRow = scanner.location(of: rowStart)
      } else if rowWidth != m.columns {
        throw DeferredMatrix.widthMismatch(field: field, width: rowWidth, firstRowWidth: m.columns, at: scanner.location(of: rowStart))
      }
      m.rowLines.append(rowStart.line)
      rowWidth = 0
    }
    while true {
      if let end, scanner.position >= end { return }
      scanner.skipBlanks()
      if rowWidth == 0 { rowStart = scanner.mark }
      let c = scanner.current
      if scanner.atEnd {
        throw ParseError(.unterminated("matrix mpc.\(field) opened here"), at: location)
      } else if c == UInt8(ascii: "]") {
        scanner.advance()
        try finishRow(&piece)
        return
      } else if c == UInt8(ascii: ";") {
        scanner.advance()
        try finishRow(&piece)
      } else if scanner.atNewline {
        scanner.consumeNewline()
        try finishRow(&piece)
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
        piece.values.append(value)
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

/// Matrices read on other threads, in the order they were handed over (matrices are
/// independent; their results are collected in file order).
private final class BackgroundMatrices: @unchecked Sendable {
  // Each slot is written by one task; the lock orders the writes before the reads.
  private let lock = NSLock()
  private let batch = TaskBatch()
  private var pieces: [[MatrixPiece?]] = []
  private var missing: [Int] = []
  private var matrices: [Result<MatpowerRawMatrix, ParseError>?] = []

  /// Queues the pieces of `item`, each read by whichever thread is free first; the thread
  /// that reads the last one joins them, while the others go on with other pieces.
  func read(_ item: DeferredMatrix, bytes: [UInt8], file: String) {
    lock.lock()
    let k = pieces.count
    pieces.append(Array(repeating: nil, count: item.pieceCount))
    missing.append(item.pieceCount)
    matrices.append(nil)
    lock.unlock()
    for piece in 0..<item.pieceCount {
      batch.add {
        let result = MatpowerStatementParser.readPiece(piece, of: item, bytes: bytes, file: file)
        self.lock.lock()
        self.pieces[k][piece] = result
        self.missing[k] -= 1
        let all = self.missing[k] == 0 ? self.pieces[k].map { $0! } : nil
        if all != nil { self.pieces[k] = [] }
        self.lock.unlock()
        guard let all else { return }
        let matrix = item.merge(all)
        self.lock.lock()
        self.matrices[k] = matrix
        self.lock.unlock()
      }
    }
  }

  /// The first `count` matrices, once every queued piece is read (the calling thread reads
  /// those no helper has started).
  func results(count: Int) -> [Result<MatpowerRawMatrix, ParseError>] {
    batch.finish()
    lock.lock()
    defer { lock.unlock() }
    // finish() returns when every task has run, the last piece of each matrix joining them.
    return matrices.prefix(count).map { $0! }
  }
}
