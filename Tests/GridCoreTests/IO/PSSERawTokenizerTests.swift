import Foundation
import Testing

@testable import GridCore

/// Splitting records into fields as MATPOWER's `psse_parse_line` does.
struct PSSERawTokenizerTests {
  /// The fields of one line, as text (quotes removed), with nil for a blank field.
  func fields(_ line: String, limit: Int = 40) throws -> [String?] {
    let bytes = Array(line.utf8)
    var out: [PSSERawField] = []
    try PSSERawTokenizer.split(bytes, from: 0, to: bytes.count, limit: limit, into: &out)
    return out.map { $0.isBlank ? nil : PSSERawTokenizer.text(of: $0, in: bytes) }
  }

  @Test func commasBlanksQuotesAndComments() throws {
    #expect(try fields("1,'A B',2.5") == ["1", "A B", "2.5"])
    #expect(try fields("   1   'A B'   2.5  ") == ["1", "A B", "2.5"])
    #expect(try fields("1 , 2 ,3") == ["1", "2", "3"])
    // A comma after a comma leaves a blank field: the format's default.
    #expect(try fields("1,,3") == ["1", nil, "3"])
    #expect(try fields(",1") == [nil, "1"])
    #expect(try fields("1, ,3") == ["1", nil, "3"])
    // Commas and slashes inside quotes are text; a doubled quote is one quote.
    #expect(try fields("7,'A, B / C',\"x, 'y'\"") == ["7", "A, B / C", "x, 'y'"])
    #expect(try fields("'O''HARA  ', 2") == ["O'HARA  ", "2"])
    // An unquoted slash begins a comment, also right after a field.
    #expect(try fields("1, 2 / 3, 4") == ["1", "2"])
    #expect(try fields("1.5/comment") == ["1.5"])
    #expect(try fields("0 / END OF BUS DATA, BEGIN LOAD DATA") == ["0"])
    // Tabs separate like blanks, also before the first field (MATPOWER reads an empty field there).
    #expect(try fields("\t3\t'Line\t3'\t3.3") == ["3", "Line\t3", "3.3"])
    #expect(try fields("C\t,\t,\t'C'") == ["C", nil, "C"])
    #expect(try fields("'a'b") == ["a", "b"])
    #expect(try fields("") == [])
  }

  @Test func stopsAtTheLimitAndRejectsAnOpenQuote() throws {
    #expect(try fields("1,2,3,'unclosed", limit: 3) == ["1", "2", "3"])
    #expect(throws: PSSERawTokenizer.Failure.self) { try fields("1,'unclosed") }
  }

  /// MATPOWER's tokenizer test file, read with the template `dsffgDFcsc` of its `t_psse.m`
  /// (d, f, g: a number; D, F: a number, possibly quoted; s, c: text without quotes),
  /// against MATPOWER's own tokenization (t_psse_case.raw.parse.json).
  @Test(.enabled(if: TestPaths.shared("raw/t_psse_case.raw.parse.json") != nil, "../shared/cases/raw not present"))
  func matchesMatpowerOnItsTestFile() throws {
    let reference = try #require(try TestPaths.sharedJSON("raw/t_psse_case.raw.parse.json"))
    let records = try #require(reference["records"] as? [String])
    let parsed = try #require(reference["parsed"] as? [[String: Any]])
    let template = Array("dsffgDFcsc")
    for entry in parsed {
      let index = try #require(entry["record"] as? Int)
      let expected = try #require(entry["data"] as? [Any])
      let bytes = Array(records[index - 1].utf8)
      var out: [PSSERawField] = []
      try PSSERawTokenizer.split(bytes, from: 0, to: bytes.count, limit: 40, into: &out)
      for (k, kind) in template.enumerated() {
        let got: Any
        if k >= out.count {
          got = NSNull()
        } else if "dfgDFG".contains(kind) {
          var (start, end) = (out[k].start, out[k].end)
          // sscanf skips blanks around a quoted number ('2 ').
          while start < end, PSSERawTokenizer.isBlank(bytes[start]) { start += 1 }
          while end > start, PSSERawTokenizer.isBlank(bytes[end - 1]) { end -= 1 }
          let numeric = out[k].quote == 0 || kind.isUppercase
          let value = numeric ? PSSERawNumber.real(bytes, start, end) : nil
          got = value.map { $0 as Any } ?? NSNull()
        } else {
          got = PSSERawTokenizer.text(of: out[k], in: bytes)
        }
        switch (got, expected[k]) {
        case (is NSNull, is NSNull): break
        case (let a as Double, let b as NSNumber): #expect(isClose(a, b.doubleValue, absolute: 1e-15), "record \(index) field \(k + 1)")
        case (let a as String, let b as String): #expect(a == b, "record \(index) field \(k + 1)")
        default: Issue.record("record \(index) field \(k + 1): \(got) vs \(expected[k])")
        }
      }
    }
  }

  @Test func numbers() {
    func real(_ s: String) -> Double? { let b = Array(s.utf8); return PSSERawNumber.real(b, 0, b.count) }
    func integer(_ s: String) -> Int? { let b = Array(s.utf8); return PSSERawNumber.integer(b, 0, b.count) }
    #expect(real("1.5") == 1.5 && real("-.1") == -0.1 && real("2.") == 2 && real("+3E-2") == 0.03 && real("1e3") == 1000)
    #expect(real("0.1") == 0.1 && real("123456789.123456789") == 123456789.123456789)
    #expect(real("1.7976931348623157e308") == .greatestFiniteMagnitude)
    #expect(real("0.000000000000000000000000001234") == 1.234e-27)
    for bad in ["", ".", "-", "e5", "1e", "1.5x", "1,5", "inf", "nan", "0x10", "1..2", "1e+", "--1"] {
      #expect(real(bad) == nil, "\(bad)")
    }
    #expect(real("1e999") == nil || real("1e999") == .infinity)
    #expect(integer("42") == 42 && integer("-7") == -7 && integer("3.0") == 3 && integer("3.") == 3)
    for bad in ["", "3.5", "1e2", "x", "99999999999999999999"] { #expect(integer(bad) == nil, "\(bad)") }
    let inf = Array("-Inf".utf8)
    #expect(PSSERawNumber.infinity(inf, 0, inf.count) == -.infinity)
  }
}
