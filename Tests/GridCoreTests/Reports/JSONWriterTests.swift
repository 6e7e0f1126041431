import Foundation
import Testing

@testable import GridCore

/// The writer's text for keys, strings and integers of every length its copy paths take
/// (fewer than 4 bytes, 4 to 7, 8, and longer with an overlapping last store).
struct JSONWriterTests {
  private func document(_ body: (inout JSONWriter) -> Void) -> String {
    var w = JSONWriter()
    w.beginObject()
    body(&w)
    w.endObject()
    return w.text
  }

  private func number(_ v: Double) -> String {
    var buffer = ReportBuffer()
    NumberText.append(v, to: &buffer)
    return String(decoding: buffer.take(), as: UTF8.self)
  }

  @Test func keysOfEveryLengthAreCopiedWhole() {
    let keys: [StaticString] = [
      "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop",
      "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz_0123456789",
    ]
    for key in keys {
      let text = document { w in
        w.field(key, 12)
        w.field(key, true)
        w.field(key, nil as Double?)
      }
      let k = key.description
      #expect(text == "{\"\(k)\":12,\"\(k)\":true,\"\(k)\":null}")
    }
  }

  @Test func stringsAreEscapedOnlyWhereJSONRequires() throws {
    let strings = [
      "", "a", "Hami", "Hami–Dunhuang 750 kV", "quote \" inside", "back\\slash", "tab\there", "line\nend", "\u{1}control",
      String(repeating: "x", count: 40), "ünïcödé 乌鲁木齐",
    ]
    for s in strings {
      let text = document { w in w.field("name", s) }
      let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
      #expect(decoded == ["name": s], "\(s.debugDescription) -> \(text)")
      if !s.contains(where: { $0 == "\"" || $0 == "\\" || $0.asciiValue.map { $0 < 0x20 } == true }) {
        #expect(text == "{\"name\":\"\(s)\"}")
      }
    }
    #expect(document { w in w.field("s", "a\"b\\c\td\u{1}") } == #"{"s":"a\"b\\c\td\u0001"}"#)
  }

  @Test func integersAsSwiftPrintsThem() {
    let values = [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 12_345, 9_999_999, -1, -9, -10, -100, -12_345, .max, .min]
    for v in values {
      #expect(document { w in w.field("v", v) } == "{\"v\":\(v)}")
    }
  }

  /// A branch's flow at its two ends: the text of the first with its sign toggled.
  @Test func negatedFlowTextMatchesTheNegatedValue() {
    for v in [0.0, 1, -1, 0.5, -314.64223928882643, 123_456.789, 1e-7, -2.5e20, .nan] {
      let text = document { w in w.field("p", v, negatedAs: "q") }
      let expected = v.isFinite ? "{\"p\":\(number(v)),\"q\":\(number(v == 0 ? 0 : -v))}" : "{\"p\":null,\"q\":null}"
      #expect(text == expected)
    }
  }
}
