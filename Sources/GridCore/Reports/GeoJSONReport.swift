/// GeoJSON (RFC 7946) of a network, and of a solved power flow: buses as points, branches as
/// lines from bus to bus, HVDC links as lines (or, to a system outside the model, as a point
/// at the sending converter), each with its data and results as properties, so that QGIS and
/// kepler.gl users can take the map further.
///
/// Coordinates are the buses' `lat`/`lon` (WGS 84, `[longitude, latitude]` as GeoJSON
/// orders them). An element without coordinates (a MATPOWER bus, a branch with such an end)
/// is a feature with `"geometry": null`, which RFC 7946 allows: its properties are kept.
/// Written by GridCore's one JSON writer (`JSONWriter`), so numbers are exact and missing values `null`, as in the solve
/// JSON; property names are the solve JSON's (docs/json-output.md).
public enum GeoJSONReport {
  /// The network's buses, branches and HVDC links with their data (no results).
  public static func network(_ network: Network) -> [UInt8] {
    write(network, flow: nil)
  }

  /// The network with the power flow's results: per bus `angle_deg`, `island`,
  /// `injection_mw`; per branch `p_from_mw`, `p_to_mw`, `loading_pct`; per HVDC link
  /// `p_send_mw`, `p_recv_mw`, `loss_mw`.
  public static func flow(_ report: FlowReport) -> [UInt8] {
    write(report.network, flow: report)
  }

  private static func write(_ network: Network, flow: FlowReport?) -> [UInt8] {
    var w = JSONWriter(capacity: 400 * (network.buses.count + network.branches.count) + 4096)
    var point: [BusID: (Double, Double)] = [:]
    for bus in network.buses {
      if let lat = bus.info?.latitude, let lon = bus.info?.longitude { point[bus.id] = (lon, lat) }
    }
    w.beginObject()
    w.field("type", "FeatureCollection")
    w.field("name", network.name)
    w.beginArray("features")
    for (p, bus) in network.buses.enumerated() {
      w.beginObject()
      w.field("type", "Feature")
      geometry(point[bus.id].map { [$0] }, &w)
      w.beginObject("properties")
      w.field("kind", "bus")
      w.field("id", bus.id.rawValue)
      w.field("name", bus.name.isEmpty ? nil : bus.name)
      w.field("display_name", bus.info?.displayName)
      w.field("region", bus.info?.region)
      w.field("base_kv", bus.baseKV)
      w.field("bus_type", bus.type.rawValue)
      w.field("load_mw", bus.loadMW)
      if let flow {
        w.field("angle_deg", flow.result.angleDeg[p])
        w.field("island", integer: flow.busIsland[p].map { $0 + 1 })
        w.field("injection_mw", flow.result.busInjectionMW[p])
      }
      w.endObject()
      w.endObject()
    }
    for (k, branch) in network.branches.enumerated() {
      w.beginObject()
      w.field("type", "Feature")
      let ends = point[branch.from].flatMap { a in point[branch.to].map { b in [a, b] } }
      geometry(ends, &w)
      w.beginObject("properties")
      w.field("kind", "branch")
      w.field("index", k + 1)
      w.field("name", branch.name.isEmpty ? nil : branch.name)
      w.field("from", branch.from.rawValue)
      w.field("to", branch.to.rawValue)
      w.field("rating_mw", branch.ratingMW)
      w.field("in_service", branch.inService)
      w.field("circuits", branch.lineInfo?.circuits ?? 1)
      w.field("length_km", branch.lineInfo?.lengthKm)
      if let flow {
        w.field("p_from_mw", flow.result.branchFlowMW[k], negatedAs: "p_to_mw")
        w.field("loading_pct", flow.loadingPct[k])
      }
      w.endObject()
      w.endObject()
    }
    for (k, link) in network.hvdcLinks.enumerated() {
      w.beginObject()
      w.field("type", "Feature")
      let from = point[link.from]
      let to = link.to.flatMap { point[$0] }
      geometry(from.map { a in to.map { [a, $0] } ?? [a] }, &w)
      w.beginObject("properties")
      w.field("kind", "hvdc")
      w.field("index", k + 1)
      w.field("name", link.name)
      w.field("from", link.from.rawValue)
      if let t = link.to { w.field("to", t.rawValue) } else { w.field("to", link.externalReceiver ?? "external") }
      w.field("rating_mw", link.ratingMW)
      w.field("in_service", link.inService)
      if let flow {
        let t = flow.result.hvdc[k]
        w.field("p_send_mw", t.sendMW)
        w.field("p_recv_mw", t.receiveMW)
        w.field("loss_mw", t.lossMW)
      } else {
        w.field("setpoint_mw", link.setpointMW)
      }
      w.endObject()
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.endDocument()
    return w.take()
  }

  /// `"geometry"`: a Point (one position), a LineString (two), or null.
  private static func geometry(_ points: [(Double, Double)]?, _ w: inout JSONWriter) {
    guard let points, !points.isEmpty else {
      w.field("geometry", nil as String?)
      return
    }
    w.beginObject("geometry")
    w.field("type", points.count == 1 ? "Point" : "LineString")
    if points.count == 1 {
      w.field("coordinates", numbers: [points[0].0, points[0].1])
    } else {
      w.beginArray("coordinates")
      for p in points {
        w.beginArray()
        w.element(p.0)
        w.element(p.1)
        w.endArray()
      }
      w.endArray()
    }
    w.endObject()
  }
}
