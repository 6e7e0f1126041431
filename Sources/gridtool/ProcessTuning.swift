import GridtoolGlibcMalloc
import Glibc
import Synchronization

/// gridtool's settings for its own process, applied once at the start of `main`. They are
/// gridtool's choice as a short-lived program that allocates and frees large arrays; GridCore,
/// a library, never changes the process it runs in.
enum ProcessTuning {
  /// False when `GRIDTOOL_NO_PROCESS_TUNING` is set: gridtool then leaves its process as it
  /// starts (no allocator or BLAS settings, no early read, a plain `exit`), to measure what
  /// these settings buy (bench/README.md).
  static let isOn = getenv("GRIDTOOL_NO_PROCESS_TUNING") == nil

  /// The allocator, huge-page and BLAS settings below, unless ``isOn`` is false.
  static func apply() {
    guard isOn else { return }
    keepFreedMemory()
    adviseHugePages(heapBytes: 1 << 30)
    blasOnOneThread()
  }

  /// Reading a large case, building its model and writing its report allocate and free
  /// hundreds of megabytes in large arrays. By default glibc gives large freed blocks back to
  /// the kernel at once, and the next large array gets fresh pages, each zero-filled on first
  /// touch: for case_ACTIVSg70k a quarter of the run went to page faults. Here every block
  /// comes from the heap and is reused, the heap is not trimmed, and all threads share one
  /// arena. Right for a process that exits after one job; wrong for a long-lived host.
  private static func keepFreedMemory() {
    _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
    _ = mallopt(M_MMAP_MAX, 0)
    _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
    _ = mallopt(M_ARENA_MAX, 1)
  }

  /// Grows the heap by `heapBytes` of address space (no memory is touched, so none is used)
  /// and asks the kernel to back it with 2 MB pages where it can (`MADV_HUGEPAGE`; Debian's
  /// default is transparent huge pages on request only). One fault then maps 2 MB instead of
  /// 4 kB. Freeing the block leaves it as the heap's free top (the heap is never trimmed),
  /// where the arrays of the run are then carved. If the kernel refuses, nothing changes.
  private static func adviseHugePages(heapBytes: Int) {
    let hugePage = UInt(2 << 20)
    guard let block = malloc(heapBytes) else { return }
    let first = (UInt(bitPattern: block) + hugePage - 1) & ~(hugePage - 1)
    let end = (UInt(bitPattern: block) + UInt(heapBytes)) & ~(hugePage - 1)
    if end > first, let start = UnsafeMutableRawPointer(bitPattern: first) {
      _ = madvise(start, Int(end - first), MADV_HUGEPAGE)
    }
    free(block)
  }

  /// Keeps what a command made until the process ends, when ``isOn``: ``exitAfterSuccess()``
  /// then gives the memory back with the process, instead of the command freeing a large
  /// network's arrays, names and factorization piece by piece on its way out (for a
  /// `solve` of case9241pegase: 16,049 branches and 9,241 buses, each with its strings).
  static func keepUntilExit(_ values: any Sendable...) {
    guard isOn else { return }
    kept.withLock { $0.append(contentsOf: values) }
  }

  private static let kept = Mutex<[any Sendable]>([])

  /// Ends the process once a command has succeeded and its output is written: C streams are
  /// flushed, then `_exit(0)` skips the exit handlers. They only free memory the kernel frees
  /// anyway, at a cost: HiGHS, linked, registers a destructor for each of its static strings,
  /// and glibc walks that list once per loaded library (about 1 ms of every run, a few per
  /// cent of a `solve` of case9241pegase). Output files are complete before this point
  /// (``OutputSink`` commits them; their data is in the kernel, which writes it out).
  /// With ``isOn`` false it exits through `exit(0)`.
  static func exitAfterSuccess() -> Never {
    fflush(nil)
    if !isOn { exit(0) }
    _exit(0)
  }

  /// GridCore's dense systems are small and its parallel work is its own (``Parallelism``).
  /// OpenBLAS, linked, starts a worker per extra core when it loads, and an idle worker spins
  /// (`sched_yield`) for about 0.1 s before it sleeps: on two cores it takes one from GridCore
  /// for a whole short run (case9241pegase went from 31 to 44 ms). So gridtool runs OpenBLAS on
  /// one thread and stops its workers, unless the user chose (`OPENBLAS_NUM_THREADS`,
  /// `OMP_NUM_THREADS`). The library is already loaded, so its functions are looked up, not
  /// loaded; with another BLAS (the reference one) there are none and nothing changes.
  private static func blasOnOneThread() {
    guard getenv("OPENBLAS_NUM_THREADS") == nil, getenv("OMP_NUM_THREADS") == nil else { return }
    let loaded = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT: the libraries already loaded
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias Shutdown = @convention(c) () -> Int32
    guard let set = dlsym(loaded, "openblas_set_num_threads") else { return }
    unsafeBitCast(set, to: SetThreads.self)(1)
    if let shutdown = dlsym(loaded, "blas_thread_shutdown_") { _ = unsafeBitCast(shutdown, to: Shutdown.self)() }
  }
}
