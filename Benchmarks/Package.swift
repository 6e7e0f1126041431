// swift-tools-version:6.3
// In-process timings of GridCore's phases on the ecosystem's harness, ordo-one/benchmark
// (6.3: the harness needs it). A package of its own, so that the library and its tests do
// not build the harness:
//
//   swift package --package-path Benchmarks benchmark                      # run, print
//   swift package --package-path Benchmarks --allow-writing-to-package-directory \
//     benchmark baseline update main                                        # keep a baseline
//   swift package --package-path Benchmarks benchmark baseline compare main # compare with it
//
// The case: $GRIDCORE_BENCH_CASE, else ../shared/cases/case9241pegase.m beside the
// repository, else networks/xinjiang-2024.yaml. Whole-process comparisons with the peer
// tools stay in bench/ (bench/run.sh).
import PackageDescription

let package = Package(
  name: "GridCoreBenchmarks",
  dependencies: [
    .package(name: "gridtool", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "GridCorePhases",
      dependencies: [
        .product(name: "GridCore", package: "gridtool"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "GridCorePhases",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
