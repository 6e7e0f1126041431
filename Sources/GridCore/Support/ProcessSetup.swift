#if canImport(Glibc)
  import CMalloc
#endif

/// Settings for a program built on GridCore, applied once at its start (gridtool does).
public enum ProcessSetup {
  /// Keeps freed memory in the process and quiets idle BLAS threads.
  ///
  /// Reading a large case, building its model and writing its report allocate and free
  /// hundreds of megabytes in large arrays. By default glibc gives large freed blocks back to
  /// the kernel at once, and the next large array gets fresh pages, each zero-filled on first
  /// touch: for case_ACTIVSg70k a quarter of the run went to page faults. Large blocks up to
  /// glibc's limit (32 MB) now come from the heap and are reused, the heap is not trimmed,
  /// and all threads share one arena (the worker threads allocate a few large blocks).
  public static func apply() {
    #if canImport(Glibc)
      _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
      _ = mallopt(M_ARENA_MAX, 1)
    #endif
    SymmetricSolver.prepareThreads()
  }
}
