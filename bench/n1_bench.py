#!/usr/bin/env python3
"""N-1 of a whole case, three ways, in one run (issue 17): gridtool against lightsim2grid's
ContingencyAnalysisCPP and the numpy + CHOLMOD floor.

    bench/.venv/bin/python bench/n1_bench.py [--cases case2383wp,case9241pegase] [--reps 5]
                                             [--tools gridtool,lightsim2grid,cholmod] [--gridtool PATH]

Every run is a process of its own, timed from spawn to exit (wall clock; CPU time, user +
system of every thread, and peak RSS from wait4); the table gives medians over --reps runs (fewer when a tool's first run shows that
they would not fit --budget seconds), the first run of each tool on the first case being a
warm-up (page cache, byte-compiled Python), not counted.

  gridtool       `gridtool contingency CASE --format json --output OUT`: every in-service
                 branch's outage (islanding ones included), post-contingency flows of every
                 branch, worst loading per outage and per branch, violations, JSON written
  lightsim2grid  bench/n1_run.py lightsim2grid: the grid of `init_from_matpower`,
                 `ContingencyAnalysisCPP` with DC_KLU, all N-1, the outages × branches flow
                 matrix, worst loadings in numpy
  cholmod        bench/n1_run.py cholmod: the floor, the same linear algebra in numpy +
                 scikit-sparse (one factorization, blocks of 256 transfer solves, LODF, worst
                 loadings; islanding outages by gridtool's rule when the reference survives)

Columns: *whole s* (median, and the fastest run), *CPU s* (median of the whole process's
CPU time), *in-process s* (the Python tools' own load + N-1 time, wall and CPU,
interpreter start and imports excluded; gridtool: the whole process), *RSS MB*, and the
agreement with gridtool: the largest |difference| of the worst loading per outage (%, over
the outages both have: lightsim2grid has none for islanding outages) and per branch
(cholmod). Then the goals, each from wall and from CPU times: lightsim2grid's in-process
load + N-1 over gridtool's whole process (≥ 10), gridtool's whole process over the floor's
in-process time (≤ 2); and gridtool's peak RSS over that of `gridtool solve` on the same
case, the case's own model (≤ 4).

Cases come from ../shared/cases (or $GRIDTOOL_SHARED_CASES); a missing case is skipped.
The gridtool binary is --gridtool, else $GRIDTOOL, else .build-bench/release/gridtool
(bench/setup.sh builds it), else .build/release/gridtool.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", default="case2383wp,case9241pegase")
    p.add_argument("--tools", default="gridtool,lightsim2grid,cholmod")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--budget", type=float, default=240, help="seconds per case and tool")
    p.add_argument("--gridtool")
    p.add_argument("--out", default=os.path.join(HERE, "out", "n1"))
    a = p.parse_args()
    if not a.gridtool:
        candidates = [os.environ.get("GRIDTOOL", ""), os.path.join(REPO, ".build-bench/release/gridtool"),
                      os.path.join(REPO, ".build/release/gridtool")]
        a.gridtool = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
        if not a.gridtool:
            sys.exit("no gridtool binary: run bench/setup.sh, or pass --gridtool PATH")
    return a


def case_path(name):
    root = os.environ.get("GRIDTOOL_SHARED_CASES", os.path.join(REPO, "..", "shared", "cases"))
    path = os.path.join(root, name + ".m")
    return path if os.path.exists(path) else None


def run(cmd):
    """(exit status, wall s, CPU s, peak RSS MB, stderr)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, err


def command(tool, path, out, a):
    if tool == "gridtool":
        return [a.gridtool, "contingency", path, "--format", "json", "--output", out]
    if tool == "model":
        return [a.gridtool, "solve", path, "--format", "json", "--output", out]
    return [sys.executable, os.path.join(HERE, "n1_run.py"), tool, path, out]


def ok(tool, code):
    # gridtool contingency exits 2 when it finds violations: the job ran.
    return code == 0 or (tool == "gridtool" and code == 2)


def bench(tool, path, a, warm):
    out = os.path.join(a.out, f"{tool}-{os.path.basename(path)}.json")
    if warm:
        run(command(tool, path, out, a))
    walls, cpus, rss, inproc, inproc_cpu = [], [], 0.0, [], []
    reps = a.reps
    for i in range(reps):
        if os.path.exists(out):
            os.remove(out)
        code, wall, cpu, mb, err = run(command(tool, path, out, a))
        if not ok(tool, code):
            return {"tool": tool, "failed": f"exit {code}: {err.strip()[-200:]}"}
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, mb)
        if tool in ("lightsim2grid", "cholmod"):
            r = json.load(open(out))
            inproc.append(r["load_s"] + r["n1_s"])
            inproc_cpu.append(r["cpu_s"])
        if i == 0 and wall * reps > a.budget:
            reps = max(1, int(a.budget // max(wall, 1e-9)))
            if i + 1 >= reps:
                break
    result = {"tool": tool, "whole": statistics.median(walls), "fastest": min(walls), "cpu": statistics.median(cpus), "rss": rss,
              "runs": len(walls), "out": out}
    result["inproc"] = statistics.median(inproc) if inproc else result["whole"]
    result["inproc_cpu"] = statistics.median(inproc_cpu) if inproc_cpu else result["cpu"]
    if tool in ("lightsim2grid", "cholmod"):
        result["note"] = json.load(open(out)).get("note", "")
    return result


def agreement(gridtool_json, other_json):
    """Largest |Δ| of the worst loading per outage (and the count compared), and per branch."""
    g = json.load(open(gridtool_json))
    o = json.load(open(other_json))
    per_outage = [abs(x["max_loading_pct"] - o["outage_worst_pct"][x["branch"] - 1]) for x in g["outages"]
                  if x.get("kind") == "branch" and x["max_loading_pct"] is not None
                  and o["outage_worst_pct"][x["branch"] - 1] is not None]
    per_branch = []
    if all(v is not None for v in o["outage_islanding"]):   # the floor screens every outage, islanding ones included
        per_branch = [abs(b["worst_loading_pct"] - o["branch_worst_pct"][b["branch"] - 1]) for b in g["branches"]
                      if b["worst_loading_pct"] is not None and o["branch_worst_pct"][b["branch"] - 1] is not None]
    return (max(per_outage) if per_outage else None, len(per_outage), max(per_branch) if per_branch else None)


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}f}"


def main():
    a = parse_args()
    os.makedirs(a.out, exist_ok=True)
    tools = a.tools.split(",")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores, {cpu}; load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"gridtool: {a.gridtool}; reps {a.reps}; python {sys.executable}")
    rows, goals = [], []
    warmed = set()
    for name in a.cases.split(","):
        path = case_path(name)
        if not path:
            print(f"{name}: not found, skipped")
            continue
        results = {}
        for tool in tools:
            results[tool] = bench(tool, path, a, warm=tool not in warmed)
            warmed.add(tool)
            r = results[tool]
            print(f"  {name} {tool}: " + (r["failed"] if "failed" in r else f"{r['whole']:.3f} s ({r['runs']} runs)"), flush=True)
        model = bench("model", path, a, warm="model" not in warmed)
        warmed.add("model")
        g = results.get("gridtool")
        for tool in tools:
            r = results[tool]
            if "failed" in r:
                rows.append((name, tool, "failed: " + r["failed"]))
                continue
            agree = ("", "", "")
            if tool != "gridtool" and g and "failed" not in g:
                d_out, n_out, d_branch = agreement(g["out"], r["out"])
                agree = ("—" if d_out is None else f"{d_out:.1e}", str(n_out), "—" if d_branch is None else f"{d_branch:.1e}")
            rows.append((name, tool, fmt(r["whole"]), fmt(r["fastest"]), fmt(r["cpu"]), f"{fmt(r['inproc'])} / {fmt(r['inproc_cpu'])}",
                         f"{r['rss']:.0f}", *agree,
                         str(r["runs"]), r.get("note", "")))
        if g and "failed" not in g:
            lsg, floor = results.get("lightsim2grid"), results.get("cholmod")
            goals.append((name, f"{g['whole']:.3f} / {g['cpu']:.3f}",
                          f"{lsg['inproc'] / g['whole']:.1f} / {lsg['inproc_cpu'] / g['cpu']:.1f}" if lsg and "failed" not in lsg else "—",
                          f"{g['whole'] / floor['inproc']:.2f} / {g['cpu'] / floor['inproc_cpu']:.2f}" if floor and "failed" not in floor else "—",
                          f"{g['rss']:.0f} / {model['rss']:.0f} = {g['rss'] / model['rss']:.2f}" if "failed" not in model else "—"))
    head = ("case", "tool", "whole s", "fastest", "CPU s", "in-process s (wall / CPU)", "RSS MB", "max|Δ| per outage %", "outages compared",
            "max|Δ| per branch %", "runs", "note")
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    head = ("case", "gridtool whole s (wall / CPU)", "lightsim2grid load+N-1 / gridtool, wall / CPU (goal ≥ 10)",
            "gridtool / CHOLMOD floor, wall / CPU (goal ≤ 2)", "gridtool RSS / model RSS, MB (goal ≤ 4)")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in goals:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
