import Testing

@testable import GridCore

struct MatpowerScannerTests {
  private func number(_ text: String) -> Double? {
    var s = MatpowerScanner(bytes: Array((text + " ").utf8), file: "t")
    return s.number()
  }

  @Test(arguments: [
    ("1", 1.0), ("-2", -2), ("+5", 5), (".5", 0.5), ("-.25", -0.25), ("1e-3", 0.001), ("1E+3", 1000), ("2.5e2", 250),
    ("0.0576", 0.0576), ("1.", 1), ("007", 7),
  ])
  func readsMatlabLiterals(text: String, value: Double) {
    #expect(number(text) == value)
  }

  @Test func negativeZeroKeepsItsSign() throws {
    let v = try #require(number("-0"))
    #expect(v == 0 && v.sign == .minus)
  }

  @Test func infinityAndNaNInAnyCase() {
    #expect(number("Inf") == .infinity)
    #expect(number("-inf") == -.infinity)
    #expect(number("NaN")?.isNaN == true)
    #expect(number("nan")?.isNaN == true)
  }

  /// Long or extreme literals take the C library path; they must agree with Swift's own parser bit for bit.
  @Test(arguments: [
    "3.14159265358979323846", "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890",
    "0.1000000000000000055511151231257827", "9007199254740993", "1e23", "8.5e-23",
  ])
  func slowPathIsCorrectlyRounded(text: String) {
    #expect(number(text) == Double(text))
  }

  @Test func fastPathIsCorrectlyRoundedOnManyValues() {
    var rng = SplitMix(seed: 42)
    for _ in 0..<20_000 {
      let mantissa = rng.next() % 1_000_000_000_000
      let exponent = Int(rng.next() % 30) - 15
      let text = "\(mantissa)e\(exponent)"
      #expect(number(text) == Double(text), "\(text)")
    }
  }

  @Test(arguments: [
    ("'Hami'", "Hami"), ("''", ""), ("'A''s bus'", "A's bus"), ("''''", "'"), ("\"x y\"", "x y"), ("'a\"b'", "a\"b"),
    ("'乌鲁木齐'", "乌鲁木齐"),
  ])
  func readsQuotedStrings(text: String, value: String) throws {
    var s = MatpowerScanner(bytes: Array((text + ";").utf8), file: "t")
    #expect(try s.quotedString() == value)
    #expect(s.current == UInt8(ascii: ";"))
  }

  /// The error names the opening quote, whichever path found the string unterminated.
  @Test(arguments: ["'open", "'open\n'", "'a''", "\"x'"])
  func unterminatedStringsNameTheirOpeningQuote(text: String) {
    var s = MatpowerScanner(bytes: Array(("  " + text).utf8), file: "t")
    s.skipBlanks()
    do {
      _ = try s.quotedString()
      Issue.record("\(text.debugDescription) was read")
    } catch {
      #expect(error.location.line == 1 && error.location.column == 3)
    }
  }

  /// `1-2` is an expression in MATLAB and `1x` a typo: neither may be read as numbers.
  @Test(arguments: ["1-2", "1x", "1.5.3", "2e", "abc", "-", "."])
  func rejectsWhatIsNotALiteral(text: String) {
    #expect(number(text) == nil)
  }
}

/// The statement pass skips a matrix a word at a time; it must end where a byte-at-a-time
/// reading of the same rules ends, with the same line count, for any text and any alignment.
struct MatpowerSkipMatrixTests {
  /// The byte-at-a-time reading it replaced (commit d8c2bdc), as the reference: line ends
  /// count lines; `%` comments run to the line end; brackets nest; `mpc.` first on a line
  /// (after blanks and brackets) means the matrix was never closed.
  private func reference(_ text: [UInt8], from start: Int) -> (closed: Bool, position: Int, line: Int, lineStart: Int) {
    let plainBytes: UInt64 = (1 << 0x09) | (1 << 0x20) | (0x1FFFF << 0x2B)
    let count = text.count
    var p = start + 1, line = 1, lineStart = 0, atLineStart = false, depth = 0
    while p < count {
      let c = text[p]
      if c < 64, (plainBytes >> UInt64(c)) & 1 != 0 {
        atLineStart = atLineStart && c <= 0x20
        p += 1
        continue
      }
      switch c {
      case 0x0A, 0x0D:
        p += c == 0x0D && p + 1 < count && text[p + 1] == 0x0A ? 2 : 1
        line += 1
        lineStart = p
        atLineStart = true
      case UInt8(ascii: "%"):
        while p < count, text[p] != 0x0A, text[p] != 0x0D { p += 1 }
      case UInt8(ascii: "]"):
        p += 1
        if depth == 0 { return (true, p, line, lineStart) }
        depth -= 1
      case UInt8(ascii: "["):
        p += 1
        depth += 1
      case UInt8(ascii: "m") where atLineStart:
        if p + 3 < count, text[p + 1] == UInt8(ascii: "p"), text[p + 2] == UInt8(ascii: "c"), text[p + 3] == UInt8(ascii: ".") {
          return (false, p, line, lineStart)
        }
        atLineStart = false
        p += 1
      default:
        atLineStart = false
        p += 1
      }
    }
    return (false, count, line, lineStart)
  }

  @Test func agreesWithAByteAtATimeReadingOnRandomTexts() {
    // Mostly matrix text, with every byte that needs attention and near-misses (`mpc`, `mpX.`).
    let pieces = [
      "1", "-0.25", "3e-4", " ", "\t", ";", ",", "\n", "\r\n", "\r", "%", "% c ]", "[", "]", "mpc.", "mpc", "mpX.", "  mpc.", "[ mpc.",
      "x", "12345678",
    ].map { Array($0.utf8) }
    var rng = SplitMix(seed: 7)
    for trial in 0..<4_000 {
      // A prefix shifts the matrix against the 8-byte words.
      var bytes = [UInt8](repeating: UInt8(ascii: " "), count: Int(rng.next() % 9)) + [UInt8(ascii: "[")]
      let start = bytes.count - 1
      for _ in 0..<Int(rng.next() % 60) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
      let expected = reference(bytes, from: start)
      var scanner = MatpowerScanner(bytes: bytes, file: "t", mark: .init(position: start, line: 1, lineStart: 0))
      let closed = scanner.skipMatrix()
      let got = (closed, scanner.position, scanner.line, scanner.lineStart)
      #expect(got == expected, "trial \(trial): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
  }
}

/// The row loop reads most of a case's numbers; anything it declines goes to `number(alone:)`.
/// What it reads must be bit for bit what `number(alone:)` reads, and it must stop, cursor on
/// the token, at anything it does not read.
struct MatpowerPlainNumbersTests {
  private func run(_ text: String) -> (values: [Double], read: Int, rest: String) {
    var scanner = MatpowerScanner(bytes: Array(text.utf8), file: "t")
    var values: [Double] = []
    let read = scanner.plainNumbers(into: &values)
    return (values, read, String(decoding: scanner.bytes[scanner.position...], as: UTF8.self))
  }

  private func single(_ text: String) -> Double? {
    var scanner = MatpowerScanner(bytes: Array((text + " ").utf8), file: "t")
    return scanner.number()
  }

  /// The shapes of MATPOWER's matrices are read here, and equal number(alone:)'s values.
  @Test(arguments: [
    "1", "-2", "+5", ".5", "-.25", "1e-3", "1E+3", "2.5e2", "0.0576", "1.", "007", "-0", "0.00616", "-36.856998",
    "0.000000000000000001", "9007199254740991", "1e22", "123.456e-19",
  ])
  func readsPlainLiteralsAsNumberDoes(text: String) throws {
    let (values, read, rest) = run(text + "\t")
    #expect(read == 1 && rest.isEmpty)
    let expected = try #require(single(text))
    #expect(values.first?.bitPattern == expected.bitPattern, "\(text)")
  }

  /// Long, extreme or inexact literals, Inf/NaN, expressions and typos are left where they are.
  @Test(arguments: [
    "12345678901234567890", "0.00000000000000000001", "9007199254740993", "1e23", "1e-23", "Inf", "-NaN", "1-2",
    "1x", "1.5.3", "2e", "2e+", "-", ".", "1...", "1%c", "1}", "0x10", "1e1000", "9007199254740992",
  ])
  func leavesEverythingElseToNumber(text: String) {
    let (values, read, rest) = run(text)
    #expect(read == 0 && values.isEmpty && rest == text, "\(text)")
  }

  @Test func readsARunAndStopsAtWhatEndsIt() {
    let (values, read, rest) = run("1\t-2.5  3e2,4 ;5\n")
    #expect(read == 3 && values == [1, -2.5, 300] && rest == ",4 ;5\n")
    let row = run("4 5;6")
    #expect(row.read == 2 && row.rest == ";6")
    let stop = run("7 8 50/3 9")
    #expect(stop.read == 2 && stop.values == [7, 8] && stop.rest == "50/3 9")
    let end = run("1 2]")
    #expect(end.read == 2 && end.rest == "]")
    // At the end of the text the last number is left for number(alone:) to read.
    let last = run("1 2")
    #expect(last.read == 1 && last.rest == "2")
  }

  /// A matrix is reserved once, after its first row, and filled in place: the run that reaches
  /// its end must not ask for more room than is left (that would copy the whole matrix).
  @Test func aMatrixIsReservedOnceAndNotCopiedNearItsEnd() throws {
    let rows = (1...1000).map { r in "\t\(r)\t2\t0.5\t-1.25\t0\t0\t1\t1.0\t0\t230\t1\t1.1\t0.9;" }
    let text = "function mpc = t\nmpc.baseMVA = 100;\nmpc.bus = [\n" + rows.joined(separator: "\n") + "\n];\n"
    var parser = MatpowerStatementParser(bytes: Array(text.utf8), file: "t.m", parallelism: .serial)
    let raw = try parser.parse()
    guard case .matrix(let bus)? = raw.fields["bus"] else {
      Issue.record("no bus matrix")
      return
    }
    #expect(bus.values.count == 1000 * 13 && bus.rowCount == 1000)
    #expect(bus.values[13 * 999] == 1000 && bus.values.last == 0.9)
    // Rows × width for the lines the matrix spans (two more than its rows here; 104 kB, small
    // enough for malloc's heap, which does not round it up to whole pages), not twice that, as
    // a copy near the end would leave it.
    #expect(bus.values.capacity < bus.values.count + bus.values.count / 8)
  }

  @Test func agreesWithTheStandardLibraryOnManyValues() {
    var rng = SplitMix(seed: 43)
    for _ in 0..<2_000 {
      var texts: [String] = []
      for _ in 0..<13 {
        let mantissa = rng.next() % 10_000_000_000
        let scale = Int(rng.next() % 12)
        var digits = String(mantissa)
        if scale > 0 {
          digits = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
          digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        let sign = ["", "-", "+"][Int(rng.next() % 3)]
        let exponent = rng.next() % 4 == 0 ? "e\(Int(rng.next() % 20) - 10)" : ""
        texts.append(sign + digits + exponent)
      }
      let row = texts.joined(separator: rng.next() % 2 == 0 ? "\t" : " ") + ";"
      let (values, read, rest) = run(row)
      #expect(read == texts.count && rest == ";", "\(row)")
      #expect(values.map(\.bitPattern) == texts.map { Double($0)!.bitPattern }, "\(row)")
    }
  }
}

/// A small deterministic generator for test data.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
