import Foundation
import Testing

/// `--reference`: MATPOWER's first PV bus by default, the largest capacity on request.
struct ReferenceOptionCommandTests {
  @Test func firstPVByDefaultLargestCapacityOnRequest() throws {
    let dir = try GridtoolRunner.temporaryDirectory()
    // case9 with bus 1 a PV bus: no REF bus; generator 2 (bus 2, PMAX 300) is the largest.
    let text = try String(contentsOfFile: GridtoolRunner.network("case9.m"), encoding: .utf8)
      .replacingOccurrences(of: "\t1\t3\t0\t0\t", with: "\t1\t2\t0\t0\t")
    let file = dir.appendingPathComponent("noref.m").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let first = try GridtoolRunner.run(["solve", file])
    #expect(first.status == 0 && first.stdout.contains("slack generator (bus 1)"), "\(first.stdout)")
    #expect(first.stderr.contains("bus 1 (the first PV bus with an in-service generator, as MATPOWER chooses)"), "\(first.stderr)")
    let largest = try GridtoolRunner.run(["solve", file, "--reference", "largest-capacity"])
    #expect(largest.status == 0 && largest.stdout.contains("slack generator (bus 2)"), "\(largest.stdout)")
    #expect(try GridtoolRunner.run(["solve", file, "--reference", "nearest"]).status == 64)
  }
}
