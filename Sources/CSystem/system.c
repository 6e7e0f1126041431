#define _GNU_SOURCE
#include "CSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

int gridcore_start_writeback(int descriptor, long long offset, long long count) {
  return sync_file_range(descriptor, (off_t)offset, (off_t)count, SYNC_FILE_RANGE_WRITE);
}

struct gridcore_thread_start {
  void (*body)(void *);
  void *context;
  cpu_set_t allowed;
};

static void *gridcore_thread_main(void *argument) {
  struct gridcore_thread_start start = *(struct gridcore_thread_start *)argument;
  free(argument);
  // Free to move again: the placement was only for the start.
  pthread_setaffinity_np(pthread_self(), sizeof start.allowed, &start.allowed);
  start.body(start.context);
  return NULL;
}

int gridcore_start_thread(void (*body)(void *), void *context) {
  struct gridcore_thread_start *start = malloc(sizeof *start);
  if (start == NULL) return ENOMEM;
  start->body = body;
  start->context = context;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  int here = sched_getcpu();
  if (sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0) {
    cpu_set_t elsewhere = start->allowed;
    if (here >= 0 && here < CPU_SETSIZE) CPU_CLR(here, &elsewhere);
    if (CPU_COUNT(&elsewhere) > 0) pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere);
  } else {
    CPU_ZERO(&start->allowed);
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) CPU_SET(cpu, &start->allowed);
  }
  pthread_t thread;
  int failed = pthread_create(&thread, &attributes, gridcore_thread_main, start);
  pthread_attr_destroy(&attributes);
  if (failed) free(start);
  return failed;
}
