/// What ``DCOPFProblem/maximizeTransfer(_:options:)`` raises: the export of a corridor of the
/// network file (its HVDC links, or its AC lines), or of one HVDC link.
///
/// The target's links and lines become decision variables within their ratings: an HVDC link's
/// sending power `PF ∈ [0, rating]` (its schedule no longer counts), with the power it delivers
/// `PT` from its loss model; an AC corridor's export as a withdrawal `X ≥ 0` at the corridor's
/// receiving buses (shared equally), its sending flow `Σ sign·f` over the corridor's lines
/// within the corridor's rating.
public struct TransferTarget: Sendable, Hashable {
  /// The corridor's or link's id, e.g. "jiquan".
  public var name: String
  /// The name people read (the corridor's or link's display name).
  public var displayName: String
  /// HVDC links whose sending power is raised (input positions in `Network.hvdcLinks`).
  public var hvdcLinks: [Int]
  /// AC lines of the corridor (input positions).
  public var branches: [Int]
  /// The sign of each line's from-end flow in the export (+1 or −1, ``branches`` order).
  public var signs: [Double]
  /// Buses (input positions) where the extra AC export leaves the network, equal shares.
  public var receivingBuses: [Int]
  /// Rating of the corridor, MW (0: none): `Σ PF ≤ rating` for HVDC links, `|Σ sign·f| ≤ rating`
  /// for AC lines.
  public var ratingMW: Double

  /// Whether the target is an AC corridor (lines) rather than HVDC links.
  public var isAC: Bool { hvdcLinks.isEmpty }

  /// The corridor `name` of the network file (`groups: corridors`).
  /// - Throws: ``DCOPFError/invalidTarget(_:)`` when there is no such corridor, or when it has
  ///   neither HVDC links nor lines with receiving buses.
  public static func corridor(_ name: String, in network: Network) throws(DCOPFError) -> TransferTarget {
    let corridors = network.groups(ofKind: .corridor)
    guard let group = corridors.first(where: { $0.name == name }) else {
      throw .invalidTarget(
        "no corridor '\(name)' in the network" + (corridors.isEmpty ? " (it defines none)" : "; corridors: \(corridors.map(\.name).joined(separator: ", "))"))
    }
    let display = group.displayName ?? group.name
    if !group.hvdcLinks.isEmpty {
      return TransferTarget(
        name: name, displayName: display, hvdcLinks: group.hvdcLinks, branches: [], signs: [], receivingBuses: [],
        ratingMW: group.ratingMW)
    }
    let receiving = Set(group.buses)
    let positions = network.buses.indices.filter { receiving.contains(network.buses[$0].id) }
    guard !group.branches.isEmpty, !positions.isEmpty else {
      throw .invalidTarget("corridor '\(name)' has no HVDC link and no lines with receiving buses to export to")
    }
    return TransferTarget(
      name: name, displayName: display, hvdcLinks: [], branches: group.branches,
      signs: group.branches.map { receiving.contains(network.branches[$0].to) ? 1 : -1 }, receivingBuses: positions,
      ratingMW: group.ratingMW)
  }

  /// The HVDC link `name` (its id, or `dcline N` / `N` for the N-th link of a MATPOWER case).
  /// - Throws: ``DCOPFError/invalidTarget(_:)`` when there is no such link.
  public static func hvdc(_ name: String, in network: Network) throws(DCOPFError) -> TransferTarget {
    let links = network.hvdcLinks
    var k = links.firstIndex { $0.name == name }
    if k == nil, let n = Int(name.hasPrefix("dcline ") ? String(name.dropFirst(7)) : name), n >= 1, n <= links.count { k = n - 1 }
    guard let k else {
      throw .invalidTarget(
        "no HVDC link '\(name)' in the network" + (links.isEmpty ? " (it has none)" : "; links: \(links.enumerated().map { $1.name.isEmpty ? "\($0 + 1)" : $1.name }.joined(separator: ", "))"))
    }
    let link = links[k]
    return TransferTarget(
      name: link.name.isEmpty ? "dcline \(k + 1)" : link.name, displayName: link.name.isEmpty ? "DC line \(k + 1)" : link.name,
      hvdcLinks: [k], branches: [], signs: [], receivingBuses: [], ratingMW: 0)
  }
}
