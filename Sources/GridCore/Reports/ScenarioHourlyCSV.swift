/// The hourly output of a scenario run (`gridtool scenario --hourly PATH`): one
/// row per hour, MW rounded to 0.001.
///
/// Columns: `time`, `demand_mw` (asked), `unserved_mw`, `wind_mw`, `solar_mw`
/// (dispatched), `curtailed_mw`, `generation_mw`, `slack_mw` (balance taken by
/// reference generators), then per HVDC link `hvdc_<name>_send_mw` and
/// `hvdc_<name>_recv_mw`, per corridor `corridor_<name>_send_mw`, and per
/// branch `branch_<n>_<name>_mw` (from-end flow; n is the 1-based input row).
public enum ScenarioHourlyCSV {
  /// The header line (with its newline) for a scenario's network.
  public static func header(_ scenario: Scenario) -> String {
    let network = scenario.network
    var names = ["time", "demand_mw", "unserved_mw", "wind_mw", "solar_mw", "curtailed_mw", "generation_mw", "slack_mw"]
    for link in network.hvdcLinks {
      names.append("hvdc_\(clean(link.name))_send_mw")
      names.append("hvdc_\(clean(link.name))_recv_mw")
    }
    for group in network.groups(ofKind: .corridor) { names.append("corridor_\(clean(group.name))_send_mw") }
    for (b, branch) in network.branches.enumerated() {
      names.append(branch.name.isEmpty ? "branch_\(b + 1)_mw" : "branch_\(b + 1)_\(clean(branch.name))_mw")
    }
    return names.joined(separator: ",") + "\n"
  }

  static func rows(_ scenario: Scenario, start: Int, count: Int, chunk: ChunkBuffers, corridors: Int) -> String {
    let links = chunk.linkCount, m = chunk.branchCount
    var text = ""
    text.reserveCapacity(count * (40 + 12 * (8 + 2 * links + corridors + m)))
    for j in 0..<count {
      text += scenario.start.adding(hours: start + j).description
      for v in [chunk.demand[j], chunk.unserved[j], chunk.wind[j], chunk.solar[j], chunk.curtailed[j], chunk.generation[j], chunk.slack[j]] {
        append(v, to: &text)
      }
      for l in 0..<links {
        append(chunk.linkFrom[j * links + l], to: &text)
        append(chunk.linkTo[j * links + l], to: &text)
      }
      for c in 0..<corridors { append(chunk.corridorSend[j * corridors + c], to: &text) }
      for b in 0..<m { append(chunk.flows[j * m + b], to: &text) }
      text += "\n"
    }
    return text
  }

  /// `,value` with three decimals at most and no `-0`.
  @inline(__always) static func append(_ v: Double, to text: inout String) {
    text += ","
    let r = (v * 1000).rounded() / 1000
    if r == 0 {
      text += "0"
    } else if r == r.rounded(), abs(r) < 1e15 {
      text += String(Int64(r))
    } else {
      text += "\(r)"
    }
  }

  /// Names usable in a CSV header: no commas, quotes or spaces.
  static func clean(_ name: String) -> String {
    String(name.map { $0 == "," || $0 == "\"" || $0 == " " || $0 == "\n" ? "_" : $0 })
  }
}
