import Benchmark
import Foundation
import GridCore

/// The phases of `gridtool solve CASE --format json`, each timed on its own: read the case,
/// build the DC model and factor it, solve, format the JSON report.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(5), maxIterations: 100)
  let path = benchmarkCase()
  let name = URL(fileURLWithPath: path).lastPathComponent
  guard let network = try? NetworkFile.read(path).network, let system = try? DCSystem(network),
    let result = try? system.solve()
  else {
    Benchmark("cannot read or solve \(path)") { _ in }
    return
  }

  Benchmark("read \(name)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try NetworkFile.read(path)) }
  }
  Benchmark("read \(name), serial") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try NetworkFile.read(path, parallelism: .serial)) }
  }
  Benchmark("build B and factor \(name)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try DCSystem(network)) }
  }
  Benchmark("solve \(name)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try system.solve()) }
  }
  Benchmark("format JSON \(name)") { benchmark in
    let report = FlowReport(system: system, result: result)
    for _ in benchmark.scaledIterations {
      var bytes = 0
      report.writeJSON { bytes += $0.count }
      blackHole(bytes)
    }
  }
}

/// $GRIDCORE_BENCH_CASE, else case9241pegase from ../shared/cases, else the bundled Xinjiang grid.
func benchmarkCase() -> String {
  if let path = ProcessInfo.processInfo.environment["GRIDCORE_BENCH_CASE"] { return path }
  let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let pegase = repository.deletingLastPathComponent().appendingPathComponent("shared/cases/case9241pegase.m").path
  if FileManager.default.fileExists(atPath: pegase) { return pegase }
  return repository.appendingPathComponent("networks/xinjiang-2024.yaml").path
}
