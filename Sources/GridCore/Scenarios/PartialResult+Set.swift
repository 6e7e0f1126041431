extension PartialResult {
  /// The partial results of one study, in hour order, after checking that they belong
  /// together and cover the period once: the same program, command, options, inputs and
  /// period, and hour ranges that neither overlap nor leave hours out.
  /// - Parameter files: each partial result with the file it was read from (for messages).
  /// - Throws: ``PartialResultError`` naming the file(s) at fault and what differs.
  public static func ordered(_ files: [(result: PartialResult, source: String)]) throws(PartialResultError) -> [PartialResult] {
    guard let (first, firstSource) = files.first else { throw PartialResultError(message: "no partial results to merge") }
    for (p, source) in files.dropFirst() {
      try check(p, source, against: first, firstSource)
    }
    for (p, source) in files where p.hours != p.shard.hours(period: p.periodHours, chunkHours: p.chunkHours) {
      throw PartialResultError(
        message: "\(source): hours \(p.hours.lowerBound)..<\(p.hours.upperBound) are not those of shard \(p.shard) (not written by --shard)")
    }
    let sorted = files.sorted { ($0.result.hours.lowerBound, $0.result.hours.upperBound) < ($1.result.hours.lowerBound, $1.result.hours.upperBound) }
    var next = 0
    var previous: (result: PartialResult, source: String)? = nil
    for (p, source) in sorted where !p.hours.isEmpty || sorted.count == 1 {
      if p.hours.lowerBound < next, let previous {
        throw PartialResultError(
          message: "\(source) (shard \(p.shard), hours \(describe(p.hours))) overlaps \(previous.source) (shard \(previous.result.shard), hours \(describe(previous.result.hours)))")
      }
      if p.hours.lowerBound > next { throw missing(next..<p.hours.lowerBound, in: first) }
      next = p.hours.upperBound
      previous = (p, source)
    }
    if next < first.periodHours { throw missing(next..<first.periodHours, in: first) }
    return sorted.map(\.result)
  }

  /// Throws unless `p` is a shard of the same study as `first`.
  private static func check(_ p: PartialResult, _ source: String, against first: PartialResult, _ firstSource: String)
    throws(PartialResultError)
  {
    func differ(_ what: String) -> PartialResultError {
      PartialResultError(message: "\(source) and \(firstSource) are not shards of one study: \(what)")
    }
    if p.tool != first.tool { throw differ("written by \(p.tool) and \(first.tool)") }
    if p.content.command != first.content.command {
      throw differ("partials of `gridtool \(p.content.command)` and `gridtool \(first.content.command)`")
    }
    if p.arguments != first.arguments {
      throw differ("different options: \(p.arguments.joined(separator: " ")) and \(first.arguments.joined(separator: " "))")
    }
    if p.start != first.start || p.periodHours != first.periodHours || p.chunkHours != first.chunkHours {
      throw differ(
        "different periods (\(p.start), \(p.periodHours) h in chunks of \(p.chunkHours); \(first.start), \(first.periodHours) h in chunks of \(first.chunkHours))"
      )
    }
    if p.inputs.count != first.inputs.count {
      throw differ("different inputs (\(p.inputs.count) and \(first.inputs.count) files)")
    }
    for (a, b) in zip(p.inputs, first.inputs) where a.role != b.role || a.sha256 != b.sha256 || a.bytes != b.bytes {
      throw differ("different \(a.role) files (\(a.path), sha256 \(a.sha256.prefix(12))…; \(b.path), sha256 \(b.sha256.prefix(12))…)")
    }
    // Everything the identity covers has been compared; a mismatch left is a damaged file.
    if p.identity != first.identity { throw differ("different identities") }
  }

  /// `first..<end` as `a–b`, inclusive hours.
  private static func describe(_ hours: Range<Int>) -> String { "\(hours.lowerBound)–\(hours.upperBound - 1)" }

  /// The error for hours no partial covers, naming the shards that would.
  private static func missing(_ hours: Range<Int>, in study: PartialResult) -> PartialResultError {
    let n = study.shard.count
    let shards = (0..<n).compactMap { ScenarioShard(index: $0, count: n) }.filter { s in
      let r = s.hours(period: study.periodHours, chunkHours: study.chunkHours)
      return !r.isEmpty && r.overlaps(hours)
    }
    let names = shards.map(\.description).joined(separator: ", ")
    return PartialResultError(
      message: "hours \(describe(hours)) of \(study.periodHours) are in no partial result: shard\(shards.count == 1 ? "" : "s") \(names) missing")
  }
}
