extension FlowReport {
  /// The tables `gridtool solve --format csv` can write (`--table`, or all three with `--csv-dir`).
  public enum Table: String, Sendable, CaseIterable {
    /// One row per branch: `index,name,from,from_name,to,to_name,p_from_mw,p_to_mw,rating_mw,loading_pct,in_service`.
    case branches
    /// One row per bus: `id,name,island,angle_deg,injection_mw`.
    case buses
    /// One row per generator: `index,name,bus,bus_name,technology,p_mw,p_max_mw,in_service`.
    case generators
  }

  /// The branch table (`gridtool solve --format csv`); see ``csvBytes(table:)``.
  public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

  /// One CSV table of the solved flow, as UTF-8 bytes, in input order:
  /// - branches: `index,name,from,from_name,to,to_name,p_from_mw,p_to_mw,rating_mw,loading_pct,in_service`
  ///   (MW at each end; `loading_pct` empty for an unrated branch or one out of the model);
  /// - buses: `id,name,island,angle_deg,injection_mw` (`island` 1-based, empty with `angle_deg` for
  ///   isolated buses and unsolved islands; injection into the AC network, MW);
  /// - generators: `index,name,bus,bus_name,technology,p_mw,p_max_mw,in_service` (output after the
  ///   slack has taken up the balance, MW).
  ///
  /// Indices are 1-based; names are empty where the input gives none; `in_service` is 1 or 0.
  public func csvBytes(table: Table = .branches) -> [UInt8] {
    let n = network
    // Flows and ratings that are not finite (an infinite RATE_A, PMAX) have always read `null` here.
    var w = CSVWriter(capacity: 100 * max(n.branches.count, n.buses.count, n.generators.count) + 100, nonFinite: "null")
    func header(_ names: [String]) {
      for name in names { w.cell(raw: name) }
      w.endRow()
    }
    let position = BusIndex(n.buses)
    func busName(_ id: BusID) -> String { position[id].map { n.buses[$0].name } ?? "" }
    switch table {
    case .branches:
      header(["index", "name", "from", "from_name", "to", "to_name", "p_from_mw", "p_to_mw", "rating_mw", "loading_pct", "in_service"])
      for (k, b) in n.branches.enumerated() {
        w.cell(integer: k + 1)
        w.cell(b.name)
        w.cell(integer: b.from.rawValue)
        w.cell(busName(b.from))
        w.cell(integer: b.to.rawValue)
        w.cell(busName(b.to))
        w.cell(result.branchFlowMW[k])
        w.cell(-result.branchFlowMW[k])
        w.cell(b.ratingMW)
        w.cell(loadingPct[k])
        w.cell(integer: b.inService ? 1 : 0)
        w.endRow()
      }
    case .buses:
      header(["id", "name", "island", "angle_deg", "injection_mw"])
      for (p, bus) in n.buses.enumerated() {
        w.cell(integer: bus.id.rawValue)
        w.cell(bus.name)
        w.cell(integer: busIsland[p].map { $0 + 1 })
        w.cell(result.angleDeg[p])
        w.cell(result.busInjectionMW[p])
        w.endRow()
      }
    case .generators:
      header(["index", "name", "bus", "bus_name", "technology", "p_mw", "p_max_mw", "in_service"])
      for (k, g) in n.generators.enumerated() {
        w.cell(integer: k + 1)
        w.cell(g.name)
        w.cell(integer: g.bus.rawValue)
        w.cell(busName(g.bus))
        w.cell(raw: g.technology.rawValue)
        w.cell(result.generatorMW[k])
        w.cell(g.maxMW)
        w.cell(integer: g.inService ? 1 : 0)
        w.endRow()
      }
    }
    return w.take()
  }
}
