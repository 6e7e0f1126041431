import ArgumentParser
import GridCore

/// The network file of a command line, when it can be told before the arguments are parsed:
/// the commands that read a network take its path as their first argument, and typical calls
/// (`gridtool solve case.m -f json -o out.json`) put it right after the command name. Only a
/// guess to start reading early; the parsed arguments decide what is read, and a guess that
/// turns out wrong costs a read that nothing uses.
enum ReadAhead {
  static let commandsReadingANetwork: Set<String> = Set(
    ([Solve.self, Info.self, Convert.self, PTDFCommand.self, LODFCommand.self, ContingencyCommand.self, TransferCommand.self] as [any ParsableCommand.Type])
      .compactMap { $0.configuration.commandName })

  static func networkPath(in arguments: [String]) -> String? {
    guard arguments.count >= 3, commandsReadingANetwork.contains(arguments[1]) else { return nil }
    let path = arguments[2]
    guard !path.isEmpty, !path.hasPrefix("-") else { return nil }
    // Help and version print at once; do not read a file for them.
    if arguments.contains(where: { ["-h", "--help", "--version", "help"].contains($0) }) { return nil }
    return path
  }
}
