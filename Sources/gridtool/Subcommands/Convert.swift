import ArgumentParser
import GridCore

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert a network between MATPOWER (.m) and the gridtool YAML format, or export it as GeoJSON.",
    discussion: """
      The output format follows the output file's extension (.m, .yaml or .yml, .geojson) unless \
      --to is given. Whatever the output format cannot hold is named on stderr, one warning per \
      kind of element; with --strict that is an error and no file is written (exit 1). A network \
      converted to MATPOWER keeps what MATPOWER has no field for in mpc.gridtool_* fields, so that \
      it converts back unchanged (docs/network-format.md). GeoJSON (RFC 7946): buses as points, \
      branches as lines, HVDC links, with their data as properties (docs/report.md); \
      `gridtool solve --format geojson` adds the results.
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
    let conversion: NetworkConversion
    switch to ?? Target(path: outputFile) ?? .matpower {
    case .geojson:
      try OutputSink.write(GeoJSONReport.network(network), to: outputFile)
      return
    case .matpower: conversion = NetworkFile.convert(network, to: .matpower)
    case .yaml: conversion = NetworkFile.convert(network, to: .yaml)
    }
    let format = to == .matpower || (to == nil && Target(path: outputFile) == .matpower) ? "MATPOWER" : "YAML"
    // Printed (and, with --strict, refused) before anything is written.
    try input.report(conversion.losses.map { $0.diagnostic(writing: format) })
    try OutputSink.write(conversion.text, to: outputFile)
  }
}
