/// The reference bus of an island that has in-service generation but no REF (type 3) bus
/// with an in-service generator.
///
/// MATPOWER (`bustypes`; MP-Core's `ensure_ref_node`) makes the first PV bus, in bus order,
/// that has an in-service generator the reference; where there is no such PV bus either,
/// MATPOWER stops ("must have at least one REF or PV node"), and gridtool falls back to the
/// largest in-service capacity. Every promotion is reported as a warning.
public enum ReferenceBusRule: String, Sendable, Hashable, CaseIterable {
  /// MATPOWER's rule: the first PV (type 2) bus with an in-service generator, in file order;
  /// when there is none, the bus with the largest in-service capacity. The default.
  case firstPV = "first-pv"
  /// The bus with the largest in-service capacity (sum of its generators' PMAX, MW); on a tie
  /// the first in file order. gridtool's rule before it followed MATPOWER.
  case largestCapacity = "largest-capacity"

  /// The chosen bus among `members` (internal buses in file order) and why, for the warning;
  /// nil when no member has generation.
  func choose(among members: [Int], hasGeneration: [Bool], capacity: [Double], isPV: (Int) -> Bool) -> (Int, String)? {
    if self == .firstPV, let first = members.first(where: { hasGeneration[$0] && isPV($0) }) {
      return (first, "the first PV bus with an in-service generator, as MATPOWER chooses")
    }
    var best = -1
    for bus in members where hasGeneration[bus] {
      if best < 0 || capacity[bus] > capacity[best] { best = bus }
    }
    guard best >= 0 else { return nil }
    return (best, self == .firstPV ? "no PV bus has an in-service generator: the largest in-service capacity" : "largest in-service capacity")
  }
}
