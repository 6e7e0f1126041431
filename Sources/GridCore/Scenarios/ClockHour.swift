/// An hour on a plain wall clock: no time zone and no daylight saving, so that
/// every day has 24 hours and a year of a scenario has 8,760 or 8,784 of them.
///
/// The clock is whatever the profile timestamps use (the Xinjiang profiles use
/// Beijing time, UTC+8). Timestamps are written `YYYY-MM-DDTHH:MM` (a space
/// may replace the `T`; `:SS` seconds, if present, must be `00`).
public struct ClockHour: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Hours since 1970-01-01T00:00 on the same clock (negative before).
  public var index: Int

  /// The hour `index` hours after 1970-01-01T00:00.
  public init(index: Int) { self.index = index }

  /// The hour starting at `hour`:00 on the given day; nil for an impossible date.
  public init?(year: Int, month: Int, day: Int, hour: Int) {
    guard (1...12).contains(month), (0...23).contains(hour), day >= 1,
      day <= ClockHour.daysIn(year: year, month: month)
    else { return nil }
    index = ClockHour.daysFromCivil(year, month, day) * 24 + hour
  }

  /// Parses `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD HH:MM` or either with `:00` seconds; nil otherwise.
  public init?(parsing text: Substring) {
    guard let hour = ClockHour.parse(ArraySlice(text.utf8)) else { return nil }
    self = hour
  }

  /// Parses a timestamp, as the `Substring` form does; nil when it is not one.
  public init?(parsing text: String) { self.init(parsing: Substring(text)) }

  /// The parser behind ``init(parsing:)``, on UTF-8 bytes (the CSV reader calls it without making strings).
  static func parse(_ slice: ArraySlice<UInt8>) -> ClockHour? {
    let bytes = slice.startIndex
    // Positions of the digits in "YYYY-MM-DDTHH:MM[:SS]".
    let count = slice.count
    func at(_ i: Int) -> UInt8 { slice[bytes + i] }
    guard count == 16 || count == 19, at(4) == 45, at(7) == 45, at(10) == 84 || at(10) == 32, at(13) == 58 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        let d = Int(at(i)) - 48
        guard (0...9).contains(d) else { return nil }
        value = value * 10 + d
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), minute == 0
    else { return nil }
    if count == 19 {
      guard at(16) == 58, number(17..<19) == 0 else { return nil }
    }
    return ClockHour(year: year, month: month, day: day, hour: hour)
  }

  /// Calendar fields of the hour.
  public var civil: (year: Int, month: Int, day: Int, hour: Int) {
    let days = index >= 0 ? index / 24 : (index - 23) / 24
    let (y, m, d) = ClockHour.civilFromDays(days)
    return (y, m, d, index - days * 24)
  }

  /// Months counted from year 0 (`year · 12 + month − 1`), to number the months of a period.
  public var monthNumber: Int {
    let c = civil
    return c.year * 12 + c.month - 1
  }

  /// The hour `hours` later (earlier when negative).
  public func adding(hours: Int) -> ClockHour { ClockHour(index: index + hours) }

  /// `2024-01-01T00:00`.
  public var description: String {
    let c = civil
    return "\(Self.pad(c.year, 4))-\(Self.pad(c.month, 2))-\(Self.pad(c.day, 2))T\(Self.pad(c.hour, 2)):00"
  }

  /// `2024-01` for the month that holds this hour.
  public var monthLabel: String {
    let c = civil
    return "\(Self.pad(c.year, 4))-\(Self.pad(c.month, 2))"
  }

  /// Earlier hours first.
  public static func < (a: ClockHour, b: ClockHour) -> Bool { a.index < b.index }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
