/// Reads PSS/E RAW power flow data files (revisions 29–35, `.raw`) as MATPOWER's `psse2mpc`
/// converts them, so that a DC power flow of the result matches `rundcpf` of `psse2mpc`'s case.
///
/// What is read: the case identification (SBASE, REV; IC ≠ 0 is warned about), buses,
/// loads, fixed shunts, generators, non-transformer branches, system switching devices
/// (34–35, as lines of reactance X), two- and three-winding transformers (a star bus per
/// three-winding one), area names, two-terminal DC lines (as lossless HVDC links) and the
/// initial susceptance of switched shunts. Areas, zones and owners are kept as bus tags
/// (`area:1`, `zone:3`, `owner:2`) and the area's name as the bus's region. VSC and
/// multi-terminal DC lines, FACTS devices, GNE devices, induction machines and impedance
/// correction tables are not modelled and are reported as warnings; system-wide,
/// multi-section line, zone, inter-area transfer, owner and substation data carry nothing
/// a DC power flow uses and are skipped silently. Everything after a `Q` record is not read.
///
/// The file is data, never code; every error names `file:line:column` and the field.
/// Work and memory are linear in the size of the file. `docs/psse-raw.md` lists the
/// fields used and where this reader departs from `psse2mpc`.
///
/// ```swift
/// let (network, warnings) = try PSSERawReader.read(contentsOf: "case2383wp.raw")
/// ```
public enum PSSERawReader {
  /// The PSS/E revisions read (the REV field of the first line, or `PSS/E-nn` in its comment).
  public static let supportedRevisions = PSSERawLayout.supported

  /// What an empty RAW file should hold, for its message.
  static let expected = "a PSS/E RAW file whose first line is the case identification (IC, SBASE, REV, ...; docs/psse-raw.md)"

  /// Reads a RAW file.
  /// - Parameter path: the file, used as given in locations and messages.
  /// - Returns: the network (buses sorted by number, star buses last; branches: lines,
  ///   switching devices, two-winding, then three-winding transformers) and warnings.
  /// - Throws: ``ParseError`` naming `file:line:column` and what to fix.
  public static func read(contentsOf path: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    try parse(bytes: try InputFile.bytes(of: path), file: path)
  }

  /// Reads a RAW file from text already in memory; `file` is used in messages.
  public static func parse(_ text: String, file: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads a RAW file from its bytes (ASCII or UTF-8 text); `file` is used in messages.
  public static func parse(bytes: [UInt8], file: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    if bytes.prefix(8192).contains(0) { throw ParseError(.binary, at: SourceLocation(file: file, line: 1)) }
    guard bytes.count <= PSSERawDocument.largestFile else {
      throw ParseError(.other("the file is larger than 2 GiB, more than any RAW file this reader takes"), at: SourceLocation(file: file, line: 1))
    }
    let document = PSSERawDocument(bytes: bytes, file: file)
    guard !document.identification.isEmpty else { throw ParseError(.emptyFile(expected: Self.expected), at: SourceLocation(file: file, line: 1)) }
    var parser = PSSERawParser(document: document)
    let data = try parser.parse()
    let network = try PSSERawNetworkBuilder(data: data, file: file).build()
    return (network, parser.diagnostics + ignoredData(parser.map, document: document, data: data))
  }

  /// True when `bytes` begin like a RAW file: the first line that is not a `@!` heading
  /// starts with two numbers, IC (0 or 1) and a positive SBASE. MATPOWER cases begin with
  /// `function` or `%`, gridtool networks with a YAML key, so neither is taken for one.
  public static func looksLikeRaw(_ bytes: [UInt8]) -> Bool {
    let head = Array(bytes.prefix(4096))
    let document = PSSERawDocument(bytes: head, file: "")
    guard let first = document.identification.first else { return false }
    var buffer: [PSSERawField] = []
    guard let record = try? PSSERawRecord(document: document, position: first, limit: 3, what: "", buffer: &buffer),
      let ic = try? record.integer(1, "IC"), ic == 0 || ic == 1,
      let sbase = try? record.real(2, "SBASE"), sbase > 0
    else { return false }
    return true
  }

  /// One warning per category that holds data this reader does not model.
  private static func ignoredData(_ map: PSSERawSectionMap, document: PSSERawDocument, data: PSSERawCase) -> [Diagnostic] {
    var notes: [Diagnostic] = []
    func at(_ section: PSSERawDocument.Section) -> SourceLocation? {
      section.records.first.map { document.location(line: $0) }
    }
    let notModelled: [PSSERawSectionKind] = [.vscDC, .multiTerminalDC, .facts, .gne, .inductionMachine]
    for kind in notModelled {
      let section = map[kind]
      guard !section.records.isEmpty else { continue }
      notes.append(
        Diagnostic(
          "\(kind.title) (\(count(section.records.count, "record"))) is ignored: the DC model has no such element "
            + "(psse2mpc skips it too), so flows differ from PSS/E's where these devices carry power",
          at: at(section)))
    }
    let corrections = map[.impedanceCorrection]
    if !corrections.records.isEmpty {
      notes.append(
        Diagnostic(
          "transformer impedance correction tables (\(count(corrections.records.count, "record"))) are not applied "
            + "(nor by psse2mpc): transformers keep their nominal impedance", at: at(corrections)))
    }
    let switched = map[.switchedShunt]
    if !switched.records.isEmpty {
      notes.append(
        Diagnostic(
          "\(count(data.switchedShunts.count, "switched shunt")): only the initial susceptance BINIT is kept, added to the "
            + "bus shunt BS as psse2mpc does; a DC power flow does not use it", at: at(switched)))
    }
    for kind in PSSERawSectionKind.allCases {
      let section = map[kind]
      if section.terminator == nil, let last = section.records.last {
        notes.append(
          Diagnostic("the file ends inside \(kind.title) without the '0' record that ends it", at: document.location(line: last)))
      }
    }
    for (label, terminator) in map.unknownLabels {
      notes.append(
        Diagnostic("the terminator's label '\(PSSERawText.excerpt(label))' names no PSS/E data category", at: document.location(line: terminator)))
    }
    if let first = map.extra.first {
      let place = first.records.first ?? first.terminator ?? 0
      notes.append(
        Diagnostic(
          "\(count(map.extra.count, "more section")) than PSS/E revision \(data.revision) has; ignored",
          at: document.location(line: place)))
    }
    return notes
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
