import Yams

/// The YAML contingency list (docs/sensitivity.md, "Contingency lists"):
///
/// ```yaml
/// format: gridtool-contingencies/1
/// contingencies:
///   - label: Hami–Dunhuang 750 kV line
///     branches: [hami-dunhuang]     # a branch name or 1-based row
///   - label: unit 3 of Hami
///     generators: [3]               # a generator name or 1-based row
///   - label: Jiquan bipole
///     hvdc: [jiquan]                # an HVDC link name or 1-based row
/// ```
///
/// Each contingency is one outage: exactly one element under `branches`, `generators` or `hvdc`.
enum NativeContingencyReader {
  static let format = "gridtool-contingencies/1"

  static func parse(_ text: String, file: String, network: Network) throws(ParseError) -> [ContingencyListEntry] {
    try parse(bytes: Array(text.utf8), file: file, network: network)
  }

  static func parse(bytes: [UInt8], file: String, network: Network, limits: InputLimits = .standard) throws(ParseError)
    -> [ContingencyListEntry]
  {
    let expected = "a contingency list starting with 'format: \(Self.format)' (docs/sensitivity.md)"
    let root = try YAMLDocument.compose(bytes: bytes, file: file, limits: limits, expected: expected)
    let top = try NativeMapping(root, element: "the contingency list", allowed: ["format", "contingencies"], file: file)
    let format = try top.requiredString("format")
    guard format == Self.format else {
      throw top.error("format", .syntax("format '\(format)' is not a contingency list; expected '\(Self.format)'"))
    }
    guard let items = try top.sequence("contingencies") else { throw top.missing("contingencies") }
    var entries: [ContingencyListEntry] = []
    var labels: [String: SourceLocation] = [:]
    for (i, node) in items.enumerated() {
      let map = try NativeMapping(node, element: "contingency \(i + 1)", allowed: ["label", "branches", "generators", "hvdc"], file: file)
      let label = try map.requiredID("label")
      if let first = labels[label] {
        throw map.error("label", .syntax("label '\(label)' is used twice (first at line \(first.line)); labels must be unique"))
      }
      labels[label] = map.location
      var outages: [(Contingency, SourceLocation)] = []
      for (key, kind) in [("branches", "branch"), ("generators", "generator"), ("hvdc", "HVDC link")] {
        for (token, at) in try map.stringList(key) ?? [] {
          guard let position = position(of: token, kind: kind, in: network) else {
            throw ParseError(.unknownReference(kind: kind, name: token), at: at)
          }
          let outage: Contingency = kind == "branch" ? .branch(position) : kind == "generator" ? .generator(position) : .hvdcLink(position)
          outages.append((outage, at))
        }
      }
      guard outages.count == 1, let (outage, at) = outages.first else {
        throw ParseError(
          .syntax("contingency '\(label)' names \(outages.count) elements; each contingency is one outage (one entry under branches, generators or hvdc)"),
          at: map.location)
      }
      entries.append(ContingencyListEntry(label: label, contingency: outage, source: at))
    }
    return entries
  }

  /// A name, or a 1-based row, of a branch, generator or HVDC link.
  private static func position(of token: String, kind: String, in network: Network) -> Int? {
    let names: [String]
    switch kind {
    case "branch": names = network.branches.map(\.name)
    case "generator": names = network.generators.map(\.name)
    default: names = network.hvdcLinks.map(\.name)
    }
    if let p = names.firstIndex(where: { !$0.isEmpty && $0 == token }) { return p }
    if let row = Int(token), names.indices.contains(row - 1) { return row - 1 }
    return nil
  }
}
