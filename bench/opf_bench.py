#!/usr/bin/env python3
"""Side-by-side DC OPF and preventive N-1 SCOPF benchmark: gridtool opf against MATPOWER's
rundcopf (Octave), pandapower's rundcopp and PyPSA + HiGHS (n.optimize,
optimize_security_constrained).

    bench/.venv/bin/python bench/opf_bench.py [--cases case118,case2383wp] [--tools gridtool,matpower]
                                              [--reps 3] [--timeout 600] [--gridtool PATH]

Every run is its own process, timed from spawn to exit (wall, what a user waits for);
inside the process each tool also reports load + optimise. Medians over --reps runs (3);
the first use of each tool is preceded by one untimed warm-up run. Objectives are compared
with gridtool's. DC OPF on case118, case2383wp, case9241pegase; SCOPF (every non-islanding
branch outage, RATE_A after it) on case30 and case_ACTIVSg500. Then gridtool's own phases
(`--timings`: read, build, solve with its screening rounds, format). Results: tables on
stdout, bench/out/opf.csv. See bench/README.md.
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys

import peers

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
OPF_CASES = ["case118", "case2383wp", "case9241pegase"]
SCOPF_CASES = ["case30", "case_ACTIVSg500"]
TOOLS = ["gridtool", "matpower", "pandapower", "pypsa"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", help="comma-separated case names (default: all)")
    p.add_argument("--tools", default=",".join(TOOLS))
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    p.add_argument("--gridtool", default=os.path.join(REPO, ".build-bench", "release", "gridtool"))
    p.add_argument("--out", default=os.path.join(BENCH, "out"))
    return p.parse_args()


def case_path(name):
    shared = os.environ.get("GRIDTOOL_SHARED_CASES") or os.path.join(REPO, "..", "shared", "cases")
    path = os.path.join(shared, name + ".m")
    if not os.path.exists(path) and peers.matpower_root():
        path = os.path.join(peers.matpower_root(), "data", name + ".m")
    return os.path.abspath(path) if os.path.exists(path) else None


def command(tool, path, scopf, a, out):
    if tool == "gridtool":
        return [a.gridtool, "opf", path, "--format", "json", "--output", out, "--timings"] + \
               (["--security", "n-1"] if scopf else [])
    if tool == "matpower":
        if scopf:
            return None
        q = lambda s: s.replace("'", "''")
        return ["octave-cli", "--quiet", "--norc", "--eval",
                f"addpath('{q(BENCH)}'); mp_dcopf('{q(path)}', '{q(out)}', '{q(peers.matpower_root())}')"]
    if tool == "pandapower" and scopf:
        return None
    return [sys.executable, os.path.join(BENCH, "opf_peer_run.py"), tool, path, out] + (["--scopf"] if scopf else [])


def read_result(tool, out, stderr):
    """(load + optimise s inside the process, objective $/h, note, gridtool phases)."""
    if tool == "gridtool":
        doc = json.load(open(out))
        phases = {}
        for line in stderr.splitlines():
            m = re.match(r"^(\S.*?)\s{2,}([0-9,]+\.[0-9]+)\s*$", line)
            if m and not m.group(1).startswith("total"):
                phases[m.group(1)] = float(m.group(2).replace(",", ""))
        # Read, build and solve: what the peers' load + optimise covers (not formatting and writing).
        inside = sum(v for k, v in phases.items() if not k.startswith(("format", "write"))) / 1000
        s = doc["summary"]
        note = f"{s['problem_class']}, {s['solver_iterations']} it"
        if "security_rounds" in s:
            note += f", {s['post_contingency_constraints']} rows in {s['security_rounds']} rounds"
        return inside, s["objective_per_h"], note, phases
    if tool == "matpower":
        lines = open(out).read().split()
        solve, load, ok, objective = float(lines[0]), float(lines[1]), int(lines[2]), float(lines[3])
        return solve + load, objective, "success" if ok else "not converged", {}
    doc = json.load(open(out))
    return doc["load_s"] + doc["solve_s"], doc["objective"], " ".join(x for x in (doc["status"], doc["note"]) if x), {}


def bench_one(tool, name, path, scopf, a):
    out = os.path.join(peers.TMP, f"{tool}-{name}.out")
    cmd = command(tool, path, scopf, a, out)
    if cmd is None:
        return {"status": "n/a"}
    if tool not in peers.WARMED:
        peers.run_timed(cmd, a.timeout)
        peers.WARMED.add(tool)
    walls, inside, last = [], [], None
    for _ in range(a.reps):
        if os.path.exists(out):
            os.remove(out)
        code, wall, rss, stderr = peers.run_timed(cmd, a.timeout)
        if code is None:
            return {"status": f"failed: timeout {a.timeout:.0f} s"}
        if code != 0 or not os.path.exists(out):
            reason = (stderr.strip().splitlines() or [f"exit {code}"])[-1][:160]
            return {"status": f"failed: {reason}"}
        load_opt, objective, note, phases = read_result(tool, out, stderr)
        walls.append(wall)
        inside.append(load_opt)
        last = (objective, note, phases, rss)
    objective, note, phases, rss = last
    return {"status": "ok", "whole": statistics.median(walls), "inside": statistics.median(inside),
            "objective": objective, "note": note, "phases": phases, "rss": rss, "reps": len(walls)}


def fmt(v, digits=3):
    return "-" if v is None else f"{v:.{digits}f}"


def print_table(title, rows):
    print(f"\n{title}")
    head = ["case", "tool", "whole s", "load+opt s", "×gridtool", "objective $/h", "Δobj rel", "note"]
    body = []
    for r in rows:
        if r["status"] != "ok":
            body.append([r["case"], r["tool"], r["status"], "", "", "", "", ""])
            continue
        body.append([r["case"], r["tool"], fmt(r["whole"]), fmt(r["inside"]), fmt(r.get("ratio"), 1),
                     f"{r['objective']:,.2f}", "-" if r.get("rel") is None else f"{r['rel']:.1e}", r["note"]])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    for line in [head, ["-" * w for w in widths]] + body:
        print("  ".join(str(x).ljust(w) if i in (0, 1, 7) else str(x).rjust(w) for i, (x, w) in enumerate(zip(line, widths))))


def main():
    a = parse_args()
    tools = [t for t in a.tools.split(",") if t]
    os.makedirs(a.out, exist_ok=True)
    peers.TMP = os.path.join(a.out, "opf-tmp")
    os.makedirs(peers.TMP, exist_ok=True)
    wanted = set(a.cases.split(",")) if a.cases else None
    results = []
    for scopf, cases in ((False, OPF_CASES), (True, SCOPF_CASES)):
        for name in cases:
            if wanted is not None and name not in wanted:
                continue
            path = case_path(name)
            if path is None:
                print(f"skipping {name}: not found", file=sys.stderr)
                continue
            rows = []
            for tool in tools:
                print(f"{name}{' N-1' if scopf else ''}: {tool}", file=sys.stderr)
                r = bench_one(tool, name, path, scopf, a)
                r.update(case=name, tool=tool, scopf=scopf)
                rows.append(r)
            ours = next((r for r in rows if r["tool"] == "gridtool" and r["status"] == "ok"), None)
            for r in rows:
                if ours and r["status"] == "ok":
                    r["ratio"] = r["whole"] / ours["whole"]
                    r["rel"] = abs(r["objective"] - ours["objective"]) / max(1.0, abs(ours["objective"]))
            results += rows
    print_table("DC OPF (whole process, median of %d)" % a.reps, [r for r in results if not r["scopf"]])
    print_table("Preventive N-1 SCOPF (whole process, median of %d)" % a.reps, [r for r in results if r["scopf"]])
    print("\ngridtool phases (last run, ms, from --timings)")
    for r in results:
        if r["tool"] == "gridtool" and r["status"] == "ok":
            print(f"  {r['case']}{' N-1' if r['scopf'] else ''}: " + "; ".join(f"{k} {v:.1f}" for k, v in r["phases"].items()))
    with open(os.path.join(a.out, "opf.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "security", "tool", "status", "whole_s", "load_opt_s", "ratio", "objective", "rel_diff", "note", "rss_mb"])
        for r in results:
            w.writerow([r["case"], "n-1" if r["scopf"] else "none", r["tool"], r["status"], r.get("whole"), r.get("inside"),
                        r.get("ratio"), r.get("objective"), r.get("rel"), r.get("note"), r.get("rss")])


if __name__ == "__main__":
    main()
