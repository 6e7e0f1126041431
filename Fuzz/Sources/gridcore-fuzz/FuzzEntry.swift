import CLibFuzzer
import Foundation
import FuzzTargets

/// `gridcore-fuzz TARGET FILE...` replays inputs (a corpus, a crash) through a target. Built by
/// scripts/fuzz.sh with -sanitize=fuzzer,address and GRIDCORE_LIBFUZZER, it is libFuzzer itself:
/// the target is GRIDCORE_FUZZ_TARGET and the arguments are libFuzzer's.
@main
struct FuzzMain {
  static func main() throws {
    #if GRIDCORE_LIBFUZZER
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    #else
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let target = FuzzTarget.named(name) else {
        print("usage: gridcore-fuzz TARGET FILE...; targets: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
        exit(64)
      }
      for path in arguments.dropFirst() {
        target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        print("\(path): ok")
      }
    #endif
  }
}

/// The target GRIDCORE_FUZZ_TARGET names.
private let target: FuzzTarget = {
  let name = ProcessInfo.processInfo.environment["GRIDCORE_FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget.named(name) else {
    fatalError("GRIDCORE_FUZZ_TARGET='\(name)'; targets: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
  }
  return target
}()

/// libFuzzer's callback: one input.
private func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  return 0
}
