/// One shard of a study over a scenario's hours, as a file holds it (`"format":
/// "gridtool-partial/1"`, docs/scale-out.md): the mergeable tallies of its hours and what
/// identifies the study — the program, the command and its options, and the SHA-256 of every
/// input file — so that only shards of one study merge.
///
/// Write one with ``json()``, read it with ``init(json:source:)``; put a set in order and check
/// it with ``ordered(_:)``, then merge the parts with ``ScenarioRunner/merge(_:parts:options:)``,
/// ``ScenarioSecurityScreen/merge(_:parts:options:)`` or
/// ``ScenarioTransferStudy/merge(_:direction:parts:options:)``.
public struct PartialResult: Sendable {
  /// The `format` of the file this version writes and reads.
  public static let formatVersion = "gridtool-partial/1"

  /// The tallies of the shard's hours.
  public enum Content: Sendable {
    /// `gridtool scenario`: the year run's tallies.
    case scenario(ScenarioRunPart)
    /// `gridtool contingency SCENARIO`: the N-1 screen's reductions per topology.
    case contingency(ScenarioSecurityPart)
    /// `gridtool transfer SCENARIO`: every hour's headroom.
    case transfer(ScenarioTransferPart)

    /// The hours covered, 0-based in the period.
    public var hours: Range<Int> {
      switch self {
      case .scenario(let p): return p.hours
      case .contingency(let p): return p.hours
      case .transfer(let p): return p.hours
      }
    }

    /// The year run's tallies; nil for another study.
    public var scenarioPart: ScenarioRunPart? {
      if case .scenario(let p) = self { return p }
      return nil
    }
    /// The N-1 screen's reductions; nil for another study.
    public var contingencyPart: ScenarioSecurityPart? {
      if case .contingency(let p) = self { return p }
      return nil
    }
    /// The transfer study's hours; nil for another study.
    public var transferPart: ScenarioTransferPart? {
      if case .transfer(let p) = self { return p }
      return nil
    }

    /// `scenario`, `contingency` or `transfer`: the command whose tallies these are.
    public var command: String {
      switch self {
      case .scenario: return "scenario"
      case .contingency: return "contingency"
      case .transfer: return "transfer"
      }
    }
  }

  /// One input file of the study: its path when the shard ran, size and SHA-256.
  public struct Input: Sendable, Hashable {
    /// `scenario`, `network` or `profiles`.
    public var role: String
    /// The path as the shard opened it (for messages; not part of the identity).
    public var path: String
    /// Size, bytes.
    public var bytes: Int
    /// SHA-256 of the file's bytes, 64 hex digits.
    public var sha256: String

    /// An input file's description.
    public init(role: String, path: String, bytes: Int, sha256: String) {
      self.role = role
      self.path = path
      self.bytes = bytes
      self.sha256 = sha256
    }
  }

  /// The program that wrote it, e.g. `gridtool 0.1.0`: shards of one study come from one program.
  public var tool: String
  /// The study's options as the command line gives them, in a fixed order (everything that
  /// changes a result: dispatch, contingencies, limits, chunk size, solver…).
  public var arguments: [String]
  /// The scenario's input files, in reading order.
  public var inputs: [Input]
  /// Name of the scenario, first hour and length of its period, and the chunk length the
  /// period was cut with.
  public var scenarioName: String
  /// First hour of the period.
  public var start: ClockHour
  /// Hours in the period.
  public var periodHours: Int
  /// Hours per chunk (``ScenarioShard/hours(period:chunkHours:)``).
  public var chunkHours: Int
  /// Which shard of how many.
  public var shard: ScenarioShard
  /// The tallies.
  public var content: Content

  /// A partial result of `content`, with the identity of its study.
  public init(
    tool: String, arguments: [String], inputs: [Input], scenarioName: String, start: ClockHour, periodHours: Int, chunkHours: Int,
    shard: ScenarioShard, content: Content
  ) {
    self.tool = tool
    self.arguments = arguments
    self.inputs = inputs
    self.scenarioName = scenarioName
    self.start = start
    self.periodHours = periodHours
    self.chunkHours = chunkHours
    self.shard = shard
    self.content = content
  }

  /// The hours covered, 0-based in the period.
  public var hours: Range<Int> { content.hours }

  /// SHA-256 (hex) of what makes the study: the partial format, the program, the command, the
  /// options, the scenario's name and period and every input's SHA-256 (not the paths: a
  /// cluster node may see the files elsewhere).
  public var identity: String {
    var hash = SHA256()
    func put(_ text: String) {
      hash.update("\(text.utf8.count):")
      hash.update(text)
    }
    put(Self.formatVersion)
    put(tool)
    put(content.command)
    for a in arguments { put(a) }
    put(scenarioName)
    put("\(start) \(periodHours) \(chunkHours)")
    for input in inputs { put("\(input.role) \(input.bytes) \(input.sha256)") }
    return hash.hexDigest
  }

  /// The inputs of `scenario` (``Scenario/sources``), hashed: the scenario's text as read, then
  /// its network and profile files as they are now on disk.
  /// - Throws: ``ParseError`` when a file cannot be read; ``PartialResultError`` for a
  ///   scenario built in code (no files).
  public static func inputFiles(of scenario: Scenario) throws -> [Input] {
    guard let s = scenario.sources else {
      throw PartialResultError(message: "scenario \(scenario.name) was not read from files: a partial result identifies its inputs by their files")
    }
    func input(_ role: String, _ path: String, _ bytes: [UInt8]) -> Input {
      var hash = SHA256()
      hash.update(bytes)
      return Input(role: role, path: path, bytes: bytes.count, sha256: hash.hexDigest)
    }
    var list = [input("scenario", s.scenarioFile, Array(s.scenarioText.utf8))]
    list.append(input("network", s.networkFile, try InputFile.bytes(of: s.networkFile)))
    for path in s.profileFiles { list.append(input("profiles", path, try InputFile.bytes(of: path))) }
    return list
  }
}

/// A partial result that cannot be read or merged: the message names the file(s) and what is
/// wrong (another study, version or program, overlapping or missing hours, …).
public struct PartialResultError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, naming the file.
  public var message: String
  /// ``message``.
  public var description: String { message }

  /// An error with `message`.
  public init(message: String) { self.message = message }
}
