/// A linear pre-scan of YAML text that measures how deeply its collections nest, so that the
/// readers can refuse a file before Yams composes it: Yams builds nested lists and mappings
/// by recursion, and a few thousand `[` (or `- - - …`) overflow the stack (SIGSEGV, no message).
///
/// The scan follows libyaml's scanner (the C library inside Yams) token by token, for the
/// part that decides where tokens begin and end: blanks and comments, plain, quoted and block
/// scalars, anchors, aliases and tags, flow brackets, and the block indentation stack with
/// its simple keys. It builds no values. Every collection that libyaml's parser opens comes
/// from an open flow bracket (plus at most one implicit single-pair mapping inside it) or from
/// an entry of the indentation stack (plus at most one indentless sequence inside it), so
/// `2 × (flow level + indentation entries)` bounds the nesting of what Yams composes at each
/// token; the scan stops at the first token where that bound passes the limit. Where libyaml
/// would stop with an error, the scan goes on (what follows is never composed), so it never
/// sees less nesting than libyaml does.
///
/// Aliases (`*name`) are refused here too: with anchors they nest a composed tree deeper than
/// its text, and the gridtool formats need neither (docs/network-format.md).
struct YAMLNestingScan {
  // The text through a pointer, and every helper `mutating` (even those that only look): the
  // scan calls small methods per byte, and a debug build would otherwise copy (retain and
  // release) the struct and its arrays on every call, 10× slower.
  private let bytes: UnsafeBufferPointer<UInt8>
  private var i: Int
  /// libyaml's mark: 0-based line and column (characters), character index.
  private var line = 0, column = 0, index = 0
  private var flowLevel = 0
  private var indent = -1
  private var indents: [Int] = []
  private var simpleKeyAllowed = true
  /// One possible simple key per flow level (libyaml's `simple_keys`).
  private var simpleKeys = [SimpleKey()]

  private struct SimpleKey {
    var possible = false
    var line = 0, column = 0, index = 0
  }

  private init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
    self.bytes = bytes
    i = start
  }

  /// Throws when the text (from byte `start`, after any byte-order mark) nests deeper than
  /// `limit` or holds an alias, at that token's line and column.
  static func check(_ bytes: [UInt8], from start: Int = 0, file: String, limit: Int) throws(ParseError) {
    try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
      var scan = YAMLNestingScan(buffer, from: start)
      try scan.run(file: file, limit: limit)
    }
  }

  /// The largest nesting bound over the whole text (aliases allowed), for tests.
  static func deepestNesting(_ bytes: [UInt8]) -> Int {
    var deepest = 0
    bytes.withUnsafeBufferPointer { buffer in
      var scan = YAMLNestingScan(buffer, from: InputText.hasByteOrderMark(bytes) ? 3 : 0)
      try? scan.run(file: "", limit: Int.max, refuseAliases: false) { deepest = max(deepest, $0) }
    }
    return deepest
  }

  private mutating func run(file: String, limit: Int, refuseAliases: Bool = true, observe: (Int) -> Void = { _ in }) throws(ParseError) {
    while true {
      scanToNextToken()
      staleSimpleKeys()
      unrollIndent(column)
      guard i < bytes.count else { return }
      let tokenLine = line, tokenColumn = column
      fetchToken()
      let nesting = 2 * (flowLevel + indents.count)
      observe(nesting)
      if nesting > limit || (aliasFound && refuseAliases) {
        let location = SourceLocation(file: file, line: tokenLine + 1, column: tokenColumn + 1)
        if aliasFound {
          throw ParseError(
            .other("YAML aliases ('*name') are not part of the gridtool formats; write the value out here"), at: location)
        }
        throw ParseError(
          .other(
            "the YAML nests deeper than \(limit) levels here (gridtool files nest about 5); check for runaway '[', '{' or '- ' (InputLimits.maximumNesting)"
          ), at: location)
      }
    }
  }

  private var aliasFound = false

  // MARK: Tokens (yaml_parser_fetch_next_token)

  private mutating func fetchToken() {
    let c = at(0)
    if column == 0, c == ch("%") {
      unrollIndent(-1)
      removeSimpleKey()
      simpleKeyAllowed = false
      skipToLineEnd()  // a directive takes its line
      readLine()
    } else if column == 0, (c == ch("-") || c == ch(".")), at(1) == c, at(2) == c, isBlankZ(3) {
      unrollIndent(-1)
      removeSimpleKey()
      simpleKeyAllowed = false
      skip(3)
    } else if c == ch("[") || c == ch("{") {
      saveSimpleKey()
      flowLevel += 1
      simpleKeys.append(SimpleKey())
      simpleKeyAllowed = true
      skip()
    } else if c == ch("]") || c == ch("}") {
      removeSimpleKey()
      if flowLevel > 0 {
        flowLevel -= 1
        simpleKeys.removeLast()
      }
      simpleKeyAllowed = false
      skip()
    } else if c == ch(",") {
      removeSimpleKey()
      simpleKeyAllowed = true
      skip()
    } else if c == ch("-"), isBlankZ(1) {
      if flowLevel == 0 { rollIndent(column) }
      removeSimpleKey()
      simpleKeyAllowed = true
      skip()
    } else if c == ch("?"), flowLevel > 0 || isBlankZ(1) {
      if flowLevel == 0 { rollIndent(column) }
      removeSimpleKey()
      simpleKeyAllowed = flowLevel == 0
      skip()
    } else if c == ch(":"), flowLevel > 0 || isBlankZ(1) {
      if simpleKeys[simpleKeys.count - 1].possible {
        rollIndent(simpleKeys[simpleKeys.count - 1].column)
        simpleKeys[simpleKeys.count - 1].possible = false
        simpleKeyAllowed = false
      } else {
        if flowLevel == 0 { rollIndent(column) }
        simpleKeyAllowed = flowLevel == 0
      }
      skip()
    } else if c == ch("*") || c == ch("&") {
      if c == ch("*") { aliasFound = true }
      saveSimpleKey()
      simpleKeyAllowed = false
      skip()
      while isAlpha(at(0)) { skip() }
    } else if c == ch("!") {
      saveSimpleKey()
      simpleKeyAllowed = false
      scanTag()
    } else if c == ch("|") || c == ch(">"), flowLevel == 0 {
      removeSimpleKey()
      simpleKeyAllowed = true
      scanBlockScalar()
    } else if c == ch("'") || c == ch("\"") {
      saveSimpleKey()
      simpleKeyAllowed = false
      scanQuotedScalar(single: c == ch("'"))
    } else if startsPlainScalar(c) {
      saveSimpleKey()
      simpleKeyAllowed = false
      scanPlainScalar()
    } else {
      skip()  // libyaml stops here ("cannot start any token"); nothing after is composed
    }
  }

  private mutating func startsPlainScalar(_ c: UInt8) -> Bool {
    if !(isBlankZ(0) || Self.isIndicator(c)) { return true }
    if c == ch("-"), !isBlank(1) { return true }
    return flowLevel == 0 && (c == ch("?") || c == ch(":")) && !isBlankZ(1)
  }

  // MARK: Blanks, comments, indentation and simple keys

  private mutating func scanToNextToken() {
    while true {
      if column == 0, at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { skip() }
      while at(0) == ch(" ") || ((flowLevel > 0 || !simpleKeyAllowed) && at(0) == ch("\t")) { skip() }
      if at(0) == ch("#") { skipToLineEnd() }
      guard isBreak(0) else { return }
      readLine()
      if flowLevel == 0 { simpleKeyAllowed = true }
    }
  }

  private mutating func staleSimpleKeys() {
    for k in simpleKeys.indices where simpleKeys[k].possible {
      if simpleKeys[k].line < line || simpleKeys[k].index + 1024 < index { simpleKeys[k].possible = false }
    }
  }

  private mutating func saveSimpleKey() {
    guard simpleKeyAllowed else { return }
    simpleKeys[simpleKeys.count - 1] = SimpleKey(possible: true, line: line, column: column, index: index)
  }

  private mutating func removeSimpleKey() { simpleKeys[simpleKeys.count - 1].possible = false }

  private mutating func rollIndent(_ column: Int) {
    guard flowLevel == 0, indent < column else { return }
    indents.append(indent)
    indent = column
  }

  private mutating func unrollIndent(_ column: Int) {
    guard flowLevel == 0 else { return }
    while indent > column, let previous = indents.popLast() { indent = previous }
  }

  // MARK: Scalars, tags (token boundaries only)

  private mutating func scanPlainScalar() {
    let minimumColumn = indent + 1
    var leadingBlanks = false
    while true {
      if column == 0, (at(0) == ch("-") || at(0) == ch(".")), at(1) == at(0), at(2) == at(0), isBlankZ(3) { break }
      if at(0) == ch("#") { break }
      while i < bytes.count {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
        if b == 0x3A {  // ':'
          if flowLevel > 0, at(1) == ch("?") || Self.isFlowIndicator(at(1)) { return }  // libyaml error
          if isBlankZ(1) { break }
        } else if flowLevel > 0, Self.isFlowIndicator(b) {
          break
        } else if b >= 0x80, isBreak(0) {
          break
        }
        skip()
      }
      guard isBlank(0) || isBreak(0) else { break }
      while isBlank(0) || isBreak(0) {
        if isBlank(0) {
          if leadingBlanks, column < minimumColumn, at(0) == ch("\t") { return }  // libyaml error
          skip()
        } else {
          readLine()
          leadingBlanks = true
        }
      }
      if flowLevel == 0, column < minimumColumn { break }
    }
    if leadingBlanks { simpleKeyAllowed = true }
  }

  private mutating func scanQuotedScalar(single: Bool) {
    let quote = single ? ch("'") : ch("\"")
    skip()
    while true {
      if column == 0, (at(0) == ch("-") || at(0) == ch(".")), at(1) == at(0), at(2) == at(0), isBlankZ(3) { return }  // error
      guard i < bytes.count else { return }  // error: unexpected end
      while i < bytes.count {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || (b >= 0x80 && isBreak(0)) { break }
        if single, b == quote, at(1) == quote {
          skip(2)
        } else if at(0) == quote {
          break
        } else if !single, at(0) == ch("\\"), isBreak(1) {
          skip()
          readLine()
          break
        } else if !single, at(0) == ch("\\") {
          let digits: Int
          switch at(1) {
          case ch("x"): digits = 2
          case ch("u"): digits = 4
          case ch("U"): digits = 8
          case ch("0"), ch("a"), ch("b"), ch("t"), 0x09, ch("n"), ch("v"), ch("f"), ch("r"), ch("e"), ch(" "), ch("\""), ch("/"),
            ch("\\"), ch("N"), ch("_"), ch("L"), ch("P"):
            digits = 0
          default: return  // error: unknown escape
          }
          skip(2)
          for _ in 0..<digits {
            guard isHex(at(0)) else { return }  // error
            skip()
          }
        } else {
          skip()
        }
      }
      if at(0) == quote { break }
      while isBlank(0) || isBreak(0) {
        if isBlank(0) { skip() } else { readLine() }
      }
    }
    skip()
  }

  private mutating func scanBlockScalar() {
    skip()
    var increment = 0
    if at(0) == ch("+") || at(0) == ch("-") {
      skip()
      if isDigit(at(0)) {
        if at(0) == ch("0") { return }  // error
        increment = Int(at(0) - ch("0"))
        skip()
      }
    } else if isDigit(at(0)) {
      if at(0) == ch("0") { return }  // error
      increment = Int(at(0) - ch("0"))
      skip()
      if at(0) == ch("+") || at(0) == ch("-") { skip() }
    }
    while isBlank(0) { skip() }
    if at(0) == ch("#") { skipToLineEnd() }
    guard isBreakZ(0) else { return }  // error
    readLine()
    var blockIndent = increment > 0 ? (indent >= 0 ? indent + increment : increment) : 0
    guard blockScalarBreaks(&blockIndent) else { return }
    while column == blockIndent, i < bytes.count {
      skipToLineEnd()
      readLine()
      guard blockScalarBreaks(&blockIndent) else { return }
    }
  }

  /// Empty lines and indentation of a block scalar; fixes the indentation when not yet known.
  /// False where libyaml stops with an error (a tab in the indentation).
  private mutating func blockScalarBreaks(_ blockIndent: inout Int) -> Bool {
    var maxIndent = 0
    while true {
      while blockIndent == 0 || column < blockIndent, at(0) == ch(" ") { skip() }
      maxIndent = max(maxIndent, column)
      if blockIndent == 0 || column < blockIndent, at(0) == ch("\t") { return false }
      guard isBreak(0) else { break }
      readLine()
    }
    if blockIndent == 0 { blockIndent = max(maxIndent, indent + 1, 1) }
    return true
  }

  private mutating func scanTag() {
    if at(1) == ch("<") {
      skip(2)
      scanTagURI(verbatim: true)
      if at(0) == ch(">") { skip() }
    } else {
      skip()  // the handle's '!'
      while isAlpha(at(0)) { skip() }
      if at(0) == ch("!") { skip() }
      scanTagURI(verbatim: false)
    }
  }

  private mutating func scanTagURI(verbatim: Bool) {
    while isAlpha(at(0)) || Self.isURIMark(at(0)) || (verbatim && (at(0) == ch(",") || at(0) == ch("[") || at(0) == ch("]"))) {
      if at(0) == ch("%") {
        skip()
        for _ in 0..<2 where isHex(at(0)) { skip() }
      } else {
        skip()
      }
    }
  }

  // MARK: Characters (libyaml's byte tests; offsets in bytes, marks in characters)


  /// The byte `k` ahead, 0 past the end (libyaml's buffer ends with NUL; the text has none).
  private mutating func at(_ k: Int) -> UInt8 { i + k < bytes.count ? bytes[i + k] : 0 }

  private mutating func isBreak(_ k: Int) -> Bool {
    let b = at(k)
    return b == 0x0D || b == 0x0A || (b == 0xC2 && at(k + 1) == 0x85)
      || (b == 0xE2 && at(k + 1) == 0x80 && (at(k + 2) == 0xA8 || at(k + 2) == 0xA9))
  }

  private mutating func isBlank(_ k: Int) -> Bool { at(k) == 0x20 || at(k) == 0x09 }
  private mutating func isBreakZ(_ k: Int) -> Bool { isBreak(k) || i + k >= bytes.count }
  private mutating func isBlankZ(_ k: Int) -> Bool { isBlank(k) || isBreakZ(k) }

  /// `-?:,[]{}#&*!|>'"%@` and backquote: characters that cannot start a plain scalar.
  private static func isIndicator(_ b: UInt8) -> Bool {
    switch b {
    case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60: return true
    default: return false
    }
  }

  /// `,[]{}`.
  private static func isFlowIndicator(_ b: UInt8) -> Bool { b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D }

  /// `;/?:@&=+$.%!~*'()`: tag URI characters besides letters and digits.
  private static func isURIMark(_ b: UInt8) -> Bool {
    switch b {
    case 0x3B, 0x2F, 0x3F, 0x3A, 0x40, 0x26, 0x3D, 0x2B, 0x24, 0x2E, 0x25, 0x21, 0x7E, 0x2A, 0x27, 0x28, 0x29: return true
    default: return false
    }
  }

  /// Moves past one character of a line.
  @inline(__always) private mutating func skip() {
    guard i < bytes.count else { return }
    let b = bytes[i]
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    index += 1
    column += 1
  }

  /// Moves past `count` characters of one line.
  private mutating func skip(_ count: Int) {
    for _ in 0..<count { skip() }
  }

  /// Moves to the line's break (or the end of the text).
  private mutating func skipToLineEnd() {
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x0A || b == 0x0D || (b >= 0x80 && isBreak(0)) { return }
      skip()
    }
  }

  /// Moves past a line break (`\r\n` counts as one), if there is one.
  private mutating func readLine() {
    if at(0) == 0x0D, at(1) == 0x0A {
      i += 2
      index += 2
    } else if isBreak(0) {
      i += at(0) < 0x80 ? 1 : at(0) == 0xC2 ? 2 : 3
      index += 1
    } else {
      return
    }
    column = 0
    line += 1
  }
}

// Character tests that need no state (free functions: no copy of the scan in a debug build).
private func ch(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }
private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
private func isHex(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }
/// `[0-9A-Za-z_-]`: anchor, alias and tag-handle characters.
private func isAlpha(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2D }
