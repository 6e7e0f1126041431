import ArgumentParser
import GridCore

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a network between MATPOWER (.m) and the gridtool YAML format, or export it as GeoJSON.",
    discussion: """
      The output format follows the output file's extension (.m, .yaml or .yml, .geojson) unless \
      --to is given. GeoJSON (RFC 7946): buses as points, branches as lines, HVDC links, with their \
      data as properties (docs/report.md); `gridtool solve --format geojson` adds the results.
      """)

  @OptionGroup var input: InputOptions

  @Argument(help: "Output file; written whole or not at all (-: standard output, with --to).")
  var outputFile: String

  @OptionGroup var overwrite: OverwriteOptions

  @Option(help: "Output format: matpower, yaml or geojson (default: from the output file's extension).")
  var to: Target?

  /// What `convert` writes: a network file, or GeoJSON (write-only).
  enum Target: String, ExpressibleByArgument, CaseIterable {
    case matpower, yaml, geojson

    init?(path: String) {
      if path.lowercased().hasSuffix(".geojson") {
        self = .geojson
      } else if let format = NetworkFile.Format(path: path) {
        self = format == .matpower ? .matpower : .yaml
      } else {
        return nil
      }
    }
  }

  func validate() throws {
    if to == nil, Target(path: outputFile) == nil {
      throw ValidationError("cannot tell the format of '\(outputFile)' from its extension; use .m, .yaml, .geojson or --to")
    }
  }

  func run() throws {
    let network = try input.load()
    switch to ?? Target(path: outputFile) ?? .matpower {
    case .geojson: try OutputSink.write(GeoJSONReport.network(network), to: outputFile)
    case .matpower: try OutputSink.write(NetworkFile.text(of: network, as: .matpower), to: outputFile)
    case .yaml: try OutputSink.write(NetworkFile.text(of: network, as: .yaml), to: outputFile)
    }
  }
}
