/// The transfer headroom of one direction in every hour of a scenario
/// (``ScenarioTransferStudy``), with its duration curve, annual energy and limiting elements.
/// Hours are 0-based offsets from ``start``.
public struct ScenarioTransferResult: Sendable {
  /// One hour's capability (the limits of ``TransferCapability``), MW.
  public struct Hour: Sendable, Hashable {
    /// The headroom: the smallest of the three limits below; nil when nothing limits.
    public var transferMW: Double?
    /// The smallest N-0/N-1 branch limit, MW (``TransferCapability/networkLimitMW``); nil when
    /// no branch limits.
    public var networkLimitMW: Double?
    /// The HVDC rating limit, MW: (rating − |set-point|) / share of the tightest raised link
    /// (``TransferCapability/hvdcRatingLimitMW``); nil when no raised link has a rating.
    public var hvdcRatingLimitMW: Double?
    /// The source capacity limit, MW: min over source buses of Σ (PMAX − output) / share
    /// (``TransferCapability/sourceCapacityLimitMW``); nil when no source bus has an in-service
    /// generator with a finite PMAX.
    public var sourceCapacityLimitMW: Double?
    /// Index into ``ScenarioTransferResult/elements`` of what limits the hour.
    public var limitingElement: Int?
  }

  /// What limits the transfer in some hours: a branch (in the base case or after a
  /// contingency), the rating of a raised HVDC link, or the source's capacity.
  public struct LimitingElement: Sendable, Hashable {
    /// Which kind of limit: a branch, an HVDC rating or the source capacity.
    public var kind: TransferCapability.Limiting
    /// The branch (input position in `Network.branches`) for a branch limit; nil otherwise.
    public var branch: Int?
    /// The contingency after which ``branch`` binds; nil in the base case and for the other
    /// kinds. Hours in other topologies that trip the same element count towards this one.
    public var contingency: Contingency?
    /// The HVDC link (input position) whose rating binds.
    public var link: Int?
    /// Hours in which it limits the transfer.
    public var hours: Int
    /// Σ of the hourly headroom (``ScenarioTransferResult/Hour/transferMW``) over those hours, MW.
    public var sumHeadroomMW: Double
    /// Smallest hourly headroom over those hours, MW (negative when a branch was already
    /// beyond its rating and the transfer loads it further).
    public var minHeadroomMW: Double

    /// Mean headroom over the hours it limits, MW.
    public var meanHeadroomMW: Double { hours > 0 ? sumHeadroomMW / Double(hours) : 0 }
  }

  /// Name of the scenario studied (``Scenario/name``).
  public let scenarioName: String
  /// The network as read (labels).
  public let network: Network
  /// First hour of the period: hour 0 of ``hourly`` and of ``time(ofHour:)``.
  public let start: ClockHour
  /// The direction in the first hour's topology (names, shares, links).
  public let direction: TransferDirection
  /// The settings of the study.
  public let options: ScenarioTransferStudy.Options
  /// Number of distinct topologies in the period.
  public let topologies: Int
  /// One per hour of the period, in time order.
  public let hourly: [Hour]
  /// The limiting elements, in the order first seen.
  public let elements: [LimitingElement]

  /// Number of hours studied (every hour of the period): the count of ``hourly``.
  public var hours: Int { hourly.count }

  /// The clock time of hour `h` of the period.
  public func time(ofHour h: Int) -> ClockHour { start.adding(hours: h) }

  /// Annual (period) energy headroom, MWh: Σ max(0, headroom) × 1 h over the hours with a
  /// finite headroom.
  public var energyHeadroomMWh: Double { hourly.reduce(0) { $0 + max(0, $1.transferMW ?? 0) } }

  /// Hours in which nothing limits the transfer (left out of the energy and the percentiles).
  public var hoursUnlimited: Int { hourly.filter { $0.transferMW == nil }.count }

  /// Hours with no headroom (≤ 0 MW: a limit already reached).
  public var hoursWithoutHeadroom: Int { hourly.filter { ($0.transferMW ?? 1) <= 0 }.count }

  /// The duration curve: the finite hourly headrooms sorted from largest to smallest, MW. The
  /// r-th value (1-based) is the headroom available in at least r hours.
  public var durationCurveMW: [Double] { hourly.compactMap(\.transferMW).sorted(by: >) }

  /// The p-th percentile of the finite hourly headroom (nearest rank: the ⌈p·N/100⌉-th
  /// smallest; p = 0 the minimum), MW; nil when no hour has a finite headroom.
  public func percentile(_ p: Double, of values: KeyPath<Hour, Double?> = \.transferMW) -> Double? {
    let sorted = hourly.compactMap { $0[keyPath: values] }.sorted()
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }

  /// Mean of the finite hourly headroom, MW.
  public var meanHeadroomMW: Double? {
    let values = hourly.compactMap(\.transferMW)
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// The limiting elements, most hours first (ties: smaller mean headroom first).
  public var elementsByHours: [LimitingElement] {
    elements.sorted { $0.hours != $1.hours ? $0.hours > $1.hours : $0.meanHeadroomMW < $1.meanHeadroomMW }
  }

  /// The percentiles reported by gridtool.
  public static let reportedPercentiles: [Double] = [0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100]
}
