#!/usr/bin/env python3
"""Whether this machine runs two threads of one process side by side within a short
run, and how much of gridtool's parallel work overlaps here.

    python3 bench/parallel_probe.py [--gridtool .build-bench/release/gridtool] [--case FILE] [--runs 40]

1. A C probe (built with cc): a worker thread waits on a semaphore; 20 times, the main
   thread wakes it and both spin for 2 ms. On two free cores each round takes about
   2 ms; a round that takes about 4 ms ran the two threads one after the other on one
   CPU. Run as the kernel places the threads, then with each pinned to a CPU of its own
   (the control: the CPUs are there). Prints the rounds that overlapped, the median
   round, and the kernel's `sched_vcpu_pack` setting where the kernel has one (some VM
   kernels pack the threads of a process onto one virtual CPU).
2. With --gridtool: `gridtool solve CASE --format json -o FILE` --runs times: medians of
   wall time and of user + system CPU time, and their ratio (the cores busy on average).

What it says is about the machine, not about gridtool: a figure measured where threads
are packed is not comparable with one measured where they are not (bench/README.md).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PROBE = r"""
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static void spin(double ms) { double t = now(); while (now() - t < ms) {} }
static sem_t go, done;
static int pinned;
static void pin(int cpu) {
  cpu_set_t set; CPU_ZERO(&set); CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
static void *worker(void *unused) { if (pinned) pin(1); for (;;) { sem_wait(&go); spin(2); sem_post(&done); } return unused; }
int main(int argc, char **argv) {
  pinned = argc > 1;
  if (pinned) pin(0);
  sem_init(&go, 0, 0); sem_init(&done, 0, 0);
  pthread_t t; pthread_create(&t, 0, worker, 0);
  usleep(20000);
  for (int i = 0; i < 20; i++) {
    usleep(i % 2 ? 1000 : 20000);
    double t0 = now(); sem_post(&go); spin(2); sem_wait(&done);
    printf("%.3f\n", now() - t0);
  }
  return 0;
}
"""


def probe():
    if not shutil.which("cc"):
        sys.exit("parallel_probe.py: needs a C compiler (cc)")
    with tempfile.TemporaryDirectory() as d:
        src, exe = os.path.join(d, "probe.c"), os.path.join(d, "probe")
        with open(src, "w") as f:
            f.write(PROBE)
        subprocess.run(["cc", "-O2", src, "-o", exe, "-lpthread"], check=True)
        def rounds_of(*arguments):
            text = subprocess.run([exe, *arguments], check=True, capture_output=True, text=True).stdout
            return [float(x) for x in text.split()]
        free = rounds_of()
        pinned = rounds_of("pinned") if (os.cpu_count() or 1) >= 2 else None
    pack = "/proc/sys/kernel/sched_vcpu_pack"
    setting = open(pack).read().strip() if os.path.exists(pack) else "not present"
    print(f"kernel.sched_vcpu_pack: {setting}; CPUs: {os.cpu_count()}")
    for label, rounds in (("as the kernel places them", free), ("pinned to CPUs 0 and 1", pinned)):
        if rounds:
            overlapped = sum(1 for r in rounds if r < 3.0)
            print(f"two threads, 2 ms each, {label}: {overlapped} of {len(rounds)} rounds overlapped; "
                  f"median round {statistics.median(rounds):.2f} ms (2 = side by side, 4 = one after the other)")


def gridtool_cpu(binary, case, runs):
    out = os.path.join(tempfile.gettempdir(), f"parallel-probe-{os.getpid()}.json")
    wall, cpu = [], []
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.Popen([binary, "solve", case, "--format", "json", "-o", out],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            wall.append(time.perf_counter() - t0)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"parallel_probe.py: gridtool solve {case} failed")
            cpu.append(usage.ru_utime + usage.ru_stime)
    finally:
        if os.path.exists(out):
            os.unlink(out)
    w, c = statistics.median(wall), statistics.median(cpu)
    print(f"gridtool solve {os.path.basename(case)}: wall {w * 1e3:.1f} ms, CPU {c * 1e3:.1f} ms "
          f"(user + system), {c / w:.2f} cores busy on average; medians of {runs}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gridtool", help="a gridtool binary: its CPU and wall time are measured too")
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--case", default=os.path.join(here, "..", "..", "shared", "cases", "case9241pegase.m"))
    p.add_argument("--runs", type=int, default=40)
    a = p.parse_args()
    probe()
    if a.gridtool:
        if not os.path.exists(a.case):
            sys.exit(f"parallel_probe.py: no case at {a.case} (--case FILE)")
        gridtool_cpu(a.gridtool, a.case, a.runs)


if __name__ == "__main__":
    main()
