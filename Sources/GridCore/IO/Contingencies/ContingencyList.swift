/// One outage of a contingency list file, with the label the file gives it.
public struct ContingencyListEntry: Sendable, Hashable {
  /// The file's name for the outage: a MATPOWER change-table label (`17`) or the YAML `label`.
  public var label: String
  /// The outage (positions in the network the list was read for).
  public var contingency: Contingency
  /// Where the outage is written.
  public var source: SourceLocation
}

/// Reads a list of outages for ``ContingencyOptions/contingencies``: a MATPOWER change table
/// (`.m`, `function chgtab = name`, e.g. MATPOWER's `contab_ACTIVSg2000.m`) or the YAML list
/// of docs/sensitivity.md (`.yaml`, `.yml`). Each entry is one branch, generator or HVDC link
/// outage of `network`; errors name `file:line:column`.
public enum ContingencyListReader {
  /// Reads the list in `path` (the format follows the extension) for `network`.
  /// - Parameters:
  ///   - path: the list file, used as given in locations and messages.
  ///   - network: the network whose branches, generators and HVDC links the entries name.
  ///   - limits: the largest file and the deepest YAML nesting accepted.
  public static func read(contentsOf path: String, network: Network, limits: InputLimits = .standard) throws(ParseError)
    -> [ContingencyListEntry]
  {
    let bytes = try InputFile.bytes(of: path, limits: limits)
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
      return try NativeContingencyReader.parse(bytes: bytes, file: path, network: network, limits: limits)
    }
    return try MatpowerChangeTable.contingencies(bytes: bytes, file: path, network: network)
  }

  /// Reads a YAML list from text already in memory; `file` is used in messages.
  public static func parseYAML(_ text: String, file: String, network: Network) throws(ParseError) -> [ContingencyListEntry] {
    try NativeContingencyReader.parse(text, file: file, network: network)
  }

  /// Reads a MATPOWER change table from text already in memory; `file` is used in messages.
  public static func parseChangeTable(_ text: String, file: String, network: Network) throws(ParseError) -> [ContingencyListEntry] {
    try MatpowerChangeTable.contingencies(bytes: Array(text.utf8), file: file, network: network)
  }
}
