import Foundation
import Testing

@testable import GridCore

#if canImport(Glibc)
  import Glibc
#endif

/// GridCore is a library: it leaves the process it runs in as it found it.
struct ProcessStateTests {
  /// A large dense factorization and solve leave OpenBLAS's thread count where the host set it
  /// (GridCore once set it to 1 and back). Skips when the BLAS linked at run time is not
  /// OpenBLAS (the reference BLAS has no thread count).
  @Test func aLargeDenseSolveLeavesTheBLASThreadsAlone() throws {
    typealias GetThreads = @convention(c) () -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_num_threads") else { return }
    let threads = unsafeBitCast(symbol, to: GetThreads.self)
    let before = threads()
    let n = 2_500
    var triplets: [(row: Int, column: Int, value: Double)] = []
    for i in 0..<n {
      triplets.append((i, i, 4))
      if i + 1 < n {
        triplets.append((i, i + 1, -1))
        triplets.append((i + 1, i, -1))
      }
    }
    let a = SparseMatrix(rows: n, columns: n, triplets: triplets)
    let factorization = try SymmetricSolver.factor(a, backend: .dense)
    #expect(factorization.method == .denseCholesky)
    let x = try SymmetricSolver.solve(a, factorization, rhs: [Double](repeating: 1, count: n * 4), columns: 4)
    #expect(x.allSatisfy { $0.isFinite && $0 > 0 })
    #expect(threads() == before)
  }

  /// What the library's sources may not call: process-wide settings, loading libraries by
  /// hand, ending the process, printing. (A source check: these leave no observable trace
  /// that a test could read back reliably.)
  @Test func librarySourcesDoNotTouchProcessState() throws {
    let forbidden = [
      "dlopen", "dlsym", "mallopt", "madvise", "exit(", "abort(", "setenv", "putenv", "unsetenv", "signal(", "sigaction",
      "openblas_set_num_threads", "fprintf", "puts(", "standardError", "FileHandle.standardOutput", "setvbuf",
      "pthread_create", "pthread_setaffinity", "Thread(", "nonisolated(unsafe)", "chdir",
    ]
    let root = TestPaths.repository.appendingPathComponent("Sources")
    let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0 == "GridCore" || $0.hasPrefix("C") }
    #expect(folders.contains("GridCore") && folders.contains("CGridCoreLAPACK"))
    var checked = 0
    for folder in folders {
      let base = root.appendingPathComponent(folder)
      guard let files = FileManager.default.enumerator(atPath: base.path) else { continue }
      for case let file as String in files where [".swift", ".c", ".h"].contains(where: file.hasSuffix) {
        let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          let code = line.trimmingCharacters(in: .whitespaces)
          // Doc comments show how a caller prints a result; that is the caller's code.
          if code.hasPrefix("///") { continue }
          // A semaphore's `.signal()` is not the C function `signal(`.
          let unmethod = code.replacingOccurrences(of: ".signal(", with: ".")
          for word in forbidden where unmethod.contains(word) {
            Issue.record("Sources/\(folder)/\(file):\(number + 1): library code uses '\(word)'")
          }
          if code.hasPrefix("print(") || code.contains(" print(") { Issue.record("Sources/\(folder)/\(file):\(number + 1): prints") }
        }
        checked += 1
      }
    }
    #expect(checked > 50)
  }
}
