#!/usr/bin/env python3
"""One N-1 peer, one case, one run: the child process that bench/n1_bench.py times.

    bench/.venv/bin/python bench/n1_run.py TOOL CASE.m OUT.json [--block 256]

Loads the MATPOWER case, computes the DC power flow and the post-contingency flows of
every branch after the outage of every in-service branch, and writes OUT.json:

    {"tool", "load_s", "n1_s", "note",
     "outage_worst_pct": [...],   per mpc.branch row: the highest loading (|flow| / RATE_A,
                                  % , over the branches with RATE_A > 0) after its outage;
                                  null where the tool has no result (out of service, not
                                  converged, islanding left out)
     "outage_islanding": [...],   per row: true when the outage splits the network
     "branch_worst_pct": [...]}   per row: the highest loading over all outages with a result
                                  (null for rows without RATE_A)

`load_s` is reading the case and building the tool's model, `n1_s` the base case and all
the outages (wall clock); `cpu_s` the CPU time of both (user + system, every thread);
interpreter start and imports are in none (the parent times the whole process). TOOL is one of:

  lightsim2grid  `ContingencyAnalysisCPP` (lightsim2grid 1.2, the C++ class under its
                 grid2op-free API) with the DC_KLU algorithm on the grid of
                 `init_from_matpower`: `add_all_n1`, `compute` (every outage re-solved),
                 `compute_power_flows` (the outages × branches matrix, MW at the from
                 end); the worst loadings are then taken from that matrix with numpy.
                 Outages it does not converge (those that split the grid) have no result.
  cholmod        the floor: numpy + scikit-sparse CHOLMOD, the same linear algebra as
                 gridtool written in the fewest lines. B (MATPOWER makeBdc, reduced at
                 the reference bus) is factored once; the outages go through in blocks of
                 --block columns: one multi-column CHOLMOD solve of the transfers
                 e_f − e_t, the PTDF block Bf·X, LODF = PTDF / (1 − h_kk), post = f +
                 LODF·f_k, and the column and row maxima of |post| / RATE_A. An outage
                 that splits the network (a bridge, found by Tarjan's algorithm) is
                 solved with the column e_s of its surviving end s: the part cut off
                 (the side without the reference bus) is de-energised and the power it
                 exchanged over the bridge is taken up by the reference, which is
                 gridtool's rule when the reference survives (docs/sensitivity.md). B is
                 indefinite on case9241pegase (negative reactances): CHOLMOD's simplicial
                 LDLᵀ is used there (what `cholesky(B)` picks in its "auto" mode too).
                 OpenBLAS runs on one thread unless OPENBLAS_NUM_THREADS says otherwise.
"""
import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

# The floor's numbers come from one BLAS thread: OpenBLAS's spinning workers slowed the
# supernodal solves of case2383wp twofold on this 2-core machine (and tenfold when it was busy).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_run import BUS_TYPE, GEN_BUS, GEN_STATUS, GS, PD, PG, SHIFT, TAP, make_bdc, read_mpc  # noqa: E402

RATE_A = 5


def worst_by_row(post, rate, islanding):
    """Per-outage and per-branch worst loadings from an outages × branches flow matrix."""
    rated = rate > 0
    loading = np.abs(post[:, rated]) * (100.0 / rate[rated])
    return loading.max(axis=1), loading.max(axis=0)


def run_lightsim2grid(path, block):
    from lightsim2grid.algorithm import AlgorithmType
    from lightsim2grid.contingencyAnalysis import ContingencyAnalysisCPP
    from lightsim2grid.network import init_from_matpower
    t0, c0 = time.perf_counter(), time.process_time()
    model = init_from_matpower(path)
    branch = read_mpc(path)[3]
    t1 = time.perf_counter()
    analysis = ContingencyAnalysisCPP(model)
    analysis.change_algorithm(AlgorithmType.DC_KLU)
    v = model.dc_pf(np.ones(model.total_bus(), dtype=complex), 10, 1e-8)
    if v.shape[0] == 0:
        raise RuntimeError("dc_pf did not converge")
    analysis.add_all_n1()
    analysis.compute(v, 10, 1e-8)
    flows = analysis.compute_power_flows()             # contingencies × (lines, then trafos)
    converged = np.asarray(analysis.converged_mask(), dtype=bool)
    outaged = [int(c[0]) for c in analysis.my_defaults()]
    t2, c2 = time.perf_counter(), time.process_time()
    # init_from_matpower: rows with TAP != 0 or SHIFT != 0 are transformers, the rest
    # lines, each group in file order (as in peer_run.run_lightsim2grid).
    is_tr = (branch[:, TAP] != 0) | (branch[:, SHIFT] != 0)
    row_of = np.r_[np.flatnonzero(~is_tr), np.flatnonzero(is_tr)]   # lightsim id -> mpc row
    nrow = len(branch)
    post = np.zeros((len(outaged), nrow))
    post[:, row_of] = np.nan_to_num(flows)
    rate = branch[:, RATE_A]
    ok = converged & (branch[row_of[outaged], 10] > 0)
    outage_worst, branch_worst = worst_by_row(post[ok], rate, None)
    by_outage = [None] * nrow
    for w, k in zip(outage_worst, np.asarray(outaged)[ok]):
        by_outage[int(row_of[k])] = float(w)
    by_branch = [None] * nrow
    for w, r in zip(branch_worst, np.flatnonzero(rate > 0)):
        by_branch[int(r)] = float(w)
    return {"load_s": t1 - t0, "n1_s": t2 - t1, "cpu_s": c2 - c0, "outage_worst_pct": by_outage, "outage_islanding": [None] * nrow,
            "branch_worst_pct": by_branch,
            "note": f"DC_KLU, {int(ok.sum())} of {len(outaged)} outages converged, {analysis.nb_thread} thread(s)"}


def factorize(a):
    from sksparse.cholmod import CholmodNotPositiveDefiniteError, cholesky  # imported before the clock starts
    try:
        return cholesky(a, mode="supernodal"), "CHOLMOD supernodal LLᵀ"
    except CholmodNotPositiveDefiniteError:
        return cholesky(a, mode="simplicial"), "CHOLMOD simplicial LDLᵀ (B indefinite)"


def bridges(nb, f, t, root):
    """Tarjan's bridges of the multigraph (f[k], t[k]), iterative DFS from `root`: per edge
    whether it is a bridge and, for a bridge, the DFS child end; entry/exit times per node
    (a node u is below child c when tin[c] <= tin[u] < tout[c])."""
    adj = [[] for _ in range(nb)]
    for k in range(len(f)):
        adj[f[k]].append((t[k], k))
        adj[t[k]].append((f[k], k))
    tin = np.full(nb, -1)
    tout = np.zeros(nb, dtype=int)
    low = np.zeros(nb, dtype=int)
    is_bridge = np.zeros(len(f), dtype=bool)
    child = np.full(len(f), -1)
    clock = 0
    for start in [root] + list(range(nb)):
        if tin[start] >= 0:
            continue
        tin[start] = low[start] = clock
        clock += 1
        stack = [(start, -1, iter(adj[start]))]
        while stack:
            u, via, it = stack[-1]
            for v, k in it:
                if k == via:
                    continue
                if tin[v] < 0:
                    tin[v] = low[v] = clock
                    clock += 1
                    child[k] = v
                    stack.append((v, k, iter(adj[v])))
                    break
                low[u] = min(low[u], tin[v])
            else:
                stack.pop()
                tout[u] = clock
                if stack:
                    p = stack[-1][0]
                    low[p] = min(low[p], low[u])
                    if low[u] > tin[p]:
                        is_bridge[via] = True
    return is_bridge, child, tin, tout


def run_cholmod(path, block):
    import sksparse.cholmod  # noqa: F401  (the import is not the floor's work)
    t0, c0 = time.perf_counter(), time.process_time()
    base, bus, gen, branch = read_mpc(path)
    t1 = time.perf_counter()
    nb = len(bus)
    idx, on, cft, bf, bbus, pfinj = make_bdc(bus, branch)
    m = len(on)
    f_bus = np.array([idx[int(b)] for b in branch[on, 0]])
    t_bus = np.array([idx[int(b)] for b in branch[on, 1]])
    # Base case (as peer_run.run_scipy): MATPOWER's rundcpf, the reference bus takes the balance.
    p = -(bus[:, PD] + bus[:, GS]) / base - cft.T @ pfinj
    g_on = gen[:, GEN_STATUS] > 0
    np.add.at(p, [idx[int(x)] for x in gen[g_on, GEN_BUS]], gen[g_on, PG] / base)
    ref = np.flatnonzero(bus[:, BUS_TYPE] == 3)
    if len(ref) != 1:
        sys.exit(f"{len(ref)} reference buses: one island expected")
    keep = np.setdiff1d(np.arange(nb), np.r_[ref, np.flatnonzero(bus[:, BUS_TYPE] == 4)])
    pos = np.full(nb, -1)
    pos[keep] = np.arange(len(keep))
    solve, method = factorize(bbus[keep][:, keep].tocsc())
    theta = np.zeros(nb)
    theta[ref] = np.deg2rad(bus[ref, 8])
    theta[keep] = solve(p[keep] - bbus[keep][:, ref] @ theta[ref])
    flow = (bf @ theta + pfinj) * base                       # MW, in-service rows
    rate = branch[on, RATE_A]
    mon = np.flatnonzero(rate > 0)
    inv = 100.0 / rate[mon]
    bfk = bf[:, keep].tocsr()

    # Outages that split the network: the part below the bridge (DFS from the reference) is cut off.
    is_bridge, child, tin, tout = bridges(nb, f_bus, t_bus, int(ref[0]))
    survivor = np.where(child == t_bus, f_bus, t_bus)         # the end on the reference's side
    sign = np.where(survivor == f_bus, 1.0, -1.0)             # injection change at the survivor per MW of f_k
    tin_from = tin[f_bus[mon]]                                # a monitored row is cut off when its from bus is
    mon_row = np.full(m, -1)
    mon_row[mon] = np.arange(len(mon))

    outage_worst = np.full(m, np.nan)
    branch_worst = np.zeros(len(mon))
    for first in range(0, m, block):
        cols = np.arange(first, min(m, first + block))
        rows, vals, colidx = [], [], []
        for j, k in enumerate(cols):
            ends = [(survivor[k], 1.0)] if is_bridge[k] else [(f_bus[k], 1.0), (t_bus[k], -1.0)]
            for b_, v_ in ends:
                if pos[b_] >= 0:
                    rows.append(pos[b_])
                    vals.append(v_)
                    colidx.append(j)
        rhs = np.zeros((len(keep), len(cols)), order="F")
        np.add.at(rhs, (rows, colidx), vals)
        x = solve(rhs)
        ptdf = np.asarray(bfk @ x)                                 # m × block
        h = ptdf[cols, np.arange(len(cols))]
        denom = np.where(is_bridge[cols], 1.0, 1.0 - h)
        singular = ~is_bridge[cols] & (np.abs(denom) < 1e-8)
        w = np.where(is_bridge[cols], sign[cols], 1.0 / np.where(singular, 1.0, denom)) * flow[cols]
        post = flow[mon, None] + ptdf[mon] * w[None, :]         # monitored rows only
        diag = np.flatnonzero(mon_row[cols] >= 0)
        post[mon_row[cols[diag]], diag] = 0.0                   # the outaged branch itself
        for j in np.flatnonzero(is_bridge[cols]):
            c = child[cols[j]]
            post[(tin_from >= tin[c]) & (tin_from < tout[c]), j] = 0.0   # the part cut off
        loading = np.abs(post) * inv[:, None]
        loading[:, singular] = 0.0
        worst = loading.max(axis=0)
        worst[singular] = np.nan
        outage_worst[cols] = worst
        np.maximum(branch_worst, loading.max(axis=1), out=branch_worst)
    t2, c2 = time.perf_counter(), time.process_time()
    nrow = len(branch)
    by_outage = [None] * nrow
    islanding = [None] * nrow
    for j, r in enumerate(on):
        by_outage[int(r)] = None if np.isnan(outage_worst[j]) else float(outage_worst[j])
        islanding[int(r)] = bool(is_bridge[j])
    by_branch = [None] * nrow
    for j, r in enumerate(on[mon]):
        by_branch[int(r)] = float(branch_worst[j])
    return {"load_s": t1 - t0, "n1_s": t2 - t1, "cpu_s": c2 - c0, "outage_worst_pct": by_outage, "outage_islanding": islanding,
            "branch_worst_pct": by_branch,
            "note": f"{method}, {int(is_bridge.sum())} bridges, blocks of {block}"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tool", choices=["lightsim2grid", "cholmod"])
    ap.add_argument("case")
    ap.add_argument("out")
    ap.add_argument("--block", type=int, default=256, help="outages per multi-column solve (cholmod)")
    a = ap.parse_args()
    result = globals()["run_" + a.tool](a.case, a.block)
    result["tool"] = a.tool
    result["total_s"] = time.perf_counter() - T_START
    with open(a.out, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
