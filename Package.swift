// swift-tools-version:6.2
// 6.2: GridCore reads arrays through `Span` (Swift 6.2). Linux only: the numeric
// libraries are Debian's, and HiGHS PyPI's (scripts/ensure-deps.sh installs them).
import PackageDescription

let package = Package(
  name: "gridtool",
  // MARK: - Public API
  products: [
    .library(name: "GridCore", targets: ["GridCore"]),
    .executable(name: "gridtool", targets: ["gridtool"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    // `swift package generate-documentation --target GridCore` (the DocC catalog).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // MARK: - Implementation details
    // The numeric libraries, linked (Debian: liblapack-dev, libblas-dev, libopenblas-dev as the
    // run-time implementation, libsuitesparse-dev). Each module map declares what GridCore uses.
    .systemLibrary(
      name: "CGridCoreLAPACK", pkgConfig: "lapack",
      providers: [.apt(["liblapack-dev", "libblas-dev", "libopenblas-dev"])]),
    .systemLibrary(name: "CGridCoreSuiteSparse", providers: [.apt(["libsuitesparse-dev"])]),
    // HiGHS, the LP/QP solver of the DC OPF. Debian 12 has no package: scripts/ensure-deps.sh
    // installs PyPI's highsbox build into /usr/local with a highs.pc (docs/opf.md).
    .systemLibrary(name: "CGridCoreHiGHS", pkgConfig: "highs"),
    // sync_file_range, which Swift's Glibc module leaves out (AtomicFile). Target names carry
    // the project's name: they must be unique in any package graph that embeds GridCore
    // (swift-system has a CSystem, accelerate-linux a CLAPACK).
    .target(name: "CGridCoreFile"),
    .target(
      name: "GridCore",
      dependencies: [
        "CGridCoreLAPACK", "CGridCoreSuiteSparse", "CGridCoreHiGHS", "CGridCoreFile",
        .product(name: "Yams", package: "Yams"),
      ]),
    // glibc's allocator settings, for gridtool's own process (never GridCore's business).
    .systemLibrary(name: "GridtoolGlibcMalloc"),
    .executableTarget(
      name: "gridtool",
      dependencies: [
        "GridCore", "GridtoolGlibcMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // In-process timings of each phase, for the benchmarks in bench/.
    .executableTarget(name: "gridbench", dependencies: ["GridCore"]),
    // MARK: - Unit test bundles
    .testTarget(name: "GridCoreTests", dependencies: ["GridCore"]),
    .testTarget(name: "gridtoolTests", dependencies: ["gridtool", "GridCore"]),
  ]
)
