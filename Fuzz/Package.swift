// swift-tools-version:6.2
// libFuzzer targets for GridCore's readers (docs/robustness.md): a package of its own, so that
// the normal `swift build` / `swift test` never see the sanitizer flags. GridCore comes by path.
//
//   scripts/fuzz.sh yaml 600     # build with -sanitize=fuzzer,address and fuzz 10 minutes
//   swift run --package-path Fuzz gridcore-fuzz yaml FILE...   # replay inputs, no sanitizer
import PackageDescription

let package = Package(
  name: "GridCoreFuzz",
  dependencies: [.package(name: "gridtool", path: "..")],
  targets: [
    .target(name: "FuzzTargets", dependencies: [.product(name: "GridCore", package: "gridtool")]),
    // libFuzzer's LLVMFuzzerRunDriver, declared for Swift: SwiftPM gives the executable a main.
    .target(name: "CLibFuzzer"),
    .executableTarget(name: "gridcore-fuzz", dependencies: ["FuzzTargets", "CLibFuzzer"]),
  ]
)
