/// How a scenario's hours are dispatched (the scenario file's `dispatch.mode`).
public enum DispatchMode: String, Sendable, Hashable, CaseIterable {
  /// The hand-written ``DispatchRule`` (a copper plate refined by balancing areas); the grid
  /// only shows what it makes of the result.
  case rule
  /// An hourly DC OPF: least cost within generator availability, must-run minimums and the
  /// branch ratings (and corridor ratings), with curtailment, must-run cuts, export cuts and
  /// unserved demand priced (``OPFDispatch``).
  case opf
  /// The same with preventive N-1 security: every hour also meets the post-contingency
  /// limits of `gridtool contingency` (``OPFDispatch/contingency``).
  case scopf
}

/// Costs and settings of the OPF dispatch modes (docs/scenarios.md, "Dispatch modes").
///
/// Each hour is the linear program
///
///     minimize  Σ_g c_tech(g)·P_g − C_curt·Σ_{wind, PV} P − C_mr·Σ must-run output
///               + C_cut·(export cuts) + C_voll·(unserved demand) − V·Σ free exports
///
/// over the outputs P (0 ≤ P ≤ available, must-run as a separate part of each unit up to
/// its minimum), subject to the DC network (branch ratings, corridor ratings as interface
/// limits, and with ``DispatchMode/scopf`` the post-contingency limits). All prices in $/MWh.
/// The defaults are estimates (E) chosen for their order: wind and PV are curtailed before
/// must-run is cut, must-run before an export schedule, an export before domestic demand.
public struct OPFDispatch: Sendable, Hashable {
  /// Marginal cost by technology, $/MWh (E). Technologies not listed cost 0.
  public var costPerMWh: [Technology: Double]
  /// Price of a MWh of wind or PV available but not used, $/MWh.
  public var curtailmentCostPerMWh: Double
  /// Price of a MWh of must-run output not produced, $/MWh.
  public var mustRunCutCostPerMWh: Double
  /// Price of a MWh of a scheduled export (HVDC schedule, export load) not sent, $/MWh.
  public var exportCutCostPerMWh: Double
  /// Price of a MWh of domestic demand not served, $/MWh.
  public var unservedCostPerMWh: Double
  /// Value of a MWh sent by a free export link (``freeLinks``), $/MWh: below the export-cut
  /// price, so that no scheduled export is cut to send more on a free link.
  public var exportValuePerMWh: Double
  /// Loads (positions in `Network.loads`) that are exports (e.g. the AC ties' export load):
  /// cut at ``exportCutCostPerMWh`` rather than shed at ``unservedCostPerMWh``.
  public var exportLoads: [Int]
  /// HVDC links (positions in `Network.hvdcLinks`) whose sending power is decided by the OPF
  /// between 0 and the rating, valued at ``exportValuePerMWh``; the others keep their
  /// schedules (cut only at ``exportCutCostPerMWh``).
  public var freeLinks: [Int]
  /// Corridor ratings (`groups.corridors` with lines and a `rating_mw`) enforced on the
  /// corridor's sending power in the intact network.
  public var corridorLimits: Bool
  /// The contingencies, monitored branches, rating set and limit of ``DispatchMode/scopf``:
  /// those of `gridtool contingency` (HVDC trips are screened there, not enforced).
  public var contingency: ContingencyOptions
  /// Enforce both outage sets of `gridtool contingency`: the whole branch (all its circuits)
  /// and, for a branch of several circuits, one of its circuits (`--per-circuit`), so that
  /// the year passes both screens. Ignored when ``contingency`` lists its contingencies.
  public var branchAndCircuitOutages = false

  /// Settings with the defaults (E): coal 30, gas 60, hydro 5, nuclear 10, storage 40, other
  /// 20, wind and solar 0 $/MWh; curtailment 40, must-run cut 150, export cut 300, unserved
  /// 1,000 and free-export value 200 $/MWh; corridor limits on; the N-1 screen's defaults.
  public init(
    costPerMWh: [Technology: Double] = [.coal: 30, .gas: 60, .hydro: 5, .nuclear: 10, .storage: 40, .other: 20, .wind: 0, .solar: 0],
    curtailmentCostPerMWh: Double = 40, mustRunCutCostPerMWh: Double = 150, exportCutCostPerMWh: Double = 300,
    unservedCostPerMWh: Double = 1000, exportValuePerMWh: Double = 200, exportLoads: [Int] = [], freeLinks: [Int] = [],
    corridorLimits: Bool = true, contingency: ContingencyOptions = ContingencyOptions()
  ) {
    self.costPerMWh = costPerMWh
    self.curtailmentCostPerMWh = curtailmentCostPerMWh
    self.mustRunCutCostPerMWh = mustRunCutCostPerMWh
    self.exportCutCostPerMWh = exportCutCostPerMWh
    self.unservedCostPerMWh = unservedCostPerMWh
    self.exportValuePerMWh = exportValuePerMWh
    self.exportLoads = exportLoads
    self.freeLinks = freeLinks
    self.corridorLimits = corridorLimits
    self.contingency = contingency
  }
}
