extension PartialResult {
  /// Reads a partial result file (``json()``) back, to the same bits.
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - source: the file's name, for messages.
  /// - Throws: ``PartialResultError`` naming `source`: not JSON, another format or version, or
  ///   a field missing or out of range.
  public init(json bytes: [UInt8], source: String) throws(PartialResultError) {
    let header = try PartialJSON.decode(PartialJSON.Header.self, bytes, source: source)
    guard header.format == Self.formatVersion else {
      throw PartialResultError(
        message: "\(source): format \(header.format ?? "(none)"), but this gridtool reads \(Self.formatVersion) partial results")
    }
    let doc = try PartialJSON.decode(PartialJSON.Document.self, bytes, source: source)
    func bad(_ what: String) -> PartialResultError { PartialResultError(message: "\(source): \(what)") }
    guard let start = ClockHour(parsing: doc.start) else { throw bad("start \(doc.start) is not a time") }
    guard doc.periodHours >= 0, doc.chunkHours > 0 else { throw bad("period_hours or chunk_hours out of range") }
    guard let shard = ScenarioShard(index: doc.shard.index, count: doc.shard.count) else {
      throw bad("shard \(doc.shard.index)/\(doc.shard.count) is not one of its count")
    }
    guard doc.hours.first >= 0, doc.hours.first <= doc.hours.end, doc.hours.end <= doc.periodHours else {
      throw bad("hours \(doc.hours.first)..<\(doc.hours.end) are not in the period of \(doc.periodHours) hours")
    }
    let hours = doc.hours.first..<doc.hours.end
    let reader = PartialJSON.Reader(source: source, start: start, periodHours: doc.periodHours, hours: hours)
    let content: Content
    switch doc.command {
    case "scenario":
      guard let run = doc.scenarioRun else { throw bad("a scenario partial result without scenario_run") }
      content = .scenario(try reader.part(run))
    case "contingency":
      guard let screen = doc.contingency else { throw bad("a contingency partial result without contingency") }
      content = .contingency(try reader.part(screen))
    case "transfer":
      guard let transfer = doc.transfer else { throw bad("a transfer partial result without transfer") }
      content = .transfer(try reader.part(transfer))
    default: throw bad("command \(doc.command) has no partial results")
    }
    self.init(
      tool: doc.tool, arguments: doc.arguments,
      inputs: doc.inputs.map { Input(role: $0.role, path: $0.path, bytes: $0.bytes, sha256: $0.sha256) }, scenarioName: doc.scenario,
      start: start, periodHours: doc.periodHours, chunkHours: doc.chunkHours, shard: shard, content: content)
    guard identity == doc.identity else { throw bad("the identity does not match the file's contents (the file was changed)") }
  }
}

/// The shape of a partial result file, for `JSONDecoder`, and its conversion to tallies.
enum PartialJSON {
  struct Header: Decodable { var format: String? }

  struct Document: Decodable {
    var tool, command, identity, scenario, start: String
    var arguments: [String]
    var inputs: [InputFile]
    var periodHours, chunkHours: Int
    var shard: Shard
    var hours: Hours
    var scenarioRun: Run?
    var contingency: Screen?
    var transfer: Transfer?
  }
  struct InputFile: Decodable {
    var role, path, sha256: String
    var bytes: Int
  }
  struct Shard: Decodable { var index, count: Int }
  struct Hours: Decodable { var first, end: Int }

  struct Histogram: Decodable {
    var total, firstBin: Int
    var minimum, maximum: Double?
    var counts: [Int]
  }
  struct Run: Decodable {
    var branches: [Branch]
    var hvdc, corridors: [Transfer]
    var system: System
    var opf: OPF?
    var topologyDiagnostics: [TopologyDiagnostics]

    struct Branch: Decodable {
      var hoursInService, ratedHours, hoursOver80, hoursOver100: Int
      var maxAbsFlowMw, maxLoadingPct: Double
      var sumAbsFlowMwh, sumLoadingPctH: String
      var histogram: Histogram?
    }
    struct Transfer: Decodable {
      var sentMwh, deliveredMwh: String
      var maxSendMw: Double?
      var hoursInUse, hoursOverRating, firstDay: Int
      var monthlySentMwh, monthlyDeliveredMwh, dailySentMwh, dailyDeliveredMwh: [String]
      var histogram: Histogram?
    }
    struct System: Decodable {
      var regions: [Region]
      var demandMwh, unservedMwh, mustRunCutMwh, hvdcSentMwh, hvdcDeliveredMwh, slackAbsMwh: String
      var peakDemandMw, maxAbsSlackMw: Double
      var hoursCurtailed, hoursUnserved: Int
      var technologies: [Technology]
    }
    struct Region: Decodable {
      var demandMwh, unservedMwh, windAvailableMwh, windMwh, solarAvailableMwh, solarMwh: String
      var peakDemandMw: Double
      var peakHour: Int?
    }
    struct Technology: Decodable {
      var technology, generationMwh, availableMwh, installedMwh: String
    }
    struct TopologyDiagnostics: Decodable {
      var topology: Int
      var diagnostics: [Diagnostic]
    }
    struct Diagnostic: Decodable {
      var message: String
      var file: String?
      var line, column: Int?
    }
  }
  struct Constraint: Decodable {
    var kind, element: String
    var outage: String?
  }
  struct OPF: Decodable {
    var objective, exportCutMwh: String
    var hoursExportCut, securityRounds, hoursWithSecurityRounds: Int
    var slackHours: [SlackHour]
    var binding: [Binding]
    var freeLinks: [FreeLink]

    struct SlackHour: Decodable {
      var hour: Int
      var unservedMw, exportCutMw, mustRunCutMw: Double
      var cause: [Constraint]
    }
    struct Binding: Decodable {
      var kind, element: String
      var outage: String?
      var hours: Int
      var sumPricePerMwh: String
      var maxPricePerMwh: Double
    }
    struct FreeLink: Decodable {
      var sentMwh: String
      var limiting: [Limiting]
    }
    struct Limiting: Decodable {
      var kind, element: String
      var outage: String?
      var hours: Int
    }
  }
  struct Contingency: Decodable {
    var kind: String
    var element: Int
  }
  struct Screen: Decodable {
    var topologies: [Topology]

    struct Topology: Decodable {
      var topology, hours, hoursScreened, insecureHours, baseInsecureHours: Int
      var contingencies: [Outcome]
      var branches: [Branch]
    }
    struct Outcome: Decodable {
      var kind: String
      var element: Int
      var inactive: Bool
      var violationPeriods: [Int]
      var worstLoadingPct: Double?
      var worstHour: Int?
    }
    struct Branch: Decodable {
      var branch, insecureHours: Int
      var worstLoadingPct: Double?
      var worstHour, worstContingency: Int?
    }
  }
  struct Transfer: Decodable {
    var hours: [Hour]

    struct Hour: Decodable {
      var transferMw, networkLimitMw, hvdcRatingLimitMw, sourceCapacityLimitMw: Double?
      var limiting: Limiting?
    }
    struct Limiting: Decodable {
      var kind: String
      var branch, link: Int?
      var contingency: Contingency?
    }
  }

  static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], source: String) throws(PartialResultError) -> T {
    switch ReportJSON.decoded(type, bytes) {
    case .success(let value): return value
    case .failure(let why): throw PartialResultError(message: "\(source): not a gridtool partial result (\(why))")
    }
  }
}
