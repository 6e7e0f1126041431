// glibc functions that Swift's Glibc module leaves out, for GridCore's ProcessSetup
// (mallopt) and AtomicFile (early write-back of a file being written).
#ifndef GRIDCORE_CSYSTEM_H
#define GRIDCORE_CSYSTEM_H

#include <malloc.h>

// Starts writing `count` bytes at `offset` of `descriptor` to disk without waiting
// (sync_file_range with SYNC_FILE_RANGE_WRITE), so that the fsync at the end waits
// for little. Returns 0, or -1 with errno set (e.g. a file system that has no such call).
int gridcore_start_writeback(int descriptor, long long offset, long long count);

// Runs `body(context)` on a new detached thread that starts on another CPU than the caller's
// and may then move anywhere the process may run. Left to itself, Linux often starts a new
// thread on its creator's CPU and moves it to an idle one only at the next load balancing:
// on this project's 2-CPU virtual machines that kept a new thread waiting 1 to 4 ms while
// the other CPU idled. Returns 0, or an errno value when no thread could be made.
int gridcore_start_thread(void (*body)(void *), void *context);

#endif
