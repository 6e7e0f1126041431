/// The text formats of the matrix reports, ``PTDFReport`` and ``LODFReport``
/// (`gridtool ptdf`, `gridtool lodf`; docs/sensitivity.md gives the contracts).
public enum MatrixFormat: String, Sendable, CaseIterable {
  /// A header line, then one line per row: the 1-based branch row and the factors, an empty
  /// cell where a factor does not exist.
  case csv
  /// One object: the row and column labels, then the matrix as an array of rows, `null`
  /// where a factor does not exist.
  case json
}
