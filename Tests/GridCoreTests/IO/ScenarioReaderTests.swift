import Foundation
import Testing

@testable import GridCore

struct ScenarioReaderTests {
  /// Writes a scenario for case9 (with its profile CSV) into a fresh folder and reads it.
  func read(_ body: String, csv: String? = nil, in folder: URL? = nil) throws(ParseError) -> Scenario {
    let dir: URL
    do {
      dir = try folder ?? ScenarioFixtures.temporaryDirectory()
      let profiles = csv ?? (["time,load,gen,mw"] + (0..<4).map { "2024-01-01T0\($0):00,0.\($0 + 5),0.5,\(100 + $0)" }).joined(separator: "\n")
      try profiles.write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
      let text = """
        format: gridtool-scenario/1
        name: test
        network: \(TestPaths.network("case9.m"))
        period: {start: "2024-01-01T00:00", hours: 4}
        profiles:
          - file: p.csv
        \(body)
        """
      try text.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    } catch {
      Issue.record("cannot write the fixture: \(error)")
      throw ParseError(.other("fixture"), at: SourceLocation(file: "-", line: 0))
    }
    return try ScenarioReader.read(contentsOf: dir.appendingPathComponent("s.yaml").path)
  }

  func message(_ body: String, csv: String? = nil) -> String {
    do {
      let dir = try ScenarioFixtures.temporaryDirectory()
      do {
        _ = try read(body, csv: csv, in: dir)
        return "no error"
      } catch {
        // The temporary folder differs from run to run: show paths relative to it.
        return error.description.replacingOccurrences(of: dir.path + "/", with: "")
      }
    } catch {
      return "fixture: \(error)"
    }
  }

  @Test func bindsProfilesAndStaticValues() throws {
    let s = try read("loads:\n  - {buses: ['5'], profile: load}\n  - {buses: ['6', '8'], profile: mw, unit: mw}\noutages:\n  - {branch: '5', start: \"2024-01-01T01:00\", end: \"2024-01-01T03:00\"}")
    #expect(s.hours == 4 && s.profiles.names == ["load", "gen", "mw"])
    #expect(s.busDemand[4] == DemandProfile(value: .column(0), factor: 125))
    #expect(s.busDemand[5] == DemandProfile(value: .column(2), factor: 90.0 / 190))
    #expect(s.busDemand[6] == nil && s.outages.first?.startHour == 1 && s.outages.first?.endHour == 3)
    #expect(s.diagnostics.contains { $0.message == "profile column 'gen' is not used by the scenario" })
  }

  @Test func errorsNameFileLineAndColumn() {
    #expect(message("loads:\n  - {all: true, profil: load}") == "s.yaml:8:17: unknown key 'profil'; allowed here: buses, region, ids, all, profile, unit, source")
    #expect(message("loads:\n  - {all: true, profile: lod}") == "s.yaml:8:26: no profile column 'lod' (columns: load, gen, mw)")
    #expect(message("loads:\n  - {buses: ['42'], profile: load}") == "s.yaml:8:14: entry 1 of 'loads' connects to unknown bus '42'")
    #expect(message("loads:\n  - {all: true, profile: load}\n  - {buses: ['5'], profile: gen}") == "s.yaml:9:5: bus 5 already gets its profile from the entry at s.yaml:8:5; select it once")
    #expect(message("generators:\n  - {technology: other, availability: load}") == "no error")
    #expect(message("generators:\n  - {technology: coal, availability: load}") == "s.yaml:8:5: entry 1 of 'generators' selects no generator")
    #expect(message("generators:\n  - {technology: cole, availability: 1}") == "s.yaml:8:18: technology = 'cole' is out of range; expected coal, gas, wind, solar, hydro, nuclear, storage, other")
    #expect(message("dispatch: {rule: cheapest}").hasPrefix("s.yaml:7:18: 'rule' of 'dispatch' = 'cheapest' is out of range"), "\(message("dispatch: {rule: cheapest}"))")
    #expect(message("outages:\n  - {branch: '5', start: \"2024-01-01T03:00\", end: \"2024-01-01T01:00\"}") == "s.yaml:8:51: outage of '5' ends before it starts")
  }

  /// A value that reads fine but is wrong where it is bound is reported at its CSV line.
  @Test func outOfRangeProfileValueNamesTheCSVLine() {
    let csv = "time,load\n2024-01-01T00:00,0.5\n2024-01-01T01:00,1.5\n2024-01-01T02:00,-0.5\n2024-01-01T03:00,1\n"
    #expect(message("generators:\n  - {all: true, availability: load}", csv: csv) == "p.csv:3: profile 'load' at 2024-01-01T01:00 = 1.5 is out of range; expected 0...1 (p.u. of installed capacity)")
    #expect(message("loads:\n  - {all: true, profile: load}", csv: csv) == "p.csv:4: profile 'load' at 2024-01-01T02:00 = -0.5 is out of range; expected ≥ 0 (p.u. of the static demand)")
  }

  @Test func missingNetworkAndBadFormat() {
    #expect(throws: ParseError.self) { try ScenarioReader.parse("format: gridtool-scenario/1\nname: x\nnetwork: nope.m\nperiod: {start: \"2024-01-01T00:00\", hours: 1}\n", file: "/tmp/s.yaml") }
    do {
      _ = try ScenarioReader.parse("format: gridtool-network/1\n", file: "s.yaml")
      Issue.record("no error")
    } catch {
      #expect(error.description == "s.yaml:1:9: format = 'gridtool-network/1' is out of range; expected 'gridtool-scenario/1'")
    }
  }

  /// The bundled Xinjiang scenario binds every wind and PV unit and every HVDC link.
  @Test func bundledXinjiangScenarioIsComplete() throws {
    let s = try ScenarioReader.read(contentsOf: ScenarioFixtures.xinjiang)
    #expect(s.hours == 8784 && s.outages.count == 4 && s.dispatch.areas.count == 3)
    #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
    for (g, gen) in s.network.generators.enumerated() where [.wind, .solar].contains(gen.technology) {
      #expect(s.generatorAvailability[g] != nil && s.generatorCapacity[g] != nil, "\(gen.name)")
    }
    #expect(s.hvdcSchedule.allSatisfy { $0 != nil })
  }
}
