extension NetworkInfo {
  /// `gridtool info --format json`.
  public func json() -> String {
    var w = JSONWriter()
    w.beginObject()
    w.field("format", "gridtool-info/1")
    w.field("network", name)
    w.field("base_mva", baseMVA)
    w.beginObject("buses")
    w.field("total", busCount)
    for type in BusType.allCases { w.field(named: String(describing: type), busesByType[type] ?? 0) }
    w.endObject()
    w.field("branches", branchCount)
    w.field("transformers", transformerCount)
    w.field("branches_out_of_service", integers: branchesOutOfService.map { $0 + 1 })
    w.field("generators", generatorCount)
    w.field("generators_out_of_service", integers: generatorsOutOfService.map { $0 + 1 })
    w.field("loads", loadCount)
    w.field("hvdc_links", hvdcCount)
    w.beginObject("groups")
    for kind in GroupKind.allCases { w.field(named: kind.rawValue, groupsByKind[kind] ?? 0) }
    w.endObject()
    w.beginArray("islands")
    for island in islands {
      w.beginObject()
      w.field("buses", island.busCount)
      w.field("reference_buses", integers: island.referenceBuses.map(\.rawValue))
      w.field("generators", island.generatorCount)
      w.field("demand_mw", island.demandMW)
      w.endObject()
    }
    w.endArray()
    w.beginArray("voltage_levels")
    for level in voltageLevels {
      w.beginObject()
      w.field("kv", level.kV)
      w.field("buses", level.buses)
      w.endObject()
    }
    w.endArray()
    w.field("total_demand_mw", totalDemandMW)
    w.field("total_generation_setpoint_mw", totalGenerationSetpointMW)
    w.field("total_capacity_mw", totalCapacityMW)
    w.field("findings", strings: findings.map(\.description))
    w.endObject()
    return w.text + "\n"
  }
}
