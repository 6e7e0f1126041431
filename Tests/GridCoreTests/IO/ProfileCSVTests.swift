import Testing

@testable import GridCore

struct ProfileCSVTests {
  let start = ClockHour(year: 2024, month: 1, day: 1, hour: 0)

  func table(_ text: String, hours: Int = 3, from start: ClockHour? = nil) throws(ParseError) -> ProfileTable {
    var t = ProfileTable(start: start ?? self.start ?? ClockHour(index: 0), hours: hours)
    try ProfileCSV.parse(text, file: "p.csv", into: &t)
    return t
  }

  func error(_ text: String, hours: Int = 3) -> ParseError? {
    do {
      _ = try table(text, hours: hours)
      return nil
    } catch {
      return error
    }
  }

  @Test func readsColumnsOfThePeriod() throws {
    let text = "# comment\ntime,a,b\n2023-12-31T23:00,9,9\n2024-01-01T00:00,1,0.5\n2024-01-01T01:00,2,1.5\r\n2024-01-01T02:00, 3 ,2.5\n2024-01-01T03:00,9,9\n"
    let t = try table(text)
    #expect(t.names == ["a", "b"])
    #expect(t.column(0) == [1, 2, 3])
    #expect(t.column(1) == [0.5, 1.5, 2.5])
    #expect(t.location(column: 1, hour: 2).description == "p.csv:6")
  }

  @Test func badNumberNamesLineAndColumn() {
    let e = error("time,a\n2024-01-01T00:00,1\n2024-01-01T01:00,x1\n2024-01-01T02:00,3\n")
    #expect(e?.description == "p.csv:3:18: 'x1' in column 'a' is not a finite number")
  }

  @Test func wrongFieldCount() {
    let e = error("time,a,b\n2024-01-01T00:00,1,2\n2024-01-01T01:00,1\n")
    #expect(e?.description == "p.csv:3:1: this row has 2 fields; the header (line 1) has 3")
  }

  @Test func missingTimestampColumn() {
    let e = error("hour,a\n2024-01-01T00:00,1\n")
    #expect(e?.description.hasPrefix("p.csv:1:1: no timestamp column 'time' in the header (columns: hour, a)") == true)
  }

  @Test func timestampsMustIncreaseHourByHour() {
    let back = error("time,a\n2024-01-01T01:00,1\n2024-01-01T00:00,1\n")
    #expect(back?.description == "p.csv:3:1: timestamps must increase: 2024-01-01T00:00 follows 2024-01-01T01:00 (line 2)")
    let gap = error("time,a\n2024-01-01T00:00,1\n2024-01-01T03:00,1\n")
    #expect(gap?.description.hasPrefix("p.csv:3:1: 2 hour(s) missing: 2024-01-01T03:00 follows 2024-01-01T00:00 (line 2)") == true)
    let bad = error("time,a\n2024-02-30T00:00,1\n")
    #expect(bad?.description.hasPrefix("p.csv:2:1: '2024-02-30T00:00' is not a timestamp") == true)
  }

  @Test func tooFewRowsForThePeriod() {
    let e = error("time,a\n2024-01-01T00:00,1\n2024-01-01T01:00,2\n", hours: 3)
    #expect(
      e?.description
        == "p.csv:3: the profiles end at 2024-01-01T01:00: 2 hourly rows in the period, which needs 3 (2024-01-01T00:00 to 2024-01-01T02:00); add rows or shorten 'period.hours'"
    )
    let late = error("time,a\n2024-01-01T01:00,1\n2024-01-01T02:00,1\n2024-01-01T03:00,1\n")
    #expect(late?.description.hasPrefix("p.csv:2: the profiles start at 2024-01-01T01:00, after the period's first hour") == true)
  }

  /// The reader's fast decimal path gives exactly the double `Double(String)` gives.
  @Test func numbersReadExactly() throws {
    var rng = SplitMix(seed: 9)
    var texts: [String] = ["0", "-0.5", "+3", "1e3", "2.5E-3", "0.1", "123456789012345.6", "0.30000000000000004", "007.250"]
    for _ in 0..<300 {
      let digits = Int(rng.uniform() * 8)
      let whole = Int(rng.uniform() * 100_000)
      let fraction = String(Int(rng.uniform() * 1e8)).prefix(digits)
      texts.append(digits == 0 ? "\(whole)" : "\(rng.uniform() < 0.3 ? "-" : "")\(whole).\(fraction)")
    }
    for start in stride(from: 0, to: texts.count, by: 3) {
      let chunk = Array(texts[start..<min(start + 3, texts.count)])
      guard chunk.count == 3 else { continue }
      let text = "time,v\n" + chunk.enumerated().map { "2024-01-01T0\($0.offset):00,\($0.element)" }.joined(separator: "\n")
      let t = try table(text)
      #expect(t.column(0) == chunk.map { Double($0) ?? .nan }, "\(chunk)")
    }
  }

  @Test func duplicateColumnAcrossFiles() throws {
    var t = try table("time,a\n2024-01-01T00:00,1\n2024-01-01T01:00,1\n2024-01-01T02:00,1\n")
    #expect(throws: ParseError.self) {
      try ProfileCSV.parse("time,a\n2024-01-01T00:00,1\n2024-01-01T01:00,1\n2024-01-01T02:00,1\n", file: "q.csv", into: &t)
    }
  }

  @Test func clockHourArithmetic() throws {
    let leap = try #require(ClockHour(parsing: "2024-02-29T23:00"))
    #expect(leap.adding(hours: 1).description == "2024-03-01T00:00")
    #expect(ClockHour(parsing: "2023-02-29T00:00") == nil)
    let first = try #require(ClockHour(parsing: "2024-01-01 00:00:00"))
    #expect(ClockHour(parsing: "2025-01-01T00:00")?.index == first.index + 8784)  // 2024 is a leap year
    #expect(ClockHour(index: -1).description == "1969-12-31T23:00")
    #expect(first.adding(hours: 8783).monthLabel == "2024-12")
  }
}

struct LoadingHistogramTests {
  /// The reported quantile is an upper bound within one bin of the exact nearest-rank value.
  @Test func quantileBoundsExactValue() {
    var rng = SplitMix(seed: 5)
    var values: [Double] = []
    var h = LoadingHistogram(lower: 0, upper: 200, width: 0.1)
    for _ in 0..<1000 {
      let v = 150 * rng.uniform() * rng.uniform()
      values.append(v)
      h.add(v)
    }
    values.append(250)  // overflow
    h.add(250)
    let sorted = values.sorted()
    for q in [0.05, 0.5, 0.95, 0.99] {
      let exact = sorted[Int((q * Double(sorted.count)).rounded(.up)) - 1]
      let reported = h.quantile(q) ?? -1
      #expect(reported >= exact && reported <= exact + 0.1, "q \(q): \(reported) vs \(exact)")
    }
    #expect(h.quantile(1) == 250)
    let curve = h.durationCurve() ?? []
    #expect(curve.count == 101 && curve[0] == 250 && curve[100] == sorted[0])
    #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 >= $1 })
  }
}
