import ArgumentParser
import GridCore

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a network between MATPOWER (.m) and the gridtool YAML format.",
    discussion: "The output format follows the output file's extension (.m, .yaml or .yml) unless --to is given.")

  @OptionGroup var input: InputOptions

  @Argument(help: "Output file; written whole or not at all.")
  var outputFile: String

  @Option(help: "Output format: matpower or yaml (default: from the output file's extension).")
  var to: NetworkFile.Format?

  func validate() throws {
    if to == nil, NetworkFile.Format(path: outputFile) == nil {
      throw ValidationError("cannot tell the format of '\(outputFile)' from its extension; use .m, .yaml or --to")
    }
  }

  func run() throws {
    let network = try input.load()
    let format = to ?? NetworkFile.Format(path: outputFile) ?? .matpower
    try OutputSink.write(NetworkFile.text(of: network, as: format), to: outputFile)
  }
}

extension NetworkFile.Format: ExpressibleByArgument {}
