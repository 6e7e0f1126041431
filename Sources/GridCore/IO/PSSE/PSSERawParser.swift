/// Reads the records of a RAW file into a ``PSSERawCase``: the case identification, then
/// every section the conversion uses, checking each value and each bus reference as it goes.
struct PSSERawParser {
  let document: PSSERawDocument
  var data = PSSERawCase()
  var diagnostics: [Diagnostic] = []
  private(set) var layout = PSSERawLayout(revision: 33)
  private(set) var map = PSSERawSectionMap.empty
  private var busIndex = BusIndex([BusID]())
  /// Reused field storage: splitting a record allocates nothing once it has grown.
  private var buffer: [PSSERawField] = []

  init(document: PSSERawDocument) {
    self.document = document
    buffer.reserveCapacity(PSSERawLayout.fieldLimit)
  }

  private var file: String { document.file }

  mutating func parse() throws(ParseError) -> PSSERawCase {
    try readIdentification()
    map = try PSSERawSectionMap(document: document, revision: data.revision)
    try readBuses()
    try readLoads()
    try readFixedShunts()
    try readGenerators()
    try readBranches()
    try readTransformers()
    data.areaNames = try readNames(.area, nameField: 5)
    try readDCLines()
    try readSwitchedShunts()
    return data
  }

  mutating func record(_ position: Int, _ what: String) throws(ParseError) -> PSSERawRecord {
    try PSSERawRecord(document: document, position: position, limit: PSSERawLayout.fieldLimit, what: what, buffer: &buffer)
  }

  /// The records of a section the conversion reads; an error when the file ends inside it.
  func records(_ kind: PSSERawSectionKind) throws(ParseError) -> [Int] {
    let section = map[kind]
    if section.terminator == nil, let last = section.records.last {
      throw ParseError(
        .other(
          "the file ends inside \(kind.title) (last record here) without the '0' record that ends it; "
            + "the file seems to be cut short"),
        at: document.location(line: last))
    }
    return section.records
  }

  // MARK: - Case identification

  private mutating func readIdentification() throws(ParseError) {
    guard let first = document.identification.first else { throw ParseError(.emptyFile(expected: PSSERawReader.expected), at: SourceLocation(file: file, line: 1)) }
    let id = try record(first, "case identification record")
    guard !id.isBlank(2), let sbase = try? id.real(2, "SBASE"), sbase > 0 else {
      throw ParseError(
        .other(
          "line 1 must be the case identification record 'IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ' of a PSS/E RAW file "
            + "with SBASE, the system base in MVA, positive"),
        at: id.location(2))
    }
    data.baseMVA = sbase
    data.changeCode = try id.integer(1, "IC", default: 0)
    guard let (revision, at) = try PSSERawLayout.statedRevision(id) else {
      throw ParseError(
        .other(
          "the PSS/E revision is not stated: give it as REV, the third field of line 1 (e.g. '0, 100.0, 33'); "
            + "revisions \(PSSERawLayout.supported.lowerBound)–\(PSSERawLayout.supported.upperBound) are read"),
        at: id.location(3))
    }
    guard PSSERawLayout.supported.contains(revision) else {
      throw ParseError(
        .other(
          "PSS/E revision \(revision) is not supported; revisions \(PSSERawLayout.supported.lowerBound)–"
            + "\(PSSERawLayout.supported.upperBound) are read (save the case from PSS/E as one of them)"),
        at: at)
    }
    data.revision = revision
    layout = PSSERawLayout(revision: revision)
    if data.changeCode != 0 {
      diagnostics.append(
        Diagnostic(
          "IC = \(data.changeCode) marks a change case, not a base case; it is read as a whole network", at: id.location(1)))
    }
    for position in document.identification.dropFirst() {
      let line = document.lines[position]
      data.titles.append(PSSERawText.trimmed(String(decoding: document.bytes[line.start..<line.end], as: UTF8.self)))
    }
  }

  // MARK: - Buses, loads, shunts, generators

  private mutating func readBuses() throws(ParseError) {
    let positions = try records(.bus)
    guard !positions.isEmpty else {
      throw ParseError(.other("the file has no bus data; a network needs at least one bus"), at: document.endLocation)
    }
    data.buses.reserveCapacity(positions.count)
    let l = layout
    for position in positions {
      let r = try record(position, "bus record")
      var bus = PSSERawCase.Bus(
        number: try r.busNumber(1, "I"), name: r.trimmedText(2), baseKV: try r.real(3, "BASKV", default: 0),
        type: try r.code(4, "IDE", default: 1, allowed: 1...4, meaning: "1 (load), 2 (generator), 3 (swing) or 4 (isolated)"),
        area: try r.integer(l.busArea, "AREA", default: 1), zone: try r.integer(l.busZone, "ZONE", default: 1),
        owner: try r.integer(l.busOwner, "OWNER", default: 1), vm: try r.real(l.busVM, "VM", default: 1),
        va: try r.real(l.busVA, "VA", default: 0), vmax: 1.1, vmin: 0.9, source: r.location)
      if let (gl, bl) = l.busShunt {
        bus.gl = try r.real(gl, "GL", default: 0)
        bus.bl = try r.real(bl, "BL", default: 0)
      }
      if let (high, low) = l.busVoltageLimits {
        bus.vmax = try r.real(high, "NVHI", default: 1.1)
        bus.vmin = try r.real(low, "NVLO", default: 0.9)
      }
      data.buses.append(bus)
    }
    busIndex = BusIndex(data.buses.map { BusID($0.number) })
    if let p = busIndex.firstDuplicate {
      throw ParseError(.duplicateBus(String(data.buses[p].number)), at: data.buses[p].source)
    }
  }

  /// Position in ``PSSERawCase/buses`` of the bus named in field `index`.
  func bus(_ r: PSSERawRecord, _ index: Int, _ name: String, element: String, allowNegative: Bool = false)
    throws(ParseError) -> Int
  {
    let number = try r.busNumber(index, name, allowNegative: allowNegative)
    guard let p = busIndex[BusID(number)] else {
      throw ParseError(.unknownBus(element: "this \(element) (\(name))", bus: String(number)), at: r.location(index))
    }
    return p
  }

  private mutating func readLoads() throws(ParseError) {
    for position in try records(.load) {
      let r = try record(position, "load record")
      data.loads.append(
        PSSERawCase.Load(
          bus: try bus(r, 1, "I", element: "load"), inService: try status(r, 3, "STATUS"),
          pl: try r.real(6, "PL", default: 0), ql: try r.real(7, "QL", default: 0), ip: try r.real(8, "IP", default: 0),
          iq: try r.real(9, "IQ", default: 0), yp: try r.real(10, "YP", default: 0), yq: try r.real(11, "YQ", default: 0),
          source: r.location))
    }
  }

  func status(_ r: PSSERawRecord, _ index: Int, _ name: String) throws(ParseError) -> Bool {
    try r.code(index, name, default: 1, allowed: 0...1, meaning: "0 (out of service) or 1 (in service)") == 1
  }

  private mutating func readFixedShunts() throws(ParseError) {
    guard data.revision >= 31 else { return }
    for position in try records(.fixedShunt) {
      let r = try record(position, "fixed shunt record")
      data.fixedShunts.append(
        PSSERawCase.FixedShunt(
          bus: try bus(r, 1, "I", element: "fixed shunt"), inService: try status(r, 3, "STATUS"),
          gl: try r.real(4, "GL", default: 0), bl: try r.real(5, "BL", default: 0)))
    }
  }

  private mutating func readGenerators() throws(ParseError) {
    let l = layout
    for position in try records(.generator) {
      let r = try record(position, "generator record")
      data.generators.append(
        PSSERawCase.Generator(
          bus: try bus(r, 1, "I", element: "generator"), id: r.isBlank(2) ? "1" : r.trimmedText(2),
          pg: try r.real(3, "PG", default: 0), qg: try r.real(4, "QG", default: 0),
          qt: try r.real(5, "QT", default: 9999, infiniteLimit: true),
          qb: try r.real(6, "QB", default: -9999, infiniteLimit: true),
          vs: try r.real(7, "VS", default: 1), mbase: try r.real(l.generatorMBase, "MBASE", default: data.baseMVA),
          inService: try status(r, l.generatorStatus, "STAT"),
          pt: try r.real(l.generatorPMax, "PT", default: 9999, infiniteLimit: true),
          pb: try r.real(l.generatorPMin, "PB", default: -9999, infiniteLimit: true), source: r.location))
    }
  }

  // MARK: - Branches and switching devices

  private mutating func readBranches() throws(ParseError) {
    let l = layout
    for position in try records(.branch) {
      let r = try record(position, "branch record")
      let rates = l.branchRates, shunts = l.branchLineShunts
      data.branches.append(
        PSSERawCase.Branch(
          from: try bus(r, 1, "I", element: "branch"), to: try bus(r, 2, "J", element: "branch", allowNegative: true),
          circuit: r.isBlank(3) ? "1" : r.trimmedText(3), name: l.branchName.map { r.trimmedText($0) } ?? "",
          r: try r.real(4, "R", default: 0), x: try r.real(5, "X"), b: try r.real(6, "B", default: 0),
          rates: (
            try r.real(rates, "RATE", default: 0), try r.real(rates + 1, "RATE", default: 0),
            try r.real(rates + 2, "RATE", default: 0)
          ),
          gi: try r.real(shunts, "GI", default: 0), bi: try r.real(shunts + 1, "BI", default: 0),
          gj: try r.real(shunts + 2, "GJ", default: 0), bj: try r.real(shunts + 3, "BJ", default: 0),
          inService: try status(r, l.branchStatus, "ST"), isSwitch: false, source: r.location,
          reactanceSource: r.location(5)))
    }
    guard data.revision >= 34 else { return }
    // I, J, 'CKT', X, RATE1 … RATE12, STAT, NSTAT, MET, STYPE, 'NAME'
    for position in try records(.systemSwitchingDevice) {
      let r = try record(position, "system switching device record")
      data.branches.append(
        PSSERawCase.Branch(
          from: try bus(r, 1, "I", element: "switching device"),
          to: try bus(r, 2, "J", element: "switching device", allowNegative: true),
          circuit: r.isBlank(3) ? "1" : r.trimmedText(3), name: r.trimmedText(21), r: 0,
          x: try r.real(4, "X", default: 0.0001), b: 0,
          rates: (try r.real(5, "RATE1", default: 0), try r.real(6, "RATE2", default: 0), try r.real(7, "RATE3", default: 0)),
          gi: 0, bi: 0, gj: 0, bj: 0, inService: try status(r, 17, "STAT"), isSwitch: true, source: r.location,
          reactanceSource: r.location(4)))
    }
  }
}

