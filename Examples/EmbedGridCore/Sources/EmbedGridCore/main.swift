// Solves a network's DC power flow and computes its PTDF with GridCore, then prints both.
//
//   swift run --package-path Examples/EmbedGridCore EmbedGridCore networks/case9.m
import Foundation
import GridCore

let path = CommandLine.arguments.dropFirst().first ?? "networks/case9.m"
do {
  let (network, diagnostics) = try NetworkFile.read(path)
  for diagnostic in diagnostics { print("note: \(diagnostic)") }
  // One thread, to show the parameter; the results are the same with any value.
  let system = try DCSystem(network, parallelism: .serial)
  let flows = try system.solve()
  print("\(network.name): \(network.buses.count) buses, \(network.branches.count) branches")
  for (k, branch) in network.branches.enumerated() {
    print("branch \(k + 1) \(branch.from)-\(branch.to): \(flows.branchFlowMW[k]) MW")
  }
  // Rows = branches, columns = buses: MW of branch flow per MW injected at the bus and taken
  // up by the reference bus.
  let ptdf = try DCSensitivity(system).ptdf()
  print("PTDF \(ptdf.values.rows)×\(ptdf.values.columns)")
  for l in 0..<ptdf.values.rows {
    print((0..<ptdf.values.columns).map { String(format: "%8.4f", ptdf[l, $0]) }.joined(separator: " "))
  }
} catch {
  print("error: \(error)")
  exit(1)
}
