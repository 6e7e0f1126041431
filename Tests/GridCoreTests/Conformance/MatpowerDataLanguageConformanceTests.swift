import Foundation
import Testing

@testable import GridCore

/// The 26 MATPOWER 8.1 cases that hold a little MATLAB (../shared/cases/matpower-data: column
/// arithmetic after `idx_bus`, `50/3` in matrices, `if fixed ... end`) against MATPOWER's own
/// `rundcpf` of each case as `loadcase` evaluates it; the bar of ``MatpowerConformanceTests``.
/// Skipped when ../shared is absent.
@Suite(.enabled(if: TestPaths.shared("matpower-data/case69.m") != nil, "../shared/cases/matpower-data not present"))
struct MatpowerDataLanguageConformanceTests {
  static let cases = [
    "case10ba", "case118zh", "case12da", "case136ma", "case141", "case15da", "case15nbr", "case16am", "case16ci", "case18nbr",
    "case22", "case28da", "case33bw", "case33mg", "case34sa", "case38si", "case51ga", "case51he", "case533mt_hi", "case533mt_lo",
    "case69", "case70da", "case74ds", "case8387pegase", "case85", "case94pi",
  ]

  @Test(arguments: cases)
  func matchesRundcpf(name: String) throws {
    let reference = try #require(try TestPaths.sharedJSON("matpower-data/\(name).dcpf.json"))
    let path = try #require(TestPaths.shared("matpower-data/\(name).m"))
    let network = try MatpowerReader.read(contentsOf: path).network
    #expect(isClose(network.baseMVA, try #require(reference["baseMVA"] as? Double), absolute: 0, relative: 1e-15))
    let result = try DCSystem(network).solve()
    try MatpowerConformanceTests().compare(result, network, reference, name: name)
    try expectBalance(network, result, tolerance: 1e-9)
  }

  /// The converted values themselves: ohms to per unit and kW to MW, as MATPOWER computes them.
  @Test func convertsOhmsAndKilowatts() throws {
    let path = try #require(TestPaths.shared("matpower-data/case69.m"))
    let network = try MatpowerReader.read(contentsOf: path).network
    // Vbase = 12.66 kV, Sbase = 10 MVA: z_base = 12660² / 10⁷ Ω; bus 2..: Pd in kW / 1e3.
    let zBase = 12.66e3 * 12.66e3 / 10e6
    #expect(isClose(network.branches[0].reactancePU, 0.0012 / zBase, absolute: 0, relative: 1e-15))
    #expect(isClose(network.buses[6].loadMW, 40.4 / 1e3, absolute: 0, relative: 1e-15))
  }
}
