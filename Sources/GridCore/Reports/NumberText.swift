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

  /// Writes `v` (finite: callers write `null` or an empty cell for the others) at `p`, which
  /// has room for ``maxLength`` bytes; returns the length.
  @inline(__always)
  static func write(_ v: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
    if v.magnitude < 1e15 {
      let whole = Int(v)
      // -0 is whole too, and prints as 0.
      if Double(whole) == v { return writeInteger(whole, to: p) }
      if let n = ShortestDecimal.write(v, to: p) { return n }
    }
    var text = v.description
    return text.withUTF8 { utf8 in
      p.update(from: utf8.baseAddress!, count: utf8.count)
      return utf8.count
    }
  }

  /// Writes `v` in decimal, as Swift prints it, at `p` (room for 20 bytes); returns the length.
  @inline(__always)
  static func writeInteger(_ v: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var magnitude = v.magnitude
    var digits = 1
    var power: UInt = 10
    while digits < 20, magnitude >= power {
      digits += 1
      power = power &* 10
    }
    let length = digits + (v < 0 ? 1 : 0)
    if v < 0 { p[0] = UInt8(ascii: "-") }
    var i = length
    repeat {
      i -= 1
      p[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
      magnitude /= 10
    } while magnitude > 0
    return length
  }

  static func append(_ v: Double, to buffer: inout ReportBuffer) {
    buffer.write(atMost: maxLength) { write(v, to: $0) }
  }

  static func appendInteger(_ v: Int, to buffer: inout ReportBuffer) {
    buffer.write(atMost: 20) { writeInteger(v, to: $0) }
  }

  /// Writes the text of `-v` at `p`, given the text of `v` (written by ``write(_:to:)``, or
  /// `null`) at `text`: the sign toggled, without formatting the number again (a branch's
  /// flows at its two ends). Returns the length, at most `text.count + 1`.
  @inline(__always)
  static func writeNegation(of text: UnsafeBufferPointer<UInt8>, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var source = text[...]
    var i = 0
    if text[0] == UInt8(ascii: "-") {
      source = text.dropFirst()
    } else if text[0] != UInt8(ascii: "n") && !(text[0] == UInt8(ascii: "0") && text.count == 1) {
      p[0] = UInt8(ascii: "-")  // null and 0 stay as they are
      i = 1
    }
    for b in source {
      p[i] = b
      i += 1
    }
    return i
  }
}
