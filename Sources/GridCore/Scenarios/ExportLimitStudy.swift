/// How much an export link could have sent each hour without overloading the
/// AC grid that feeds it, when its supply area provides the extra power
/// (`gridtool validate`, check 4; docs/validate.md).
///
/// DC flows are linear in the injections, so for hour h with base flows `f`
/// (the scenario's dispatch, link at its schedule `Ps`) the flows at a set-point
/// `P` are `f + (P − Ps)·s`, where `s` is the flow change per MW of link power
/// taken from the supply area's generators. `s` is solved exactly, per hour, in
/// the same multi-right-hand-side call as the base flows: its column draws 1 MW
/// at the sending converter and injects it at the supply area's generators in
/// proportion to their spare output (available − dispatched, curtailed wind and
/// solar included). Lowering the link below its schedule takes generation back
/// in proportion to dispatched output instead (a second column, solved only for
/// the few hours that need it).
///
/// The hour's limit `P*` is the largest `P ≤ min(rating, Ps + spare)` at which
/// no branch that `P` moves is above its rating. A branch is moved (it belongs
/// to the AC grid feeding the converter) when its flow changes by at least
/// `sensitivityThreshold` (1 %) of a raise in the set-point; the same set of
/// branches is used in both directions. Branches the link does not move cannot
/// limit it, even when overloaded.
public struct ExportLimitStudy: Sendable {
  /// Position of the link in `Network.hvdcLinks`; it must deliver outside the model.
  public var link: Int
  /// Buses whose generators supply the extra export (e.g. the Zhundong area for Jiquan).
  public var supplyBuses: Set<BusID>
  /// Flow change per MW of export below which a branch is not limiting, MW/MW.
  public var sensitivityThreshold: Double

  /// A study of link `link` (position in `Network.hvdcLinks`) supplied from the generators at `supplyBuses`.
  public init(link: Int, supplyBuses: Set<BusID>, sensitivityThreshold: Double = 0.01) {
    self.link = link
    self.supplyBuses = supplyBuses
    self.sensitivityThreshold = sensitivityThreshold
  }

  /// Names a link and supply buses by id; throws when one does not exist or the link delivers inside the model.
  public init(network: Network, link name: String, supplyBuses names: [String]) throws(ScenarioError) {
    guard let k = network.hvdcLinks.firstIndex(where: { $0.name == name }) else {
      throw .invalid("the network '\(network.name)' has no HVDC link '\(name)'")
    }
    guard network.hvdcLinks[k].to == nil else {
      throw .invalid("HVDC link '\(name)' delivers inside the model; the export-limit study needs a link to an external system")
    }
    var ids = Set<BusID>()
    for bus in names {
      guard let b = network.buses.first(where: { $0.name == bus || $0.id.description == bus }) else {
        throw .invalid("the network '\(network.name)' has no bus '\(bus)' (supply area of '\(name)')")
      }
      ids.insert(b.id)
    }
    self.init(link: k, supplyBuses: ids)
  }
}

/// What limited an hour's export.
public struct ExportLimitResult: Sendable {
  /// A branch that set the hour's limit, and in how many hours.
  public struct BindingBranch: Sendable {
    /// 0-based position in `Network.branches`.
    public var index: Int
    /// The branch id, or `branch n` (n = ``index`` + 1) for an unnamed branch.
    public var name: String
    /// Hours in which this branch set the hour's limit `P*`.
    public var hours: Int
  }

  /// The link's id.
  public var linkName: String
  /// The supply area's buses, in network order: each bus's name, or its id when it has none.
  public var supplyBuses: [String]
  /// The link's rating, MW; 0: none (then only the spare generation and the branches cap `P*`).
  public var ratingMW: Double
  /// Energy scheduled on the link, MWh.
  public var scheduledMWh = 0.0
  /// Σ over hours of `P*`: the most the link could have sent under line limits and hourly availability, MWh.
  public var maxExportMWh = 0.0
  /// Hours in which `P*` is below the schedule (by more than 10⁻⁶ MW).
  public var hoursScheduleAboveLimit = 0
  /// Energy scheduled above `P*`, MWh: Σ (schedule − `P*`) × 1 h over the hours of
  /// ``hoursScheduleAboveLimit``.
  public var energyAboveLimitMWh = 0.0
  /// Hours in which a branch the link moves is above its rating at the scheduled set-point.
  public var hoursOverloadedAtSchedule = 0
  /// Hours in which no set-point clears every overload the link moves (`P*` then satisfies the
  /// limits that more export would worsen).
  public var hoursInfeasible = 0
  /// Hours in which the link's rating set `P*`, together with the infeasible hours in which no
  /// branch binds (`P*` is then the schedule). Hours set by a branch are in ``bindingBranches``.
  public var hoursLimitedByRating = 0
  /// Hours in which the supply area's spare generation set `P*`: `P*` = schedule + spare
  /// (available − dispatched, MW), below the rating and every moved branch's limit.
  public var hoursLimitedByGeneration = 0
  /// Branches that limited the link, most hours first.
  public var bindingBranches: [BindingBranch] = []
}
