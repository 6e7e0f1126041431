import Foundation

/// A minimal streaming JSON builder over a byte buffer: exact numbers (the
/// shortest text that reads back to the same double), `null` for missing or
/// non-finite values, and no intermediate dictionaries or Strings, so that the
/// result of a 70,000-bus case is written at memory speed.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  /// A writer for `"key":value` pairs that another writer splices into an open object
  /// with ``fragments(_:)``, so that large sections can be formatted concurrently.
  init(fragmentCapacity: Int) {
    bytes.reserveCapacity(fragmentCapacity)
    needsComma = [false]
  }

  /// Splices fragments (from ``init(fragmentCapacity:)``) into the current object.
  mutating func fragments(_ parts: [[UInt8]]) {
    for part in parts where !part.isEmpty {
      if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
      needsComma[needsComma.count - 1] = true
      bytes.append(contentsOf: part)
    }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  mutating func beginObject(_ key: String? = nil) {
    if let key { self.key(key) } else { separate() }
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }
  mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }
  mutating func beginArray(_ key: String? = nil) {
    if let key { self.key(key) } else { separate() }
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }
  mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Keys are ASCII identifiers written by GridCore itself: no escaping needed.
  private mutating func key(_ k: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: k.utf8)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  mutating func field(_ k: String, _ v: Double?) {
    key(k)
    Self.appendNumber(v, to: &bytes)
  }
  mutating func field(_ k: String, _ v: Int) {
    key(k)
    Self.appendInteger(v, to: &bytes)
  }
  mutating func field(_ k: String, integer v: Int?) {
    key(k)
    if let v { Self.appendInteger(v, to: &bytes) } else { Self.appendNull(to: &bytes) }
  }
  mutating func field(_ k: String, _ v: Bool) {
    key(k)
    Self.appendASCII(v ? "true" : "false", to: &bytes)
  }
  mutating func field(_ k: String, _ v: String?) {
    key(k)
    if let v { Self.appendString(v, to: &bytes) } else { Self.appendNull(to: &bytes) }
  }
  mutating func field(_ k: String, numbers: [Double]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in numbers.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendNumber(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  mutating func field(_ k: String, integers: [Int]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in integers.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendInteger(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  mutating func field(_ k: String, strings: [String]) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    for (i, v) in strings.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      Self.appendString(v, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }
  /// An array element that is a string.
  mutating func element(_ v: String) {
    separate()
    Self.appendString(v, to: &bytes)
  }

  // MARK: - Byte formatting, shared with the CSV writers

  static func appendNull(to bytes: inout [UInt8]) { appendASCII("null", to: &bytes) }

  static func appendASCII(_ s: StaticString, to bytes: inout [UInt8]) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  static func appendInteger(_ v: Int, to bytes: inout [UInt8]) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = v.magnitude
    if magnitude == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    // Digits come out least significant first: write them, then reverse in place.
    let start = bytes.count
    while magnitude > 0 {
      bytes.append(UInt8(truncatingIfNeeded: magnitude % 10) + 0x30)
      magnitude /= 10
    }
    bytes[start...].reverse()
  }

  /// Whole numbers without a fraction; others as Swift's shortest round-trip text; `null` if not finite.
  static func appendNumber(_ v: Double?, to bytes: inout [UInt8]) {
    guard let v, v.isFinite else {
      appendNull(to: &bytes)
      return
    }
    if v == v.rounded(.towardZero), abs(v) < 1e15 {
      if v == 0 {
        bytes.append(UInt8(ascii: "0"))
      } else {
        appendInteger(Int(v), to: &bytes)
      }
      return
    }
    var text = v.description
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  static func appendString(_ s: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    let utf8 = s.utf8
    if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for b in utf8 {
      switch b {
      case UInt8(ascii: "\""): appendASCII("\\\"", to: &bytes)
      case UInt8(ascii: "\\"): appendASCII("\\\\", to: &bytes)
      case 0x0A: appendASCII("\\n", to: &bytes)
      case 0x0D: appendASCII("\\r", to: &bytes)
      case 0x09: appendASCII("\\t", to: &bytes)
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        appendASCII("\\u00", to: &bytes)
        bytes.append(hex[Int(b >> 4)])
        bytes.append(hex[Int(b & 15)])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Results of concurrently formatted sections, collected in order.
final class ParallelParts: @unchecked Sendable {
  // Each slot is written by exactly one thread; the lock orders the writes before the reads.
  private let lock = NSLock()
  private var parts: [[UInt8]]

  init(count: Int) { parts = Array(repeating: [], count: count) }

  func set(_ index: Int, _ value: [UInt8]) {
    lock.lock()
    parts[index] = value
    lock.unlock()
  }

  var all: [[UInt8]] {
    lock.lock()
    defer { lock.unlock() }
    return parts
  }

  var totalCount: Int { all.reduce(0) { $0 + $1.count } }
}
