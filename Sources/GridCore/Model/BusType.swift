/// MATPOWER bus types (`BUS_TYPE`): 1 PQ, 2 PV, 3 reference, 4 isolated.
///
/// The DC power flow uses only two distinctions: isolated buses are left out of the model
/// (MATPOWER `ext2int`), and reference buses with an in-service generator fix the angle of
/// their island and take up its balance. PQ and PV buses are alike in DC.
public enum BusType: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Load bus (type 1).
  case pq = 1
  /// Generator bus with voltage control (type 2); in DC the same as PQ.
  case pv = 2
  /// Reference (slack) bus (type 3): its angle (`VA`) is kept and its first in-service
  /// generator takes up the island's balance.
  case reference = 3
  /// Isolated bus (type 4): left out of the model; its angle reads nil and its elements 0.
  case isolated = 4
}
