/// A value of the MATPOWER data language while a file's statements run: a real matrix
/// (a scalar is 1 × 1), stored row by row like ``MatpowerRawMatrix``.
struct MatpowerArray: Sendable {
  var rows: Int
  var columns: Int
  var values: [Double]
  /// The result of a comparison or `isinf`/`isnan`: as an index it selects where it is true.
  var logical = false
  /// 1-based file line of each row, when the value is a matrix literal as written (a change
  /// table's `chgtab`), for messages that point at a row.
  var rowLines: [Int]? = nil

  init(rows: Int, columns: Int, values: [Double], logical: Bool = false) {
    precondition(values.count == rows * columns, "array storage does not match its shape")
    self.rows = rows
    self.columns = columns
    self.values = values
    self.logical = logical
  }

  init(scalar: Double) { self.init(rows: 1, columns: 1, values: [scalar]) }

  static let empty = MatpowerArray(rows: 0, columns: 0, values: [])

  var count: Int { values.count }
  var isScalar: Bool { rows == 1 && columns == 1 }
  var isVector: Bool { rows == 1 || columns == 1 }
  var shape: String { "\(rows)×\(columns)" }
}

/// The limits that keep any input's statements within a few seconds and bounded memory.
enum MatpowerLimits {
  /// Largest number of elements of one matrix, literal or computed (8 bytes each: 256 MB).
  static let maxElements = 1 << 25
  /// Element operations all the statements of a file may do together (a few seconds at most).
  static let maxWork = 1 << 28
  /// Nesting of parentheses, brackets and calls in one expression.
  static let maxExpressionDepth = 64
  /// Nesting of `if` blocks.
  static let maxBlockDepth = 16
}
