/// Hourly profiles over a scenario's period: one column per profile, one value
/// per hour (hour 0 is the period's first hour).
///
/// Columns come from CSV files (``ProfileCSV``) or are added in code. Each
/// column remembers the file lines its values came from, so that a value that
/// is read correctly but makes no sense where it is used (an availability
/// above 1, an HVDC schedule above the link's rating) is still reported as
/// `file:line`.
public struct ProfileTable: Sendable {
  /// First hour of the period.
  public let start: ClockHour
  /// Number of hours in the period.
  public let hours: Int
  /// Column names, in the order the files list them.
  public private(set) var names: [String] = []
  /// Column position by name (a header of 200,000 columns is checked in linear time).
  private var positions: [String: Int] = [:]
  private var values: [[Double]] = []
  /// Header cell of each column (nil for columns added in code).
  private var headers: [SourceLocation?] = []
  /// Per column: the file it came from (index into `files`), −1 for columns added in code.
  private var fileOfColumn: [Int] = []
  /// Per file: its path and the line of each period hour.
  private var files: [(path: String, lines: [Int32])] = []

  /// An empty table over `hours` hours from `start`.
  public init(start: ClockHour, hours: Int) {
    precondition(hours >= 0)
    self.start = start
    self.hours = hours
  }

  /// Position of a column, nil when no column has that name.
  public func index(of name: String) -> Int? { positions[name] }

  /// All values of a column, one per hour.
  public func column(_ index: Int) -> [Double] { values[index] }

  /// The value of column `column` at `hour` (0-based within the period).
  @inline(__always) public func value(_ column: Int, hour: Int) -> Double { values[column][hour] }

  /// Adds a column computed in code (e.g. a load-scaling profile). Names must be unique.
  public mutating func add(name: String, values: [Double]) throws(ParseError) {
    precondition(values.count == hours, "ProfileTable.add: \(values.count) values for \(hours) hours")
    try append(name: name, values: values, header: nil, file: -1)
  }

  /// Registers a file and returns its number, for ``append(name:values:header:file:)``.
  mutating func addFile(path: String, lines: [Int32]) -> Int {
    files.append((path, lines))
    return files.count - 1
  }

  mutating func append(name: String, values: [Double], header: SourceLocation?, file: Int) throws(ParseError) {
    if let existing = index(of: name) {
      let previous = headers[existing].map { " (first at \($0))" } ?? ""
      throw ParseError(
        .other("profile column '\(ParseError.excerpt(name))' is defined twice\(previous); column names must be unique across the profile files"),
        at: header ?? SourceLocation(file: "<profiles>", line: 1))
    }
    positions[name] = names.count
    names.append(name)
    self.values.append(values)
    headers.append(header)
    fileOfColumn.append(file)
  }

  /// Where column `column` got its value for `hour`: the CSV line, or the header for columns added in code.
  public func location(column: Int, hour: Int) -> SourceLocation {
    let file = fileOfColumn[column]
    guard file >= 0 else { return SourceLocation(file: "<profile '\(names[column])'>", line: hour + 1) }
    return SourceLocation(file: files[file].path, line: Int(files[file].lines[hour]))
  }

  /// The header cell of a column, if it came from a file.
  public func header(of column: Int) -> SourceLocation? { headers[column] }

  /// Throws at the first hour whose value fails `isValid`, naming the CSV line, the column and what was expected.
  func check(column: Int, expected: String, _ isValid: (Double) -> Bool) throws(ParseError) {
    for (hour, v) in values[column].enumerated() where !isValid(v) {
      throw ParseError(
        .outOfRange(
          field: "profile '\(names[column])' at \(start.adding(hours: hour))", value: ProfileTable.format(v), expected: expected),
        at: location(column: column, hour: hour))
    }
  }

  static func format(_ v: Double) -> String {
    let text = "\(v)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
