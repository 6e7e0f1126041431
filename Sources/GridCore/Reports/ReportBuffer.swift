/// The bytes of a report as its writer (``JSONWriter``, ``CSVWriter``) makes them: a byte
/// array written with plain stores, a field at a time, and handed over without a copy.
///
/// Appending to a `[UInt8]` byte by byte checks the array's uniqueness and capacity for every
/// byte, and `append(contentsOf:)` takes a generic path for short pieces; together they were
/// most of the time of formatting a large report. Here the array is kept a little longer than
/// the text, zeros after it, and each write stores into that room directly: one check per write.
struct ReportBuffer {
  /// `count` bytes of text, then zeros: room for the next writes.
  private var storage: [UInt8] = []
  /// Bytes of text written.
  private(set) var count = 0

  /// A buffer that holds `capacity` bytes before it grows.
  init(capacity: Int = 4096) { storage.reserveCapacity(capacity) }

  /// The text written so far (a copy).
  var bytes: [UInt8] { Array(storage[0..<count]) }

  /// The byte at `offset` of the text.
  subscript(offset: Int) -> UInt8 { storage[offset] }

  /// Lets `body` write at most `maxCount` bytes after the text, into the buffer's bytes from
  /// the offset it is given; `body` returns how many it wrote. Every store is bounds-checked
  /// (a `MutableSpan`), so a writer that miscounts its room traps instead of corrupting memory.
  @inline(__always)
  mutating func write(atMost maxCount: Int, _ body: (inout MutableSpan<UInt8>, Int) -> Int) {
    if count + maxCount > storage.count { makeRoom(maxCount) }
    let start = count
    var text = storage.mutableSpan
    let written = body(&text, start)
    precondition(written <= maxCount, "a report wrote more than the room it asked for")
    count += written
  }

  /// Zeros after the text, at least `n`: up to the capacity reserved, else as much as there
  /// is already (the array then grows geometrically), in steps of at most 64 KB.
  @inline(never) private mutating func makeRoom(_ n: Int) {
    let reserved = storage.capacity - storage.count
    var room = max(n, min(reserved > 0 ? reserved : storage.count, 1 << 16), 64)
    // Copied from a block of zeros (a memcpy; `repeatElement` goes element by element).
    while room > 0 {
      let step = min(room, Self.zeros.count)
      storage.append(contentsOf: Self.zeros[0..<step])
      room -= step
    }
  }

  private static let zeros = [UInt8](repeating: 0, count: 1 << 16)

  /// One byte.
  mutating func append(_ byte: UInt8) {
    write(atMost: 1) { text, i in
      text[i] = byte
      return 1
    }
  }

  /// The UTF-8 of a literal.
  mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { utf8 in
      write(atMost: utf8.count) { text, i in Self.copy(utf8, to: &text, at: i) }
    }
  }

  /// The UTF-8 of `s`.
  mutating func append(utf8Of s: String) {
    var s = s
    s.withUTF8 { utf8 in
      write(atMost: utf8.count) { text, i in Self.copy(utf8, to: &text, at: i) }
    }
  }

  // MARK: - Copying bytes into a write

  /// Stores `source` into `out` from `p` and returns its length: eight bytes a store (the
  /// last store overlapping the one before), not one, for the keys and literals that make up
  /// much of a report. Every store is bounds-checked, as `out`'s subscript is.
  @inline(__always)
  static func copy(_ source: UnsafeBufferPointer<UInt8>, to out: inout MutableSpan<UInt8>, at p: Int) -> Int {
    let n = source.count
    if n < 4 {
      for k in 0..<n { out[p &+ k] = source[k] }
      return n
    }
    let bytes = UnsafeRawBufferPointer(source)
    var text = out.mutableBytes
    if n < 8 {
      text.storeBytes(of: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self), toByteOffset: p, as: UInt32.self)
      text.storeBytes(of: bytes.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self), toByteOffset: p &+ n &- 4, as: UInt32.self)
      return n
    }
    var k = 0
    while k &+ 8 < n {
      text.storeBytes(of: bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: p &+ k, as: UInt64.self)
      k &+= 8
    }
    text.storeBytes(of: bytes.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: p &+ n &- 8, as: UInt64.self)
    return n
  }

  /// Stores the bytes of `out` at `source` again from `p` (after them: `source.upperBound <= p`),
  /// eight at a time as ``copy(_:to:at:)`` does; returns their count.
  @inline(__always)
  static func copy(_ source: Range<Int>, of out: inout MutableSpan<UInt8>, to p: Int) -> Int {
    precondition(source.upperBound <= p)
    let n = source.count, from = source.lowerBound
    if n < 8 {
      for k in 0..<n { out[p &+ k] = out[from &+ k] }
      return n
    }
    var text = out.mutableBytes
    var k = 0
    while k &+ 8 < n {
      text.storeBytes(of: text.unsafeLoadUnaligned(fromByteOffset: from &+ k, as: UInt64.self), toByteOffset: p &+ k, as: UInt64.self)
      k &+= 8
    }
    let last = n &- 8
    text.storeBytes(of: text.unsafeLoadUnaligned(fromByteOffset: from &+ last, as: UInt64.self), toByteOffset: p &+ last, as: UInt64.self)
    return n
  }

  /// The text written so far, handed over; the buffer starts again empty.
  mutating func take() -> [UInt8] {
    storage.removeLast(storage.count - count)
    defer {
      storage = []
      storage.reserveCapacity(4096)
      count = 0
    }
    return storage
  }
}
