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
      write(atMost: utf8.count) { text, i in
        for (k, b) in utf8.enumerated() { text[i + k] = b }
        return utf8.count
      }
    }
  }

  /// The UTF-8 of `s`.
  mutating func append(utf8Of s: String) {
    var s = s
    s.withUTF8 { utf8 in
      write(atMost: utf8.count) { text, i in
        for (k, b) in utf8.enumerated() { text[i + k] = b }
        return utf8.count
      }
    }
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
