/// Where one end of a transfer puts (or takes) its power: shares per bus summing to 1.
/// A transfer of T MW injects `T·share` at each source bus and withdraws `T·share` at each
/// sink bus.
public struct InjectionPattern: Sendable, Hashable {
  /// One bus's part of the pattern.
  public struct Share: Sendable, Hashable {
    /// Input position in `Network.buses`.
    public var bus: Int
    /// Fraction of the transfer, > 0; the shares of a pattern sum to 1.
    public var share: Double
  }

  /// What the pattern stands for in reports (a group name, a bus list).
  public var name: String
  /// The buses and their shares, in the order given.
  public var shares: [Share]
  /// The rule that set the shares.
  public var rule: ParticipationRule

  /// Shares pro rata to `rule`'s quantity at `buses` (input positions). Throws when
  /// that quantity is 0 at every bus (e.g. a group without generation, pro rata to generation).
  public init(name: String, buses: [Int], rule: ParticipationRule, network: Network, at location: SourceLocation? = nil)
    throws(SensitivityError)
  {
    guard !buses.isEmpty else { throw .invalidTransfer("'\(name)' has no buses", at: location) }
    let quantity = rule.busQuantities(network)
    var seen = Set<Int>()
    let unique = buses.filter { seen.insert($0).inserted }
    let total = unique.reduce(0) { $0 + quantity[$1] }
    guard total.isFinite else {
      throw .invalidTransfer("the \(rule.rawValue) of '\(name)' sums beyond ±1.8e308 MW; check the values and their units", at: location)
    }
    guard total > 0 else {
      throw .invalidTransfer(
        "'\(name)' has no \(rule == .load ? "load" : rule == .capacity ? "in-service capacity" : "in-service generation") to share the transfer pro rata (choose another participation rule)",
        at: location)
    }
    self.name = name
    self.rule = rule
    self.shares = unique.compactMap { quantity[$0] > 0 ? Share(bus: $0, share: quantity[$0] / total) : nil }
  }

  /// All of the transfer at one bus.
  public init(name: String, bus: Int) {
    self.name = name
    self.rule = .equal
    self.shares = [Share(bus: bus, share: 1)]
  }

  /// Share of an input bus (0 when not in the pattern).
  public func share(ofBus bus: Int) -> Double { shares.first { $0.bus == bus }?.share ?? 0 }
}
