/// The hourly output of a scenario run (`gridtool scenario --hourly PATH`): one
/// row per hour, formatted from the run's ``ScenarioHourRecord``s, MW rounded to 0.001.
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

  /// One hour's row (with its newline), columns as in ``header(_:)``.
  public static func row(_ record: ScenarioHourRecord) -> String {
    var text = record.time.description
    text.reserveCapacity(40 + 12 * (8 + 2 * record.hvdcFromMW.count + record.corridorSendMW.count + record.branchFlowsMW.count))
    for v in [
      record.demandMW, record.unservedMW, record.windMW, record.solarMW, record.curtailedMW, record.generationMW, record.slackMW,
    ] {
      append(v, to: &text)
    }
    for l in record.hvdcFromMW.indices {
      append(record.hvdcFromMW[l], to: &text)
      append(record.hvdcToMW[l], to: &text)
    }
    for v in record.corridorSendMW { append(v, to: &text) }
    for v in record.branchFlowsMW { append(v, to: &text) }
    text += "\n"
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
