import FuzzTargets
import Foundation

#if GRIDCORE_LIBFUZZER
  // Built by scripts/fuzz.sh with -sanitize=fuzzer,address: libFuzzer's main calls this for
  // every input of the target that GRIDCORE_FUZZ_TARGET names.
  private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["GRIDCORE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.named(name) else {
      fatalError("GRIDCORE_FUZZ_TARGET='\(name)'; targets: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
    }
    return target
  }()

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }
#else
  /// Without the sanitizers: runs the files given (a corpus, a crash input) through a target,
  /// `gridcore-fuzz TARGET FILE...`, for replaying what libFuzzer found in a debugger.
  @main
  struct Replay {
    static func main() throws {
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let target = FuzzTarget.named(name) else {
        print("usage: gridcore-fuzz TARGET FILE...; targets: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
        exit(64)
      }
      for path in arguments.dropFirst() {
        target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        print("\(path): ok")
      }
    }
  }
#endif
