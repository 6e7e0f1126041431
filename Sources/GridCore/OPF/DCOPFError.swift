/// Why a DC OPF has no answer: costs missing or unusable, limits that contradict each other,
/// demand that cannot be met, a cost that falls without bound, or a solver failure. Each
/// message names the elements involved and what would fix it.
public enum DCOPFError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The network has no cost data (MATPOWER `mpc.gencost`).
  case missingCosts(network: String)
  /// A cost row that cannot be used (unknown model, too few columns, a degree above 2, a
  /// concave quadratic, a piecewise-linear curve whose powers do not increase).
  case invalidCost(String)
  /// Limits of one element that no value meets (PMIN > PMAX, ANGMIN > ANGMAX...).
  case invalidLimits(String)
  /// The DC model could not be built (see ``PowerFlowError``).
  case model(PowerFlowError)
  /// Demand that the generation of an island cannot meet, or minimum generation it cannot
  /// absorb, found before solving.
  case islandImbalance([IslandImbalance])
  /// The constraints cannot all be met. `violations` is the smallest total relaxation (MW of
  /// flow above ratings, MW of demand not served...) that makes the problem feasible.
  case infeasible(violations: [String])
  /// The cost decreases without limit; `causes` names the generators or DC lines with a
  /// negative cost and no limit in that direction.
  case unbounded(causes: [String])
  /// HiGHS failed or stopped without an answer (status code of `kHighsModelStatus*`).
  case solverFailed(String)

  /// An island (or group of islands joined by DC lines) whose generation limits cannot balance
  /// its demand, MW.
  public struct IslandImbalance: Sendable, Hashable, CustomStringConvertible {
    /// 1-based island numbers, as in `gridtool solve`.
    public var islands: [Int]
    /// A few of its buses, for the message.
    public var buses: [BusID]
    public var busCount: Int
    /// Demand to meet: PD + GS + named loads ± scheduled HVDC, MW.
    public var demandMW: Double
    /// Sum of PMAX (and of PMIN) of its in-service generators, MW.
    public var maxGenerationMW: Double
    public var minGenerationMW: Double

    public var description: String {
      let list = buses.prefix(8).map(\.description).joined(separator: ", ")
      let which =
        islands.count == 1 ? "island \(islands[0])" : "islands \(islands.map(String.init).joined(separator: ", "))"
      let size = "\(busCount) bus\(busCount == 1 ? "" : "es"): \(list)\(busCount > 8 ? ", ..." : "")"
      if demandMW > maxGenerationMW {
        if maxGenerationMW == 0 {
          return "\(which) (\(size)) has \(messageMW(demandMW)) MW of demand and no in-service generation"
        }
        return "\(which) (\(size)) has \(messageMW(demandMW)) MW of demand but only \(messageMW(maxGenerationMW)) MW of generation capacity (sum of PMAX)"
      }
      return "\(which) (\(size)) has \(messageMW(demandMW)) MW of demand but its generators must produce at least \(messageMW(minGenerationMW)) MW (sum of PMIN)"
    }
  }

  public var description: String {
    switch self {
    case .missingCosts(let network):
      return "\(network): no generator costs; a DC OPF needs mpc.gencost (one row per generator, MATPOWER models 1 or 2) or, in a gridtool network, a 'cost' for every generator"
    case .invalidCost(let text), .invalidLimits(let text):
      return text
    case .model(let error):
      return error.description
    case .islandImbalance(let islands):
      return "infeasible: " + islands.map(\.description).joined(separator: "; ")
    case .infeasible(let violations):
      let shown = violations.prefix(10).joined(separator: "; ")
      let more = violations.count > 10 ? "; and \(violations.count - 10) more" : ""
      return "infeasible: the limits cannot all be met; the smallest relaxation that makes it feasible: \(shown)\(more)"
    case .unbounded(let causes):
      let why = causes.isEmpty ? "" : ": " + causes.prefix(10).joined(separator: "; ")
      return "unbounded: the cost decreases without limit\(why); give these a finite limit or a non-negative cost"
    case .solverFailed(let text):
      return "the LP/QP solver stopped without an optimum: \(text)"
    }
  }
}

/// MW with one decimal, for messages.
func messageMW(_ v: Double) -> String {
  guard v.isFinite else { return v > 0 ? "unlimited" : "-unlimited" }
  let r = (v * 10).rounded() / 10
  return r == r.rounded() ? String(Int(r)) : String(r)
}
