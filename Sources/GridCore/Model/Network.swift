/// A power network as read from a file: elements in file order, external
/// numbering, no derived data. Build a ``DCSystem`` from it to solve.
///
/// Elements refer to buses by external number (``BusID``) and to each other by 0-based
/// position in these arrays ("input position"); reports print positions 1-based. Powers
/// are MW, angles degrees and impedances p.u. on ``baseMVA``, as in the file.
///
/// ```swift
/// let (network, warnings) = try NetworkFile.read("case9.m")
/// print(network.buses.count, network.baseMVA)
/// ```
public struct Network: Sendable, Hashable, Codable {
  /// Case name (MATPOWER function name, native `name`).
  public var name: String
  /// System base, MVA (`mpc.baseMVA`).
  public var baseMVA: Double
  /// Buses in file order (`mpc.bus`).
  public var buses: [Bus]
  /// Generators in file order (`mpc.gen`).
  public var generators: [Generator]
  /// Branches in file order (`mpc.branch`; native format: lines, then transformers).
  public var branches: [Branch]
  /// Named loads of the native format, in file order (MATPOWER keeps demand on buses only).
  public var loads: [Load]
  /// Two-terminal HVDC links in file order (`mpc.dcline`, native `hvdc`).
  public var hvdcLinks: [HVDCLink]
  /// Rings, corridors, regions and other named groups of the native format.
  public var groups: [NetworkGroup]
  /// Line types of the native format (`line_types`), in file order; lines name theirs in ``LineInfo/lineType``.
  public var lineTypes: [LineType]
  /// Numeric MATPOWER fields kept as read: `gencost` and `dclinecost` (costs of the OPF,
  /// ``GeneratorCost/matpowerCosts(of:)``) and fields GridCore does not use (e.g. `areas`),
  /// kept for conversion.
  public var matpowerExtras: [MatpowerMatrix]

  /// A network from its elements, in the order they should keep (base 100 MVA unless given).
  public init(
    name: String, baseMVA: Double = 100, buses: [Bus] = [], generators: [Generator] = [],
    branches: [Branch] = [], loads: [Load] = [], hvdcLinks: [HVDCLink] = [],
    groups: [NetworkGroup] = [], lineTypes: [LineType] = [], matpowerExtras: [MatpowerMatrix] = []
  ) {
    self.name = name
    self.baseMVA = baseMVA
    self.buses = buses
    self.generators = generators
    self.branches = branches
    self.loads = loads
    self.hvdcLinks = hvdcLinks
    self.groups = groups
    self.lineTypes = lineTypes
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
  /// The matrix, row by row, as read.
  public var rows: [[Double]]

  /// The matrix `mpc.<field>` with these rows.
  public init(field: String, rows: [[Double]]) {
    self.field = field
    self.rows = rows
  }
}
