/// What a transfer study over some of a scenario's hours keeps
/// (``ScenarioTransferStudy/runPart(_:hours:direction:options:progress:)``): every hour's
/// limits and limiting element, in time order. The parts of ranges that cover the period merge
/// (``ScenarioTransferStudy/merge(_:direction:parts:options:)``) into exactly the result of one
/// study over it (docs/scale-out.md). A partial result file holds one (``PartialResult``).
public struct ScenarioTransferPart: Sendable {
  /// The hours covered, 0-based in the period.
  public let hours: Range<Int>
  /// One per hour of ``hours``, in time order.
  var hourly: [TransferHourTally]
}

/// One hour of a transfer study: its limits (``TransferCapability``), MW, and what limits it.
struct TransferHourTally: Sendable, Hashable {
  /// What limits the hour's transfer: the kind, and the branch, contingency or link.
  struct Limit: Sendable, Hashable {
    var kind: TransferCapability.Limiting
    var branch: Int?
    var contingency: Contingency?
    var link: Int?
  }

  var transferMW: Double?
  var networkLimitMW: Double?
  var hvdcRatingLimitMW: Double?
  var sourceCapacityLimitMW: Double?
  /// nil when nothing limits (or the transfer is not finite).
  var limiting: Limit?

  init(
    transferMW: Double?, networkLimitMW: Double?, hvdcRatingLimitMW: Double?, sourceCapacityLimitMW: Double?, limiting: Limit?
  ) {
    self.transferMW = transferMW
    self.networkLimitMW = networkLimitMW
    self.hvdcRatingLimitMW = hvdcRatingLimitMW
    self.sourceCapacityLimitMW = sourceCapacityLimitMW
    self.limiting = limiting
  }

  /// The hour's capability, with its contingencies resolved against the topology's list.
  init(_ c: TransferCapability, contingencies: [Contingency]) {
    var limit: Limit? = nil
    if let kind = c.limiting, c.transferMW != nil {
      switch kind {
      case .branch:
        limit = Limit(
          kind: kind, branch: c.limits.first?.branch, contingency: c.limits.first?.contingency.map { contingencies[$0] }, link: nil)
      case .hvdcRating: limit = Limit(kind: kind, branch: nil, contingency: nil, link: c.hvdcRatingLink)
      case .sourceCapacity: limit = Limit(kind: kind, branch: nil, contingency: nil, link: nil)
      }
    }
    self.init(
      transferMW: c.transferMW, networkLimitMW: c.networkLimitMW, hvdcRatingLimitMW: c.hvdcRatingLimitMW,
      sourceCapacityLimitMW: c.sourceCapacityLimitMW, limiting: limit)
  }

  /// Whether the elements it names exist in `network`.
  func fits(_ network: Network) -> Bool {
    guard let l = limiting else { return true }
    let m = network.branches.count, links = network.hvdcLinks.count
    if let b = l.branch, !(0..<m).contains(b) { return false }
    if let k = l.link, !(0..<links).contains(k) { return false }
    switch l.contingency {
    case .branch(let k), .circuit(let k): return (0..<m).contains(k)
    case .hvdcPole(let q), .hvdcLink(let q): return (0..<links).contains(q)
    case .generator(let g): return (0..<network.generators.count).contains(g)
    case nil: return true
    }
  }
}
