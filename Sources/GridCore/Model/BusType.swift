/// MATPOWER bus types (`BUS_TYPE`): 1 PQ, 2 PV, 3 reference, 4 isolated.
public enum BusType: Int, Sendable, Hashable, Codable, CaseIterable {
  case pq = 1
  case pv = 2
  case reference = 3
  case isolated = 4
}
