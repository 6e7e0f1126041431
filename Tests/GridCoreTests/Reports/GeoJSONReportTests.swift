import Foundation
import Testing

@testable import GridCore

/// GeoJSON: a FeatureCollection of buses, branches and HVDC links, `[lon, lat]` positions,
/// null geometry where a bus has no coordinates, results as properties equal to the JSON's.
struct GeoJSONReportTests {
  static func features(_ bytes: [UInt8]) throws -> [[String: Any]] {
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect(doc["type"] as? String == "FeatureCollection")
    return try #require(doc["features"] as? [[String: Any]])
  }

  @Test func xinjiangFeaturesCarryCoordinatesAndResults() throws {
    let (network, _) = try NetworkFile.read(TestPaths.network("xinjiang-2024.yaml"))
    let system = try DCSystem(network)
    let report = FlowReport(system: system, result: try system.solve())
    let features = try Self.features(GeoJSONReport.flow(report))
    #expect(features.count == network.buses.count + network.branches.count + network.hvdcLinks.count)
    let wubei = try #require(features.first { ($0["properties"] as? [String: Any])?["name"] as? String == "wubei" })
    let geometry = try #require(wubei["geometry"] as? [String: Any])
    #expect(geometry["type"] as? String == "Point")
    #expect(geometry["coordinates"] as? [Double] == [87.62, 43.98])
    // JSONDecoder reads numbers exactly (JSONSerialization on Linux does not).
    struct Collection: Decodable {
      struct Feature: Decodable {
        struct Geometry: Decodable { var type: String }
        struct Properties: Decodable { var kind: String; var p_from_mw: Double? }
        var geometry: Geometry?
        var properties: Properties
      }
      var features: [Feature]
    }
    let exact = try JSONDecoder().decode(Collection.self, from: Data(GeoJSONReport.flow(report)))
    let branches = exact.features.filter { $0.properties.kind == "branch" }
    #expect(branches.count == network.branches.count)
    for (k, f) in branches.enumerated() {
      #expect(f.properties.p_from_mw == report.result.branchFlowMW[k])
      #expect(f.geometry?.type == "LineString")
    }
    let jiquan = try #require(features.first { ($0["properties"] as? [String: Any])?["name"] as? String == "jiquan" })
    #expect((jiquan["properties"] as? [String: Any])?["p_send_mw"] as? Double == 11000)
  }

  @Test func busesWithoutCoordinatesHaveNullGeometryAndNamesAreEscaped() throws {
    var (network, _) = try NetworkFile.read(TestPaths.network("case9.m"))
    network.buses[0].name = "quote \" and \\ backslash <b>"
    let features = try Self.features(GeoJSONReport.network(network))
    #expect(features.count == 9 + 9)
    #expect(features.allSatisfy { $0["geometry"] is NSNull })
    #expect((features[0]["properties"] as? [String: Any])?["name"] as? String == "quote \" and \\ backslash <b>")
  }
}
