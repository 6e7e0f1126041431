import Foundation

/// Percentages written and read by moving the decimal point in the text, so
/// that a fraction such as 0.007 is written as `0.7` and reads back as exactly
/// the same double. Dividing the parsed percentage by 100 would round twice
/// and miss about one fraction in seven.
enum NativeDecimalText {
  /// The fraction a percentage text stands for, e.g. `0.7` → 0.007; nil when the text is not a plain decimal.
  static func fraction(fromPercent text: String) -> Double? {
    shift(text, by: -2).flatMap { Double($0) }
  }

  /// The percentage text for a fraction, e.g. 0.007 → `0.7`, reading back through ``fraction(fromPercent:)`` exactly.
  static func percent(ofFraction fraction: Double) -> String {
    // Swift's description is the shortest text that reads back as `fraction`; shifting it keeps that property.
    shift("\(fraction)", by: 2) ?? "\(fraction * 100)"
  }

  /// `text` (e.g. `-1.25`, `7e-05`, `1_000`) with its decimal point moved `places` to the right, as plain decimal text.
  static func shift(_ text: String, by places: Int) -> String? {
    var rest = Substring(text.replacingOccurrences(of: "_", with: ""))
    var sign = ""
    if let first = rest.first, first == "-" || first == "+" {
      if first == "-" { sign = "-" }
      rest = rest.dropFirst()
    }
    var exponent = 0
    if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let value = Int(rest[rest.index(after: e)...]) else { return nil }
      exponent = value
      rest = rest[..<e]
    }
    let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return nil }
    let integerPart = parts[0]
    let fractionPart = parts.count == 2 ? parts[1] : ""
    var digits = String(integerPart + fractionPart)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    // Position of the decimal point within `digits` after the shift.
    var point = integerPart.count + exponent + places
    // Beyond the range of doubles the padding would only waste memory; let the caller fall back.
    guard abs(point) < 400 else { return nil }
    if point < 1 {
      digits = String(repeating: "0", count: 1 - point) + digits
      point = 1
    }
    if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
    let whole = digits.prefix(point).drop { $0 == "0" }
    var decimals = Substring(digits.dropFirst(point))
    while decimals.last == "0" { decimals = decimals.dropLast() }
    return sign + (whole.isEmpty ? "0" : String(whole)) + (decimals.isEmpty ? "" : "." + decimals)
  }
}
