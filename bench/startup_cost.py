#!/usr/bin/env python3
"""What starting a process costs before gridtool's `main`: an empty C program linked
against the libraries gridtool links (HiGHS, CHOLMOD, KLU, AMD, LAPACK/BLAS), each
group alone and all together, with Debian's OpenBLAS and with the reference BLAS, and
`gridtool --version` when a binary is given.

    python3 bench/startup_cost.py [--gridtool .build-bench/release/gridtool] [--runs 200]

Each program is run --runs times, the variants interleaved; medians and 10th
percentiles of the wall time from spawn to exit (Python's spawn included, about the
same for every row). Needs cc and pkg-config (highs.pc: scripts/ensure-deps.sh).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas:/usr/lib/x86_64-linux-gnu/lapack"


def pkg_libs(name, fallback):
    try:
        return subprocess.run(["pkg-config", "--libs", name], check=True, capture_output=True,
                              text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return fallback


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gridtool", help="a gridtool binary: `--version` is timed too")
    p.add_argument("--runs", type=int, default=200)
    a = p.parse_args()
    if not shutil.which("cc"):
        sys.exit("startup_cost.py: needs a C compiler (cc)")
    highs = pkg_libs("highs", ["-lhighs"])
    suitesparse = ["-lcholmod", "-lklu", "-lamd", "-lsuitesparseconfig"]
    blas = ["-llapack", "-lblas"]
    groups = {
        "nothing": [],
        "LAPACK/BLAS": blas,
        "SuiteSparse + LAPACK/BLAS": suitesparse + blas,
        "HiGHS": highs,
        "all of gridtool's": highs + suitesparse + blas,
    }
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "empty.c")
        with open(source, "w") as f:
            f.write("int main(void) { return 0; }\n")
        rows = []
        for name, libs in groups.items():
            binary = os.path.join(tmp, f"empty{len(rows)}")
            subprocess.run(["cc", "-O2", source, "-o", binary, "-Wl,--no-as-needed"] + libs, check=True)
            rows.append((f"empty C program linking {name}", [binary], {}))
            if libs and "-lblas" in libs:
                rows.append((f"empty C program linking {name}, reference BLAS", [binary], {"LD_LIBRARY_PATH": REFERENCE_BLAS}))
        if a.gridtool:
            rows.append(("gridtool --version", [a.gridtool, "--version"], {}))
            rows.append(("gridtool --version, reference BLAS", [a.gridtool, "--version"], {"LD_LIBRARY_PATH": REFERENCE_BLAS}))
        times = {label: [] for label, _, _ in rows}
        for _ in range(a.runs):
            for label, command, extra in rows:
                env = dict(os.environ, **extra)
                start = time.perf_counter()
                subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
                times[label].append(time.perf_counter() - start)
    width = max(len(label) for label, _, _ in rows)
    print(f"{'program':<{width}}  median ms  p10 ms")
    for label, _, _ in rows:
        v = sorted(times[label])
        print(f"{label:<{width}}  {statistics.median(v) * 1000:9.2f}  {v[len(v) // 10] * 1000:6.2f}")


if __name__ == "__main__":
    main()
