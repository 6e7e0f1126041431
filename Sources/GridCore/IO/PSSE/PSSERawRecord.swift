/// One record (line) of a PSS/E RAW section, split into fields, with typed access
/// that names the field and its place in every error.
///
/// Fields are numbered from 1 as the PSS/E manual numbers them. A field that is blank
/// (`1,,3`) or left out at the end of the record takes its default (PSS/E's); a field
/// without a default must be given.
struct PSSERawRecord {
  let document: PSSERawDocument
  /// Position of the line in ``PSSERawDocument/lines``.
  let position: Int
  let fields: [PSSERawField]
  /// What the record is, for messages (`bus record`, `transformer record 3`).
  let what: String

  private var bytes: [UInt8] { document.bytes }
  private var line: PSSERawDocument.Line { document.lines[position] }

  /// The record at `position`, split into at most `limit` fields.
  init(document: PSSERawDocument, position: Int, limit: Int, what: String, buffer: inout [PSSERawField]) throws(ParseError) {
    self.document = document
    self.position = position
    self.what = what
    let line = document.lines[position]
    do {
      try PSSERawTokenizer.split(document.bytes, from: line.start, to: line.end, limit: limit, into: &buffer)
    } catch {
      switch error {
      case .unterminatedQuote(let at):
        throw ParseError(
          .syntax("the quote opened here is not closed on this line; close it (a quote inside text is written twice: 'O''HARA')"),
          at: document.location(line: position, column: at - line.start + 1))
      }
    }
    self.fields = buffer
  }

  /// Where the record starts (`file:line`).
  var location: SourceLocation { document.location(line: position) }

  /// Where field `index` is (`file:line:column`), or the end of the line when the record has fewer fields.
  func location(_ index: Int) -> SourceLocation {
    guard index >= 1, index <= fields.count else {
      return document.location(line: position, column: line.end - line.start + 1)
    }
    return document.location(line: position, column: fields[index - 1].column(lineStart: line.start))
  }

  /// True when field `index` is missing or blank.
  func isBlank(_ index: Int) -> Bool { index > fields.count || fields[index - 1].isBlank }

  /// The text of field `index` (quotes removed, blanks kept); empty when missing.
  func text(_ index: Int) -> String {
    index <= fields.count ? PSSERawTokenizer.text(of: fields[index - 1], in: bytes) : ""
  }

  /// The text of field `index` without leading and trailing blanks.
  func trimmedText(_ index: Int) -> String {
    index <= fields.count ? PSSERawTokenizer.text(of: fields[index - 1], in: bytes, trimmed: true) : ""
  }

  /// Field `index` as written, shortened for a message.
  private func excerpt(_ index: Int) -> String { PSSERawText.excerpt(text(index)) }

  /// A real field (`name` as the manual calls it, e.g. `BASKV`); `defaultValue` when blank, required when nil.
  /// `Inf` and `-Inf` are read only for a limit (`infiniteLimit`), as MATPOWER's `save2psse` writes them.
  func real(_ index: Int, _ name: String, default defaultValue: Double? = nil, infiniteLimit: Bool = false)
    throws(ParseError) -> Double
  {
    guard !isBlank(index) else {
      if let defaultValue { return defaultValue }
      throw missing(index, name)
    }
    let field = fields[index - 1]
    guard field.quote == 0 else { throw quoted(index, name, expected: "a number") }
    if infiniteLimit, let infinity = PSSERawNumber.infinity(bytes, field.start, field.end) { return infinity }
    guard let value = PSSERawNumber.real(bytes, field.start, field.end) else {
      throw ParseError(.invalidNumber(excerpt(index)), at: location(index)).named(name, in: what)
    }
    guard value.isFinite else { throw ParseError(.nonFinite(field: "\(name) of this \(what)"), at: location(index)) }
    return value
  }

  /// An integer field; `defaultValue` when blank, required when nil.
  func integer(_ index: Int, _ name: String, default defaultValue: Int? = nil) throws(ParseError) -> Int {
    guard !isBlank(index) else {
      if let defaultValue { return defaultValue }
      throw missing(index, name)
    }
    let field = fields[index - 1]
    guard field.quote == 0 else { throw quoted(index, name, expected: "a whole number") }
    guard let value = PSSERawNumber.integer(bytes, field.start, field.end) else {
      throw ParseError(
        .other("\(name) of this \(what) must be a whole number; found '\(excerpt(index))'"), at: location(index))
    }
    return value
  }

  /// An integer field that must be one of `allowed` (codes such as STAT or CW).
  func code(_ index: Int, _ name: String, default defaultValue: Int, allowed: ClosedRange<Int>, meaning: String)
    throws(ParseError) -> Int
  {
    let value = try integer(index, name, default: defaultValue)
    guard allowed.contains(value) else {
      throw ParseError(.outOfRange(field: "\(name) of this \(what)", value: "\(value)", expected: meaning), at: location(index))
    }
    return value
  }

  /// A bus number field (1 … 999,999,999 here; PSS/E itself stops at 999,997).
  func busNumber(_ index: Int, _ name: String, allowNegative: Bool = false) throws(ParseError) -> Int {
    let value = try integer(index, name)
    let number = allowNegative ? abs(value) : value
    guard number >= 1, number <= PSSERawRecord.largestBusNumber else {
      throw ParseError(
        .outOfRange(field: "\(name) of this \(what)", value: "\(value)", expected: "a bus number from 1 to 999999999"),
        at: location(index))
    }
    return number
  }

  static let largestBusNumber = 999_999_999

  private func missing(_ index: Int, _ name: String) -> ParseError {
    ParseError(.other("this \(what) lacks \(name) (field \(index)), which has no default"), at: location(index))
  }

  private func quoted(_ index: Int, _ name: String, expected: String) -> ParseError {
    ParseError(
      .other("\(name) of this \(what) must be \(expected), not quoted text '\(excerpt(index))'"
        + (index == 1 ? " (bus names in place of bus numbers are not supported)" : "")),
      at: location(index))
  }
}

extension ParseError {
  /// An invalid-number error that names the field: `BASKV of this bus record: 'x' is not a number`.
  fileprivate func named(_ name: String, in what: String) -> ParseError {
    guard case .invalidNumber(let token) = kind else { return self }
    return ParseError(.other("\(name) of this \(what) must be a number; found '\(token)'"), at: location)
  }
}
