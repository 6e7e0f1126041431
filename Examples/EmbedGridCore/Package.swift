// swift-tools-version:6.2
// A program of its own that embeds GridCore, as a user's package would: a path
// dependency on this repository and no glue code. Built and run by scripts/test.sh.
import PackageDescription

let package = Package(
  name: "EmbedGridCore",
  dependencies: [.package(name: "gridtool", path: "../..")],
  targets: [
    .executableTarget(name: "EmbedGridCore", dependencies: [.product(name: "GridCore", package: "gridtool")])
  ]
)
