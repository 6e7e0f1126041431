#if canImport(Glibc)
  import Glibc
#endif

/// Reading whole input files (or standard input), bounded by ``InputLimits``, with errors
/// that name the file and, for bytes that are not text, the line and column.
///
/// Every reader of GridCore reads through here: a file above the size limit is refused before
/// it is read, a stream is read up to the limit and refused past it, and a NUL byte stops the
/// read where it is found (`/dev/zero` ends at once with "not text" at line 1, column 1).
public enum InputFile {
  /// The bytes of the file at `path`, read straight into the array (no intermediate `Data`
  /// and copy: for a 19 MB case that was 19 MB more memory to zero and copy).
  /// - Throws: ``ParseError`` (`unreadable`, `binary` at the first NUL byte, or the size limit).
  public static func bytes(of path: String, limits: InputLimits = .standard) throws(ParseError) -> [UInt8] {
    let location = SourceLocation(file: path, line: 1)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw ParseError(.unreadable(reason: errno == ENOENT || errno == ENOTDIR ? "no such file" : "permission denied or I/O error"), at: location)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw ParseError(.unreadable(reason: "permission denied or I/O error"), at: location) }
    if status.st_mode & S_IFMT == S_IFDIR { throw ParseError(.unreadable(reason: "it is a directory"), at: location) }
    let size = status.st_mode & S_IFMT == S_IFREG ? max(Int(status.st_size), 0) : 0
    if size > limits.maximumBytes { throw tooLarge(path, limits, size: size) }
    return try bytes(readingDescriptor: descriptor, name: path, limits: limits, sizeHint: size)
  }

  /// The bytes of an open descriptor (standard input is 0), read to its end; `name` names it
  /// in messages (e.g. `<stdin>`). The descriptor is left open.
  public static func bytes(readingDescriptor descriptor: Int32, name: String, limits: InputLimits = .standard) throws(ParseError)
    -> [UInt8]
  {
    try bytes(readingDescriptor: descriptor, name: name, limits: limits, sizeHint: 0)
  }

  private static func bytes(readingDescriptor descriptor: Int32, name: String, limits: InputLimits, sizeHint: Int) throws(ParseError)
    -> [UInt8]
  {
    // Read straight into the array's storage; the size is a hint, and a file that is still
    // growing (or a stream) is read on to its end, up to the limit.
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: sizeHint) { buffer, count in
      count = readAll(descriptor, into: UnsafeMutableRawBufferPointer(buffer), failed: &failed)
    }
    try checkNoNUL(bytes, from: 0, name: name)
    // A short read has reached the end; only a file that filled its size may have grown.
    if bytes.count == sizeHint {
      var more = [UInt8](repeating: 0, count: 1 << 16)
      while !failed {
        let got = more.withUnsafeMutableBytes { readAll(descriptor, into: $0, failed: &failed) }
        if got == 0 { break }
        let start = bytes.count
        guard start + got <= limits.maximumBytes else { throw tooLarge(name, limits, size: nil) }
        bytes += more[0..<got]
        try checkNoNUL(bytes, from: start, name: name)
      }
    }
    if failed { throw ParseError(.unreadable(reason: "permission denied or I/O error"), at: SourceLocation(file: name, line: 1)) }
    return bytes
  }

  /// Reads until `buffer` is full or the file ends; the number of bytes read.
  private static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, failed: inout Bool) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let n = read(descriptor, base + done, buffer.count - done)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { failed = true }
      if n <= 0 { break }
      done += n
    }
    return done
  }

  private static func tooLarge(_ name: String, _ limits: InputLimits, size: Int?) -> ParseError {
    let what = size.map { "the file is \($0) bytes" } ?? "the input goes on past \(InputLimits.describe(bytes: limits.maximumBytes))"
    return ParseError(
      .other("\(what); inputs above \(InputLimits.describe(bytes: limits.maximumBytes)) are refused (InputLimits.maximumBytes)"),
      at: SourceLocation(file: name, line: 1))
  }

  /// Throws `binary` at the first NUL byte at or after `start` (no text format has one).
  private static func checkNoNUL(_ bytes: [UInt8], from start: Int, name: String) throws(ParseError) {
    guard start < bytes.count else { return }
    let offset: Int? = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, let hit = memchr(base + start, 0, buffer.count - start) else { return nil }
      return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
    if let offset { throw ParseError(.binary, at: TextPosition.location(of: offset, in: bytes, file: name)) }
  }
}
