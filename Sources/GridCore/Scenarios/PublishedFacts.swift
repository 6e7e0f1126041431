/// Published figures and how they map onto a model (`gridtool-facts/1`, YAML;
/// docs/validate.md): the input of ``Validation``.
public struct PublishedFacts: Sendable {
  /// One published figure: value, unit, tolerance and where it comes from.
  public struct Fact: Sendable, Hashable {
    /// The name the checks use, e.g. `jiquan_2024_sent`.
    public var id: String
    /// The figure, in `unit`.
    public var value: Double
    /// The unit of `value` and `tolerance` (the fact's `unit`).
    public var unit: FactUnit
    /// Absolute tolerance in `unit` (from `tolerance`, or `tolerance_pct` of `value`); nil when none is given.
    public var tolerance: Double?
    /// Confidence tag of the facts sheet: S, S≠, I, E, N.
    public var tag: String
    /// Reference in the facts sheet (the fact's `source`).
    public var source: String
    /// Where the fact's entry is in the facts file (`file:line:column`).
    public var location: SourceLocation
    /// The day the figure refers to (a record's date), when the fact gives one (`date`).
    public var date: ClockHour? = nil
    /// How many days the model's date may differ from ``date`` (`date_tolerance_days`).
    public var dateToleranceDays: Double? = nil
    /// The model region the figure describes (`region`, e.g. a regional peak load).
    public var region: String? = nil
    /// An energy over part of the period (`corridors`, `from`, `to`): the corridors whose
    /// energy is summed, the first day (included) and the last (excluded), whether it is the
    /// energy delivered (`measure: delivered`) rather than sent, and a published amount added
    /// to the model's (`offset`, in `unit`: e.g. a cumulative total before the period).
    public var corridors: [String]? = nil
    /// First day of the energy (00:00, included).
    public var from: ClockHour? = nil
    /// Day after the last (00:00, excluded).
    public var to: ClockHour? = nil
    /// True: the energy delivered; false: the energy sent.
    public var delivered = false
    /// A published amount added to the model's, in the fact's unit.
    public var offset = 0.0
    /// The kind of the check this fact makes (`kind`); nil: independent.
    public var kind: ValidationCheck.Kind? = nil
    /// Another scenario the fact is checked on (`scenario`, resolved against the facts file's
    /// folder): a hold-out year run beside the validated one; nil: the validated year.
    public var scenario: String? = nil
  }

  /// The file's `name`.
  public var name: String
  /// The file's path as given to the reader (it names the file in errors).
  public var file: String
  /// Every fact, by ``Fact/id`` (ids are unique in a file).
  public internal(set) var facts: [String: Fact] = [:]
  /// Fact ids in file order.
  public internal(set) var order: [String] = []
  /// The model elements the figures describe.
  public var jiquanLink: String
  /// Bus ids of the Zhundong area that supplies Jiquan (check 4).
  public var jiquanSupplyBuses: [String]
  /// Corridor ids of the four export corridors, whose energies sent are summed for check 5a
  /// (`model.export_corridors`).
  public var exportCorridors: [String]
  /// Corridor id of Tianzhong, whose energy sent is check 5b (`model.tianzhong_corridor`).
  public var tianzhongCorridor: String
  /// Corridor ids of the AC ties, whose energies sent are summed for check 5c (`model.ac_corridors`).
  public var acCorridors: [String]
  /// Where each key of `model` is written in the file (`jiquan`, `export_corridors`, ...), so
  /// that a name the network lacks is reported at its line.
  public var modelLocations: [String: SourceLocation] = [:]

  /// Where the `model` key `key` is, or the file's first line.
  public func location(ofModelKey key: String) -> SourceLocation {
    modelLocations[key] ?? SourceLocation(file: file, line: 1)
  }

  /// The fact `id`; throws at the file's first line when the file lacks it.
  public func fact(_ id: String, neededBy check: String) throws(ParseError) -> Fact {
    guard let fact = facts[id] else {
      throw ParseError(.other("the facts file has no fact '\(id)', which check \(check) needs"), at: SourceLocation(file: file, line: 1))
    }
    return fact
  }
}

/// Units of published figures; model values are converted from MWh, MW, hours and %.
public enum FactUnit: String, Sendable, Hashable, CaseIterable {
  /// TWh (10⁶ MWh), GWh (10³ MWh), MWh, GW (10³ MW), MW, hours and %; the raw value is the
  /// symbol a facts file writes in `unit`.
  case twh = "TWh", gwh = "GWh", mwh = "MWh", gw = "GW", mw = "MW", hours = "h", percent = "%"

  /// How many base units (MWh, MW, h, %) one of this unit is.
  public var scale: Double {
    switch self {
    case .twh: return 1e6
    case .gwh, .gw: return 1e3
    case .mwh, .mw, .hours, .percent: return 1
    }
  }

  /// A value in base units (MWh, MW, h, %) expressed in this unit.
  public func from(base value: Double) -> Double { value / scale }
}
