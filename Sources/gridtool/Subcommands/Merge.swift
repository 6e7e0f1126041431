import ArgumentParser
import Foundation
import GridCore

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the partial results of a sharded study (--shard k/N) into the output of the whole run.",
    discussion: """
      Reads the partial results (gridtool-partial/1) that `gridtool scenario`, `contingency` and \
      `transfer` write with --shard k/N, checks that they are shards of one study (same \
      gridtool, command, options and input files; hours neither overlapping nor missing) and \
      writes exactly what the command would have written without --shard, byte for byte: \
      the format and options recorded in the partials, unless --format, --top or --hourly say \
      otherwise. The scenario is read again from the path the shards used (or --scenario) and \
      must be unchanged. Exit status: that of the whole run (2: `contingency` found an \
      insecure hour), 1 when the partials cannot be merged (the message names the file), 64 \
      on a usage error. See docs/scale-out.md.
      """)

  @Argument(help: "Partial result files (JSON), in any order.")
  var partials: [String]

  @Option(name: .shortAndLong, help: "Write the result to this file (whole or not at all) instead of standard output.")
  var output: String?

  @Option(name: .shortAndLong, help: "Output format, instead of the one the shards were given: table, json or csv.")
  var format: OutputFormat?

  @Option(help: "Rows of the tables, instead of the shards' --top.")
  var top: Int?

  @Option(help: "transfer: also write every hour's headroom and limiting element to this CSV file.")
  var hourly: String?

  @Option(help: "The scenario file, when it is no longer where the shards read it (its contents must be the same).")
  var scenario: String?

  @Flag(help: "Print the time each phase took to stderr.")
  var timings = false

  func validate() throws {
    guard !partials.isEmpty else { throw ValidationError("give the partial result files to merge") }
    if let top, top < 0 { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    var files: [(result: PartialResult, source: String)] = []
    for path in partials {
      let bytes: [UInt8]
      do {
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      } catch {
        throw PartialResultError(message: "\(path): cannot be read (\((error as NSError).localizedDescription))")
      }
      files.append((try PartialResult(json: bytes, source: path), path))
    }
    let ordered = try PartialResult.ordered(files)
    let first = ordered[0]
    let source = files.first { $0.result.hours == first.hours }?.source ?? partials[0]
    guard let scenarioInput = first.inputs.first(where: { $0.role == "scenario" }) else {
      throw PartialResultError(message: "\(source): names no scenario file")
    }
    let arguments = [scenario ?? scenarioInput.path] + first.arguments + (timings ? ["--timings"] : [])
    if hourly != nil, first.content.command != "transfer" {
      throw ValidationError("--hourly is for partial results of `gridtool transfer`")
    }
    switch first.content.command {
    case "scenario": try merge(ScenarioCommand.self, arguments, ordered, source: source)
    case "contingency": try merge(ContingencyCommand.self, arguments, ordered, source: source)
    case "transfer": try merge(TransferCommand.self, arguments, ordered, source: source) { $0.hourly = hourly }
    default: throw PartialResultError(message: "\(source): `gridtool \(first.content.command)` has no partial results")
    }
  }

  /// Parses the command the shards ran from the options they recorded, applies this
  /// command's output options, and merges.
  private func merge<C: ShardedCommand>(
    _ type: C.Type, _ arguments: [String], _ partials: [PartialResult], source: String, _ adjust: (inout C) -> Void = { _ in }
  ) throws {
    var command: C
    do {
      command = try C.parse(arguments)
    } catch {
      throw PartialResultError(
        message: "\(source): its options are not those of this gridtool's `\(C.configuration.commandName ?? "")` (\(C.message(for: error)))")
    }
    command.output.output = output
    if let format { command.output.format = format }
    if let top { command.top = top }
    adjust(&command)
    try command.validate()
    try command.merge(partials, source: source)
  }
}
