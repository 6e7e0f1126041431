import Foundation

/// Turns what a user types (`3,5-9,wubei-turpan`, `1,2,wucaiwan`, `tag:base:zhundong`,
/// a group name) into input positions, with errors that say what was not found.
public enum NetworkSelection {
  /// Branches from a comma-separated list of 1-based rows, ranges `a-b` of rows, and branch names.
  public static func branches(_ text: String, in network: Network) throws(SensitivityError) -> [Int] {
    var result: [Int] = []
    for token in tokens(text) {
      if let k = network.branches.firstIndex(where: { !$0.name.isEmpty && $0.name == token }) {
        result.append(k)
      } else if let row = Int(token), network.branches.indices.contains(row - 1) {
        result.append(row - 1)
      } else if let range = rowRange(token), range.allSatisfy({ network.branches.indices.contains($0 - 1) }) {
        result += range.map { $0 - 1 }
      } else {
        throw .unknownBranch(token)
      }
    }
    return unique(result)
  }

  /// Buses from a comma-separated list of bus numbers and bus names (positions in `Network.buses`).
  public static func buses(_ text: String, in network: Network) throws(SensitivityError) -> [Int] {
    var result: [Int] = []
    for token in tokens(text) {
      guard let p = bus(token, in: network) else { throw .unknownBus(token) }
      result.append(p)
    }
    return unique(result)
  }

  /// One bus by number or name.
  public static func bus(_ token: String, in network: Network) -> Int? {
    if let number = Int(token), let p = network.buses.firstIndex(where: { $0.id.rawValue == number }) { return p }
    return network.buses.firstIndex { !$0.name.isEmpty && $0.name == token }
  }

  /// HVDC links from a comma-separated list of names and 1-based rows.
  public static func links(_ text: String, in network: Network) throws(SensitivityError) -> [Int] {
    var result: [Int] = []
    for token in tokens(text) {
      if let q = network.hvdcLinks.firstIndex(where: { $0.name == token }) {
        result.append(q)
      } else if let row = Int(token), network.hvdcLinks.indices.contains(row - 1) {
        result.append(row - 1)
      } else {
        throw .unknownLink(token)
      }
    }
    return unique(result)
  }

  /// A set of buses named by the user:
  /// - a group of the network file: a region's (or other group's) buses, a corridor's
  ///   receiving buses, or — for a group without buses, such as a ring — the ends of its lines;
  /// - `tag:TAG`: the buses carrying that tag (e.g. `tag:base:zhundong`);
  /// - otherwise a comma-separated list of bus numbers and names.
  public static func busGroup(_ text: String, in network: Network) throws(SensitivityError)
    -> (name: String, buses: [Int], location: SourceLocation?)
  {
    let name = text.trimmingCharacters(in: .whitespaces)
    if let group = network.groups.first(where: { $0.name == name }) {
      var ids = group.buses
      if ids.isEmpty {
        for k in group.branches { ids += [network.branches[k].from, network.branches[k].to] }
        for q in group.hvdcLinks { ids.append(network.hvdcLinks[q].from) }
      }
      let positions = unique(ids.compactMap { id in network.buses.firstIndex { $0.id == id } })
      return (group.name, positions, group.source)
    }
    if name.hasPrefix("tag:") {
      let tag = String(name.dropFirst(4))
      let positions = network.buses.indices.filter { network.buses[$0].info?.tags.contains(tag) ?? false }
      guard !positions.isEmpty else { throw .unknownGroup(name) }
      return (name, positions, nil)
    }
    do {
      return (name, try buses(name, in: network), nil)
    } catch {
      throw .unknownGroup(name)
    }
  }

  private static func tokens(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// `a-b` with 1 ≤ a ≤ b.
  private static func rowRange(_ token: String) -> ClosedRange<Int>? {
    let parts = token.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, a <= b else { return nil }
    return a...b
  }

  private static func unique(_ values: [Int]) -> [Int] {
    var seen = Set<Int>()
    return values.filter { seen.insert($0).inserted }
  }
}
