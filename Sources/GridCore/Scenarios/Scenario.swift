/// A year (or any number of hours) of operation of one network: hourly
/// profiles bound to its elements, planned outages, and the dispatch rule that
/// turns availability and demand into injections (docs/scenarios.md).
///
/// PyPSA's static / time-varying convention: every element keeps its static
/// value from the network file unless a profile is bound to it. Read one from
/// a file with ``ScenarioReader``, or build one in code (``loadScaling(network:profile:start:)``).
public struct Scenario: Sendable {
  /// Name, for reports.
  public var name: String
  /// Free-text description, for reports (a scenario file's `description`); nil when none is given.
  public var description: String?
  /// The network, as read from the file the scenario names.
  public var network: Network
  /// Hourly profiles over the period; `profiles.start` and `profiles.hours` are the period.
  public var profiles: ProfileTable
  /// Per generator (input order): its availability, p.u. of installed capacity (`capacity_mw` / PMAX).
  /// nil: the static value — `p_mw / capacity` for wind and solar, 1 for dispatchable units.
  public var generatorAvailability: [ProfileValue?]
  /// Per generator: share of its installed capacity in service (growth during the period); nil: 1.
  public var generatorCapacity: [ProfileValue?]
  /// Per bus (input order): demand written on the bus (`PD`); nil: static.
  public var busDemand: [DemandProfile?]
  /// Per load element (input order); nil: static.
  public var loadDemand: [DemandProfile?]
  /// Per HVDC link: set-point at the sending end, MW; nil: the static `p_mw`.
  public var hvdcSchedule: [ProfileValue?]
  /// Planned outages; hours with the same outages share one factorization.
  public var outages: [Outage]
  /// How availability and demand become injections each hour under ``DispatchMode/rule``
  /// (must-run shares also bound the OPF modes' must-run output).
  public var dispatch: DispatchRule
  /// Rule, hourly DC OPF or hourly preventive N-1 SCOPF (docs/scenarios.md, "Dispatch modes").
  public var dispatchMode: DispatchMode = .rule
  /// Costs, prices of slack and export settings of the OPF modes.
  public var opf = OPFDispatch()
  /// The published-figures file for `gridtool validate`, resolved against the scenario's folder.
  public var factsPath: String?
  /// The files read for this scenario, as the reader resolved them: the scenario file, its
  /// network and its profile files (empty for a scenario made in code). A host that writes
  /// results checks that it does not write over one of them.
  public var inputFiles: [String] = []
  /// Warnings found while reading (unused profile columns, ...).
  public var diagnostics: [Diagnostic]
  /// The files a ``ScenarioReader`` read it from (nil for a scenario built in code): what a
  /// partial result's identity hashes (``PartialResult``, docs/scale-out.md).
  public var sources: ScenarioSources? = nil

  /// First hour of the period (``ProfileTable/start``).
  public var start: ClockHour { profiles.start }
  /// Number of hours in the period (``ProfileTable/hours``). Each hour is a 1 h step, so an
  /// energy is Σ hourly MW × 1 h.
  public var hours: Int { profiles.hours }

  /// A scenario with every element static: bind profiles afterwards.
  public init(name: String, network: Network, profiles: ProfileTable, dispatch: DispatchRule = DispatchRule()) {
    self.name = name
    self.network = network
    self.profiles = profiles
    generatorAvailability = Array(repeating: nil, count: network.generators.count)
    generatorCapacity = Array(repeating: nil, count: network.generators.count)
    busDemand = Array(repeating: nil, count: network.buses.count)
    loadDemand = Array(repeating: nil, count: network.loads.count)
    hvdcSchedule = Array(repeating: nil, count: network.hvdcLinks.count)
    outages = []
    self.dispatch = dispatch
    diagnostics = []
  }

  /// The load-scaling scenario of any network (e.g. a MATPOWER case): every demand (bus `PD` and
  /// loads) is its static value × `profile[h]`, and dispatchable generation follows pro rata to
  /// the set-points (``DispatchRule/Method/proRataSetpoint``).
  public static func loadScaling(network: Network, profile: [Double], start: ClockHour) throws(ParseError) -> Scenario {
    var table = ProfileTable(start: start, hours: profile.count)
    try table.add(name: "load_scale", values: profile)
    var scenario = Scenario(
      name: "\(network.name): load scaling", network: network, profiles: table,
      dispatch: DispatchRule(method: .proRataSetpoint))
    let scale = ProfileValue.column(0)
    scenario.busDemand = network.buses.map { DemandProfile(value: scale, factor: $0.loadMW) }
    scenario.loadDemand = network.loads.map { DemandProfile(value: scale, factor: $0.demandMW) }
    return scenario
  }
}

/// The inputs of a scenario read from files: its own text (as read) and the files it names.
public struct ScenarioSources: Sendable, Hashable {
  /// The scenario file's path as given, and its text as read.
  public var scenarioFile: String
  /// The scenario file's text as read.
  public var scenarioText: String
  /// The network file and the profile files, resolved as the reader opened them.
  public var networkFile: String
  /// The profile files, in the order of `profiles`.
  public var profileFiles: [String]

  /// The sources of a scenario read from `scenarioFile` (text `scenarioText`).
  public init(scenarioFile: String, scenarioText: String, networkFile: String, profileFiles: [String]) {
    self.scenarioFile = scenarioFile
    self.scenarioText = scenarioText
    self.networkFile = networkFile
    self.profileFiles = profileFiles
  }
}

/// Where a time-varying quantity comes from: a constant, or a profile column.
public enum ProfileValue: Sendable, Hashable {
  /// The same value in every hour, in the unit of the quantity it gives: p.u. of capacity for
  /// availability, a share for installed capacity, MW for an HVDC schedule, the multiplier of
  /// `factor` in a ``DemandProfile``.
  case constant(Double)
  /// Position in ``Scenario/profiles``.
  case column(Int)

  @inline(__always) func value(_ profiles: ProfileTable, hour: Int) -> Double {
    switch self {
    case .constant(let v): return v
    case .column(let c): return profiles.value(c, hour: hour)
    }
  }
}

/// Demand of one load or bus in an hour: `value(h) · factor`, MW.
///
/// A per-unit profile has `factor` = the static demand; a MW profile shared by
/// several loads has `factor` = this load's share of their static total.
public struct DemandProfile: Sendable, Hashable {
  /// The profile (or constant).
  public var value: ProfileValue
  /// MW per unit of `value`.
  public var factor: Double

  /// Demand `value(h) · factor`, MW.
  public init(value: ProfileValue, factor: Double) {
    self.value = value
    self.factor = factor
  }
}

/// A branch out of service (all its circuits, or some of them) during `[start, end)`.
public struct Outage: Sendable, Hashable {
  /// Position in `Network.branches`.
  public var branch: Int
  /// Circuits out; nil: the whole branch. With `c` circuits and `k` out, the branch's
  /// reactance becomes `x · c / (c − k)` and its rating `rating · (c − k) / c`.
  public var circuits: Int?
  /// First hour out, 0-based offset from the period start.
  public var startHour: Int
  /// First hour back in service, 0-based offset from the period start: the branch is out in
  /// hours `startHour..<endHour`.
  public var endHour: Int
  /// Where the outage is written.
  public var source: SourceLocation?

  /// An outage of `branch` (all circuits, or `circuits` of them) during hours `[startHour, endHour)`.
  public init(branch: Int, circuits: Int? = nil, startHour: Int, endHour: Int, source: SourceLocation? = nil) {
    self.branch = branch
    self.circuits = circuits
    self.startHour = startHour
    self.endHour = endHour
    self.source = source
  }
}
