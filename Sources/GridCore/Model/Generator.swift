/// A generating unit. Powers in MW / MVAr.
public struct Generator: Sendable, Hashable, Codable {
  public var bus: BusID
  /// Real power set-point, MW (`PG`).
  public var outputMW: Double
  /// Reactive output and limits, MVAr (`QG`, `QMAX`, `QMIN`).
  public var outputMVAr: Double
  public var maxMVAr: Double
  public var minMVAr: Double
  /// Voltage set-point, p.u. (`VG`).
  public var voltageSetpointPU: Double
  /// Machine base, MVA (`MBASE`).
  public var machineBaseMVA: Double
  /// In service (`GEN_STATUS` > 0).
  public var inService: Bool
  /// Real power limits, MW (`PMAX`, `PMIN`).
  public var maxMW: Double
  public var minMW: Double
  /// MATPOWER columns 11–21 (capability curve, ramp rates, APF), kept so that conversion loses nothing.
  public var matpowerExtra: [Double]
  public var name: String
  public var technology: Technology
  public var source: SourceLocation?

  public init(
    bus: BusID, outputMW: Double, outputMVAr: Double = 0, maxMVAr: Double = 0,
    minMVAr: Double = 0, voltageSetpointPU: Double = 1, machineBaseMVA: Double = 100,
    inService: Bool = true, maxMW: Double = 0, minMW: Double = 0, matpowerExtra: [Double] = [],
    name: String = "", technology: Technology = .other, source: SourceLocation? = nil
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
    self.source = source
  }
}

/// Primary energy of a generator, for reports and scenario dispatch.
public enum Technology: String, Sendable, Hashable, Codable, CaseIterable {
  case coal, gas, wind, solar, hydro, nuclear, storage, other
}
