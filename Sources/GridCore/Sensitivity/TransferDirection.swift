/// What a transfer of T MW changes: generation rises by `T·share` at the source buses, HVDC
/// set-points rise by `T·share` on the listed links, and demand rises (or generation falls) at
/// the sink buses by the power that arrives inside the model. Whatever is left (losses of an
/// internal link, a transfer without sink) is taken up by the slack.
public struct TransferDirection: Sendable, Hashable {
  /// An HVDC link whose set-point rises with the transfer.
  public struct LinkShare: Sendable, Hashable {
    /// Input position in `Network.hvdcLinks`.
    public var link: Int
    /// Fraction of the transfer on this link; the shares of a direction sum to 1.
    public var share: Double

    /// Link `link` (input position) carrying `share` of the transfer.
    public init(link: Int, share: Double) {
      self.link = link
      self.share = share
    }
  }

  /// What the direction stands for in reports (e.g. "jiquan" or "zhundong → northwest-external").
  public var name: String
  /// The buses whose generation rises by `T·share` (for an HVDC corridor: what feeds the links).
  public var source: InjectionPattern
  /// The buses that take the power; nil when it leaves the model (an HVDC link to an
  /// external system) or when the slack takes it.
  public var sink: InjectionPattern?
  /// HVDC links raised by the transfer (empty for an AC transfer).
  public var links: [LinkShare]
  /// Rated transfer of the corridor the direction belongs to, MW (0: none); reported, not enforced.
  public var corridorRatingMW: Double

  /// A direction from its parts; ``corridor(_:in:source:sink:)`` builds one from a corridor of the network file.
  public init(name: String, source: InjectionPattern, sink: InjectionPattern?, links: [LinkShare] = [], corridorRatingMW: Double = 0) {
    self.name = name
    self.source = source
    self.sink = sink
    self.links = links
    self.corridorRatingMW = corridorRatingMW
  }

  /// The AC injection of a 1 MW transfer at each input bus, MW/MW, linearised at `point`:
  /// `+share` at source buses; per link `−share` at its sending bus and `+share·dP_recv/dP`
  /// at an internal receiving bus (the loss slope, by a central difference of ±0.5 MW);
  /// `−share·(power arriving)` at sink buses.
  func injectionPerMW(network: Network, point: OperatingPoint) -> [(bus: Int, value: Double)] {
    var entries: [(bus: Int, value: Double)] = source.shares.map { ($0.bus, $0.share) }
    var arriving = links.isEmpty ? 1.0 : 0.0
    var position: [BusID: Int] = [:]
    for (p, bus) in network.buses.enumerated() { position[bus.id] = p }
    for share in links {
      let link = network.hvdcLinks[share.link]
      let p = point.hvdcSetpointMW[share.link]
      guard let from = position[link.from] else { continue }
      entries.append((from, -share.share))
      if let to = link.to, let t = position[to] {
        let slope = link.transfer(at: p + 0.5).toMW - link.transfer(at: p - 0.5).toMW
        entries.append((t, share.share * slope))
        arriving += share.share * slope
      }
    }
    if let sink { entries += sink.shares.map { ($0.bus, -$0.share * arriving) } }
    return entries
  }
}
