/// A named set of elements: a ring, an export corridor, a region.
/// Members are positions in ``Network/branches`` and ``Network/hvdcLinks``.
public struct NetworkGroup: Sendable, Hashable, Codable {
  public var name: String
  public var displayName: String?
  public var kind: GroupKind
  /// Positions (0-based) in `Network.branches`.
  public var branches: [Int]
  /// Positions (0-based) in `Network.hvdcLinks`.
  public var hvdcLinks: [Int]
  /// Member buses (regions) or, for a corridor, the buses on the receiving
  /// side: an AC line of a corridor sends from its end that is not listed here.
  public var buses: [BusID]
  /// Rated transfer of the group, MW (corridors); 0 when none is stated.
  public var ratingMW: Double
  public var source: SourceLocation?

  public init(
    name: String, displayName: String? = nil, kind: GroupKind, branches: [Int] = [],
    hvdcLinks: [Int] = [], buses: [BusID] = [], ratingMW: Double = 0, source: SourceLocation? = nil
  ) {
    self.name = name
    self.displayName = displayName
    self.kind = kind
    self.branches = branches
    self.hvdcLinks = hvdcLinks
    self.buses = buses
    self.ratingMW = ratingMW
    self.source = source
  }
}

public enum GroupKind: String, Sendable, Hashable, Codable, CaseIterable {
  case ring, corridor, region, other
}
