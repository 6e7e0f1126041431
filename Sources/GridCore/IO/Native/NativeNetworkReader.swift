import Yams

/// Reads the gridtool network format, YAML described in `docs/network-format.md`.
///
/// Units follow the key names of the file (MW, kV, km, Ω/km, µS/km); lines
/// given by length are converted to per-unit on `base_mva` and the base
/// voltage of their from bus. Every key is checked and every error is a
/// ``ParseError`` naming `file:line:column`; the reader never traps on bad input.
public enum NativeNetworkReader {
  /// The value of the `format` key this reader understands.
  public static let formatVersion = "gridtool-network/1"

  /// What an empty network file should hold, for its message.
  static let expected = "a gridtool network starting with 'format: \(formatVersion)' (docs/network-format.md)"

  /// Reads a network file.
  ///
  /// - Parameters:
  ///   - path: the file, used as given in locations and messages.
  ///   - limits: the largest file and the deepest YAML nesting accepted.
  /// - Returns: the network, with elements in file order (branches: lines,
  ///   then transformers), and warnings that did not stop the read.
  public static func read(contentsOf path: String, limits: InputLimits = .standard) throws(ParseError) -> (
    network: Network, diagnostics: [Diagnostic]
  ) {
    try parse(bytes: try InputFile.bytes(of: path, limits: limits), file: path, limits: limits)
  }

  /// Reads a network from text already in memory; `file` is used in locations and messages.
  public static func parse(_ text: String, file: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads a network from its bytes (UTF-8, a leading byte-order mark allowed); `file` is used
  /// in locations and messages.
  public static func parse(bytes: [UInt8], file: String, limits: InputLimits = .standard) throws(ParseError) -> (
    network: Network, diagnostics: [Diagnostic]
  ) {
    let root = try YAMLDocument.compose(bytes: bytes, file: file, limits: limits, expected: expected)
    var reader = NativeReader(file: file)
    let network = try reader.readNetwork(root)
    return (network, reader.diagnostics)
  }
}

/// The state of one read: what the sections have defined so far, for the references of later sections.
struct NativeReader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// System base, MVA.
  var baseMVA = 100.0
  var lineTypes: [String: LineType] = [:]
  /// Line type names in file order.
  var lineTypeOrder: [String] = []
  var buses: [Bus] = []
  /// Bus id → bus number.
  var busNumbers: [String: BusID] = [:]
  /// Bus number → position in `buses`.
  var busPositions: [BusID: Int] = [:]
  var branches: [Branch] = []
  /// Line or transformer id → position in `branches`.
  var branchPositions: [String: Int] = [:]
  /// `matpower_row` of each branch read so far, when the file gives them.
  var branchRows: [(row: Int, location: SourceLocation)] = []
  var generators: [Generator] = []
  var loads: [Load] = []
  var hvdcLinks: [HVDCLink] = []
  /// HVDC link id → position in `hvdcLinks`.
  var hvdcPositions: [String: Int] = [:]
  var groups: [NetworkGroup] = []

  init(file: String) {
    self.file = file
  }

  static let topKeys = [
    "format", "name", "description", "base_mva", "line_types", "buses", "lines", "transformers",
    "generators", "loads", "hvdc", "groups", "matpower_fields",
  ]

  mutating func readNetwork(_ root: Yams.Node) throws(ParseError) -> Network {
    // Check `format` before the other keys, so that an unrelated YAML file is named as such.
    if case .mapping(let mapping) = root {
      guard let format = mapping["format"] else {
        throw ParseError(.missingKey(key: "format", element: "the network file"), at: NativeMapping.location(of: root, in: file))
      }
      guard case .scalar(let scalar) = format, scalar.string == NativeNetworkReader.formatVersion else {
        throw ParseError(
          .outOfRange(field: "format", value: NativeMapping.describe(format), expected: "'\(NativeNetworkReader.formatVersion)'"),
          at: NativeMapping.location(of: format, in: file))
      }
    }
    let top = try NativeMapping(root, element: "the network file", allowed: Self.topKeys, file: file)
    let name = try top.requiredString("name")
    _ = try top.string("description")
    if let base = try top.double("base_mva") {
      try top.require(base > 0, "base_mva", base, expected: "> 0 MVA")
      baseMVA = base
    }
    if let node = top.valueNode("line_types"), !NativeMapping.isNull(node) { try readLineTypes(node) }
    guard let busNodes = try top.sequence("buses") else { throw top.missing("buses") }
    guard !busNodes.isEmpty else {
      throw top.error("buses", .other("'buses' is empty; a network needs at least one bus"))
    }
    try readBuses(busNodes)
    try readLines(try top.sequence("lines") ?? [])
    try readTransformers(try top.sequence("transformers") ?? [])
    try orderBranchesByRow()
    try readGenerators(try top.sequence("generators") ?? [])
    try readLoads(try top.sequence("loads") ?? [])
    try readHVDC(try top.sequence("hvdc") ?? [])
    if let node = top.valueNode("groups"), !NativeMapping.isNull(node) { try readGroups(node) }
    let extras = try top.valueNode("matpower_fields").map { node throws(ParseError) in try readMatpowerFields(node) } ?? []
    reportUnconnectedBuses()
    return Network(
      name: name, baseMVA: baseMVA, buses: buses, generators: generators, branches: branches,
      loads: loads, hvdcLinks: hvdcLinks, groups: groups, lineTypes: lineTypeOrder.compactMap { lineTypes[$0] },
      matpowerExtras: extras)
  }

  /// Puts the branches in the order of their `matpower_row` (a MATPOWER case's `mpc.branch`
  /// order, where lines and transformers are mixed); the rows must be 1...n, each once.
  mutating func orderBranchesByRow() throws(ParseError) {
    guard !branchRows.isEmpty else { return }
    var position = [Int](repeating: -1, count: branches.count)
    for (k, (row, location)) in branchRows.enumerated() {
      guard row <= branches.count else {
        throw ParseError(
          .outOfRange(field: "'matpower_row'", value: String(row), expected: "1...\(branches.count) (one row per line and transformer)"),
          at: location)
      }
      guard position[row - 1] < 0 else {
        throw ParseError(.other("'matpower_row' \(row) is given to two branches; give each line and transformer its own row"), at: location)
      }
      position[row - 1] = k
    }
    branches = position.map { branches[$0] }
    for (k, branch) in branches.enumerated() { branchPositions[branch.name] = k }
  }

  /// Resolves a bus reference (`from`, `to`, `bus`) to its number.
  func busReference(_ map: NativeMapping, _ key: String) throws(ParseError) -> BusID {
    let reference = try map.requiredID(key)
    guard let number = busNumbers[reference] else {
      throw map.error(key, .unknownBus(element: map.element, bus: "'\(reference)'"))
    }
    return number
  }

  /// Buses, lines and transformers share one namespace, so that a group can name any of them.
  func checkNetworkIDUnused(_ id: String, _ map: NativeMapping) throws(ParseError) {
    if busNumbers[id] != nil || branchPositions[id] != nil { throw map.error("id", .duplicateID(id)) }
  }

  /// A bus that nothing connects to is legal but almost always a forgotten line.
  mutating func reportUnconnectedBuses() {
    var connected = Set<BusID>()
    for branch in branches {
      connected.insert(branch.from)
      connected.insert(branch.to)
    }
    for link in hvdcLinks {
      connected.insert(link.from)
      if let to = link.to { connected.insert(to) }
    }
    for bus in buses where bus.type != .isolated && !connected.contains(bus.id) {
      diagnostics.append(
        Diagnostic(
          "bus '\(bus.name)' is not connected to any line, transformer or HVDC link; add one or set 'type: isolated'",
          at: bus.source))
    }
  }
}
