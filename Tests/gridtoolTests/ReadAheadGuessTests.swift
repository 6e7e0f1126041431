import Testing

@testable import gridtool

/// gridtool starts reading the network while it parses its arguments, when it can tell the
/// file from the command line; the guess must never pick something that is not the file.
struct ReadAheadGuessTests {
  @Test func theFileRightAfterACommandThatReadsANetwork() {
    #expect(ReadAhead.networkPath(in: ["gridtool", "solve", "case.m", "-f", "json"]) == "case.m")
    #expect(ReadAhead.networkPath(in: ["gridtool", "ptdf", "net.yaml"]) == "net.yaml")
    #expect(ReadAhead.networkPath(in: ["gridtool", "contingency", "case.m", "--top", "5"]) == "case.m")
  }

  @Test func noGuessOtherwise() {
    #expect(ReadAhead.networkPath(in: ["gridtool"]) == nil)
    #expect(ReadAhead.networkPath(in: ["gridtool", "solve"]) == nil)
    // Options first: the file's position is not known without parsing.
    #expect(ReadAhead.networkPath(in: ["gridtool", "solve", "-f", "json", "case.m"]) == nil)
    // Commands whose first argument is not a network file.
    #expect(ReadAhead.networkPath(in: ["gridtool", "scenario", "year.yaml"]) == nil)
    #expect(ReadAhead.networkPath(in: ["gridtool", "validate", "year.yaml"]) == nil)
    // Help and version print at once.
    #expect(ReadAhead.networkPath(in: ["gridtool", "solve", "case.m", "--help"]) == nil)
    #expect(ReadAhead.networkPath(in: ["gridtool", "help", "solve"]) == nil)
  }
}
