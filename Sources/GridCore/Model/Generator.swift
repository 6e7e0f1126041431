/// A generating unit. Powers in MW / MVAr. One row of MATPOWER's `mpc.gen`.
///
/// In the DC model an in-service generator injects ``outputMW`` at its bus; the first
/// in-service generator at each reference bus also takes up its island's balance (the slack).
public struct Generator: Sendable, Hashable, Codable {
  /// External number of the bus the unit connects to (`GEN_BUS`).
  public var bus: BusID
  /// Real power set-point, MW (`PG`).
  public var outputMW: Double
  /// Reactive output, MVAr (`QG`); ignored in DC.
  public var outputMVAr: Double
  /// Upper reactive limit, MVAr (`QMAX`); ignored in DC.
  public var maxMVAr: Double
  /// Lower reactive limit, MVAr (`QMIN`); ignored in DC.
  public var minMVAr: Double
  /// Voltage set-point, p.u. (`VG`).
  public var voltageSetpointPU: Double
  /// Machine base, MVA (`MBASE`).
  public var machineBaseMVA: Double
  /// In service (`GEN_STATUS` > 0).
  public var inService: Bool
  /// Real power capacity, MW (`PMAX`): the installed capacity of scenarios and the
  /// ``ParticipationRule/capacity`` rule.
  public var maxMW: Double
  /// Minimum real power output, MW (`PMIN`).
  public var minMW: Double
  /// MATPOWER columns 11–21 (capability curve, ramp rates, APF), kept so that conversion loses nothing.
  public var matpowerExtra: [Double]
  /// Name (the native format's id); empty for MATPOWER rows.
  public var name: String
  /// Primary energy, for reports and scenario dispatch; from `mpc.genfuel` for MATPOWER rows
  /// (`.other` when a case has none).
  public var technology: Technology
  /// MATPOWER fuel (`mpc.genfuel`, e.g. `dfo`) when it says more than ``technology``; nil when
  /// the fuel is the one ``technology`` stands for (`coal`, `ng`, `wind`...) or none is given.
  public var fuel: String?
  /// MATPOWER unit type (`mpc.gentype`: an EIA-860 prime mover code such as `ST`, `GT`, `WT`); nil when none.
  public var unitType: String?
  /// Operating cost, $/h as a function of the real output in MW (one MATPOWER `gencost` row); nil
  /// when the input gives none. A MATPOWER `gencost` whose rows do not all convert (reactive-power
  /// rows, a cubic term) is kept as read in ``Network/matpowerExtras`` instead;
  /// ``GeneratorCost/matpowerCosts(of:)`` gives the costs of either.
  public var cost: GeneratorCost?
  /// Cost of one start-up, $ (`gencost` STARTUP); no single-period study uses it, it is kept for conversion.
  public var startupCost: Double
  /// Cost of one shut-down, $ (`gencost` SHUTDOWN); kept for conversion.
  public var shutdownCost: Double
  /// Where the unit was defined (file, line); nil for units built in code.
  public var source: SourceLocation?

  /// A unit with MATPOWER's defaults for every column not given: in service, 1 p.u.
  /// voltage set-point, 100 MVA machine base, limits 0, no cost. Powers in MW / MVAr, costs in $/h and $.
  public init(
    bus: BusID, outputMW: Double, outputMVAr: Double = 0, maxMVAr: Double = 0,
    minMVAr: Double = 0, voltageSetpointPU: Double = 1, machineBaseMVA: Double = 100,
    inService: Bool = true, maxMW: Double = 0, minMW: Double = 0, matpowerExtra: [Double] = [],
    name: String = "", technology: Technology = .other, fuel: String? = nil, unitType: String? = nil,
    cost: GeneratorCost? = nil, startupCost: Double = 0, shutdownCost: Double = 0, source: SourceLocation? = nil
  ) {
    self.bus = bus
    self.outputMW = outputMW
    self.outputMVAr = outputMVAr
    self.maxMVAr = maxMVAr
    self.minMVAr = minMVAr
    self.voltageSetpointPU = voltageSetpointPU
    self.machineBaseMVA = machineBaseMVA
    self.inService = inService
    self.maxMW = maxMW
    self.minMW = minMW
    self.matpowerExtra = matpowerExtra
    self.name = name
    self.technology = technology
    self.fuel = fuel
    self.unitType = unitType
    self.cost = cost
    self.startupCost = startupCost
    self.shutdownCost = shutdownCost
    self.source = source
  }
}

/// Primary energy of a generator, for reports and scenario dispatch.
///
/// Wind and solar are the variable technologies of a scenario (taken at their availability);
/// every other one is dispatchable. The raw value is the native format's spelling.
public enum Technology: String, Sendable, Hashable, Codable, CaseIterable {
  /// One primary energy (`coal`, `gas`, `wind`, `solar`, `hydro`, `nuclear`, `storage`),
  /// or `other` when none is stated.
  case coal, gas, wind, solar, hydro, nuclear, storage, other
}
