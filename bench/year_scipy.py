#!/usr/bin/env python3
"""A year of hourly load scaling on a MATPOWER case, done with numpy/scipy + CHOLMOD:
the Python side of bench/year_bench.sh (issue 6).

    bench/.venv/bin/python bench/year_scipy.py CASE.m [--compare GRIDTOOL.json] [--gridtool-s S]

The same job as `gridtool scenario` with `loads: [{all: true, profile: load}]` and
`dispatch: {rule: pro-rata-setpoint}` (docs/scenarios.md), hour by hour:

- demand: every bus's PD × the hour's factor (negative PD too); GS a constant demand;
- generation: gridtool's pro-rata-setpoint rule for MATPOWER generators (all of
  technology "other", so all dispatchable): unit g in service gets
  clamp(α·s_g, lo_g, hi_g) with s_g = max(0, PG), hi_g = max(0, PMAX),
  lo_g = min(hi_g, max(0, PMIN)), and α such that the outputs sum to the demand.
  gridtool bisects for α; the sum is piecewise linear in α with kinks at lo/s and
  hi/s, so here α is interpolated exactly between the kinks (the same α to
  round-off, and gridtool's final top-up pro rata to headroom is then zero).
  Hours where must-run alone exceeds demand or the units cannot meet it take other
  branches of the rule; they are not reproduced: the script stops if one occurs.
- the reference bus absorbs the round-off (gridtool's slack): it is dropped from B;
- B and the flows: MATPOWER's makeBdc (peer_run.make_bdc: taps, shifters,
  out-of-service branches), reduced to the non-reference buses, factored once.
  CHOLMOD's supernodal LLᵀ is tried first; B is indefinite when reactances are
  negative (case9241pegase), and then simplicial LDLᵀ is used (what
  cholesky(B) in its default "auto" mode also picks for this matrix), then SuperLU.
- the hours go through in blocks of --block right-hand sides (bounded memory):
  injections, one multi-column solve, from-end flows; per branch only the maximum
  and the sum of |flow| are kept, as gridtool's `max_flow_mw` and `mean_abs_flow_mw`.

Printed: factor method and time, block-solve time (solve + flows + max/sum, all hours),
the time spent building the right-hand sides (dispatch, injections), total time from
the start of the script, peak RSS, the branch with the largest |flow| of the year. With --compare, the largest difference
from gridtool's scenario JSON over all branches; with --gridtool-s, the ratio.
"""
import time

T_START = time.perf_counter()

import argparse
import json
import os
import resource
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_run import BUS_TYPE, GEN_BUS, GEN_STATUS, GS, PD, PG, make_bdc, read_mpc  # noqa: E402

PMAX, PMIN = 8, 9
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("case")
    p.add_argument("--profile", default=os.path.join(REPO, "networks/scenarios/load-scaling-2024.csv"))
    p.add_argument("--column", default="load")
    p.add_argument("--start", default="2024-01-01T00:00")
    p.add_argument("--hours", type=int, default=8784)
    p.add_argument("--block", type=int, default=512, help="right-hand sides per solve")
    p.add_argument("--compare", help="gridtool scenario --format json output of the same year")
    p.add_argument("--gridtool-s", type=float, help="gridtool's time, for the ratio line")
    return p.parse_args()


def load_factors(path, column, start, hours):
    """The profile column for `hours` rows from `start` (gridtool checks the timestamps)."""
    with open(path) as fh:
        rows = [line.rstrip("\n").split(",") for line in fh if not line.startswith("#")]
    t, c = rows[0].index("time"), rows[0].index(column)
    first = 1 + [r[t].replace(" ", "T") for r in rows[1:]].index(start)
    f = np.array([float(r[c]) for r in rows[first:first + hours]])
    if len(f) != hours:
        sys.exit(f"{path}: {len(f)} rows from {start}, {hours} needed")
    return f


def setpoint_alpha(target, s, lo, hi):
    """α per hour with sum(clip(α·s, lo, hi)) = target (see the docstring)."""
    pos = s > 0
    kinks = np.unique(np.r_[0.0, lo[pos] / s[pos], hi[pos] / s[pos]])
    totals = np.array([np.clip(a * s, lo, hi).sum() for a in kinks])
    if target.min() < totals[0] or target.max() > totals[-1]:
        sys.exit("an hour needs less than must-run or more than the capacity: not reproduced here")
    return np.interp(target, totals, kinks)


def factorize(a):
    from scipy.sparse.linalg import splu
    try:
        from sksparse.cholmod import CholmodError, CholmodNotPositiveDefiniteError, cholesky
    except ImportError:
        return splu(a).solve, "SuperLU (scikit-sparse not installed)"
    try:
        return cholesky(a, mode="supernodal"), "CHOLMOD supernodal LLᵀ"
    except CholmodNotPositiveDefiniteError:
        pass
    why = "supernodal LLᵀ failed: B not positive definite"
    try:
        return cholesky(a, mode="simplicial"), f"CHOLMOD simplicial LDLᵀ ({why})"
    except CholmodError as e:
        return splu(a).solve, f"SuperLU ({why}; simplicial LDLᵀ: {str(e)[:60]})"


def main():
    a = parse_args()
    base, bus, gen, branch = read_mpc(a.case)
    factor = load_factors(a.profile, a.column, a.start, a.hours)
    t_read = time.perf_counter()

    nb = len(bus)
    idx, on, cft, bf, bbus, pfinj = make_bdc(bus, branch)
    ref = np.flatnonzero(bus[:, BUS_TYPE] == 3)
    keep = np.setdiff1d(np.arange(nb), np.r_[ref, np.flatnonzero(bus[:, BUS_TYPE] == 4)])
    if len(ref) != 1:
        sys.exit(f"{len(ref)} reference buses: one island expected")
    t0 = time.perf_counter()
    solve, method = factorize(bbus[keep][:, keep].tocsc())
    t_factor = time.perf_counter() - t0

    # Generation of each hour: α_h × set-points, clamped (one scalar per hour, then per block).
    g = np.flatnonzero((gen[:, GEN_STATUS] > 0) & np.isin(gen[:, GEN_BUS], bus[bus[:, BUS_TYPE] != 4, 0]))
    s = np.maximum(0, gen[g, PG])
    hi = np.maximum(0, gen[g, PMAX])
    lo = np.minimum(hi, np.maximum(0, gen[g, PMIN]))
    demand = factor * bus[:, PD].sum() + bus[:, GS].sum()
    alpha = setpoint_alpha(demand, s, lo, hi)
    from scipy.sparse import csr_matrix
    cg = csr_matrix((np.ones(len(g)), ([idx[int(b)] for b in gen[g, GEN_BUS]], np.arange(len(g)))), shape=(nb, len(g)))

    # Shifters are a constant injection; θ_ref = 0 (flows depend on angle differences only).
    fixed = (-bus[:, GS] / base - cft.T @ pfinj)[keep]
    pd = bus[keep, PD] / base
    cg_k, bf_k = cg[keep], bf[:, keep].tocsr()
    max_abs = np.zeros(len(on))
    sum_abs = np.zeros(len(on))
    t_rhs = t_solve = 0.0
    for h0 in range(0, a.hours, a.block):
        t0 = time.perf_counter()
        h = slice(h0, min(h0 + a.block, a.hours))
        out = np.clip(np.outer(s, alpha[h]), lo[:, None], hi[:, None]) / base
        rhs = cg_k @ out - np.outer(pd, factor[h]) + fixed[:, None]
        t1 = time.perf_counter()
        flows = np.abs(bf_k @ solve(rhs) + pfinj[:, None])
        np.maximum(max_abs, flows.max(axis=1), out=max_abs)
        sum_abs += flows.sum(axis=1)
        t_rhs += t1 - t0
        t_solve += time.perf_counter() - t1
    t_total = time.perf_counter() - T_START

    max_mw = np.zeros(len(branch))
    mean_mw = np.zeros(len(branch))
    max_mw[on] = max_abs * base
    mean_mw[on] = sum_abs * base / a.hours
    top = int(np.argmax(max_mw))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scipy/CHOLMOD: {os.path.basename(a.case)}, {a.hours} hours in blocks of {a.block}, {len(keep)} unknowns")
    print(f"  factor method      {method}")
    print(f"  factor             {t_factor:8.3f} s")
    print(f"  block solve        {t_solve:8.3f} s   (solve + flows + max/sum of |flow|, all hours)")
    print(f"  right-hand sides   {t_rhs:8.3f} s   (dispatch and injections of all hours)")
    print(f"  read case + CSV    {t_read - T_START:8.3f} s   (from the start of the script, imports included)")
    print(f"  total              {t_total:8.3f} s   peak RSS {rss:.0f} MB")
    print(f"  top branch         {top + 1} ({int(branch[top, 0])}-{int(branch[top, 1])}): max |flow| {max_mw[top]:.6f} MW")
    if a.compare:
        with open(a.compare) as fh:
            res = json.load(fh)
        gmax = np.array([b["max_flow_mw"] for b in res["branches"]])
        gmean = np.array([b["mean_abs_flow_mw"] for b in res["branches"]])
        print(f"  gridtool           top branch {gmax[top]:.6f} MW; over all {len(gmax)} branches max |Δ max_flow_mw| "
              f"{np.abs(gmax - max_mw).max():.3g} MW, max |Δ mean_abs_flow_mw| {np.abs(gmean - mean_mw).max():.3g} MW "
              f"(gridtool max_abs_slack_mw {res['totals']['max_abs_slack_mw']:.3g})")
    if a.gridtool_s:
        print(f"ratio: scipy block solve {t_solve:.3f} s / gridtool {a.gridtool_s:.3f} s = {t_solve / a.gridtool_s:.2f}"
              f"   (scipy total {t_total:.3f} s / gridtool = {t_total / a.gridtool_s:.2f})")


if __name__ == "__main__":
    main()
