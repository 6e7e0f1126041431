import Yams

/// The OPF keys of a scenario's `dispatch` section (docs/scenarios.md, "Dispatch modes"):
///
/// ```yaml
/// dispatch:
///   mode: scopf                       # rule (default) | opf | scopf
///   costs: {coal: 30, hydro: 5}       # $/MWh by technology (E)
///   curtailment_cost: 40              # $/MWh of wind or PV not used
///   must_run_cut_cost: 150            # $/MWh of must-run not produced
///   export_cut_cost: 300              # $/MWh of a scheduled export not sent
///   unserved_cost: 1000               # $/MWh of domestic demand not served
///   export_value: 200                 # $/MWh sent by a free export link
///   export_loads: [northwest-ac-export]
///   free_hvdc: [jiquan]               # links the OPF dispatches within their rating
///   corridor_limits: true
///   security: {outages: both, hvdc: true, limit_pct: 100}   # branch | circuit | both
/// ```
extension ScenarioReader {
  static let opfKeys = [
    "mode", "costs", "curtailment_cost", "must_run_cut_cost", "export_cut_cost", "unserved_cost", "export_value",
    "export_loads", "free_hvdc", "corridor_limits", "security",
  ]

  /// Reads the OPF keys of `dispatch` (ids resolved in `network`) into the scenario.
  static func readOPF(_ map: NativeMapping, network: Network, into scenario: inout Scenario) throws(ParseError) {
    if let text = try map.string("mode") {
      guard let mode = DispatchMode(rawValue: text) else {
        throw map.error("mode", .outOfRange(field: "'mode' of 'dispatch'", value: "'\(text)'", expected: "rule, opf or scopf"))
      }
      scenario.dispatchMode = mode
    }
    var opf = OPFDispatch()
    if let node = map.valueNode("costs"), !NativeMapping.isNull(node) {
      let names = Technology.allCases.map(\.rawValue)
      let costs = try NativeMapping(node, element: "'costs' of 'dispatch'", allowed: names, file: map.file)
      for tech in Technology.allCases {
        if let value = try costs.double(tech.rawValue) { opf.costPerMWh[tech] = value }
      }
    }
    func price(_ key: String, _ value: inout Double) throws(ParseError) {
      guard let v = try map.double(key) else { return }
      try map.require(v >= 0, key, v, expected: "0 or more $/MWh")
      value = v
    }
    try price("curtailment_cost", &opf.curtailmentCostPerMWh)
    try price("must_run_cut_cost", &opf.mustRunCutCostPerMWh)
    try price("export_cut_cost", &opf.exportCutCostPerMWh)
    try price("unserved_cost", &opf.unservedCostPerMWh)
    try price("export_value", &opf.exportValuePerMWh)
    for (id, location) in try map.stringList("export_loads") ?? [] {
      guard let l = network.loads.firstIndex(where: { $0.name == id }) else {
        throw ParseError(.unknownReference(kind: "load", name: id), at: location)
      }
      opf.exportLoads.append(l)
    }
    for (id, location) in try map.stringList("free_hvdc") ?? [] {
      guard let k = network.hvdcLinks.firstIndex(where: { $0.name == id }) else {
        throw ParseError(.unknownReference(kind: "HVDC link", name: id), at: location)
      }
      guard network.hvdcLinks[k].to == nil else {
        throw ParseError(.other("'free_hvdc' takes links that deliver outside the model; '\(id)' ends at a bus of the network"), at: location)
      }
      opf.freeLinks.append(k)
    }
    if let on = try map.bool("corridor_limits") { opf.corridorLimits = on }
    if let node = map.valueNode("security"), !NativeMapping.isNull(node) {
      let security = try NativeMapping(
        node, element: "'security' of 'dispatch'", allowed: ["outages", "hvdc", "limit_pct"], file: map.file)
      switch try security.string("outages") ?? "branch" {
      case "branch": opf.contingency.perCircuit = false
      case "circuit": opf.contingency.perCircuit = true
      case "both": opf.branchAndCircuitOutages = true
      case let other:
        throw security.error(
          "outages", .outOfRange(field: "'outages' of 'security'", value: "'\(other)'", expected: "branch, circuit or both"))
      }
      if let on = try security.bool("hvdc") { opf.contingency.includeHVDC = on }
      if let limit = try security.double("limit_pct") {
        try security.require(limit > 0 && limit <= 1000, "limit_pct", limit, expected: "a positive percentage of the rating")
        opf.contingency.limitPct = limit
      }
    }
    scenario.opf = opf
  }
}
