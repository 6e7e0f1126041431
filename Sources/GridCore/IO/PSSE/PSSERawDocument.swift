/// The lines of a PSS/E RAW file grouped as MATPOWER's `psse_read` groups them: the case
/// identification (the first three lines), then one section per terminator record.
///
/// A terminator is a line holding only `0` (blanks before, a `/` comment after allowed);
/// a `Q` record ends the data: it also ends a section that holds records, and everything
/// after it (sequence data, for instance) is not read. Each section keeps the label of its
/// terminator (`BUS` from `0 / END OF BUS DATA, BEGIN LOAD DATA`). Blank lines and `@!`
/// column-heading lines (written by PSS/E 34 and 35) are not records.
///
/// Lines are byte ranges of the file: nothing is copied, and the work is one pass. A class,
/// so that every record of the file refers to it at the cost of one reference.
final class PSSERawDocument {
  /// One line without its line break: bytes `start..<end`, line `number` (1-based).
  /// Stored in 32 bits each: the reader takes files below 2 GiB (``PSSERawDocument/largestFile``).
  struct Line: Sendable {
    private let first: Int32, past: Int32, line: Int32
    var start: Int { Int(first) }
    var end: Int { Int(past) }
    var number: Int { Int(line) }

    init(start: Int, end: Int, number: Int) {
      first = Int32(truncatingIfNeeded: start)
      past = Int32(truncatingIfNeeded: end)
      line = Int32(truncatingIfNeeded: number)
    }
  }

  /// The largest file read, in bytes (line positions are stored in 32 bits).
  static let largestFile = Int(Int32.max)

  /// A section: its records (positions in ``lines``) and how it ended.
  struct Section: Sendable {
    /// Positions in ``PSSERawDocument/lines`` of the section's records, in file order.
    var records: [Int]
    /// What the terminator's comment says the section holds (`BUS`), upper case; nil when it says nothing.
    var label: String?
    /// Position in ``PSSERawDocument/lines`` of the terminator; nil when the file ended first.
    var terminator: Int?
  }

  let bytes: [UInt8]
  let file: String
  private(set) var lines: [Line] = []
  /// Positions in ``lines`` of the case identification record and the two title lines.
  private(set) var identification: [Int] = []
  private(set) var sections: [Section] = []
  /// Position in ``lines`` of the `Q` record, if any.
  private(set) var qRecord: Int?

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
    splitLines()
    group()
  }

  func location(line position: Int, column: Int? = nil) -> SourceLocation {
    SourceLocation(file: file, line: lines[position].number, column: column)
  }

  /// Where the file ends: after the last line.
  var endLocation: SourceLocation {
    SourceLocation(file: file, line: max(1, lines.last?.number ?? 1))
  }

  /// The lines that matter: `@!` headings and (after the three identification lines) blank
  /// lines are not kept, so a file of empty lines takes no memory beyond its bytes.
  private func splitLines() {
    var start = 0
    // A UTF-8 byte-order mark is not part of the first line.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    var p = start
    var number = 1
    let count = min(bytes.count, Self.largestFile)
    func keep(_ line: Line) {
      if isHeading(line) || (lines.count >= 3 && isBlankLine(line)) { return }
      lines.append(line)
    }
    let local = bytes
    let text = local.span
    while p < count {
      let c = text[p]
      if c == 0x0A || c == 0x0D {
        keep(Line(start: start, end: p, number: number))
        p += c == 0x0D && p + 1 < count && text[p + 1] == 0x0A ? 2 : 1
        start = p
        number += 1
      } else {
        p += 1
      }
    }
    if start < count { keep(Line(start: start, end: count, number: number)) }
  }

  private func group() {
    var current = Section(records: [], label: nil, terminator: nil)
    for position in lines.indices {
      let line = lines[position]
      if identification.count < 3 {
        identification.append(position)
        continue
      }
      if isTerminator(line, first: UInt8(ascii: "0")) {
        current.label = label(of: line)
        current.terminator = position
        sections.append(current)
        current = Section(records: [], label: nil, terminator: nil)
      } else if isTerminator(line, first: UInt8(ascii: "Q")) {
        qRecord = position
        if !current.records.isEmpty {
          current.terminator = position
          sections.append(current)
        }
        return
      } else if !isBlankLine(line) {
        current.records.append(position)
      }
    }
    // The file ended inside a section: kept, without terminator, for the reader to judge.
    if !current.records.isEmpty { sections.append(current) }
  }

  /// `@!` column headings of PSS/E 34 and 35.
  private func isHeading(_ line: Line) -> Bool {
    var p = line.start
    while p < line.end, PSSERawTokenizer.isBlank(bytes[p]) { p += 1 }
    return p + 1 < line.end && bytes[p] == UInt8(ascii: "@") && bytes[p + 1] == UInt8(ascii: "!")
  }

  private func isBlankLine(_ line: Line) -> Bool {
    bytes[line.start..<line.end].allSatisfy { PSSERawTokenizer.isBlank($0) }
  }

  /// A `0` terminator (blanks before it allowed) or a `Q` record (in the first column),
  /// followed by nothing but blanks and a `/` comment: MATPOWER's `^(Q|\s*0)\s*(/.*)?$`.
  private func isTerminator(_ line: Line, first: UInt8) -> Bool {
    var p = line.start
    if first == UInt8(ascii: "0") {
      while p < line.end, PSSERawTokenizer.isBlank(bytes[p]) { p += 1 }
    }
    guard p < line.end, bytes[p] == first else { return false }
    p += 1
    while p < line.end, PSSERawTokenizer.isBlank(bytes[p]) { p += 1 }
    return p == line.end || bytes[p] == UInt8(ascii: "/")
  }

  /// `BUS` from `0 / END OF BUS DATA, BEGIN LOAD DATA`: the words between `END OF` and the
  /// first `DATA`, upper case; nil when the comment has no `END OF`.
  private func label(of line: Line) -> String? {
    // Labels are short; a longer comment is not read past this many bytes.
    let end = min(line.end, line.start + 200)
    let text = String(decoding: bytes[line.start..<end], as: UTF8.self).uppercased()
    guard let slash = text.firstIndex(of: "/") else { return nil }
    let comment = text[text.index(after: slash)...]
    guard let endOf = comment.range(of: "END OF") else { return nil }
    var words = comment[endOf.upperBound...]
    if let data = words.range(of: "DATA") { words = words[..<data.lowerBound] }
    let label = PSSERawText.trimmed(String(words))
    return label.isEmpty ? nil : label
  }
}

/// Small text helpers of the RAW reader.
enum PSSERawText {
  /// `text` without leading and trailing spaces and tabs.
  static func trimmed(_ text: String) -> String {
    var s = Substring(text)
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return String(s)
  }

  /// At most `limit` characters of `text`, with `…` when cut (for messages).
  static func excerpt(_ text: String, limit: Int = 40) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
  }
}
