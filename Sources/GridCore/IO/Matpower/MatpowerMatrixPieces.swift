/// A matrix the statement pass found and skipped, to be read later, possibly in pieces on
/// several threads: case_ACTIVSg70k's branch matrix alone is 9 MB of text.
struct DeferredMatrix: Sendable {
  /// Text per piece, about: a few pieces for the large matrices of a large case.
  static let pieceBytes = 256 << 10

  let field: String
  /// Where the `[` is.
  let location: SourceLocation
  let open: MatpowerScanner.Mark
  /// Length of the text from `[` to `]`.
  let byteCount: Int
  /// Row starts where the text is cut into pieces (none for a small matrix).
  let cuts: [MatpowerScanner.Mark]

  var pieceCount: Int { cuts.count + 1 }

  /// The matrix the pieces make, or the error a reader going through the text in one pass
  /// would report first.
  func merge(_ pieces: [MatrixPiece]) -> Result<MatpowerRawMatrix, ParseError> {
    var matrix = MatpowerRawMatrix(location: location)
    if pieces.count == 1 {
      // The common case (small matrices): no copy.
      let piece = pieces[0]
      if let error = piece.error { return .failure(error) }
      matrix.values = piece.values
      matrix.columns = piece.columns
      matrix.rowLines = piece.rowLines
      return .success(matrix)
    }
    matrix.values.reserveCapacity(pieces.reduce(0) { $0 + $1.values.count })
    matrix.rowLines.reserveCapacity(pieces.reduce(0) { $0 + $1.rowLines.count })
    for piece in pieces {
      // A piece's rows all have the width of its first row (or it reports the first that has
      // not), so only that first row can disagree with the rows before the piece.
      if let first = piece.firstRow {
        if matrix.rowLines.isEmpty {
          matrix.columns = piece.columns
        } else if piece.columns != matrix.columns {
          return .failure(Self.widthMismatch(field: field, width: piece.columns, firstRowWidth: matrix.columns, at: first))
        }
      }
      if let error = piece.error { return .failure(error) }
      matrix.values += piece.values
      matrix.rowLines += piece.rowLines
    }
    return .success(matrix)
  }
}

extension DeferredMatrix {
  static func widthMismatch(field: String, width: Int, firstRowWidth: Int, at location: SourceLocation) -> ParseError {
    ParseError(
      .other("row of mpc.\(field) has \(width) columns but its first row has \(firstRowWidth); every row must have the same number of columns"),
      at: location)
  }
}

/// The rows of one piece of a matrix as read, and the error that stopped it, if any.
struct MatrixPiece: Sendable {
  var values: [Double] = []
  /// Width of the piece's first row (0 when it has none).
  var columns = 0
  var rowLines: [Int] = []
  /// Where the piece's first row starts, once that row is complete.
  var firstRow: SourceLocation?
  var error: ParseError?
}
