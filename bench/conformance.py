#!/usr/bin/env python3
"""gridtool solve against MATPOWER's own rundcpf results in ../shared/cases (<case>.dcpf.json):
the largest absolute difference over all buses (angle, deg), branches (from-end flow, MW) and
generators (output, MW), per case and backend. Prints the README's conformance table.

    python3 bench/conformance.py [--gridtool PATH] [--backends automatic,dense,sparse] [--cases DIR]

Standard library only. The test suite asserts the same comparison at the issue's tolerance;
this script prints the figures.
"""
import argparse, json, os, subprocess, sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compare(gridtool, case_m, reference, backend):
    out = subprocess.run([gridtool, "solve", case_m, "--format", "json", "--backend", backend],
                         capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    ref = json.load(open(reference))
    da = max(abs((b["angle_deg"] or 0) - r) for b, r in zip(got["buses"], ref["va_deg"]))
    dp = max(abs(b["p_from_mw"] - r) for b, r in zip(got["branches"], ref["pf_mw"]))
    dg = max((abs(g["p_mw"] - r) for g, r in zip(got["generators"], ref["pg_mw"])), default=0.0)
    assert len(got["buses"]) == len(ref["va_deg"]) and len(got["branches"]) == len(ref["pf_mw"])
    return da, dp, dg, got["islands"][0]["factorization"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gridtool", default=os.path.join(REPO, ".build", "release", "gridtool"))
    p.add_argument("--backends", default="automatic")
    p.add_argument("--cases", default=os.environ.get("GRIDTOOL_SHARED_CASES", os.path.join(REPO, "..", "shared", "cases")))
    a = p.parse_args()
    refs = sorted(f for f in os.listdir(a.cases) if f.endswith(".dcpf.json"))
    if not refs:
        sys.exit(f"no <case>.dcpf.json in {a.cases}")
    print("| case | backend | angles (deg) | branch flows (MW) | generator outputs (MW) | factorization |")
    print("|---|---|---|---|---|---|")
    for ref in sorted(refs, key=lambda f: os.path.getsize(os.path.join(a.cases, f))):
        case = ref[: -len(".dcpf.json")]
        for backend in a.backends.split(","):
            da, dp, dg, how = compare(a.gridtool, os.path.join(a.cases, case + ".m"), os.path.join(a.cases, ref), backend)
            print(f"| {case} | {backend} | {da:.1e} | {dp:.1e} | {dg:.1e} | {how} |", flush=True)


if __name__ == "__main__":
    main()
