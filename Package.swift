// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "gridtool",
  platforms: [.macOS(.v13)],
  // MARK: - Public API
  products: [
    .library(name: "GridCore", targets: ["GridCore"]),
    .executable(name: "gridtool", targets: ["gridtool"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    // MARK: - Implementation details
    // LAPACK/BLAS and CHOLMOD, opened on first use; KLU, linked (Debian: liblapack-dev,
    // libopenblas-dev, libsuitesparse-dev; scripts/ensure-deps.sh installs them).
    .target(name: "CNumerics", linkerSettings: [.linkedLibrary("klu"), .linkedLibrary("amd"), .linkedLibrary("dl")]),
    // glibc calls Swift's Glibc module leaves out: mallopt (ProcessSetup), sync_file_range (AtomicFile).
    .target(name: "CSystem"),
    .target(
      name: "GridCore",
      dependencies: ["CNumerics", "CSystem", .product(name: "Yams", package: "Yams")]),
    .executableTarget(
      name: "gridtool",
      dependencies: [
        "GridCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // In-process timings of each phase, for the benchmarks in bench/.
    .executableTarget(name: "gridbench", dependencies: ["GridCore"]),
    // MARK: - Unit test bundles
    .testTarget(name: "GridCoreTests", dependencies: ["GridCore"]),
    .testTarget(name: "gridtoolTests", dependencies: ["gridtool", "GridCore"]),
  ]
)
