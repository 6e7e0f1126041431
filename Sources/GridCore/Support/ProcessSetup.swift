#if canImport(Glibc)
  import CSystem
  import Glibc
#endif

/// Settings for a program built on GridCore, applied once at its start (gridtool does).
public enum ProcessSetup {
  /// Keeps freed memory in the process and backs the heap with huge pages.
  ///
  /// Reading a large case, building its model and writing its report allocate and free
  /// hundreds of megabytes in large arrays. By default glibc gives large freed blocks back to
  /// the kernel at once, and the next large array gets fresh pages, each zero-filled on first
  /// touch: for case_ACTIVSg70k a quarter of the run went to page faults. Now every block
  /// comes from the heap and is reused, the heap is not trimmed, and all threads share one
  /// arena (the worker threads allocate a few large blocks).
  public static func apply() {
    #if canImport(Glibc)
      _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
      _ = mallopt(M_MMAP_MAX, 0)
      _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
      _ = mallopt(M_ARENA_MAX, 1)
      adviseHugePages(heapBytes: 1 << 30)
    #endif
  }

  #if canImport(Glibc)
    /// Grows the heap by `heapBytes` of address space (no memory is touched, so none is used)
    /// and asks the kernel to back it with 2 MB pages where it can (`MADV_HUGEPAGE`; Debian's
    /// default is transparent huge pages on request only). One fault then maps 2 MB instead
    /// of 4 kB: on case_ACTIVSg70k the whole run went from 317 to 251 ms (mean of 20) and
    /// system time from 90 to 40 ms; case9241pegase from 59 to 44 ms. Freeing the block
    /// leaves it as the heap's free top (the heap is never trimmed), where the arrays of the
    /// run are then carved. If the kernel refuses either step, nothing changes.
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
  #endif
}
