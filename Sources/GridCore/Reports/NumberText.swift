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
    let magnitude = v.magnitude
    var digits = 1
    var power: UInt = 10
    while digits < 20, magnitude >= power {
      digits += 1
      power = power &* 10
    }
    let length = digits + (v < 0 ? 1 : 0)
    if v < 0 { out[p] = UInt8(ascii: "-") }
    _ = storeDigits(of: UInt64(magnitude), endingAt: p + length, to: &out)
    return length
  }

  /// The decimal digits of `v` (one for 0), written right to left so that the last one is
  /// just before `end`, two at a time; returns the offset of the first.
  @inline(__always)
  static func storeDigits(of v: UInt64, endingAt end: Int, to out: inout MutableSpan<UInt8>) -> Int {
    var v = v, end = end
    while v >= 100 {
      end -= 2
      storeTwoDigits(Int(truncatingIfNeeded: v % 100), to: &out, at: end)
      v /= 100
    }
    if v >= 10 {
      end -= 2
      storeTwoDigits(Int(truncatingIfNeeded: v), to: &out, at: end)
    } else {
      end -= 1
      out[end] = UInt8(truncatingIfNeeded: v) &+ 0x30
    }
    return end
  }

  /// The two digits of `n` (0...99) at `offset`, in one store.
  @inline(__always)
  static func storeTwoDigits(_ n: Int, to out: inout MutableSpan<UInt8>, at offset: Int) {
    var bytes = out.mutableBytes
    bytes.storeBytes(of: UInt16(littleEndian: digitPairs[n]), toByteOffset: offset, as: UInt16.self)
  }

  /// "00", "01", … "99": the two ASCII digits of each number, the first in the low byte
  /// (little-endian order). A literal, so that the table is constant data.
  private static let digitPairs: [UInt16] = [
    0x3030, 0x3130, 0x3230, 0x3330, 0x3430, 0x3530, 0x3630, 0x3730, 0x3830, 0x3930,
    0x3031, 0x3131, 0x3231, 0x3331, 0x3431, 0x3531, 0x3631, 0x3731, 0x3831, 0x3931,
    0x3032, 0x3132, 0x3232, 0x3332, 0x3432, 0x3532, 0x3632, 0x3732, 0x3832, 0x3932,
    0x3033, 0x3133, 0x3233, 0x3333, 0x3433, 0x3533, 0x3633, 0x3733, 0x3833, 0x3933,
    0x3034, 0x3134, 0x3234, 0x3334, 0x3434, 0x3534, 0x3634, 0x3734, 0x3834, 0x3934,
    0x3035, 0x3135, 0x3235, 0x3335, 0x3435, 0x3535, 0x3635, 0x3735, 0x3835, 0x3935,
    0x3036, 0x3136, 0x3236, 0x3336, 0x3436, 0x3536, 0x3636, 0x3736, 0x3836, 0x3936,
    0x3037, 0x3137, 0x3237, 0x3337, 0x3437, 0x3537, 0x3637, 0x3737, 0x3837, 0x3937,
    0x3038, 0x3138, 0x3238, 0x3338, 0x3438, 0x3538, 0x3638, 0x3738, 0x3838, 0x3938,
    0x3039, 0x3139, 0x3239, 0x3339, 0x3439, 0x3539, 0x3639, 0x3739, 0x3839, 0x3939,
  ]

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
