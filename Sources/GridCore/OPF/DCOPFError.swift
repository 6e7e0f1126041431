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
  /// No dispatch is N-1 secure (``DCOPFProblem/solve(security:)``): the outages that cannot be
  /// secured even on their own, and the smallest relaxation of all the limits together.
  case n1Infeasible(N1Infeasibility)
  /// A transfer to maximise that the network does not have (``TransferTarget``).
  case invalidTarget(String)
  /// HiGHS failed or stopped without an answer (status code of `kHighsModelStatus*`).
  case solverFailed(String)

  /// An island (or group of islands joined by DC lines) whose generation limits cannot balance
  /// its demand, MW.
  public struct IslandImbalance: Sendable, Hashable, CustomStringConvertible {
    /// 1-based island numbers, as in `gridtool solve`.
    public var islands: [Int]
    /// A few of its buses, for the message.
    public var buses: [BusID]
    /// Number of buses in the island(s).
    public var busCount: Int
    /// Demand to meet: PD + GS + named loads ± scheduled HVDC, MW.
    public var demandMW: Double
    /// Sum of PMAX of its in-service generators, MW.
    public var maxGenerationMW: Double
    /// Sum of PMIN of its in-service generators, MW.
    public var minGenerationMW: Double

    /// The islands, their size and which limit cannot be met, for the message.
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

  /// The message for people, naming the file, island, limit or outage concerned.
  public var description: String {
    switch self {
    case .missingCosts(let network):
      return "\(network): no generator costs; a DC OPF needs mpc.gencost (one row per generator, MATPOWER models 1 or 2) or, in a gridtool network, a 'cost' for every generator"
    case .invalidCost(let text), .invalidLimits(let text), .invalidTarget(let text):
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
    case .n1Infeasible(let report):
      return report.description
    case .solverFailed(let text):
      return "the LP/QP solver stopped without an optimum: \(text)"
    }
  }
}

/// Why no dispatch is N-1 secure, in the terms a planner acts on: which outages cannot be
/// secured even on their own (no dispatch within the generator limits keeps every monitored
/// branch within its post-contingency rating after that one outage, whatever the others need),
/// and how much the limits must give all together.
public struct N1Infeasibility: Sendable, Hashable, CustomStringConvertible {
  /// An outage that no dispatch survives on its own.
  public struct Outage: Sendable, Hashable {
    /// 0-based input position of the outaged branch.
    public var branch: Int
    /// The outaged branch's name for messages, e.g. "branch 98 (36–32)".
    public var name: String
    /// The smallest relaxation that makes it securable on its own: the monitored branches
    /// (0-based, with their names) whose post-contingency limit (MW) must rise, and by how much
    /// (MW), largest first.
    public var limits: [Limit]
    /// Σ of ``Limit/neededMW``.
    public var relaxationMW: Double

    /// A monitored branch whose post-contingency limit must rise.
    public struct Limit: Sendable, Hashable {
      /// 0-based input position of the monitored branch.
      public var branch: Int
      /// Its name for messages.
      public var name: String
      /// Its post-contingency limit, MW.
      public var limitMW: Double
      /// How much that limit must rise for the outage to be securable on its own, MW.
      public var neededMW: Double
    }
  }

  /// The post-contingency rating, e.g. "RATE_A".
  public var ratingName: String
  /// Outages that overload a monitored branch at the least-cost dispatch (the N-0 OPF): the
  /// only ones that can be infeasible on their own.
  public var candidateOutages: Int
  /// How many of them were tested alone (the largest overloads first; at most
  /// ``N1Security/outagesTestedAlone``).
  public var testedOutages: Int
  /// Outages that cannot be secured on their own, the largest relaxation first.
  public var infeasibleAlone: [Outage]
  /// Outages whose test stopped without an answer (a HiGHS failure), 0-based.
  public var undetermined: [Int]
  /// The smallest relaxation of every post-contingency limit in the model when it became
  /// infeasible (all outages together), largest first.
  public var relaxation: [String]
  /// The post-trip limits of HVDC trips in the model when it became infeasible (not relaxed
  /// with the others; without the trips, `N1Security.hvdcTrips = false`, tells whether they are the cause).
  public var hvdcTripLimits: [String] = []

  /// The outages that cannot be secured alone and the relaxation needed, for the message.
  public var description: String {
    let trips = hvdcTripLimits.isEmpty ? "" : " or HVDC trip"
    var text = "infeasible: no dispatch keeps every monitored branch within its \(ratingName) after any one branch outage\(trips) (preventive N-1)"
    let tested = testedOutages == candidateOutages
      ? "of the \(candidateOutages) outages that overload a branch at the least-cost dispatch, all tested alone"
      : "the \(testedOutages) with the largest overloads of the \(candidateOutages) outages that overload a branch at the least-cost dispatch tested alone"
    if infeasibleAlone.isEmpty, testedOutages == 0, candidateOutages == 0, !hvdcTripLimits.isEmpty {
      // Infeasible with the HVDC trips' limits alone (listed below).
    } else if infeasibleAlone.isEmpty, testedOutages == 0 {
      text += "; \(candidateOutages) outages overload a branch at the least-cost dispatch (none tested alone)"
    } else if infeasibleAlone.isEmpty {
      text += testedOutages == candidateOutages
        ? "; every outage can be secured on its own (\(tested)), but not all together"
        : "; each outage tested can be secured on its own (\(tested)), but not all together"
    } else {
      let count = infeasibleAlone.count
      text += ". \(count) outage\(count == 1 ? "" : "s") cannot be secured even on \(count == 1 ? "its" : "their") own (\(tested)): "
      text += infeasibleAlone.prefix(10).map { outage in
        let limits = outage.limits.prefix(3).map {
          "\($0.name) needs \(messageMW($0.neededMW)) MW above its \(ratingName) of \(messageMW($0.limitMW)) MW"
        }
        let more = outage.limits.count > 3 ? " and \(outage.limits.count - 3) more" : ""
        return "after the outage of \(outage.name), \(limits.joined(separator: ", "))\(more)"
      }.joined(separator: "; ")
      if count > 10 { text += "; and \(count - 10) more outages" }
    }
    if !undetermined.isEmpty { text += "; \(undetermined.count) outage test\(undetermined.count == 1 ? "" : "s") stopped without an answer" }
    if !relaxation.isEmpty {
      text += ". The smallest relaxation of all the limits together: " + relaxation.prefix(5).joined(separator: "; ")
      if relaxation.count > 5 { text += "; and \(relaxation.count - 5) more" }
    }
    if !hvdcTripLimits.isEmpty {
      text += ". The HVDC-trip limits in the model: " + hvdcTripLimits.prefix(5).joined(separator: "; ")
      if hvdcTripLimits.count > 5 { text += "; and \(hvdcTripLimits.count - 5) more" }
    }
    text += ". Next steps: an emergency rating after outages (RATE_B or RATE_C), or soft limits: a price on post-contingency overloads or on load shedding"
    if !hvdcTripLimits.isEmpty { text += "; or the branch outages alone, without the HVDC trips" }
    return text
  }
}

/// MW with one decimal, for messages.
func messageMW(_ v: Double) -> String {
  guard v.isFinite else { return v > 0 ? "unlimited" : "-unlimited" }
  let r = (v * 10).rounded() / 10
  return r == r.rounded() ? String(Int(r)) : String(r)
}
