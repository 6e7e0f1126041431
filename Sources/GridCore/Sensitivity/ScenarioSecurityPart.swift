/// What an N-1 screen over some of a scenario's hours keeps
/// (``ScenarioSecurityScreen/runPart(_:hours:options:progress:)``): per topology that occurs
/// in those hours, its contingency list and the screen's reductions — counts, violation hours,
/// worst loadings with their hour and contingency. The parts of ranges that cover the period
/// merge (``ScenarioSecurityScreen/merge(_:parts:options:)``) into exactly the result of one
/// screen over it (docs/scale-out.md). A partial result file holds one (``PartialResult``).
public struct ScenarioSecurityPart: Sendable {
  /// The hours covered, 0-based in the period.
  public let hours: Range<Int>
  /// One per topology screened in these hours, in topology order.
  var topologies: [TopologyScreenTally]
}

/// One topology's N-1 screen over some hours.
struct TopologyScreenTally: Sendable {
  /// Index among the scenario's outage sets (0: the network as read).
  var topology: Int
  /// Hours of the topology screened.
  var hours: Int
  /// The topology's contingencies, in its screen's order.
  var contingencies: [Contingency]
  /// Per contingency: its element is out of service in this topology (not screened).
  var inactive: [Bool]
  /// The screen's reductions (``SecurityScreen/result``); hours in it are 0-based in the period.
  var result: SecurityScreenResult

  init(topology: Int, hours: Int, contingencies: [Contingency], inactive: [Bool], result: SecurityScreenResult) {
    self.topology = topology
    self.hours = hours
    self.contingencies = contingencies
    self.inactive = inactive
    self.result = result
  }

  init(topology: Int, hours: Int, screen: SecurityScreen) {
    let inactive = screen.contingencies.indices.map { c in
      if case .inactive = screen.kernel.effects[c].kind { return true }
      return false
    }
    self.init(topology: topology, hours: hours, contingencies: screen.contingencies, inactive: inactive, result: screen.result)
  }

  /// Whether `other` screened the same contingencies and monitored branches (the same
  /// topology and options).
  func fits(_ other: TopologyScreenTally) -> Bool {
    other.topology == topology && other.contingencies == contingencies && other.inactive == inactive
      && other.result.branches.map(\.branch) == result.branches.map(\.branch)
      && other.result.contingencies.map(\.index) == result.contingencies.map(\.index)
  }

  /// Whether its branches, links and contingency indices exist in `network`.
  func fits(_ network: Network) -> Bool {
    let m = network.branches.count, l = network.hvdcLinks.count
    return inactive.count == contingencies.count && result.contingencies.count == contingencies.count
      && result.contingencies.enumerated().allSatisfy { $0.offset == $0.element.index }
      && result.branches.allSatisfy { b in
        (0..<m).contains(b.branch) && (b.worstContingency.map { (0..<contingencies.count).contains($0) } ?? true)
      }
      && contingencies.allSatisfy { c in
        switch c {
        case .branch(let k), .circuit(let k): return (0..<m).contains(k)
        case .hvdcPole(let q), .hvdcLink(let q): return (0..<l).contains(q)
        case .generator(let g): return (0..<network.generators.count).contains(g)
        }
      }
  }

  /// Adds the reductions of later hours of the same topology (``fits(_:)``).
  mutating func merge(_ later: TopologyScreenTally) {
    hours += later.hours
    result.merge(later.result)
  }
}

extension SecurityScreenResult {
  /// Adds the reductions of later hours screened with the same monitored branches and
  /// contingencies, as if those hours had been added to the same screen: counts add,
  /// violation hours follow, and a worst case is replaced only by a strictly higher loading
  /// (on a tie the earlier hours' case stays, as ``SecurityScreen`` keeps the first one added).
  mutating func merge(_ later: SecurityScreenResult) {
    precondition(later.branches.count == branches.count && later.contingencies.count == contingencies.count)
    hours += later.hours
    insecureHours += later.insecureHours
    baseInsecureHours += later.baseInsecureHours
    for (r, b) in later.branches.enumerated() {
      branches[r].insecureHours += b.insecureHours
      if let w = b.worstLoadingPct, w > (branches[r].worstLoadingPct ?? -1) {
        branches[r].worstLoadingPct = w
        branches[r].worstHour = b.worstHour
        branches[r].worstContingency = b.worstContingency
      }
    }
    for (c, o) in later.contingencies.enumerated() {
      contingencies[c].violationHours += o.violationHours
      if let w = o.worstLoadingPct, w > (contingencies[c].worstLoadingPct ?? -1) {
        contingencies[c].worstLoadingPct = w
        contingencies[c].worstHour = o.worstHour
      }
    }
  }
}
