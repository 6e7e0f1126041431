import Yams

/// The one way GridCore turns YAML bytes into a Yams tree (networks, scenarios, facts): a
/// leading byte-order mark dropped, NUL bytes and invalid UTF-8 reported where they are, the
/// nesting measured before Yams recurses into it (``YAMLNestingScan``), and Yams' errors
/// turned into located ``ParseError``s.
enum YAMLDocument {
  /// The root node of `bytes`.
  /// - Parameters:
  ///   - file: names the input in locations and messages.
  ///   - expected: what an empty file should have held, for its message (e.g. "a gridtool
  ///     network ('format: gridtool-network/1', docs/network-format.md)").
  static func compose(bytes: [UInt8], file: String, limits: InputLimits, expected: String) throws(ParseError) -> Yams.Node {
    let start = InputText.hasByteOrderMark(bytes) ? 3 : 0
    let text = try InputText.decode(bytes, file: file)
    try YAMLNestingScan.check(bytes, from: start, file: file, limit: limits.maximumNesting)
    let location = SourceLocation(file: file, line: 1)
    let root: Yams.Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw syntaxError(error, text: text, bytes: bytes, bodyStart: start, file: file)
    } catch {
      throw ParseError(.syntax("invalid YAML: \(error)"), at: location)
    }
    // A file of comments only, or a lone `---`, holds nothing at all.
    guard let root else { throw ParseError(.emptyFile(expected: expected), at: location) }
    if case .scalar(let scalar) = root, scalar.style == .plain, scalar.string.isEmpty {
      throw ParseError(.emptyFile(expected: expected), at: location)
    }
    return root
  }

  /// Yams' error at its place. Yams' scanner and parser give a line and column; its reader
  /// (control characters) an offset in characters into the text after the byte-order mark.
  private static func syntaxError(_ error: YamlError, text: String, bytes: [UInt8], bodyStart: Int, file: String) -> ParseError {
    func located(_ problem: String, _ context: YamlError.Context?, _ mark: Yams.Mark) -> ParseError {
      var message = "invalid YAML: \(ParseError.excerpt(problem, limit: 200))"
      if let context { message += " (\(ParseError.excerpt(context.text, limit: 200)) at line \(context.mark.line))" }
      message += "; check the indentation, quotes and ':' near here"
      return ParseError(.syntax(message), at: SourceLocation(file: file, line: mark.line, column: mark.column))
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return located(problem, context, mark)
    case .reader(let problem, let offset, _, _):
      var location = SourceLocation(file: file, line: 1)
      if let offset, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) {
        location = TextPosition.location(of: bodyStart + text.utf8.distance(from: text.startIndex, to: index), in: bytes, file: file)
      }
      return ParseError(.syntax("invalid text: \(ParseError.excerpt(problem, limit: 200))"), at: location)
    default:
      return ParseError(.syntax("invalid YAML: \(ParseError.excerpt("\(error)", limit: 200))"), at: SourceLocation(file: file, line: 1))
    }
  }
}
