import Yams

extension ScenarioBinder {
  static let generatorKeys = [
    "technology", "buses", "region", "ids", "all", "availability", "availability_scale", "capacity", "source",
  ]
  static let loadKeys = ["buses", "region", "ids", "all", "profile", "unit", "source"]
  static let hvdcKeys = ["id", "profile", "source"]
  static let outageKeys = ["branch", "circuits", "start", "end", "source"]
  static let areaKeys = ["name", "buses", "hvdc", "loads", "max_export_mw", "source"]

  /// `dispatch.balancing_areas`: export bases served first by their own units (disjoint bus sets).
  func readAreas(_ node: Yams.Node, rule: DispatchRule) throws(ParseError) -> [BalancingArea] {
    guard !NativeMapping.isNull(node) else { return [] }
    guard case .sequence(let entries) = node else {
      throw ParseError(
        .syntax("'balancing_areas' must be a list of entries each starting with '- '"), at: NativeMapping.location(of: node, in: file))
    }
    if case .proRataSetpoint = rule.method, !entries.isEmpty {
      throw ParseError(
        .other("balancing areas work with 'rule: pro-rata-headroom' or 'merit-order', not 'pro-rata-setpoint'"),
        at: NativeMapping.location(of: node, in: file))
    }
    var areas: [BalancingArea] = []
    var owner: [BusID: String] = [:]
    for (i, entry) in entries.enumerated() {
      var map = try NativeMapping(entry, element: "entry \(i + 1) of 'balancing_areas'", allowed: Self.areaKeys, file: file)
      _ = try map.string("source")
      let name = try map.requiredID("name")
      map.element = "balancing area '\(name)'"
      guard map.has("buses") else { throw map.missing("buses") }
      var area = BalancingArea(name: name, buses: [])
      if let limit = try map.double("max_export_mw") {
        try map.require(limit >= 0, "max_export_mw", limit, expected: "≥ 0 MW")
        area.maxExportMW = limit
      }
      for p in try selectedBuses(map) ?? [] {
        let id = network.buses[p].id
        if let other = owner[id] {
          throw map.error("buses", .other("bus '\(network.buses[p].name)' is in balancing areas '\(other)' and '\(name)'; areas must not overlap"))
        }
        owner[id] = name
        area.buses.insert(id)
      }
      for (id, location) in try Self.textList(map, "hvdc") {
        guard let k = network.hvdcLinks.firstIndex(where: { $0.name == id }) else {
          throw ParseError(.unknownReference(kind: "HVDC link", name: id), at: location)
        }
        area.hvdcLinks.append(k)
      }
      for (id, location) in try Self.textList(map, "loads") {
        guard let l = network.loads.firstIndex(where: { $0.name == id }) else {
          throw ParseError(.unknownReference(kind: "load", name: id), at: location)
        }
        area.loads.append(l)
      }
      areas.append(area)
    }
    return areas
  }

  /// `generators:` entries: availability (p.u. of installed capacity) and installed share per selection.
  mutating func bindGenerators(_ nodes: [Yams.Node], into scenario: inout Scenario) throws(ParseError) {
    let gens = network.generators
    let busPosition = Dictionary(network.buses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var availabilityOwner = [SourceLocation?](repeating: nil, count: gens.count)
    var capacityOwner = availabilityOwner
    for (i, node) in nodes.enumerated() {
      let map = try NativeMapping(node, element: "entry \(i + 1) of 'generators'", allowed: Self.generatorKeys, file: file)
      _ = try map.string("source")
      var technologies: Set<Technology>? = nil
      if map.has("technology") {
        technologies = []
        for (name, location) in try Self.textList(map, "technology") {
          guard let tech = Technology(rawValue: name) else {
            throw ParseError(
              .outOfRange(field: "technology", value: "'\(name)'", expected: Technology.allCases.map(\.rawValue).joined(separator: ", ")),
              at: location)
          }
          technologies?.insert(tech)
        }
      }
      let buses = try selectedBuses(map)
      let ids = try Self.selectedIDs(map, kind: "generator", names: gens.map(\.name))
      if ids != nil, buses != nil { throw map.error("ids", .other("\(map.element) combines 'ids' with a bus selection; use one")) }
      guard technologies != nil || buses != nil || ids != nil else {
        throw ParseError(.other("\(map.element) selects nothing; give technology, buses, region, ids or all: true"), at: map.location)
      }
      let selected = gens.indices.filter { g in
        (technologies?.contains(gens[g].technology) ?? true) && (ids?.contains(g) ?? true)
          && (buses.map { set in busPosition[gens[g].bus].map { set.contains($0) } ?? false } ?? true)
      }
      guard !selected.isEmpty else { throw ParseError(.other("\(map.element) selects no generator"), at: map.location) }
      let availability = try profileValue(map, "availability")
      let capacity = try profileValue(map, "capacity")
      guard availability != nil || capacity != nil else {
        throw ParseError(.missingKey(key: "availability' or 'capacity", element: map.element), at: map.location)
      }
      if var availability {
        try check(availability, map, "availability", expected: "0...1 (p.u. of installed capacity)") { $0 >= 0 && $0 <= 1 }
        // A calibration factor on the availability (e.g. to meet a published energy after the
        // curtailment of the scenario's dispatch mode): a scaled copy of the column.
        if let scale = try map.double("availability_scale"), scale != 1 {
          try map.require(scale > 0, "availability_scale", scale, expected: "a positive factor")
          switch availability {
          case .constant(let v): availability = .constant(v * scale)
          case .column(let c):
            let name = "\(scenario.profiles.names[c])*\(scale)"
            if let existing = scenario.profiles.index(of: name) {
              availability = .column(existing)
            } else {
              let values = scenario.profiles.column(c).map { $0 * scale }
              try scenario.profiles.add(name: name, values: values)
              availability = .column(scenario.profiles.names.count - 1)
            }
          }
          switch availability {
          case .constant(let v): try map.require(v <= 1, "availability_scale", scale, expected: "availability × scale within 0...1")
          case .column(let c):
            for v in scenario.profiles.column(c) where v > 1 {
              try map.require(false, "availability_scale", scale, expected: "availability × scale within 0...1 (the column reaches \(v))")
            }
          }
        }
        for g in selected {
          try Self.claim(g, &availabilityOwner, element: "generator '\(gens[g].name)'", attribute: "availability", map)
          scenario.generatorAvailability[g] = availability
        }
      }
      if let capacity {
        try check(capacity, map, "capacity", expected: "≥ 0 (share of the installed capacity in service)") { $0 >= 0 }
        // The capacity in service is share × installed MW: it must stay a finite number.
        let installed = selected.map { gens[$0].maxMW.isFinite ? abs(gens[$0].maxMW) : abs(gens[$0].outputMW) }.max() ?? 0
        try check(capacity, map, "capacity", expected: "a share whose capacity (× \(NativeMapping.format(installed)) MW) is a finite number") {
          ($0 * installed).isFinite
        }
        for g in selected {
          try Self.claim(g, &capacityOwner, element: "generator '\(gens[g].name)'", attribute: "capacity", map)
          scenario.generatorCapacity[g] = capacity
        }
      }
    }
  }

  /// `loads:` entries: a per-unit profile (× each demand's static value) or a MW total shared pro rata.
  mutating func bindLoads(_ nodes: [Yams.Node], into scenario: inout Scenario) throws(ParseError) {
    let loads = network.loads
    let busPosition = Dictionary(network.buses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var loadOwner = [SourceLocation?](repeating: nil, count: loads.count)
    var busOwner = [SourceLocation?](repeating: nil, count: network.buses.count)
    for (i, node) in nodes.enumerated() {
      let map = try NativeMapping(node, element: "entry \(i + 1) of 'loads'", allowed: Self.loadKeys, file: file)
      _ = try map.string("source")
      let buses = try selectedBuses(map)
      let ids = try Self.selectedIDs(map, kind: "load", names: loads.map(\.name))
      if ids != nil, buses != nil { throw map.error("ids", .other("\(map.element) combines 'ids' with a bus selection; use one")) }
      guard buses != nil || ids != nil else {
        throw ParseError(.other("\(map.element) selects nothing; give buses, region, ids or all: true"), at: map.location)
      }
      // A region also selects loads whose own `region` names it, wherever their bus is.
      let regionNames = map.has("region") ? Set(try Self.textList(map, "region").map(\.value)) : []
      let selectedLoads = loads.indices.filter { l in
        if let ids { return ids.contains(l) }
        if let region = loads[l].region, regionNames.contains(region) { return true }
        return busPosition[loads[l].bus].map { buses?.contains($0) ?? false } ?? false
      }
      let selectedBuses = ids != nil ? [] : network.buses.indices.filter { buses?.contains($0) == true && network.buses[$0].loadMW != 0 }
      guard !selectedLoads.isEmpty || !selectedBuses.isEmpty else {
        throw ParseError(.other("\(map.element) selects no demand (no load, no bus with load_mw / PD)"), at: map.location)
      }
      guard let value = try profileValue(map, "profile") else { throw map.missing("profile") }
      let unit = try map.string("unit") ?? "pu"
      let staticTotal = selectedLoads.reduce(0) { $0 + loads[$1].demandMW } + selectedBuses.reduce(0) { $0 + network.buses[$1].loadMW }
      let count = Double(selectedLoads.count + selectedBuses.count)
      let factor: (Double) -> Double
      switch unit {
      case "pu":
        try check(value, map, "profile", expected: "≥ 0 (p.u. of the static demand)") { $0 >= 0 }
        factor = { $0 }
      case "mw":
        // Shares of the static demand; equal shares when the static demand is zero.
        factor = { staticTotal != 0 ? $0 / staticTotal : 1 / count }
      default:
        throw map.error("unit", .outOfRange(field: "'unit' of \(map.element)", value: "'\(unit)'", expected: "pu or mw"))
      }
      // The demand is value × factor: finite values whose product overflows stop here, at the
      // key or at the CSV line of the first such hour.
      let largest = (selectedLoads.map { abs(factor(loads[$0].demandMW)) } + selectedBuses.map { abs(factor(network.buses[$0].loadMW)) }).max() ?? 0
      try check(value, map, "profile", expected: "a value whose demand (× \(NativeMapping.format(largest)) MW) is a finite number") {
        ($0 * largest).isFinite
      }
      for l in selectedLoads {
        try Self.claim(l, &loadOwner, element: "load '\(loads[l].name)'", attribute: "profile", map)
        scenario.loadDemand[l] = DemandProfile(value: value, factor: factor(loads[l].demandMW))
      }
      for b in selectedBuses {
        try Self.claim(b, &busOwner, element: "bus \(network.buses[b].name.isEmpty ? network.buses[b].id.description : network.buses[b].name)", attribute: "profile", map)
        scenario.busDemand[b] = DemandProfile(value: value, factor: factor(network.buses[b].loadMW))
      }
    }
  }

  /// `hvdc:` entries: the sending-end schedule of one link, MW.
  mutating func bindHVDC(_ nodes: [Yams.Node], into scenario: inout Scenario) throws(ParseError) {
    let links = network.hvdcLinks
    var owner = [SourceLocation?](repeating: nil, count: links.count)
    for (i, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "entry \(i + 1) of 'hvdc'", allowed: Self.hvdcKeys, file: file)
      _ = try map.string("source")
      let id = try map.requiredID("id")
      guard let k = links.indices.first(where: { links[$0].name == id || String($0 + 1) == id }) else {
        throw map.error("id", .unknownReference(kind: "HVDC link", name: id))
      }
      map.element = "HVDC link '\(id)'"
      guard let value = try profileValue(map, "profile") else { throw map.missing("profile") }
      let link = links[k]
      let rating = link.ratingMW > 0 ? link.ratingMW : Double.infinity
      let fmt = NativeMapping.format(link.ratingMW)
      if link.to == nil {
        try check(value, map, "profile", expected: "0...\(fmt) MW (the link's rating; it delivers outside the model)") { $0 >= 0 && $0 <= rating }
      } else {
        try check(value, map, "profile", expected: "-\(fmt)...\(fmt) MW (the link's rating)") { abs($0) <= rating }
      }
      try Self.claim(k, &owner, element: "HVDC link '\(id)'", attribute: "schedule", map)
      scenario.hvdcSchedule[k] = value
    }
  }

  /// `outages:` entries: a branch (or some of its circuits) out of service for `[start, end)`.
  mutating func readOutages(_ nodes: [Yams.Node], into scenario: inout Scenario) throws(ParseError) {
    let branches = network.branches
    for (i, node) in nodes.enumerated() {
      var map = try NativeMapping(node, element: "entry \(i + 1) of 'outages'", allowed: Self.outageKeys, file: file)
      _ = try map.string("source")
      let id = try map.requiredID("branch")
      guard let b = branches.indices.first(where: { branches[$0].name == id || (branches[$0].name.isEmpty && String($0 + 1) == id) }) else {
        throw map.error("branch", .unknownReference(kind: "line or transformer", name: id))
      }
      map.element = "outage of '\(id)'"
      var hours: [Int] = []
      for key in ["start", "end"] {
        let text = try map.requiredString(key)
        guard let hour = ClockHour(parsing: text) else {
          throw map.error(key, .other("'\(text)' is not a timestamp; write YYYY-MM-DDTHH:MM"))
        }
        hours.append(hour.index - profiles.start.index)
      }
      guard hours[0] < hours[1] else { throw map.error("end", .other("\(map.element) ends before it starts")) }
      guard hours[1] > 0, hours[0] < profiles.hours else {
        // Legal (a shorter period of the same scenario), but worth saying: it changes nothing.
        diagnostics.append(Diagnostic("\(map.element) lies outside the period (\(profiles.start) + \(profiles.hours) h); it is ignored", at: map.location))
        continue
      }
      var circuits: Int? = nil
      if let k = try map.int("circuits") {
        guard let total = branches[b].lineInfo?.circuits else {
          throw map.error("circuits", .other("'\(id)' has no circuit count; remove 'circuits' to take the whole branch out"))
        }
        try map.require(k >= 1 && k <= total, "circuits", Double(k), expected: "1...\(total) (the circuits of '\(id)')")
        circuits = k < total ? k : nil
      }
      scenario.outages.append(
        Outage(branch: b, circuits: circuits, startHour: max(0, hours[0]), endHour: min(profiles.hours, hours[1]), source: map.location))
    }
  }
}
