/// What the hourly OPF of a scenario did over the period (``DispatchMode/opf`` and
/// ``DispatchMode/scopf``): the limits that held the dispatch back and their shadow prices,
/// the hours that needed priced slack, and for free export links what limited them.
public struct ScenarioOPFSummary: Sendable {
  /// A limit of the hourly OPF, identified across hours.
  public struct Constraint: Sendable, Hashable, CustomStringConvertible {
    /// `branch_flow` (a branch's rating), `post_contingency_flow` (a branch's rating after
    /// ``outage``), `corridor` (a corridor's rating), `hvdc_rating` (a free link's rating).
    public var kind: String
    /// Name of the branch, corridor or link.
    public var element: String
    /// Name of the tripped branch of a post-contingency limit; nil otherwise.
    public var outage: String?

    /// "wubei-wucaiwan after jijihu-santanghu", "corridor hami-dunhuang", "jiquan rating"…
    public var description: String {
      switch kind {
      case "post_contingency_flow": return "\(element) after \(outage ?? "?")"
      case "corridor": return "corridor \(element)"
      case "hvdc_rating": return "\(element) rating"
      case "generation": return "generation available"
      default: return element
      }
    }
  }

  /// How often a limit bound, and at what price.
  public struct Binding: Sendable {
    /// The limit.
    public var constraint: Constraint
    /// Hours in which its shadow price was above 10⁻⁶ $/MWh.
    public var hours: Int
    /// Mean and largest shadow price over those hours, $/MWh: the cost saved per MW more of
    /// the limit in such an hour.
    public var meanPricePerMWh: Double
    /// Largest shadow price over those hours, $/MWh.
    public var maxPricePerMWh: Double
  }

  /// An hour that needed priced slack: a must-run cut, an export cut or unserved demand.
  public struct SlackHour: Sendable {
    /// Time of the hour (start), and hour index in the period (0-based).
    public var time: ClockHour
    /// Hour index in the period (0-based).
    public var hour: Int
    /// Domestic demand not served, scheduled export not sent, must-run not produced, MW.
    public var unservedMW: Double
    /// Scheduled export not sent, MW.
    public var exportCutMW: Double
    /// Must-run output not produced, MW.
    public var mustRunCutMW: Double
    /// The limits binding in that hour, highest shadow price first (at most five).
    public var cause: [Constraint]
  }

  /// What limited a free export link (``OPFDispatch/freeLinks``) hour by hour.
  public struct FreeLink: Sendable {
    /// The link's id and rating, MW.
    public var name: String
    /// The link's rating, MW.
    public var ratingMW: Double
    /// Energy sent, MWh.
    public var sentMWh: Double
    /// Hours by limiting constraint, most hours first: the link's rating, the most expensive
    /// binding branch, post-contingency or corridor limit, or the generation available (none
    /// binding). The duration curve of the limiting constraint.
    public var limitingHours: [(constraint: Constraint, hours: Int)]
  }

  /// The mode the hours were dispatched in.
  public var mode: DispatchMode
  /// Σ of the hours' LP objectives, $ (the prices of ``OPFDispatch`` included).
  public var objective: Double
  /// Scheduled exports not sent, MWh, and the hours with such a cut.
  public var exportCutMWh: Double
  /// Hours with an export cut.
  public var hoursExportCut: Int
  /// Every hour that needed priced slack, in time order.
  public var slackHours: [SlackHour]
  /// Every limit that bound in some hour, most hours first.
  public var binding: [Binding]
  /// Free export links (empty when every link kept its schedule).
  public var freeLinks: [FreeLink]
  /// Constraint-generation rounds over the period, and hours that needed at least one.
  public var securityRounds: Int
  /// Hours that needed at least one round.
  public var hoursWithSecurityRounds: Int
}

/// Streams the hours' ``OPFHourOutcome``s into a ``ScenarioOPFSummary``.
struct OPFAccumulator {
  let mode: DispatchMode
  let branchNames: [String]
  let corridorNames: [String]
  let linkNames: [String]
  /// Per free link: its position and rating; the OPF generator of its export variable.
  let freeLinks: [(link: Int, name: String, rating: Double, generator: Int)]
  /// What the hours added so far sum to (mergeable: ``OPFTally/merge(_:)``).
  var tally: OPFTally

  init(scenario: Scenario, opf: ScenarioOPFModel) {
    mode = scenario.dispatchMode
    let network = scenario.network
    branchNames = network.branches.enumerated().map { $1.name.isEmpty ? "branch \($0 + 1)" : $1.name }
    corridorNames = opf.interfaces.map(\.name)
    linkNames = network.hvdcLinks.map(\.name)
    freeLinks = network.hvdcLinks.indices.compactMap { k in
      opf.freeGenerator[k] >= 0 ? (k, network.hvdcLinks[k].name, network.hvdcLinks[k].ratingMW, opf.freeGenerator[k]) : nil
    }
    tally = OPFTally(freeLinks: freeLinks.count)
  }

  func constraint(_ b: DCOPFResult.BindingConstraint) -> ScenarioOPFSummary.Constraint? {
    switch b.kind {
    case .branchFlowFrom, .branchFlowTo: return .init(kind: "branch_flow", element: branchNames[b.element])
    case .postContingencyFlowFrom, .postContingencyFlowTo:
      // A branch after the outage of one of its own circuits (per-circuit N-1).
      let outage = b.outage.map { $0 == b.element ? "one of its circuits" : branchNames[$0] }
      return .init(kind: "post_contingency_flow", element: branchNames[b.element], outage: outage)
    case .generatorPMin:
      guard let f = freeLinks.first(where: { $0.generator == b.element }) else { return nil }
      return .init(kind: "hvdc_rating", element: f.name)
    default: return nil
    }
  }

  /// The hour's limits, with the corridor limits (priced separately) folded in.
  func constraints(_ o: OPFHourOutcome) -> [(constraint: ScenarioOPFSummary.Constraint, price: Double)] {
    var list = o.binding.compactMap { b in constraint(b).map { ($0, b.shadowPrice) } }
    for t in o.hvdcTripBinding {
      list.append((.init(kind: "post_contingency_flow", element: branchNames[t.branch], outage: "HVDC \(linkNames[t.link])"), t.shadowPrice))
    }
    for (i, price) in o.interfacePricePerMWh.enumerated() where price > 1e-6 {
      list.append((.init(kind: "corridor", element: corridorNames[i]), price))
    }
    return list.sorted { $0.1 > $1.1 }
  }

  mutating func add(hour h: Int, time: ClockHour, state s: HourState) {
    guard let o = s.opf else { return }
    tally.objective += o.objectivePerHour
    tally.rounds += o.securityRounds
    if o.securityRounds > 0 { tally.hoursWithRounds += 1 }
    tally.exportCut += o.exportCutMW
    if o.exportCutMW > 1e-6 { tally.hoursExportCut += 1 }
    let list = constraints(o)
    for (c, price) in list {
      var entry = tally.binding[c] ?? OPFTally.Prices()
      entry.hours += 1
      entry.sum += price
      entry.max = max(entry.max, price)
      tally.binding[c] = entry
    }
    if s.outcome.shortageMW > 1e-6 || o.exportCutMW > 1e-6 || s.outcome.mustRunCutMW > 1e-6 {
      tally.slackHours.append(
        .init(
          time: time, hour: h, unservedMW: s.outcome.shortageMW, exportCutMW: o.exportCutMW, mustRunCutMW: s.outcome.mustRunCutMW,
          cause: list.prefix(5).map(\.constraint)))
    }
    for (i, f) in freeLinks.enumerated() {
      let p = s.setpoint[f.link]
      tally.sent[i] += s.hvdc[f.link].fromMW
      let limit: ScenarioOPFSummary.Constraint
      if p >= f.rating - 1e-6 {
        limit = .init(kind: "hvdc_rating", element: f.name)
      } else if let first = list.first(where: { $0.constraint.kind != "hvdc_rating" }) {
        limit = first.constraint
      } else {
        limit = .init(kind: "generation", element: "")
      }
      tally.limiting[i][limit, default: 0] += 1
    }
  }

  func finished() -> ScenarioOPFSummary {
    let t = tally
    let bindingList = t.binding.map { c, v in
      ScenarioOPFSummary.Binding(constraint: c, hours: v.hours, meanPricePerMWh: v.sum.value / Double(v.hours), maxPricePerMWh: v.max)
    }.sorted { a, b in
      a.hours != b.hours ? a.hours > b.hours : Self.precedes(a.constraint, b.constraint)
    }
    let free = freeLinks.enumerated().map { i, f in
      ScenarioOPFSummary.FreeLink(
        name: f.name, ratingMW: f.rating, sentMWh: t.sent[i].value,
        limitingHours: t.limiting[i].map { ($0.key, $0.value) }.sorted { a, b in
          a.1 != b.1 ? a.1 > b.1 : Self.precedes(a.0, b.0)
        })
    }
    return ScenarioOPFSummary(
      mode: mode, objective: t.objective.value, exportCutMWh: t.exportCut.value, hoursExportCut: t.hoursExportCut,
      slackHours: t.slackHours, binding: bindingList, freeLinks: free, securityRounds: t.rounds,
      hoursWithSecurityRounds: t.hoursWithRounds)
  }

  /// A total order of constraints for the tables (a dictionary's own order changes from
  /// process to process): by description, then kind, element and outage.
  static func precedes(_ a: ScenarioOPFSummary.Constraint, _ b: ScenarioOPFSummary.Constraint) -> Bool {
    (a.description, a.kind, a.element, a.outage ?? "") < (b.description, b.kind, b.element, b.outage ?? "")
  }
}

/// The OPF's sums over some hours: what a partial result keeps of the OPF dispatch.
struct OPFTally: Sendable {
  /// Hours a limit bound, Σ of its shadow prices and the largest, $/MWh.
  struct Prices: Sendable {
    var hours = 0
    var sum = FixedPointSum()
    var max = 0.0
  }

  /// Σ of the hours' objectives, $, and of the export cuts, MWh.
  var objective = FixedPointSum()
  var exportCut = FixedPointSum()
  var hoursExportCut = 0
  var rounds = 0
  var hoursWithRounds = 0
  /// The hours with priced slack, in time order.
  var slackHours: [ScenarioOPFSummary.SlackHour] = []
  var binding: [ScenarioOPFSummary.Constraint: Prices] = [:]
  /// Per free link: energy sent, MWh, and hours by limiting constraint.
  var sent: [FixedPointSum]
  var limiting: [[ScenarioOPFSummary.Constraint: Int]]

  init(freeLinks: Int) {
    sent = Array(repeating: FixedPointSum(), count: freeLinks)
    limiting = Array(repeating: [:], count: freeLinks)
  }

  /// Adds the tally of later hours (exact: the result is the tally of both ranges).
  mutating func merge(_ later: OPFTally) {
    objective = objective.adding(later.objective)
    exportCut = exportCut.adding(later.exportCut)
    hoursExportCut += later.hoursExportCut
    rounds += later.rounds
    hoursWithRounds += later.hoursWithRounds
    slackHours += later.slackHours
    for (c, b) in later.binding {
      var entry = binding[c] ?? Prices()
      entry.hours += b.hours
      entry.sum = entry.sum.adding(b.sum)
      entry.max = Swift.max(entry.max, b.max)
      binding[c] = entry
    }
    for i in sent.indices where i < later.sent.count {
      sent[i] = sent[i].adding(later.sent[i])
      for (c, n) in later.limiting[i] { limiting[i][c, default: 0] += n }
    }
  }
}
