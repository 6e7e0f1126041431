/// A named set of elements: a ring, an export corridor, a region.
/// Members are positions in ``Network/branches`` and ``Network/hvdcLinks``.
public struct NetworkGroup: Sendable, Hashable, Codable {
  /// The group's id in the native format (e.g. `jiquan`), used to select it (`--corridor NAME`).
  public var name: String
  /// Name for people (may be Chinese); nil when none.
  public var displayName: String?
  /// What the group is: ring, corridor, region or other.
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
  /// Where the group was defined (file, line); nil for groups built in code.
  public var source: SourceLocation?

  /// A group of `kind` with these members (0-based positions, bus ids) and rating, MW.
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

/// What a ``NetworkGroup`` stands for, and so how reports use it.
///
/// A `ring`'s loading is the largest loading of its branches; a `corridor`'s sending power
/// is the flow leaving its sending side (AC lines at the end not listed in
/// ``NetworkGroup/buses``, HVDC links at their from end); a `region`'s buses are selected
/// by scenarios and summed in regional statistics; groups of kind `other` are kept in the
/// ``Network`` but used by no report (and not written by ``NativeNetworkWriter``).
public enum GroupKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// The four kinds, spelled as in the native format.
  case ring, corridor, region, other
}
