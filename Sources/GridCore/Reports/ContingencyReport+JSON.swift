/// The JSON contract of `gridtool contingency --format json` (docs/sensitivity.md), written
/// while the screen runs: ``head()``, then ``outage(_:flows:)`` for each contingency as it is
/// evaluated, then ``tail(_:)``, each returning its piece of the document (UTF-8). Rows and
/// elements are 1-based input rows.
public struct ContingencyJSON {
  private let network: Network
  private let options: ContingencyOptions
  private let monitored: Int
  /// One writer for the whole document, so that it places the commas between outages.
  private var w = JSONWriter()

  /// The report of a screen of `network` with `options`, `monitored` branches.
  public init(network: Network, options: ContingencyOptions, monitored: Int) {
    self.network = network
    self.options = options
    self.monitored = monitored
  }

  /// `{"format":…,"network":…,"options":{…},"outages":[`
  public mutating func head() -> [UInt8] {
    w.beginObject()
    w.field("format", "gridtool-contingency/1")
    w.field("network", network.name)
    w.beginObject("options")
    w.field("rating", options.rating.rawValue)
    w.field("limit_pct", options.limitPct)
    w.field("hvdc_rule", options.hvdcRule.rawValue)
    w.field("per_circuit", options.perCircuit)
    w.field("monitored", monitored)
    w.endObject()
    w.beginArray("outages")
    return w.take()
  }

  /// One element of `outages[]`; `flows` (every branch's post-contingency from-end flow, MW)
  /// becomes `p_from_mw` (null for a singular outcome).
  public mutating func outage(_ o: ContingencyOutcome, flows: Span<Double>?) -> [UInt8] {
    w.beginObject()
    w.field("index", o.index + 1)
    w.field("kind", o.contingency.kind)
    w.field("branch", integer: o.contingency.branch.map { $0 + 1 })
    if let k = o.contingency.branch {
      w.field("name", network.branches[k].name.isEmpty ? nil : network.branches[k].name)
      if case .circuit = o.contingency { w.field("circuits", network.branches[k].lineInfo?.circuits ?? 1) }
    }
    if let q = o.contingency.link {
      w.field("link", q + 1)
      w.field("name", network.hvdcLinks[q].name)
    }
    if let g = o.contingency.generator {
      w.field("generator", g + 1)
      w.field("bus", network.generators[g].bus.rawValue)
      w.field("name", network.generators[g].name.isEmpty ? nil : network.generators[g].name)
    }
    w.field("status", o.status.rawValue)
    w.field("islanding", o.status == .islanding)
    if let i = o.islanding {
      w.field("buses_cut_off", integers: i.busesCutOff.map(\.rawValue))
      w.field("load_lost_mw", i.loadLostMW)
      w.field("generation_lost_mw", i.generationLostMW)
      w.field("branches_out", integers: i.branchesOut.map { $0 + 1 })
      w.field("hvdc_blocked", strings: i.hvdcBlocked.map { network.hvdcLinks[$0].name })
      w.field("new_reference", integer: i.newReference?.rawValue)
      w.field("slack_change_mw", i.slackChangeMW)
    }
    if let h = o.hvdc {
      w.field("send_before_mw", h.sendBeforeMW)
      w.field("send_after_mw", h.sendAfterMW)
      w.field("lost_mw", h.lostMW)
      w.field("curtailed_mw", h.curtailedMW)
      w.field("slack_change_mw", h.slackChangeMW)
    }
    w.field("max_loading_pct", o.maxLoadingPct)
    w.field("max_loading_branch", integer: o.maxLoadingBranch.map { $0 + 1 })
    w.beginArray("violations")
    for v in o.violations { violation(v, in: network) }
    w.endArray()
    if let flows {
      if o.status == .singular {
        w.field("p_from_mw", nil as Double?)
      } else {
        w.beginArray("p_from_mw")
        for k in flows.indices { w.element(flows[k]) }
        w.endArray()
      }
    }
    w.endObject()
    return w.take()
  }

  /// `],"base":{…},"branches":[…],"summary":{…}}` and a newline.
  public mutating func tail(_ r: ContingencyResult) -> [UInt8] {
    let network = r.network
    w.endArray()
    w.beginObject("base")
    w.beginArray("violations")
    for v in r.baseViolations { violation(v, in: network) }
    w.endArray()
    w.endObject()
    w.beginArray("branches")
    for b in r.branches {
      w.beginObject()
      w.field("branch", b.branch + 1)
      w.field("name", network.branches[b.branch].name.isEmpty ? nil : network.branches[b.branch].name)
      w.field("rating_mw", b.ratingMW)
      w.field("base_p_from_mw", b.baseFlowMW)
      w.field("base_loading_pct", b.baseLoadingPct)
      w.field("worst_loading_pct", b.worstLoadingPct)
      w.field("worst_p_from_mw", b.worstFlowMW)
      w.field("worst_outage", integer: b.worstContingency.map { $0 + 1 })
      w.field("worst_contingency", b.worstContingency.map { r.contingencies[$0].label(in: network) })
      w.field("violations", b.violationCount)
      w.endObject()
    }
    w.endArray()
    let s = r.summary
    w.beginObject("summary")
    w.field("secure", s.secure)
    w.field("contingencies", s.contingencies)
    w.field("solved", s.solved)
    w.field("islanding", s.islanding)
    w.field("singular", s.singular)
    w.field("inactive", s.inactive)
    w.field("monitored", s.monitored)
    w.field("base_violations", s.baseViolations)
    w.field("contingencies_with_violations", s.contingenciesWithViolations)
    w.field("violations", s.violations)
    w.field("worst_loading_pct", s.worstLoadingPct)
    w.field("worst_branch", integer: s.worstBranch.map { $0 + 1 })
    w.field("worst_outage", integer: s.worstContingency.map { $0 + 1 })
    w.field("worst_contingency", s.worstContingency.map { r.contingencies[$0].label(in: network) })
    w.field("largest_load_lost_mw", s.largestLoadLostMW)
    w.endObject()
    w.endObject()
    w.endDocument()
    return w.take()
  }

  private mutating func violation(_ v: BranchViolation, in network: Network) {
    w.beginObject()
    w.field("branch", v.branch + 1)
    w.field("name", network.branches[v.branch].name.isEmpty ? nil : network.branches[v.branch].name)
    w.field("p_from_mw", v.flowMW)
    w.field("rating_mw", v.ratingMW)
    w.field("loading_pct", v.loadingPct)
    w.field("base_p_from_mw", v.baseFlowMW)
    w.field("base_loading_pct", v.baseLoadingPct)
    w.endObject()
  }
}

extension ContingencyResult {
  /// The whole JSON report; `p_from_mw` for outcomes that kept their flows.
  public func json() -> String {
    var report = ContingencyJSON(network: network, options: options, monitored: monitored.count)
    var bytes = report.head()
    for o in outcomes {
      if let flows = o.flowsMW {
        bytes += report.outage(o, flows: flows.span)
      } else {
        bytes += report.outage(o, flows: nil)
      }
    }
    bytes += report.tail(self)
    return String(decoding: bytes, as: UTF8.self)
  }
}
