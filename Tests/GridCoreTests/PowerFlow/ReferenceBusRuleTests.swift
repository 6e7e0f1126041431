import Testing

@testable import GridCore

/// The reference of an island without a REF bus: MATPOWER's first PV bus, or the largest capacity.
struct ReferenceBusRuleTests {
  /// case9 with bus 1 a PQ bus (no REF bus), and generator 3 (bus 3) the largest.
  func variant(_ types: [Int: Int] = [1: 1]) throws -> Network {
    var network = try MatpowerReader.read(contentsOf: TestPaths.network("case9.m")).network
    for (id, type) in types { network.buses[try position(network, id)].type = try #require(BusType(rawValue: type)) }
    network.generators[2].maxMW = 400
    return network
  }

  private func position(_ network: Network, _ id: Int) throws -> Int {
    try #require(network.buses.firstIndex { $0.id == BusID(id) })
  }

  private func solvedWithReference(_ network: Network, at bus: Int) throws -> DCFlowResult {
    var explicit = network
    explicit.buses[try position(explicit, bus)].type = .reference
    return try DCSystem(explicit).solve()
  }

  @Test func firstPVBusByDefault() throws {
    let network = try variant()
    let system = try DCSystem(network)
    #expect(system.referenceRule == .firstPV && system.islands[0].promotedReference)
    #expect(system.islands[0].referenceBuses.map { network.buses[system.busPositions[$0]].id } == [BusID(2)])
    #expect(system.diagnostics.contains { $0.message.contains("bus 2 (the first PV bus with an in-service generator, as MATPOWER chooses)") })
    let expected = try solvedWithReference(network, at: 2)
    let got = try system.solve()
    #expect(maxAbsDifference(got.branchFlowMW, expected.branchFlowMW) <= 1e-12)
    #expect(maxAbsDifference(got.generatorMW, expected.generatorMW) <= 1e-12)
  }

  @Test func largestCapacityOnRequest() throws {
    let network = try variant()
    let system = try DCSystem(network, referenceRule: .largestCapacity)
    #expect(system.islands[0].referenceBuses.map { network.buses[system.busPositions[$0]].id } == [BusID(3)])
    let expected = try solvedWithReference(network, at: 3)
    #expect(maxAbsDifference(try system.solve().branchFlowMW, expected.branchFlowMW) <= 1e-12)
  }

  /// No PV bus either (MATPOWER stops there): the largest capacity, and the warning says why.
  @Test func withoutPVBusTheLargestCapacity() throws {
    let network = try variant([1: 1, 2: 1, 3: 1])
    let system = try DCSystem(network)
    #expect(system.islands[0].referenceBuses.map { network.buses[system.busPositions[$0]].id } == [BusID(3)])
    #expect(system.diagnostics.contains { $0.message.contains("no PV bus has an in-service generator") })
  }

  /// A REF bus with a generator: both rules leave it alone.
  @Test func aReferenceBusIsKept() throws {
    let network = try MatpowerReader.read(contentsOf: TestPaths.network("case9.m")).network
    let a = try DCSystem(network).solve(), b = try DCSystem(network, referenceRule: .largestCapacity).solve()
    #expect(a.branchFlowMW == b.branchFlowMW)  // the same computation: exact
  }
}
