/// A power network as read from a file: elements in file order, external
/// numbering, no derived data. Build a ``DCSystem`` from it to solve.
public struct Network: Sendable, Hashable, Codable {
  public var name: String
  /// System base, MVA (`mpc.baseMVA`).
  public var baseMVA: Double
  public var buses: [Bus]
  public var generators: [Generator]
  public var branches: [Branch]
  public var loads: [Load]
  public var hvdcLinks: [HVDCLink]
  public var groups: [NetworkGroup]
  /// MATPOWER matrices that GridCore does not use (e.g. `gencost`), kept for conversion.
  public var matpowerExtras: [MatpowerMatrix]

  public init(
    name: String, baseMVA: Double = 100, buses: [Bus] = [], generators: [Generator] = [],
    branches: [Branch] = [], loads: [Load] = [], hvdcLinks: [HVDCLink] = [],
    groups: [NetworkGroup] = [], matpowerExtras: [MatpowerMatrix] = []
  ) {
    self.name = name
    self.baseMVA = baseMVA
    self.buses = buses
    self.generators = generators
    self.branches = branches
    self.loads = loads
    self.hvdcLinks = hvdcLinks
    self.groups = groups
    self.matpowerExtras = matpowerExtras
  }

  /// Groups of one kind, in file order.
  public func groups(ofKind kind: GroupKind) -> [NetworkGroup] {
    groups.filter { $0.kind == kind }
  }
}

/// A numeric matrix field of a MATPOWER case that is carried through unchanged.
public struct MatpowerMatrix: Sendable, Hashable, Codable {
  /// Field name without `mpc.` (e.g. `gencost`).
  public var field: String
  public var rows: [[Double]]

  public init(field: String, rows: [[Double]]) {
    self.field = field
    self.rows = rows
  }
}
