/// Skipping a numeric matrix in the statement pass, a word at a time: the pass that finds the
/// statements of a large case runs before its matrices are read (on several threads), so its
/// pace over matrix text sets when they can start.
extension MatpowerScanner {
  /// Moves past a matrix `[ ... ]` without reading its numbers, keeping line numbers right:
  /// the numbers are read later (possibly on another thread). Returns false when the file
  /// ends, or the next `mpc.` statement begins at the start of a line, before the closing
  /// bracket. `%` comments are skipped; brackets nest (`[1 max([2 3])]`).
  ///
  /// Eight bytes are tested at a time, as one 64-bit word, for the five that need attention:
  /// line ends, `%`, `[` and `]`. Rows of numbers are passed over at that pace.
  mutating func skipMatrix() -> Bool {
    let count = bytes.count
    var p = position + 1  // [
    var line = self.line, lineStart = self.lineStart
    var closed = false
    bytes.withUnsafeBufferPointer { text in
      guard let base = text.baseAddress.map(UnsafeRawPointer.init) else { return }
      var atLineStart = false
      var depth = 0
      scan: while p < count {
        if atLineStart {
          // The first token of a row: `mpc.` there means the matrix was never closed. Blanks
          // and brackets (handled below) before it keep the row at its start.
          while p < count, text[p] == 0x20 || text[p] == 0x09 { p += 1 }
          let bracket = p < count && (text[p] == UInt8(ascii: "[") || text[p] == UInt8(ascii: "]"))
          if !bracket {
            if p + 3 < count, text[p] == UInt8(ascii: "m"), text[p + 1] == UInt8(ascii: "p"), text[p + 2] == UInt8(ascii: "c"),
              text[p + 3] == UInt8(ascii: ".")
            {
              break scan
            }
            atLineStart = false
          }
        }
        // Eight bytes at a time while none needs attention; then straight to the first that does.
        while p + 8 <= count {
          let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
          let found =
            Self.matches(of: 0x0A, in: word) | Self.matches(of: 0x0D, in: word) | Self.matches(of: UInt8(ascii: "%"), in: word)
            | Self.matches(of: UInt8(ascii: "["), in: word) | Self.matches(of: UInt8(ascii: "]"), in: word)
          if found != 0 {
            p += found.trailingZeroBitCount / 8
            break
          }
          p += 8
        }
        guard p < count else { break }
        switch text[p] {
        case 0x0A, 0x0D:
          p += text[p] == 0x0D && p + 1 < count && text[p + 1] == 0x0A ? 2 : 1
          line += 1
          lineStart = p
          atLineStart = true
        case UInt8(ascii: "%"):
          while p < count, text[p] != 0x0A, text[p] != 0x0D { p += 1 }
        case UInt8(ascii: "]"):
          p += 1
          if depth == 0 {
            closed = true
            break scan
          }
          depth -= 1
        case UInt8(ascii: "["):
          p += 1
          depth += 1
        default:
          p += 1
        }
      }
    }
    position = min(p, count)
    self.line = line
    self.lineStart = lineStart
    return closed
  }

  /// The high bit of each byte of `word` that equals `byte`, and possibly of bytes above (more
  /// significant than) such a byte: zero exactly when no byte equals it, and the lowest bit set
  /// is that of the first equal byte in memory order (little-endian).
  @inline(__always)
  private static func matches(of byte: UInt8, in word: UInt64) -> UInt64 {
    let v = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
  }
}
