/// Reads hourly profiles from CSV: a header line, then one row per hour with a
/// timestamp column and one number per profile column.
///
/// ```
/// # comment lines start with '#'
/// time,wind_hami,load_north
/// 2024-01-01T00:00,0.3125,0.9412
/// ```
/// Fields are separated by commas and not quoted; a leading UTF-8 byte-order mark (as
/// spreadsheet programs write) is skipped. Timestamps (``ClockHour``)
/// must increase by exactly one hour from row to row. The rows must cover the
/// table's period; rows before or after it are checked and ignored. Every
/// error is a ``ParseError`` at `file:line:column`.
public enum ProfileCSV {
  /// Reads `path` and adds its profile columns to `table`.
  /// - Parameters:
  ///   - path: the CSV file, used as given in messages.
  ///   - timestampColumn: the header of the column with each row's hour.
  ///   - table: the profiles read so far; this file's columns are added to it.
  ///   - limits: the largest file accepted (``InputLimits/maximumBytes``).
  public static func read(
    _ path: String, timestampColumn: String = "time", into table: inout ProfileTable, limits: InputLimits = .standard
  ) throws(ParseError) {
    let bytes = try InputFile.bytes(of: path, limits: limits)
    try parse(bytes, file: path, timestampColumn: timestampColumn, into: &table)
  }

  /// Parses CSV text already in memory; `file` names it in messages.
  public static func parse(_ text: String, file: String, timestampColumn: String = "time", into table: inout ProfileTable)
    throws(ParseError)
  {
    try parse(Array(text.utf8), file: file, timestampColumn: timestampColumn, into: &table)
  }

  /// Parses CSV bytes already in memory; `file` names them in messages.
  public static func parse(_ bytes: [UInt8], file: String, timestampColumn: String = "time", into table: inout ProfileTable)
    throws(ParseError)
  {
    if let nul = bytes.firstIndex(of: 0) { throw ParseError(.binary, at: TextPosition.location(of: nul, in: bytes, file: file)) }
    var header: [String] = []
    var headerLine = 0
    var timeField = -1
    // The values of the period's hours, row after row (one per column but the timestamp):
    // memory grows with the rows read, never with the header alone.
    var rowValues: [Double] = []
    var lines = [Int32](repeating: 0, count: table.hours)
    var first: (hour: ClockHour, line: Int)? = nil
    var previous: (hour: ClockHour, line: Int)? = nil
    let periodStart = table.start.index, periodEnd = table.start.index + table.hours

    var lineNumber = 0
    var lineStart = InputText.hasByteOrderMark(bytes) ? 3 : 0
    while lineStart < bytes.count || (lineStart == bytes.count && lineNumber == 0) {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
      let next = lineEnd + 1
      var end = lineEnd
      if end > lineStart, bytes[end - 1] == 13 { end -= 1 }  // CRLF files
      defer { lineStart = next }
      let line = bytes[lineStart..<end]
      guard let firstByte = line.first(where: { $0 != 32 && $0 != 9 }), firstByte != 35 else { continue }  // blank or '#'
      let fields = split(line, lineStart: lineStart)
      if header.isEmpty {
        headerLine = lineNumber
        header = try headerNames(fields, bytes: bytes, file: file, line: lineNumber)
        guard let t = header.firstIndex(of: timestampColumn) else {
          throw ParseError(
            .other(
              "no timestamp column '\(ParseError.excerpt(timestampColumn))' in the header (columns: \(ParseError.list(header))); name it or set 'timestamp_column'"
            ),
            at: SourceLocation(file: file, line: lineNumber, column: 1))
        }
        timeField = t
        continue
      }
      guard fields.count == header.count else {
        throw ParseError(
          .other("this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header (line \(headerLine)) has \(header.count)"),
          at: SourceLocation(file: file, line: lineNumber, column: 1))
      }
      let timeRange = fields[timeField]
      func at(_ range: Range<Int>) -> SourceLocation { SourceLocation(file: file, line: lineNumber, column: range.lowerBound - lineStart + 1) }
      guard let hour = ClockHour.parse(bytes[trimmedRange(bytes, timeRange)]) else {
        let timeText = trimmed(bytes, timeRange)
        throw ParseError(.other("'\(ParseError.excerpt(timeText))' is not a timestamp; write YYYY-MM-DDTHH:MM (e.g. 2024-01-01T00:00)"), at: at(timeRange))
      }
      if let previous, hour.index != previous.hour.index + 1 {
        let problem =
          hour.index <= previous.hour.index
          ? "timestamps must increase: \(hour) follows \(previous.hour) (line \(previous.line))"
          : "\(hour.index - previous.hour.index - 1) hour(s) missing: \(hour) follows \(previous.hour) (line \(previous.line)); the profiles need one row per hour"
        throw ParseError(.other(problem), at: at(timeRange))
      }
      if first == nil { first = (hour, lineNumber) }
      previous = (hour, lineNumber)
      let offset = hour.index - periodStart
      let inPeriod = hour.index >= periodStart && hour.index < periodEnd
      if inPeriod { lines[offset] = Int32(clamping: lineNumber) }
      for (c, range) in fields.enumerated() where c != timeField {
        let digits = trimmedRange(bytes, range)
        guard !digits.isEmpty else {
          throw ParseError(.other("column '\(ParseError.excerpt(header[c]))' has no value at \(hour); write a number"), at: at(range))
        }
        guard let value = number(bytes, digits), value.isFinite else {
          throw ParseError(
            .other("'\(ParseError.excerpt(trimmed(bytes, range)))' in column '\(ParseError.excerpt(header[c]))' is not a finite number"),
            at: at(range))
        }
        if inPeriod { rowValues.append(value) }
      }
    }

    let location = SourceLocation(file: file, line: max(1, lineNumber))
    guard !header.isEmpty else { throw ParseError(.other("the profile file is empty; expected a header line and one row per hour"), at: location) }
    guard let first, let last = previous else {
      throw ParseError(.other("the profile file has a header but no rows"), at: SourceLocation(file: file, line: headerLine))
    }
    let startHour = table.start, endHour = table.start.adding(hours: table.hours - 1)
    if first.hour.index > periodStart {
      throw ParseError(
        .other("the profiles start at \(first.hour), after the period's first hour \(startHour); add rows or move 'period.start'"),
        at: SourceLocation(file: file, line: first.line))
    }
    if last.hour.index < periodEnd - 1 {
      let available = max(0, last.hour.index - periodStart + 1)
      throw ParseError(
        .other(
          "the profiles end at \(last.hour): \(available) hourly row\(available == 1 ? "" : "s") in the period, which needs \(table.hours) (\(startHour) to \(endHour)); add rows or shorten 'period.hours'"
        ), at: SourceLocation(file: file, line: last.line))
    }
    // The rows are the period's hours, in order (the checks above): one column at a time.
    let fileNumber = table.addFile(path: file, lines: lines)
    let width = header.count - 1
    for (c, name) in header.enumerated() where c != timeField {
      let j = c < timeField ? c : c - 1
      let values = (0..<table.hours).map { rowValues[$0 * width + j] }
      try table.append(name: name, values: values, header: SourceLocation(file: file, line: headerLine, column: 1), file: fileNumber)
    }
  }

  /// Field ranges (byte offsets into the whole file) of one line.
  private static func split(_ line: ArraySlice<UInt8>, lineStart: Int) -> [Range<Int>] {
    var fields: [Range<Int>] = []
    var start = line.startIndex
    for i in line.indices where line[i] == 44 {
      fields.append(start..<i)
      start = i + 1
    }
    fields.append(start..<line.endIndex)
    return fields
  }

  private static func trimmedRange(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    var lo = range.lowerBound, hi = range.upperBound
    while lo < hi, bytes[lo] == 32 || bytes[lo] == 9 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 32 || bytes[hi - 1] == 9 { hi -= 1 }
    return lo..<hi
  }

  private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    String(decoding: bytes[trimmedRange(bytes, range)], as: UTF8.self)
  }

  /// A decimal number. Plain decimals of up to 15 significant digits take Clinger's exact fast path
  /// (an integer below 2⁵³ divided by a power of ten up to 10²², both exact: the quotient is
  /// correctly rounded, the same double `Double(String)` gives); anything else goes to `Double(String)`.
  private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
    var i = range.lowerBound
    var negative = false
    if bytes[i] == 45 || bytes[i] == 43 {
      negative = bytes[i] == 45
      i += 1
    }
    var mantissa: Int64 = 0, digits = 0, fraction = 0, seenPoint = false, seenDigit = false
    while i < range.upperBound {
      let b = bytes[i]
      if b >= 48 && b <= 57 {
        seenDigit = true
        if mantissa > 0 || b != 48 { digits += 1 }
        mantissa = mantissa &* 10 &+ Int64(b - 48)
        if seenPoint { fraction += 1 }
      } else if b == 46, !seenPoint {
        seenPoint = true
      } else {
        break
      }
      i += 1
    }
    guard i == range.upperBound, seenDigit, digits <= 15, fraction <= 22 else {
      return Double(String(decoding: bytes[range], as: UTF8.self))
    }
    let value = Double(mantissa) / powersOfTen[fraction]
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

  private static func headerNames(_ fields: [Range<Int>], bytes: [UInt8], file: String, line: Int) throws(ParseError) -> [String] {
    var names: [String] = []
    var seen = Set<String>()
    for range in fields {
      var name = trimmed(bytes, range)
      if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
      let location = SourceLocation(file: file, line: line, column: range.lowerBound + 1 - (fields.first?.lowerBound ?? 0))
      guard !name.isEmpty else { throw ParseError(.other("a column of the header has no name"), at: location) }
      guard seen.insert(name).inserted else { throw ParseError(.duplicateID(name), at: location) }
      names.append(name)
    }
    return names
  }
}
