import ArgumentParser
import GridCore

struct Info: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Describe a network file without solving it: counts, islands, references, voltage levels, findings.")

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if output.format == .csv { throw ValidationError("info has no CSV form; use --format table or json") }
  }

  func run() throws {
    let info = NetworkInfo(try input.load())
    switch output.format {
    case .json: try OutputSink.write(info.json(), to: output.output)
    case .table, .csv: try OutputSink.write(InfoTable(info: info).render(), to: output.output)  // csv refused in validate()
    }
  }
}

struct InfoTable {
  let info: NetworkInfo

  func render() -> String {
    var out = "Network \(info.name) (base \(Fmt.fixed(info.baseMVA, 0)) MVA)\n\n"
    var t = TextTable(["", ""], leftAligned: [0, 1])
    let types = BusType.allCases.map { "\(info.busesByType[$0] ?? 0) \(String(describing: $0))" }.joined(separator: ", ")
    t.add(["buses", "\(info.busCount) (\(types))"])
    t.add(["branches", "\(info.branchCount) (\(info.transformerCount) transformers, \(info.branchesOutOfService.count) out of service)"])
    t.add(["generators", "\(info.generatorCount) (\(info.generatorsOutOfService.count) out of service)"])
    if info.loadCount > 0 { t.add(["loads", "\(info.loadCount)"]) }
    if info.hvdcCount > 0 { t.add(["HVDC links", "\(info.hvdcCount)"]) }
    let groups = GroupKind.allCases.compactMap { k in info.groupsByKind[k].map { "\($0) \(k.rawValue)s" } }
    if !groups.isEmpty { t.add(["groups", groups.joined(separator: ", ")]) }
    t.add(["islands", "\(info.islands.count)"])
    t.add(["demand", "\(Fmt.mw(info.totalDemandMW)) MW"])
    t.add(["generation set-points", "\(Fmt.mw(info.totalGenerationSetpointMW)) MW"])
    t.add(["in-service capacity", "\(Fmt.mw(info.totalCapacityMW)) MW"])
    out += t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")

    out += "\nVoltage levels\n"
    var levels = TextTable(["kV", "buses"], leftAligned: [])
    for l in info.voltageLevels { levels.add([Fmt.fixed(l.kV, l.kV == l.kV.rounded() ? 0 : 1), "\(l.buses)"]) }
    out += levels.render()

    out += "\nIslands\n"
    var islands = TextTable(["island", "buses", "reference buses", "generators", "demand MW"], leftAligned: [2])
    for (i, island) in info.islands.enumerated().prefix(20) {
      islands.add([
        "\(i + 1)", "\(island.busCount)", island.referenceBuses.map(\.description).joined(separator: ", "),
        "\(island.generatorCount)", Fmt.mw(island.demandMW),
      ])
    }
    out += islands.render()
    if info.islands.count > 20 { out += "... \(info.islands.count - 20) more\n" }
    if !info.branchesOutOfService.isEmpty {
      out += "\nOut-of-service branches: " + info.branchesOutOfService.prefix(30).map { "\($0 + 1)" }.joined(separator: ", ")
        + (info.branchesOutOfService.count > 30 ? ", ..." : "") + "\n"
    }
    out += "\nFindings\n"
    out += info.findings.isEmpty ? "nothing suspicious\n" : info.findings.map { "- \($0.description)\n" }.joined()
    return out
  }
}
