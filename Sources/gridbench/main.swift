import Foundation
import GridCore

// gridbench FILE [REPEATS]: in-process timings of each phase of the path from
// file to answer (median of REPEATS), so that where the time goes is measured,
// not guessed. Used by bench/ scripts; prints one table.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: gridbench FILE [REPEATS] [--hours N]\n".utf8))
  exit(64)
}
let path = arguments[1]
let repeats = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
var hours = 0
if let i = arguments.firstIndex(of: "--hours"), i + 1 < arguments.count { hours = Int(arguments[i + 1]) ?? 0 }

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

var samples: [String: [Double]] = [:]
var order: [String] = []
@MainActor func record(_ name: String, _ body: () throws -> Void) rethrows {
  let start = ContinuousClock.now
  try body()
  if samples[name] == nil { order.append(name) }
  samples[name, default: []].append(seconds(ContinuousClock.now - start))
}

let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
var network = Network(name: "")
var system: DCSystem?
var result: DCFlowResult?
let rawBytes = [UInt8](bytes)
// --tokenize-only: the tokenizer alone, for profiles of it.
let tokenizeOnly = arguments.contains("--tokenize-only")
for _ in 0..<repeats {
  if path.hasSuffix(".m") {
    try record("tokenize matrices only") { _ = try MatpowerReader.countMatrixNumbers(bytes: rawBytes, file: path) }
  }
  if tokenizeOnly { continue }
  try record("read (parse \(bytes.count / 1_000_000) MB)") { network = try NetworkFile.read(path).network }
  try record("build B, islands and factor") { system = try DCSystem(network) }
  guard let system else { break }
  try record("solve (1 snapshot)") { result = try system.solve() }
  guard let result else { break }
  var json: [[UInt8]] = []
  record("format JSON") { json = FlowReport(system: system, result: result).jsonChunks() }
  try record("write JSON") { try AtomicFile.write(chunks: json, to: "/tmp/gridbench.json") }
  // What gridtool does: pieces written as they are formatted.
  try record("format and write JSON (streamed)") {
    let file = try AtomicFile.Stream(path: "/tmp/gridbench.json")
    try FlowReport(system: system, result: result).writeJSON { try file.append($0) }
    try file.commit()
  }
  if hours > 0 {
    let base = system.internalInjectionsMW(OperatingPoint(base: network))
    let block = loadScaledBlock(base, hours: hours)
    try record("solve \(hours) snapshots (one block)") { try solveBlock(system, block, hours: hours) }
  }
}

/// Injections for `hours` snapshots: the base point scaled by a daily shape.
func loadScaledBlock(_ base: [Double], hours: Int) -> [Double] {
  var block = [Double]()
  block.reserveCapacity(base.count * hours)
  for h in 0..<hours {
    let scale = 0.8 + 0.2 * sin(Double(h) * 2 * .pi / 24)
    block += base.map { $0 * scale }
  }
  return block
}

func solveBlock(_ system: DCSystem, _ block: [Double], hours: Int) throws {
  let theta = try system.solveAngles(injectionsMW: block, columns: hours)
  _ = system.branchFlowsMW(angles: theta, columns: hours)
}

let n = network.buses.count
print("\(path): \(n) buses, \(network.branches.count) branches; \(system?.islands.first?.factorizationMethod?.rawValue ?? "-"); median of \(repeats)")
for name in order {
  let s = median(samples[name] ?? [0])
  var line = name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%10.2f ms", s * 1000)
  if name.hasPrefix("read") || name.hasPrefix("tokenize") { line += String(format: "   %.0f MB/s", Double(bytes.count) / s / 1e6) }
  print(line)
}
