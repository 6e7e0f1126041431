extension TransferCapability {
  /// The JSON contract of `gridtool transfer --format json` (docs/sensitivity.md). Branches
  /// and outages are 1-based input rows; `outage` indexes the study's contingency list.
  public func json(network: Network, contingencies: [Contingency], options: ContingencyOptions) -> String {
    var w = JSONWriter(capacity: 4096)
    w.beginObject()
    w.field("format", "gridtool-transfer/1")
    w.field("network", network.name)
    w.beginObject("direction")
    w.field("name", direction.name)
    pattern("source", direction.source, network: network, into: &w)
    if let sink = direction.sink { pattern("sink", sink, network: network, into: &w) } else { w.field("sink", nil as String?) }
    w.beginArray("hvdc")
    for share in direction.links {
      w.beginObject()
      w.field("link", share.link + 1)
      w.field("name", network.hvdcLinks[share.link].name)
      w.field("share", share.share)
      w.endObject()
    }
    w.endArray()
    w.field("corridor_rating_mw", direction.corridorRatingMW > 0 ? direction.corridorRatingMW : nil)
    w.endObject()
    w.beginObject("options")
    w.field("rating", options.rating.rawValue)
    w.field("limit_pct", options.limitPct)
    w.field("hvdc_rule", options.hvdcRule.rawValue)
    w.field("per_circuit", options.perCircuit)
    w.field("contingencies", contingencies.count)
    w.field("minimum_sensitivity", minimumSensitivity)
    w.endObject()
    w.field("transfer_mw", transferMW)
    w.field("limiting", limiting?.rawValue)
    w.field("network_limit_mw", networkLimitMW)
    w.field("hvdc_rating_limit_mw", hvdcRatingLimitMW)
    w.field("hvdc_rating_link", hvdcRatingLink.map { network.hvdcLinks[$0].name })
    w.field("source_capacity_limit_mw", sourceCapacityLimitMW)
    w.beginArray("limits")
    for limit in limits {
      w.beginObject()
      w.field("transfer_mw", limit.transferMW)
      w.field("branch", limit.branch + 1)
      w.field("name", network.branches[limit.branch].name.isEmpty ? nil : network.branches[limit.branch].name)
      w.field("outage", integer: limit.contingency.map { $0 + 1 })
      w.field("contingency", limit.contingency.map { contingencies[$0].label(in: network) } ?? "base case")
      w.field("p_from_mw", limit.flowMW)
      w.field("sensitivity", limit.sensitivity)
      w.field("rating_mw", limit.ratingMW)
      w.field("pre_existing", limit.preExisting)
      w.endObject()
    }
    w.endArray()
    w.endObject()
    return w.text + "\n"
  }

  private func pattern(_ key: String, _ p: InjectionPattern, network: Network, into w: inout JSONWriter) {
    w.beginObject(named: key)
    w.field("name", p.name)
    w.field("rule", p.rule.rawValue)
    w.beginArray("buses")
    for share in p.shares {
      w.beginObject()
      w.field("bus", network.buses[share.bus].id.rawValue)
      w.field("name", network.buses[share.bus].name.isEmpty ? nil : network.buses[share.bus].name)
      w.field("share", share.share)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }
}
