/// The N-1 screen of every hour of a scenario (``ScenarioSecurityScreen``). Hours are
/// 0-based offsets from ``start``; contingency indices point into ``contingencies``.
public struct ScenarioSecurityResult: Sendable {
  /// One topology (outage set) of the period and what was screened in it.
  public struct Topology: Sendable, Hashable {
    /// Index among the scenario's outage sets (0: the network as read).
    public var index: Int
    /// "the network as read" or "outages: turpan-hami (1 circuit)".
    public var description: String
    /// Hours of the period in this topology.
    public var hours: Int
    /// Contingencies screened in this topology (its own list: a branch that is out is not one).
    public var contingencies: Int
    /// Branches monitored in this topology.
    public var monitored: Int
  }

  /// Name of the scenario screened (``Scenario/name``).
  public let scenarioName: String
  /// The network as read (labels and ratings of the report).
  public let network: Network
  /// First hour of the period: hour 0 of every hour index in the result.
  public let start: ClockHour
  /// Number of hours screened (every hour of the period).
  public let hours: Int
  /// The contingency settings of the screen (``ScenarioSecurityScreen/Options/contingency``).
  public let options: ContingencyOptions
  /// The topologies that occur, in index order.
  public let topologies: [Topology]
  /// Every contingency screened in some hour: the intact network's list, then any that
  /// occur only in a maintenance topology.
  public let contingencies: [Contingency]
  /// Every branch monitored in some hour, in input order.
  public let branches: [ScenarioScreenedBranch]
  /// One per contingency, in the order of ``contingencies``.
  public let outcomes: [ScenarioScreenedContingency]
  /// Totals over the period: secure or not, insecure hours, the worst loading.
  public let summary: ScenarioSecuritySummary

  /// The clock time of hour `h` of the period.
  public func time(ofHour h: Int) -> ClockHour { start.adding(hours: h) }
}

/// A monitored branch over every hour of the period.
public struct ScenarioScreenedBranch: Sendable, Hashable {
  /// Input position in `Network.branches`.
  public var branch: Int
  /// Post-contingency rating in the network as read (the chosen rating set), MW.
  public var ratingMW: Double
  /// Hours in which it was in service and monitored.
  public var hoursMonitored: Int
  /// Highest loading, % (of RATE_A in the base case, of the post-contingency rating after an
  /// outage; both of the hour's topology); nil for a branch without any rating.
  public var worstLoadingPct: Double?
  /// The hour of ``worstLoadingPct``, 0-based from ``ScenarioSecurityResult/start``; on a tie, the earliest.
  public var worstHour: Int?
  /// The contingency of ``worstLoadingPct``: index in ``ScenarioSecurityResult/contingencies``; nil: the base case.
  public var worstContingency: Int?
  /// Hours in which it is above the limit, in the base case or after some contingency.
  public var insecureHours: Int
}

/// A contingency over every hour of the period.
public struct ScenarioScreenedContingency: Sendable, Hashable {
  /// Index in ``ScenarioSecurityResult/contingencies``.
  public var index: Int
  /// Hours in which it was screened (its element in service in the hour's topology).
  public var hoursScreened: Int
  /// Hours in which it puts a monitored branch above the limit, increasing.
  public var violationHours: [Int]
  /// Highest post-contingency loading it causes, % of the post-contingency rating.
  public var worstLoadingPct: Double?
  /// The hour of ``worstLoadingPct``, 0-based from ``ScenarioSecurityResult/start``; on a tie, the earliest.
  public var worstHour: Int?

  /// ``violationHours`` as runs of consecutive hours, `first…last` inclusive.
  public var violationPeriods: [ClosedRange<Int>] {
    var runs: [ClosedRange<Int>] = []
    for h in violationHours {
      if let last = runs.last, last.upperBound + 1 == h {
        runs[runs.count - 1] = last.lowerBound...h
      } else {
        runs.append(h...h)
      }
    }
    return runs
  }
}

/// Totals of a year screen.
public struct ScenarioSecuritySummary: Sendable, Hashable {
  /// No hour has a violation (N-0 or N-1).
  public var secure: Bool
  /// Hours screened.
  public var hours: Int
  /// Hours with a violation in the base case or after some contingency.
  public var insecureHours: Int
  /// Hours with a violation in the base case (N-0).
  public var baseInsecureHours: Int
  /// Contingencies screened in some hour (``ScenarioSecurityResult/contingencies``).
  public var contingencies: Int
  /// Contingencies that put a monitored branch above the limit in at least one hour.
  public var contingenciesWithViolations: Int
  /// Branches monitored in some hour (``ScenarioSecurityResult/branches``).
  public var monitored: Int
  /// The highest loading of the period, % (of RATE_A in the base case, of the post-contingency
  /// rating after an outage); nil when no monitored branch has a rating.
  public var worstLoadingPct: Double?
  /// The branch of ``worstLoadingPct``: input position in `Network.branches`.
  public var worstBranch: Int?
  /// The hour of ``worstLoadingPct``, 0-based from ``ScenarioSecurityResult/start``; on a tie, the earliest.
  public var worstHour: Int?
  /// The contingency of ``worstLoadingPct``: index in ``ScenarioSecurityResult/contingencies``; nil: the base case.
  public var worstContingency: Int?
}

/// Folds the per-topology ``SecurityScreen`` reductions into one ``ScenarioSecurityResult``.
/// Topologies partition the hours, so counts add up; the worst cases are maxima, the
/// earliest hour winning a tie.
struct ScenarioSecurityMerger {
  let network: Network
  let options: ContingencyOptions
  var merged = MergedContingencies()
  var branches: [Int: ScenarioScreenedBranch] = [:]
  var outcomes: [ScenarioScreenedContingency] = []
  var hours = 0
  var insecureHours = 0
  var baseInsecureHours = 0

  init(network: Network, options: ContingencyOptions) {
    self.network = network
    self.options = options
  }

  /// Adds one topology's screen (its reductions over the whole period).
  mutating func add(_ screen: TopologyScreenTally) {
    let r = screen.result
    let index = screen.contingencies.map { merged.position(of: $0) }
    while outcomes.count < merged.list.count {
      outcomes.append(ScenarioScreenedContingency(index: outcomes.count, hoursScreened: 0, violationHours: []))
    }
    hours += r.hours
    insecureHours += r.insecureHours
    baseInsecureHours += r.baseInsecureHours
    for b in r.branches {
      var record =
        branches[b.branch]
        ?? ScenarioScreenedBranch(
          branch: b.branch, ratingMW: options.rating.rating(of: network.branches[b.branch]), hoursMonitored: 0, insecureHours: 0)
      record.hoursMonitored += r.hours
      record.insecureHours += b.insecureHours
      if let w = b.worstLoadingPct, let h = b.worstHour, Self.beats(w, h, record.worstLoadingPct, record.worstHour) {
        record.worstLoadingPct = w
        record.worstHour = h
        record.worstContingency = b.worstContingency.map { index[$0] }
      }
      branches[b.branch] = record
    }
    for c in r.contingencies {
      let i = index[c.index]
      var record = outcomes[i]
      // A contingency inactive in this topology (its element out of service) is not screened in it.
      if !screen.inactive[c.index] { record.hoursScreened += r.hours }
      record.violationHours += c.violationHours
      if let w = c.worstLoadingPct, let h = c.worstHour, Self.beats(w, h, record.worstLoadingPct, record.worstHour) {
        record.worstLoadingPct = w
        record.worstHour = h
      }
      outcomes[i] = record
    }
  }

  /// Higher loading wins; on a tie the earlier hour.
  static func beats(_ loading: Double, _ hour: Int, _ current: Double?, _ currentHour: Int?) -> Bool {
    guard let current, let currentHour else { return true }
    return loading > current || (loading == current && hour < currentHour)
  }

  func result(scenario: Scenario, topologies: [ScenarioSecurityResult.Topology]) -> ScenarioSecurityResult {
    let rows = branches.keys.sorted().compactMap { branches[$0] }
    let outcomes = self.outcomes.map { o -> ScenarioScreenedContingency in
      var sorted = o
      sorted.violationHours.sort()
      return sorted
    }
    var summary = ScenarioSecuritySummary(
      secure: insecureHours == 0, hours: hours, insecureHours: insecureHours, baseInsecureHours: baseInsecureHours,
      contingencies: merged.list.count, contingenciesWithViolations: outcomes.filter { !$0.violationHours.isEmpty }.count,
      monitored: rows.count)
    for b in rows {
      guard let w = b.worstLoadingPct, let h = b.worstHour, Self.beats(w, h, summary.worstLoadingPct, summary.worstHour) else {
        continue
      }
      summary.worstLoadingPct = w
      summary.worstHour = h
      summary.worstBranch = b.branch
      summary.worstContingency = b.worstContingency
    }
    return ScenarioSecurityResult(
      scenarioName: scenario.name, network: network, start: scenario.start, hours: hours, options: options, topologies: topologies,
      contingencies: merged.list, branches: rows, outcomes: outcomes, summary: summary)
  }
}
