import Foundation

/// The DC model of a network (MATPOWER `makeBdc` on `ext2int` numbering), factored once.
///
/// `P = B·θ + Pbusinj` and `Pf = Bf·θ + Pfinj`, with branch susceptance
/// `b = 1 / (x·τ)` (τ = 1 where TAP = 0) and phase shifts as injections
/// `Pfinj = −b·shift`. Isolated (type 4) buses, out-of-service branches and
/// generators, and branches touching isolated buses are left out, as MATPOWER's
/// `ext2int` does. Each island with generation keeps its own reference.
///
/// Internal numbering: every bus that is not isolated gets an internal index 0..<n in file
/// order (``internalIndex``, ``busPositions``); angles, injections and B use it. Inputs and
/// results of ``solve(_:slack:)`` are in input order and engineering units (MW, degrees).
///
/// ```swift
/// let (network, _) = try NetworkFile.read("case9.m")
/// let system = try DCSystem(network)     // islands, references, each reduced B factored once
/// let result = try system.solve()        // MATPOWER rundcpf semantics
/// print(result.branchFlowMW)             // MW at the from end, input order
/// ```
public struct DCSystem: Sendable {
  /// The network the model was built from, unchanged.
  public let network: Network
  /// Internal index of each input bus (position in `network.buses`); −1 for isolated buses.
  public let internalIndex: [Int]
  /// Position in `network.buses` of each internal bus.
  public let busPositions: [Int]
  /// Position in `network.buses` of each bus id.
  let positionOfBus: BusIndex
  /// Island of each internal bus.
  public let islandOfBus: [Int]
  /// The islands (connected by in-service branches), in order of each island's first bus;
  /// each with its references, slack generators and factorization.
  public let islands: [DCIsland]
  /// Bus susceptance matrix B over internal buses, p.u.
  public let busSusceptance: SparseMatrix
  /// Per input branch: internal from/to bus (−1 when the branch is not in the model).
  let branchFrom: [Int]
  let branchTo: [Int]
  /// Per input branch: susceptance b (p.u.) and shift injection Pfinj (p.u.); 0 when not in the model.
  let branchSusceptance: [Double]
  let branchShiftInjection: [Double]
  /// `Pbusinj = Cftᵀ·Pfinj` per internal bus, p.u.
  let busShiftInjection: [Double]
  /// Warnings found while building (promoted references, islands without generation...).
  public let diagnostics: [Diagnostic]
  /// How an island without a REF bus got its reference; also the rule for the part of an
  /// island that an outage separates from its reference.
  public let referenceRule: ReferenceBusRule

  /// System base, MVA: `P[p.u.] = P[MW] / baseMVA`.
  public var baseMVA: Double { network.baseMVA }
  /// Number n of internal buses (buses that are not isolated): the row count of angle and
  /// injection blocks (n × snapshots, column-major).
  public var internalBusCount: Int { busPositions.count }

  /// Builds and factors the model. Throws ``PowerFlowError`` when no island can
  /// be balanced or when a reduced B is singular.
  /// - Parameters:
  ///   - network: the network as read; kept unchanged in ``network``.
  ///   - backend: dense LAPACK, sparse (CHOLMOD, KLU), or chosen by size.
  ///   - parallelism: threads for building a large model (its ordering beside B); the
  ///     result is the same for every value.
  ///   - referenceRule: the reference of an island that has generation but no REF bus with an
  ///     in-service generator; MATPOWER's (the first PV bus) by default.
  public init(
    _ network: Network, backend: LinearSolverBackend = .automatic, parallelism: Parallelism = .automatic,
    referenceRule: ReferenceBusRule = .firstPV
  ) throws(PowerFlowError) {
    self.network = network
    self.referenceRule = referenceRule
    var diagnostics: [Diagnostic] = []
    let buses = network.buses
    var internalIndex = [Int](repeating: -1, count: buses.count)
    var busPositions: [Int] = []
    busPositions.reserveCapacity(buses.count)
    let byID = BusIndex(buses)
    // By index, here and below: iterating would copy each bus and branch (names, sources).
    for p in buses.indices {
      if buses[p].type != .isolated {
        internalIndex[p] = busPositions.count
        busPositions.append(p)
      }
    }
    let n = busPositions.count
    func internalBus(_ id: BusID) -> Int { byID[id].map { internalIndex[$0] } ?? -1 }

    // Branches in the model and B.
    let m = network.branches.count
    var from = [Int](repeating: -1, count: m), to = [Int](repeating: -1, count: m)
    var susceptance = [Double](repeating: 0, count: m), shiftInjection = [Double](repeating: 0, count: m)
    var busShift = [Double](repeating: 0, count: n)
    // A series capacitor (x < 0) may make B indefinite, and sends it to KLU (alone or alongside CHOLMOD).
    var anyNegativeSusceptance = false
    var triplets: [(row: Int, column: Int, value: Double)] = []
    triplets.reserveCapacity(4 * m)
    var edges: [(Int, Int)] = []
    edges.reserveCapacity(m)
    let branches = network.branches
    for k in branches.indices where branches[k].inService {
      let f = internalBus(branches[k].from), t = internalBus(branches[k].to)
      guard f >= 0, t >= 0 else { continue }
      let b = branches[k].dcSusceptancePU
      guard b.isFinite else {
        let branch = branches[k]
        throw .invalidInput("branch \(k + 1)\(branch.source.map { " (\($0))" } ?? ""): reactance \(branch.reactancePU) gives no finite susceptance")
      }
      from[k] = f
      to[k] = t
      susceptance[k] = b
      let pfinj = -b * branches[k].phaseShiftDeg * .pi / 180
      shiftInjection[k] = pfinj
      busShift[f] += pfinj
      busShift[t] -= pfinj
      if b < 0 { anyNegativeSusceptance = true }
      triplets.append((f, f, b))
      triplets.append((t, t, b))
      triplets.append((f, t, -b))
      triplets.append((t, f, -b))
      if f != t { edges.append((f, t)) }
    }
    let (allTriplets, allEdges) = (triplets, edges)
    // KLU's fill-reducing ordering (AMD, half of its time) needs only the graph of B. On a
    // large network that KLU may factor, it is computed from the branch list (beside B and
    // the islands when there is a second thread), and given to KLU; the same ordering
    // either way, so the flows do not depend on the number of threads.
    let orderedAhead = backend != .dense && m >= 4096 && anyNegativeSusceptance
    let large = m >= 4096
    let ((bMatrix, (labels, islandCount)), precomputed) = parallelism.both(
      worthIt: orderedAhead,
      {
        parallelism.both(
          worthIt: large && !orderedAhead, { SparseMatrix(rows: n, columns: n, triplets: allTriplets) },
          { Islands.label(nodeCount: n, edges: allEdges) })
      },
      { orderedAhead ? MinimumDegreeOrdering.order(nodeCount: n, edges: allEdges) : nil })
    let ordering = Ordering(wholeNetwork: orderedAhead ? precomputed : nil)

    // Islands and their references.
    var islandBuses = [[Int]](repeating: [], count: islandCount)
    for i in 0..<n { islandBuses[labels[i]].append(i) }
    var hasGeneration = [Bool](repeating: false, count: n)
    var capacity = [Double](repeating: 0, count: n)
    var firstGenerator = [Int](repeating: -1, count: n)
    for (g, gen) in network.generators.enumerated() where gen.inService {
      let i = internalBus(gen.bus)
      guard i >= 0 else { continue }
      hasGeneration[i] = true
      if firstGenerator[i] < 0 { firstGenerator[i] = g }
      capacity[i] += gen.maxMW.isFinite ? max(gen.maxMW, 0) : 0
    }

    var islands: [DCIsland] = []
    var anySolvable = false
    // Position of each bus among its island's unknowns (−1 for references); islands are disjoint.
    var unknownPosition = [Int](repeating: -1, count: n)
    for (index, members) in islandBuses.enumerated() {
      var refs = members.filter { buses[busPositions[$0]].type == .reference && hasGeneration[$0] }
      var promoted = false
      if refs.isEmpty,
        let (best, why) = referenceRule.choose(
          among: members, hasGeneration: hasGeneration, capacity: capacity, isPV: { buses[busPositions[$0]].type == .pv })
      {
        refs = [best]
        promoted = true
        let bus = buses[busPositions[best]]
        diagnostics.append(
          Diagnostic("island \(index + 1) has no reference bus with an in-service generator; bus \(bus.id) (\(why)) is used as its reference", at: bus.source))
      }
      if refs.isEmpty {
        let ids = members.prefix(12).map { buses[busPositions[$0]].id.description }.joined(separator: ", ")
        diagnostics.append(
          Diagnostic(
            "island \(index + 1) (\(members.count) bus\(members.count == 1 ? "" : "es"): \(ids)\(members.count > 12 ? ", ..." : "")) has no in-service generation; its buses are not solved and their load is not served"))
        islands.append(
          DCIsland(
            index: index, buses: members, referenceBuses: [], slackGenerators: [], promotedReference: false, unknowns: [],
            reducedB: SparseMatrix(rows: 0, columns: 0, triplets: []), referenceCoupling: [], factorization: nil))
        continue
      }
      anySolvable = true
      islands.append(
        try Self.reduce(
          island: index, members: members, references: refs, slackGenerators: refs.map { firstGenerator[$0] },
          promoted: promoted, b: bMatrix, backend: backend, parallelism: parallelism, ordering: ordering, unknownPosition: &unknownPosition,
          ids: { members.map { buses[busPositions[$0]].id } }))
    }
    // Name the file when the network came from one, so the message points where to fix it.
    guard anySolvable else { throw .noGeneration(network: network.buses.first?.source?.file ?? network.name) }

    self.internalIndex = internalIndex
    self.positionOfBus = byID
    self.busPositions = busPositions
    self.islandOfBus = labels
    self.islands = islands
    self.busSusceptance = bMatrix
    self.branchFrom = from
    self.branchTo = to
    self.branchSusceptance = susceptance
    self.branchShiftInjection = shiftInjection
    self.busShiftInjection = busShift
    self.diagnostics = diagnostics
  }

  /// Extracts an island's reduced B (references removed) and factors it.
  private static func reduce(
    island: Int, members: [Int], references: [Int], slackGenerators: [Int], promoted: Bool, b: SparseMatrix, backend: LinearSolverBackend,
    parallelism: Parallelism,
    ordering: Ordering, unknownPosition: inout [Int], ids: () -> [BusID]
  ) throws(PowerFlowError) -> DCIsland {
    let refSet = Set(references)
    let unknowns = members.filter { !refSet.contains($0) }
    for (p, bus) in unknowns.enumerated() { unknownPosition[bus] = p }
    // Members are in increasing order, so are their positions: each column of B stays sorted
    // by row and the reduced matrix is built directly in compressed-column form.
    var columnStarts = [Int](repeating: 0, count: unknowns.count + 1)
    var rowIndices: [Int] = [], values: [Double] = []
    let entries = unknowns.reduce(0) { $0 + b.columnStarts[$1 + 1] - b.columnStarts[$1] }
    rowIndices.reserveCapacity(entries)
    values.reserveCapacity(entries)
    var coupling: [(row: Int, reference: Int, value: Double)] = []
    for (column, bus) in unknowns.enumerated() {
      for p in b.columnStarts[bus]..<b.columnStarts[bus + 1] {
        let row = b.rowIndices[p]
        let r = unknownPosition[row]
        if r >= 0 {
          rowIndices.append(r)
          values.append(b.values[p])
        } else {
          coupling.append((column, row, b.values[p]))  // B symmetric: B[bus, ref] = B[ref, bus]
        }
      }
      columnStarts[column + 1] = values.count
    }
    let reduced = SparseMatrix(
      rows: unknowns.count, columns: unknowns.count, columnStarts: columnStarts, rowIndices: rowIndices, values: values)
    var factorization: (any SymmetricFactorization)? = nil
    if !unknowns.isEmpty {
      do {
        let positions = unknownPosition
        factorization = try SymmetricSolver.factor(reduced, backend: backend, parallelism: parallelism, ordering: {
          // The island's unknowns, in the order of the whole network's ordering; the whole
          // network's count of L bounds the island's.
          ordering.wholeNetwork.map { whole in
            MinimumDegreeOrdering.Result(
              permutation: whole.permutation.compactMap { node -> Int32? in
                let bus = Int(node), p = positions[bus]
                return p >= 0 && p < unknowns.count && unknowns[p] == bus ? Int32(p) : nil
              }, lowerNonzeros: whole.lowerNonzeros)
          }
        })
      } catch {
        throw .singularIsland(island: island, buses: ids(), reason: error)
      }
    }
    return DCIsland(
      index: island, buses: members, referenceBuses: references, slackGenerators: slackGenerators,
      promotedReference: promoted, unknowns: unknowns,
      reducedB: reduced, referenceCoupling: coupling, factorization: factorization)
  }
}

/// KLU's fill-reducing ordering of the whole network's buses (AMD on the graph of B), when it
/// was computed from the branch list; each island takes its own buses' part of it.
struct Ordering: Sendable {
  let wholeNetwork: MinimumDegreeOrdering.Result?
}
