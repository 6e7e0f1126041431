/// Numbers as the text of GridCore's reports, JSON and CSV alike.
///
/// Whole numbers below 10¹⁵ print without a fraction (`120`, not `120.0`), and `-0` as `0`;
/// every other number prints as the shortest text that reads back to the same double, which
/// is Swift's `description` (`0.1`, `-12.345678901234567`, `1e-05`, `1e+16`). The values most
/// reports are made of (flows, angles, loadings) take ``ShortestDecimal``'s path, which writes
/// the same text without making a String per number.
enum NumberText {
  /// The longest text of a number: `description` of a double is at most 24 bytes
  /// (`-2.2250738585072014e-308`), an Int at most 20.
  static let maxLength = 32

  /// Writes `v` (finite: callers write `null` or an empty cell for the others) into `out`
  /// from `p`, where there is room for ``maxLength`` bytes; returns the length.
  @inline(__always)
  static func write(_ v: Double, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    if v.magnitude < 1e15 {
      let whole = Int(v)
      // -0 is whole too, and prints as 0.
      if Double(whole) == v { return writeInteger(whole, to: &out, at: p) }
      if let n = ShortestDecimal.write(v, to: &out, at: p) { return n }
    }
    var text = v.description
    return text.withUTF8 { utf8 in ReportBuffer.copy(utf8, to: &out, at: p) }
  }

  /// Writes `v` in decimal, as Swift prints it, into `out` from `p` (room for 20 bytes);
  /// returns the length.
  @inline(__always)
  static func writeInteger(_ v: Int, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    var magnitude = v.magnitude
    var digits = 1
    var power: UInt = 10
    while digits < 20, magnitude >= power {
      digits += 1
      power = power &* 10
    }
    let length = digits + (v < 0 ? 1 : 0)
    if v < 0 { out[p] = UInt8(ascii: "-") }
    var i = length
    repeat {
      i -= 1
      out[p + i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
      magnitude /= 10
    } while magnitude > 0
    return length
  }

  static func append(_ v: Double, to buffer: inout ReportBuffer) {
    buffer.write(atMost: maxLength) { write(v, to: &$0, at: $1) }
  }

  static func appendInteger(_ v: Int, to buffer: inout ReportBuffer) {
    buffer.write(atMost: 20) { writeInteger(v, to: &$0, at: $1) }
  }

  /// Writes the text of `-v` into `out` from `p`, given the text of `v` (written by
  /// ``write(_:to:at:)``, or `null`) at `text`, earlier in `out`: the sign toggled, without
  /// formatting the number again (a branch's flows at its two ends). Returns the length, at
  /// most `text.count + 1`.
  @inline(__always)
  static func writeNegation(of text: Range<Int>, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    precondition(text.upperBound <= p && !text.isEmpty)
    var source = text
    var i = 0
    let first = out[text.lowerBound]
    if first == UInt8(ascii: "-") {
      source = text.dropFirst()
    } else if first != UInt8(ascii: "n") && !(first == UInt8(ascii: "0") && text.count == 1) {
      out[p] = UInt8(ascii: "-")  // null and 0 stay as they are
      i = 1
    }
    return i + ReportBuffer.copy(source, of: &out, to: p + i)
  }
}
