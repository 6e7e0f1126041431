#define _GNU_SOURCE
#include "CGridCoreFile.h"

#include <fcntl.h>

int gridcore_start_writeback(int descriptor, long long offset, long long count) {
  return sync_file_range(descriptor, (off_t)offset, (off_t)count, SYNC_FILE_RANGE_WRITE);
}
