import Foundation
import Testing

@testable import GridCore

/// Bus positions of the maps: geographic (equirectangular) when the buses have coordinates,
/// otherwise PivotMDS + sparse stress, deterministic to the bit.
struct MapLayoutTests {
  @Test func geographicLayoutKeepsEastRightAndNorthUp() throws {
    let (network, _) = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml"))
    let layout = MapLayout(network: network)
    guard case .geographic(let phi, _) = layout.method else {
      Issue.record("expected a geographic layout")
      return
    }
    #expect(abs(phi - 42.5) < 3)
    let p = Dictionary(uniqueKeysWithValues: network.buses.enumerated().map { ($1.name, $0) })
    let hami = try #require(p["hami"]), kashgar = try #require(p["kashgar"]), altay = try #require(p["altay"]), hotan = try #require(p["hotan"])
    #expect(layout.x[hami] > layout.x[kashgar])
    #expect(layout.y[altay] < layout.y[hotan])
    // The scale: Wubei–Turpan is about 150 km apart in a straight line.
    let wubei = try #require(p["wubei"]), turpan = try #require(p["turpan"])
    let km = hypot(layout.x[wubei] - layout.x[turpan], layout.y[wubei] - layout.y[turpan]) / (layout.unitsPerKm ?? 1)
    #expect(km > 120 && km < 180)
    for i in network.buses.indices {
      #expect(layout.x[i] >= 0 && layout.x[i] <= layout.width && layout.y[i] >= 0 && layout.y[i] <= layout.height)
    }
  }

  @Test func stressLayoutIsDeterministicAndSpreadsTheBuses() throws {
    // A 5 × 6 grid of buses without coordinates.
    var network = Network(name: "grid")
    let id = { (r: Int, c: Int) in BusID(rawValue: 1 + r * 6 + c) }
    for r in 0..<5 { for c in 0..<6 { network.buses.append(Bus(id: id(r, c), type: r + c == 0 ? .reference : .pq)) } }
    for r in 0..<5 {
      for c in 0..<6 {
        if c < 5 { network.branches.append(Branch(from: id(r, c), to: id(r, c + 1), reactancePU: 0.1)) }
        if r < 4 { network.branches.append(Branch(from: id(r, c), to: id(r + 1, c), reactancePU: 0.1)) }
      }
    }
    let a = MapLayout(network: network), b = MapLayout(network: network)
    #expect(a.method == .stress)
    #expect(a.x == b.x && a.y == b.y)
    // No two buses share a point; neighbours are drawn closer than the average pair.
    var nearest = Double.infinity, all = 0.0, pairs = 0.0
    for i in a.x.indices {
      for j in a.x.indices where j > i {
        let d = hypot(a.x[i] - a.x[j], a.y[i] - a.y[j])
        nearest = min(nearest, d)
        all += d
        pairs += 1
      }
    }
    #expect(nearest > 5)
    let position = Dictionary(uniqueKeysWithValues: network.buses.enumerated().map { ($1.id, $0) })
    let edges = network.branches.compactMap { br in position[br.from].flatMap { f in position[br.to].map { (f, $0) } } }
    let edgeMean = edges.reduce(0.0) { $0 + hypot(a.x[$1.0] - a.x[$1.1], a.y[$1.0] - a.y[$1.1]) } / Double(edges.count)
    #expect(edgeMean < 0.5 * all / pairs)
  }

  @Test func componentsAndLeavesGetTheirOwnPlaces() {
    // Two components: a star (leaves with the same single neighbour) and a triangle; an isolated node.
    let edges = [(0, 1), (0, 2), (0, 3), (0, 4), (5, 6), (6, 7), (7, 5)]
    let x = StressLayout.positions(nodes: 9, edges: edges)
    #expect(x == StressLayout.positions(nodes: 9, edges: edges))
    for i in 0..<9 {
      for j in (i + 1)..<9 {
        let d = x[i] - x[j]
        #expect((d * d).sum().squareRoot() > 0.3, "nodes \(i) and \(j)")
      }
    }
    #expect(x.allSatisfy { $0.x.isFinite && $0.y.isFinite })
  }

  @Test func heatMapClassesAndDays() {
    let tops = HeatMapSVG.equalClasses(maximum: 8)
    #expect(HeatMapSVG.classOf(0, tops) == 0 && HeatMapSVG.classOf(0.5, tops) == 1 && HeatMapSVG.classOf(8, tops) == 8 && HeatMapSVG.classOf(99, tops) == 8)
    #expect(LoadingScale.colourClass(100) == 4 && LoadingScale.colourClass(100.1) == 5 && LoadingScale.colourClass(nil) == 6)
    #expect(LoadingScale.colourClass(19.9) == 0 && LoadingScale.colourClass(20) == 1)
    var w = HTMLWriter()
    HeatMapSVG.write(&w, id: "h", label: "l", start: ClockHour(year: 2024, month: 1, day: 1, hour: 22)!, values: [1, 2, 3, 4], unit: "MW", classTop: tops)
    let svg = String(decoding: w.take(), as: UTF8.self)
    #expect(svg.contains("data-values=\"1.0,2.0,3.0,4.0\"") && svg.contains("data-start=\"2024-01-01T22:00\""))
  }
}
