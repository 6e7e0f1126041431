// A glibc call that Swift's Glibc module leaves out, for GridCore's AtomicFile
// (early write-back of a file being written).
#ifndef GRIDCORE_CGRIDCOREFILE_H
#define GRIDCORE_CGRIDCOREFILE_H

// Starts writing `count` bytes at `offset` of `descriptor` to disk without waiting
// (sync_file_range with SYNC_FILE_RANGE_WRITE), so that the fsync at the end waits
// for little. Returns 0, or -1 with errno set (e.g. a file system that has no such call).
int gridcore_start_writeback(int descriptor, long long offset, long long count);

#endif
