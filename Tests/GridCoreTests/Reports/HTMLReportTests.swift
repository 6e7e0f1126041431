import Foundation
import Testing

@testable import GridCore

/// The HTML report: one path per in-service branch, every ring and corridor labelled, a
/// legend, no outside references, input text escaped, and the page's exact numbers equal to
/// the JSON output's.
struct HTMLReportTests {
  static func xinjiang() throws -> (FlowReport, ContingencyResult) {
    let (network, _) = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml"))
    let system = try DCSystem(network)
    let flow = FlowReport(system: system, result: try system.solve())
    return (flow, try ContingencyAnalysis(DCSensitivity(system)).run())
  }

  static func page(_ build: (inout HTMLReport) -> Void) -> String {
    var page = HTMLReport(title: "test")
    build(&page)
    return String(decoding: page.html(), as: UTF8.self)
  }

  static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  /// Every `data-NAME="…"` value of the elements whose opening tag contains `marker`.
  static func attributes(_ name: String, of marker: String, in html: String) -> [String] {
    html.components(separatedBy: "<").filter { $0.contains(marker) }.compactMap { tag in
      guard let r = tag.range(of: " \(name)=\"") else { return nil }
      let rest = tag[r.upperBound...]
      return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
  }

  @Test func networkViewHasOnePathPerInServiceBranchAndEveryGroupLabelled() throws {
    let (flow, n1) = try Self.xinjiang()
    let html = Self.page { $0.addFlow(flow, contingency: n1) }
    let inService = flow.network.branches.filter(\.inService).count
    #expect(Self.count("<path class=\"br ", in: html) == inService)
    for group in flow.network.groups where group.kind == .ring || group.kind == .corridor {
      let labels = Self.count("data-group=\"\(group.name)\"", in: html)
      #expect(labels >= 1, "group \(group.name)")
      #expect(html.contains("grouplabel") && html.contains(group.displayName ?? group.name))
    }
    #expect(html.contains("<g class=\"legend\">"))
    #expect(html.contains("class=\"scalebar\""))
    #expect(Self.count("<script", in: html) == 1)
    // Self-contained: nothing fetched from elsewhere.
    #expect(!html.contains("src=") && !html.contains("http://") && !html.contains("https://") && !html.contains("@import"))
    // N-1 worst cases marked, the worst one labelled.
    #expect(html.contains("class=\"mark n1\"") && html.contains("N-1 160.7 %"))
  }

  @Test func branchNumbersEqualTheSolveJSON() throws {
    let (flow, _) = try Self.xinjiang()
    let html = Self.page { $0.addFlow(flow) }
    // JSONDecoder reads numbers exactly (JSONSerialization on Linux does not).
    struct Doc: Decodable {
      struct Row: Decodable { var p_from_mw: Double? }
      struct Summary: Decodable { var total_generation_mw: Double }
      var branches: [Row]
      var summary: Summary
    }
    let json = try JSONDecoder().decode(Doc.self, from: Data(flow.jsonBytes()))
    let indices = Self.attributes("data-i", of: "class=\"br ", in: html).compactMap(Int.init)
    let flows = Self.attributes("data-p", of: "class=\"br ", in: html).compactMap(Double.init)
    #expect(indices.count == json.branches.count && flows.count == json.branches.count)
    for (i, p) in zip(indices, flows) {
      #expect(json.branches[i - 1].p_from_mw == p, "branch \(i)")
    }
    // Key figures and corridor cells carry the JSON's field and exact value.
    let generation = json.summary.total_generation_mw
    #expect(html.contains("data-f=\"total_generation_mw\" data-v=\"\(NumberTextTestSupport.text(generation))\""))
  }

  @Test func namesAreEscaped() throws {
    var network = Network(name: "A&B <grid>")
    network.buses = [
      Bus(id: BusID(rawValue: 1), name: "a<b", type: .reference, info: BusInfo(displayName: "x\"y'z", latitude: 40, longitude: 80)),
      Bus(id: BusID(rawValue: 2), name: "c&d", info: BusInfo(latitude: 41, longitude: 81)),
    ]
    network.generators = [Generator(bus: BusID(rawValue: 1), outputMW: 10, maxMW: 20)]
    network.buses[1].loadMW = 10
    network.branches = [Branch(from: BusID(rawValue: 1), to: BusID(rawValue: 2), reactancePU: 0.1, ratingMW: 50, name: "l<1>&\"2\"")]
    network.groups = [NetworkGroup(name: "r\"1", displayName: "<script>alert(1)</script>", kind: .ring, branches: [0])]
    let system = try DCSystem(network)
    let html = Self.page { $0.addFlow(FlowReport(system: system, result: try! system.solve())) }
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("data-n=\"l&lt;1&gt;&amp;&quot;2&quot;\""))
    #expect(html.contains("x&quot;y&#39;z"))
    #expect(html.contains("<title>test</title>"))
    #expect(!html.contains("a<b") && !html.contains("c&d"))
  }

  @Test func contingencyViewMapsTheWorstCaseOfEachBranch() throws {
    let (flow, n1) = try Self.xinjiang()
    let html = Self.page { $0.addContingency(n1) }
    let worst = Self.attributes("data-w", of: "class=\"br ", in: html).compactMap(Double.init)
    #expect(worst.count == n1.branches.filter { $0.worstLoadingPct != nil }.count)
    #expect(worst.max() == n1.summary.worstLoadingPct)
    #expect(html.contains("after the loss of branch 6 (santanghu-hami)"))
    #expect(Self.count("<path class=\"br ", in: html) == flow.network.branches.filter(\.inService).count)
  }

  @Test func scenarioViewDrawsDurationCurvesBarsAndHeatMaps() throws {
    let scenario = try ScenarioFixtures.xinjiang(start: "2024-05-10T00:00", hours: 240)
    let (result, hourly) = try ScenarioHourlySeries.run(scenario)
    let security = try ScenarioSecurityScreen.run(scenario)
    let html = Self.page { $0.addScenario(result, network: scenario.network, hourly: hourly, security: security) }
    for c in result.corridors {
      #expect(html.contains("id=\"duration-\(c.name)\""))
      #expect(html.contains("id=\"heat-\(c.name)\""))
      // The curve's maximum is the JSON's max_p_send_mw, exactly.
      #expect(html.contains("data-max=\"\(NumberTextTestSupport.text(c.maxSendMW))\""))
    }
    #expect(html.contains("id=\"heat-curtailment\"") && html.contains("id=\"heat-n1\""))
    #expect(Self.count("data-k=\"bar\"", in: html) == 2 * result.corridors.count * result.months.count)
    #expect(hourly.hours == 240 && hourly.corridorSendMW.allSatisfy { $0.count == 240 })
    #expect(html.contains("id=\"security\"") && html.contains("id=\"yearn1-svg\""))
  }

  @Test func jsonInputGivesTheSameNumbers() throws {
    let (flow, _) = try Self.xinjiang()
    let direct = Self.page { $0.addFlow(flow) }
    let page = try HTMLReport(json: flow.jsonBytes(), source: "x.json", network: flow.network)
    let read = String(decoding: page.html(), as: UTF8.self)
    #expect(Self.attributes("data-p", of: "class=\"br ", in: read) == Self.attributes("data-p", of: "class=\"br ", in: direct))
    // Without the network: a computed layout, the same flows.
    let bare = String(decoding: try HTMLReport(json: flow.jsonBytes(), source: "x.json", network: nil).html(), as: UTF8.self)
    #expect(Self.attributes("data-p", of: "class=\"br ", in: bare) == Self.attributes("data-p", of: "class=\"br ", in: direct))
    #expect(throws: ReportInputError.self) { try HTMLReport(json: Array("{\"format\":\"other/1\"}".utf8), source: "y.json", network: nil) }
  }

  @Test func displayNumbersAreRoundedAndGrouped() {
    #expect(DisplayNumber.fixed(-1340.66, 1) == "-1,340.7")
    #expect(DisplayNumber.fixed(11000, 1) == "11,000.0")
    #expect(DisplayNumber.fixed(-0.04, 1) == "0.0")
    #expect(DisplayNumber.fixed(nil, 1) == "–")
    #expect(DisplayNumber.fixed(1234567.891, 0, grouping: false) == "1234568")
  }
}

/// The JSON writers' number text, for comparing with the page's `data-*` attributes.
enum NumberTextTestSupport {
  static func text(_ v: Double) -> String {
    var w = JSONWriter()
    w.element(v)
    return w.text
  }
}
