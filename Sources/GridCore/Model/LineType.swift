/// A line type of the native format (`line_types`): the per-km data of one circuit, which lines
/// given by length refer to by name.
public struct LineType: Sendable, Hashable, Codable {
  /// The type's name, e.g. `ac750-short`.
  public var name: String
  /// Nominal voltage, kV (a line of another voltage is warned about).
  public var voltageKV: Double
  /// Series resistance, reactance and shunt susceptance of one circuit per km.
  public var perKm: LinePerKm
  /// Rating of one circuit, MW.
  public var ratingMWPerCircuit: Double

  /// A line type: nominal voltage (kV), per-km data of one circuit, rating of one circuit (MW).
  public init(name: String, voltageKV: Double, perKm: LinePerKm, ratingMWPerCircuit: Double) {
    self.name = name
    self.voltageKV = voltageKV
    self.perKm = perKm
    self.ratingMWPerCircuit = ratingMWPerCircuit
  }
}

/// Series resistance and reactance (Ω/km) and shunt susceptance (µS/km) of one circuit of a line.
public struct LinePerKm: Sendable, Hashable, Codable {
  /// Series resistance, Ω/km.
  public var resistanceOhmPerKm: Double
  /// Series reactance, Ω/km.
  public var reactanceOhmPerKm: Double
  /// Shunt (charging) susceptance, µS/km.
  public var susceptanceMicroSPerKm: Double

  /// Per-km data of one circuit: r and x in Ω/km, b in µS/km.
  public init(resistanceOhmPerKm: Double, reactanceOhmPerKm: Double, susceptanceMicroSPerKm: Double = 0) {
    self.resistanceOhmPerKm = resistanceOhmPerKm
    self.reactanceOhmPerKm = reactanceOhmPerKm
    self.susceptanceMicroSPerKm = susceptanceMicroSPerKm
  }

  /// The π-model data, p.u., of `circuits` identical circuits of `lengthKm` km in parallel, on the
  /// base `baseKV`² / `baseMVA` Ω: series impedance divides by the circuits, shunt susceptance adds.
  ///
  ///     r = r_km · L / n / Z_base,   x = x_km · L / n / Z_base,   b = b_km · 10⁻⁶ · L · n · Z_base
  public func perUnit(lengthKm: Double, circuits: Int, baseKV: Double, baseMVA: Double) -> (r: Double, x: Double, b: Double) {
    let baseOhm = baseKV * baseKV / baseMVA
    let n = Double(circuits)
    return (
      resistanceOhmPerKm * lengthKm / n / baseOhm, reactanceOhmPerKm * lengthKm / n / baseOhm,
      susceptanceMicroSPerKm * 1e-6 * lengthKm * n * baseOhm
    )
  }
}
