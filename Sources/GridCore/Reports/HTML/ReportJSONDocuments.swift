import Foundation

/// The JSON results of gridtool that `gridtool report` reads back, as written by the JSON
/// writers (docs/json-output.md, docs/sensitivity.md, docs/scenarios.md): only the fields a
/// report shows. Numbers are the writers' shortest round-trip text, so they read back to
/// the same doubles and the page shows the JSON's own numbers.
enum ReportJSON {
  /// `gridtool-solve/1` and `gridtool-opf/1`.
  struct Solve: Decodable {
    var format: String
    var network: String
    var baseMva: Double?
    var summary: Summary
    var islands: [Island]
    var buses: [Bus]
    var branches: [BranchRow]
    var generators: [Generator]
    var hvdc: [Link]
    var corridors: [Corridor]
    var rings: [Ring]
    var diagnostics: [String]

    struct Summary: Decodable {
      var totalGenerationMw, totalLoadMw, unservedLoadMw, hvdcSendMw, hvdcReceiveMw, hvdcLossMw, slackMw: Double?
      var overloadedBranches: [Int]
    }
    struct Island: Decodable {
      var island, buses: Int
      var solved, promotedReference: Bool
      var referenceBuses, slackGenerators: [Int]
      var slackMw: Double?
      var factorization: String?
    }
    struct Bus: Decodable {
      var id: Int
      var name: String?
      var angleDeg, injectionMw: Double?
      var island: Int?
    }
    struct BranchRow: Decodable {
      var index, from, to: Int
      var name: String?
      var pFromMw, ratingMw, loadingPct: Double?
      var inService: Bool
    }
    struct Generator: Decodable {
      var bus: Int
      var name, technology: String?
      var pMw: Double?
      var inService: Bool
    }
    struct Link: Decodable {
      var name: String
      var from: Int
      var to: BusOrName
      var pSendMw, pRecvMw, ratingMw: Double?
      var inService: Bool
    }
    struct Corridor: Decodable {
      var name: String
      var displayName: String?
      var pSendMw, pRecvMw, ratingMw: Double?
    }
    struct Ring: Decodable {
      var name: String
      var displayName: String?
      var branches: [Int]
      var maxLoadingPct: Double?
    }
  }

  /// An HVDC link's `to`: a bus number, or the name of a system outside the model.
  enum BusOrName: Decodable {
    case bus(Int), name(String)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let n = try? c.decode(Int.self) { self = .bus(n) } else { self = .name(try c.decode(String.self)) }
    }
  }

  /// `gridtool-contingency/1`.
  struct Contingency: Decodable {
    var options: Options
    var outages: [Outage]
    var base: Base
    var branches: [Monitored]
    var summary: Summary

    struct Options: Decodable {
      var rating, hvdcRule: String
      var limitPct: Double
      var perCircuit: Bool
    }
    struct Outage: Decodable {
      var index: Int
      var kind, status: String
      var branch, link, maxLoadingBranch: Int?
      var islanding: Bool
      var busesCutOff, branchesOut: [Int]?
      var loadLostMw, generationLostMw, slackChangeMw, maxLoadingPct: Double?
      var violations: [Violation]
    }
    struct Violation: Decodable {
      var branch: Int
      var pFromMw, ratingMw, loadingPct, basePFromMw, baseLoadingPct: Double?
    }
    struct Base: Decodable { var violations: [Violation] }
    struct Monitored: Decodable {
      var branch, violations: Int
      var ratingMw, basePFromMw, baseLoadingPct, worstLoadingPct, worstPFromMw: Double?
      var worstOutage: Int?
    }
    struct Summary: Decodable {
      var secure: Bool
      var contingencies, solved, islanding, singular, inactive, monitored, baseViolations: Int
      var contingenciesWithViolations, violations: Int
      var worstLoadingPct, largestLoadLostMw: Double?
      var worstBranch, worstOutage: Int?
    }
  }

  /// `gridtool-scenario/1`.
  struct Scenario: Decodable {
    var scenario, network, start: String
    var hours, topologies: Int
    var months: [String]
    var percentileResolutionPct: Double?
    var totals: Totals
    var corridors, hvdc: [Transfer]
    var branches: [Branch]
    var regions: [Region]
    var diagnostics: [String]

    struct Totals: Decodable {
      var demandMwh, unservedMwh, peakDemandMw, hvdcSentMwh, hvdcDeliveredMwh, mustRunCutMwh, slackAbsMwh, maxAbsSlackMw: Double?
      var hoursUnserved, hoursCurtailed: Int
      var technologies: [Tech]
    }
    struct Tech: Decodable {
      var technology: String
      var installedAtEndMw, availableMwh, generationMwh: Double?
    }
    struct Transfer: Decodable {
      var name: String
      var displayName: String?
      var ratingMw, energySentMwh, energyDeliveredMwh, maxPSendMw: Double?
      var hoursInUse, hoursOverRating: Int
      var monthlySentMwh, monthlyDeliveredMwh: [Double?]
    }
    struct Branch: Decodable {
      var index, from, to, hoursInService, hoursOver80, hoursOver100: Int
      var name: String
      var ratingMw, maxLoadingPct, meanLoadingPct, p95LoadingPct, maxFlowMw, meanAbsFlowMw: Double?
    }
    struct Region: Decodable {
      var name: String
      var demandMwh, unservedMwh, windAvailableMwh, windMwh, solarAvailableMwh, solarMwh: Double?
    }
  }

  /// The `format` of a document, read first to pick its decoder.
  struct Header: Decodable { var format: String }

  static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], source: String) throws(ReportInputError) -> T {
    switch decoded(type, bytes) {
    case .success(let value): return value
    case .failure(let why): throw ReportInputError(message: "\(source): not a JSON result gridtool report can read (\(why))")
    }
  }

  /// `bytes` decoded with snake_case keys (gridtool's JSON), or why not in one line.
  static func decoded<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) -> Result<T, DecodeFailure> {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return .success(try decoder.decode(type, from: Data(bytes)))
    } catch {
      return .failure(DecodeFailure(reason: describe(error)))
    }
  }

  /// Why a JSON document did not decode (``describe(_:)``).
  struct DecodeFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
  }

  /// A decoding error as one line: the path of the field and what was wrong.
  static func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    func path(_ c: [CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined() }
    switch e {
    case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath + [key]))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected value at \(path(context.codingPath))"
    case .dataCorrupted(let context): return "invalid JSON \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
  }
}

/// An input `gridtool report` cannot make a report of: not a JSON result it reads, one that
/// does not parse, or a network that does not match the result.
public struct ReportInputError: Error, CustomStringConvertible, Sendable {
  /// What is wrong, naming the file.
  public var message: String
  /// ``message``.
  public var description: String { message }
}
