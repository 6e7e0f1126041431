/// Which section of a RAW file holds which data category, for one revision.
///
/// Sections come in the revision's order (``PSSERawSectionKind/order(revision:)``), as MATPOWER
/// reads them. A section whose terminator names its category (`END OF BUS DATA`) is checked:
/// a label naming another category means the file is not of the stated revision, and is an
/// error rather than data read into the wrong fields. Revisions 34 and 35 may leave out
/// the system-wide, system switching device and substation sections; a labelled section of
/// the next category, or (for system-wide data) a first record that begins with a number,
/// shows that one is absent. A file may end (or stop at a `Q` record) before its last
/// categories: those are empty.
struct PSSERawSectionMap {
  private(set) var sections: [PSSERawSectionKind: PSSERawDocument.Section] = [:]
  /// Sections past the revision's last category, ignored with a warning.
  private(set) var extra: [PSSERawDocument.Section] = []
  /// Labels that name no known category, for a warning.
  private(set) var unknownLabels: [(label: String, terminator: Int)] = []

  /// A map with no sections (before the revision is known).
  static let empty = PSSERawSectionMap()
  private init() {}

  init(document: PSSERawDocument, revision: Int) throws(ParseError) {
    var order = PSSERawSectionKind.order(revision: revision)[...]
    var index = 0
    let all = document.sections
    while index < all.count, let expected = order.first {
      let section = all[index]
      let named = section.label.flatMap(PSSERawSectionKind.init(label:))
      if let label = section.label, named == nil { unknownLabels.append((label, section.terminator ?? 0)) }
      if expected.mayBeAbsent, revision >= 34, isAbsent(expected, section: section, named: named, document: document) {
        order.removeFirst()
        continue
      }
      if let named, named != expected {
        let place = section.terminator ?? section.records.last ?? 0
        throw ParseError(
          .other(
            "this terminator ends \(named.title), but a PSS/E revision \(revision) file has \(expected.title) here; "
              + "check the revision (REV, the third field of line 1) and the order of the sections"),
          at: document.location(line: place))
      }
      sections[expected] = section
      order.removeFirst()
      index += 1
    }
    extra = Array(all[index...])
  }

  /// Whether an optional category is left out: the section in its place is labelled as
  /// another category, or (system-wide data) begins with a record of bus data.
  private func isAbsent(
    _ kind: PSSERawSectionKind, section: PSSERawDocument.Section, named: PSSERawSectionKind?,
    document: PSSERawDocument
  ) -> Bool {
    if let named { return named != kind }
    guard kind == .systemWide, let first = section.records.first else { return false }
    // System-wide records begin with a keyword (GENERAL, GAUSS, RATING...), bus records with a number.
    let line = document.lines[first]
    var p = line.start
    while p < line.end, PSSERawTokenizer.isBlank(document.bytes[p]) { p += 1 }
    return p < line.end && document.bytes[p] &- 0x30 < 10
  }

  /// The section of `kind`: empty when the file has none.
  subscript(kind: PSSERawSectionKind) -> PSSERawDocument.Section {
    sections[kind] ?? PSSERawDocument.Section(records: [], label: nil, terminator: nil)
  }
}
