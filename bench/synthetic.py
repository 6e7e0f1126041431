#!/usr/bin/env python3
"""Generate a large synthetic MATPOWER case (format version 2) for benchmarks.

    python3 bench/synthetic.py --buses 25000 --seed 1 --out bench/out/syn25k.m

Same seed and options give the same file, byte for byte. Needs numpy and scipy.

How the network is made (every choice is a rough match to real transmission
grids, not a model of any one of them):

* Topology. The "core" buses are placed uniformly at random in a square whose
  side grows with sqrt(N) so that the median line is ~40 km long. The lines are
  the Euclidean minimum spanning tree of the points (so the grid is connected)
  plus the shortest remaining edges of their Delaunay triangulation (planar,
  no long jumps), until there are --branches-per-bus × N branches in all
  (default 1.4, i.e. average bus degree ≈ 2.8; real grids have 1.2–1.6).
  About 3 % of the lines are doubled (parallel circuits).
* Generation. --gen-share of the buses (default 20 %) carry a generator. Half of
  them are core buses; the other half are separate 22 kV terminal buses joined
  to a core bus by a step-up transformer (off-nominal ratio 0.95–1.05, a few
  phase shifters with --phase-shifters). Capacities are lognormal (median
  150 MW); every unit is dispatched at the same fraction of its capacity so that
  generation equals load exactly. The reference bus is the one with the largest
  unit.
* Load. 60 % of the core buses carry a lognormal load (median 30 MW, Q = 0.3 P);
  1 % of the buses have a small shunt conductance GS.
* Reactances. Lines: x = 0.025 · (length / 40 km)^0.7 · lognormal(σ = 0.5),
  clipped to [0.001, 0.4] p.u. on 100 MVA (median ≈ 0.025, 5–95 % ≈ 0.01–0.08);
  r = x · U(0.05, 0.25); b = x · U(0.5, 2). Transformers: x lognormal around 0.06.
* Series compensation (--series-comp FRACTION, default 0): that fraction of the
  lines is split by a new bus and given a series capacitor with negative
  reactance −k·x (k = 0.3–0.6) in series, as a real compensated line is modelled.
  B is then no longer positive definite: solvers that need Cholesky must cope.
* Ratings. A DC power flow of the finished case is solved here (scipy), and each
  branch gets RATE_A = |flow| / U(0.25, 0.9) rounded up to 10 MVA, at least
  50 MVA: loadings are realistic and nothing is overloaded at the base point.
* Areas: 1 per ~2,000 buses on a grid of cells; bus numbers run 1..N area by
  area (shuffled inside each area), as in many real cases.

The total bus count is exactly --buses (terminal and compensation buses
included). `gencost` holds quadratic costs so that the case is also valid for
an OPF.
"""
import argparse
import os
import re
import sys

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree
from scipy.sparse.linalg import spsolve
from scipy.spatial import Delaunay

BASE_MVA = 100.0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--buses", type=int, required=True, help="total number of buses (>= 50)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="output .m file (its stem is the function name)")
    p.add_argument("--branches-per-bus", type=float, default=1.4)
    p.add_argument("--gen-share", type=float, default=0.20, help="share of buses with a generator")
    p.add_argument("--series-comp", type=float, default=0.0,
                   help="share of lines with a series capacitor (negative x), e.g. 0.01")
    p.add_argument("--phase-shifters", type=int, default=0, help="number of step-up "
                   "transformers given a phase shift of ±(2–10)°")
    a = p.parse_args(argv)
    if a.buses < 50:
        p.error("--buses must be at least 50")
    return a


def build_topology(rng, n_core, branches_target):
    """Core-bus coordinates (km) and line endpoints (index pairs)."""
    side = 40.0 * np.sqrt(n_core) * 0.9
    xy = rng.uniform(0.0, side, size=(n_core, 2))
    tri = Delaunay(xy)
    s = tri.simplices
    e = np.vstack([s[:, [0, 1]], s[:, [1, 2]], s[:, [0, 2]]])
    e = np.unique(np.sort(e, axis=1), axis=0)
    length = np.linalg.norm(xy[e[:, 0]] - xy[e[:, 1]], axis=1)
    g = coo_matrix((length, (e[:, 0], e[:, 1])), shape=(n_core, n_core))
    mst = minimum_spanning_tree(g).tocoo()
    tree = np.sort(np.column_stack([mst.row, mst.col]), axis=1)
    in_tree = np.zeros(len(e), bool)
    key = e[:, 0].astype(np.int64) * n_core + e[:, 1]
    in_tree[np.isin(key, tree[:, 0].astype(np.int64) * n_core + tree[:, 1])] = True
    extra_needed = max(0, branches_target - len(tree))
    rest = np.flatnonzero(~in_tree)
    score = length[rest] * rng.lognormal(0.0, 0.35, size=len(rest))
    chosen = rest[np.argsort(score)[:extra_needed]]
    lines = np.vstack([e[in_tree], e[chosen]])
    return xy, lines


def dc_flows(n, f, t, x, shift_deg, p_inj_mw, ref):
    """Branch flows (MW) of the DC power flow; p_inj_mw includes -GS."""
    b = 1.0 / x
    m = len(f)
    cf = csr_matrix((np.r_[b, -b], (np.r_[np.arange(m), np.arange(m)], np.r_[f, t])), shape=(m, n))
    bbus = coo_matrix((np.r_[b, b, -b, -b], (np.r_[f, t, f, t], np.r_[f, t, t, f])), shape=(n, n)).tocsr()
    pshift = -b * np.deg2rad(shift_deg)
    p = p_inj_mw / BASE_MVA - (coo_matrix((np.r_[pshift, -pshift], (np.r_[f, t], np.zeros(2 * m, int))),
                                          shape=(n, 1)).toarray().ravel())
    keep = np.flatnonzero(np.arange(n) != ref)
    theta = np.zeros(n)
    theta[keep] = spsolve(bbus[keep][:, keep].tocsc(), p[keep])
    return (cf @ theta + pshift) * BASE_MVA


def generate(a):
    rng = np.random.default_rng(a.seed)
    n = a.buses
    n_gen = max(2, int(round(a.gen_share * n)))
    n_term = n_gen // 2                       # generators behind a step-up transformer
    n_comp_req = a.series_comp * a.branches_per_bus * n
    n_comp = int(round(n_comp_req))           # series-capacitor midpoint buses
    n_core = n - n_term - n_comp
    if n_core < 10:
        sys.exit("synthetic.py: too few core buses for these options")
    n_par = int(round(0.03 * a.branches_per_bus * n))
    n_lines = int(round(a.branches_per_bus * n)) - n_term - n_comp - n_par
    xy, lines = build_topology(rng, n_core, max(n_lines, n_core - 1))
    par = lines[rng.choice(len(lines), size=min(n_par, len(lines)), replace=False)]
    lines = np.vstack([lines, par])
    length = np.linalg.norm(xy[lines[:, 0]] - xy[lines[:, 1]], axis=1) + 1.0
    x = np.clip(0.025 * (length / 40.0) ** 0.7 * rng.lognormal(0.0, 0.5, len(lines)), 0.001, 0.4)
    f, t = lines[:, 0].copy(), lines[:, 1].copy()
    flip = rng.random(len(f)) < 0.5
    f[flip], t[flip] = lines[flip, 1], lines[flip, 0]
    kind = np.zeros(len(f), int)              # 0 line, 1 step-up transformer, 2 series capacitor
    tap = np.zeros(len(f))
    shift = np.zeros(len(f))

    # Series compensation: split chosen lines a-b into a-m (line) and m-b (capacitor).
    comp_bus = n_core + np.arange(n_comp)
    comp_host = np.zeros(0, int)
    if n_comp:
        which = rng.choice(len(f), size=n_comp, replace=False)
        k = rng.uniform(0.3, 0.6, n_comp)
        cap_t = t[which].copy()
        comp_host = f[which].copy()
        t[which] = comp_bus
        f = np.r_[f, comp_bus]
        t = np.r_[t, cap_t]
        x = np.r_[x, -k * x[which]]
        kind = np.r_[kind, np.full(n_comp, 2)]
        tap = np.r_[tap, np.zeros(n_comp)]
        shift = np.r_[shift, np.zeros(n_comp)]

    # Generators: half at core buses, half at 22 kV terminal buses.
    term_bus = n_core + n_comp + np.arange(n_term)
    core_gen_bus = rng.choice(n_core, size=n_gen - n_term, replace=False)
    host = rng.choice(n_core, size=n_term, replace=True)
    xt = np.clip(rng.lognormal(np.log(0.06), 0.4, n_term), 0.005, 0.5)
    tp = np.round(rng.uniform(0.95, 1.05, n_term), 4)
    tp[tp == 1.0] = 1.0025                    # stay off-nominal: a ratio of exactly 1 reads as a line
    sh = np.zeros(n_term)
    if a.phase_shifters:
        ps = rng.choice(n_term, size=min(a.phase_shifters, n_term), replace=False)
        sh[ps] = np.round(rng.uniform(2, 10, len(ps)) * rng.choice([-1, 1], len(ps)), 2)
    f = np.r_[f, term_bus]
    t = np.r_[t, host]
    x = np.r_[x, xt]
    kind = np.r_[kind, np.ones(n_term, int)]
    tap = np.r_[tap, tp]
    shift = np.r_[shift, sh]
    gen_bus = np.r_[core_gen_bus, term_bus]
    pmax = np.round(np.clip(rng.lognormal(np.log(150.0), 0.9, n_gen), 10, 2000), 1)

    # Loads and shunts; balance generation to load.
    pd = np.zeros(n)
    loaded = rng.choice(n_core, size=int(0.6 * n_core), replace=False)
    pd[loaded] = np.round(np.clip(rng.lognormal(np.log(30.0), 0.8, len(loaded)), 1, 1500), 2)
    gs = np.zeros(n)
    shunted = rng.choice(n_core, size=max(1, n // 100), replace=False)
    gs[shunted] = np.round(rng.uniform(0.5, 5.0, len(shunted)), 2)
    demand = pd.sum() + gs.sum()
    if pmax.sum() < 1.15 * demand:
        pmax *= 1.15 * demand / pmax.sum()
        pmax = np.round(pmax, 1)
    pg = np.round(pmax * demand / pmax.sum(), 2)
    ref_gen = int(np.argmax(pmax))
    pg[ref_gen] += demand - pg.sum()          # exact balance; the slack then takes ~0
    ref = int(gen_bus[ref_gen])

    r = np.where(kind == 0, np.abs(x) * rng.uniform(0.05, 0.25, len(x)), np.abs(x) * 0.01)
    b = np.where(kind == 0, np.abs(x) * rng.uniform(0.5, 2.0, len(x)), 0.0)
    x_eff = x * np.where(tap == 0, 1.0, tap)  # MATPOWER: b_series = 1 / (x · ratio)
    inj = -pd - gs
    np.add.at(inj, gen_bus, pg)
    flow = dc_flows(n, f, t, x_eff, shift, inj, ref)
    rate = np.maximum(50.0, np.ceil(np.abs(flow) / rng.uniform(0.25, 0.9, len(flow)) / 10) * 10)

    # Areas on a grid of cells; bus numbers by area, shuffled inside.
    pos = np.zeros((n, 2))
    pos[:n_core] = xy
    pos[comp_bus] = xy[comp_host]
    pos[term_bus] = xy[host]
    cells = max(1, int(round(np.sqrt(n / 2000.0))))
    span = pos.max(axis=0) + 1e-9
    cell = np.minimum((pos / span * cells).astype(int), cells - 1)
    area = cell[:, 0] * cells + cell[:, 1] + 1
    order = np.lexsort((rng.random(n), area))
    number = np.empty(n, int)
    number[order] = np.arange(1, n + 1)
    return dict(n=n, number=number, area=area, pd=pd, gs=gs, ref=ref, gen_bus=gen_bus, pg=pg,
                pmax=pmax, f=f, t=t, r=r, x=x, b=b, rate=rate, tap=tap, shift=shift,
                kind=kind, term_bus=term_bus, comp_bus=comp_bus)


def g(v):
    """Shortest text that reads back to the same double (like %.17g, but short)."""
    return repr(float(v)).removesuffix(".0") if np.isfinite(v) else "Inf"


def write_case(c, path, a):
    name = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
    if not re.match(r"[A-Za-z]", name):
        name = "c_" + name
    n = c["n"]
    btype = np.ones(n, int)
    btype[c["gen_bus"]] = 2
    btype[c["ref"]] = 3
    kv = np.full(n, 230.0)
    kv[c["term_bus"]] = 22.0
    num = c["number"]
    out = [f"function mpc = {name}",
           f"%{name.upper()}  Synthetic {n}-bus DC benchmark case written by gridtool bench/synthetic.py.",
           f"%   python3 bench/synthetic.py --buses {n} --seed {a.seed} --branches-per-bus "
           f"{a.branches_per_bus} --gen-share {a.gen_share} --series-comp {a.series_comp} "
           f"--phase-shifters {a.phase_shifters}",
           "%   Not a real grid: random planar topology, see the generator's docstring.", "",
           "%% MATPOWER Case Format : Version 2", "mpc.version = '2';", "",
           "%% system MVA base", "mpc.baseMVA = 100;", "", "%% bus data",
           "%\tbus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin", "mpc.bus = ["]
    for i in np.argsort(num):
        out.append(f"\t{num[i]}\t{btype[i]}\t{g(c['pd'][i])}\t{g(round(0.3 * c['pd'][i], 2))}\t"
                   f"{g(c['gs'][i])}\t0\t{c['area'][i]}\t1\t0\t{g(kv[i])}\t1\t1.1\t0.9;")
    out += ["];", "", "%% generator data",
            "%\tbus\tPg\tQg\tQmax\tQmin\tVg\tmBase\tstatus\tPmax\tPmin\tPc1\tPc2\tQc1min\tQc1max"
            "\tQc2min\tQc2max\tramp_agc\tramp_10\tramp_30\tramp_q\tapf", "mpc.gen = ["]
    for gb, pg, pm in zip(c["gen_bus"], c["pg"], c["pmax"]):
        out.append(f"\t{num[gb]}\t{g(pg)}\t0\t{g(round(0.5 * pm, 1))}\t{g(round(-0.3 * pm, 1))}\t1\t"
                   f"{g(pm)}\t1\t{g(pm)}\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0;")
    out += ["];", "", "%% branch data",
            "%\tfbus\ttbus\tr\tx\tb\trateA\trateB\trateC\tratio\tangle\tstatus\tangmin\tangmax",
            "mpc.branch = ["]
    for k in range(len(c["f"])):
        rate = g(c["rate"][k])
        out.append(f"\t{num[c['f'][k]]}\t{num[c['t'][k]]}\t{c['r'][k]:.6g}\t{c['x'][k]:.6g}\t"
                   f"{c['b'][k]:.6g}\t{rate}\t{rate}\t{rate}\t{g(c['tap'][k])}\t{g(c['shift'][k])}"
                   "\t1\t-360\t360;")
    out += ["];", "", "%% generator cost data", "%\t2\tstartup\tshutdown\tn\tc(n-1)\t...\tc0",
            "mpc.gencost = ["]
    rng = np.random.default_rng(a.seed + 1)
    for _ in c["gen_bus"]:
        out.append(f"\t2\t0\t0\t3\t{rng.uniform(0.001, 0.05):.4f}\t{rng.uniform(5, 60):.2f}\t0;")
    out += ["];", ""]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("\n".join(out))
    os.replace(tmp, path)


def main():
    a = parse_args()
    c = generate(a)
    write_case(c, a.out, a)
    n, m = c["n"], len(c["f"])
    adj = coo_matrix((np.ones(m), (c["f"], c["t"])), shape=(n, n))
    ncomp = connected_components(adj, directed=False)[0]
    print(f"{a.out}: {n} buses, {m} branches ({m / n:.2f} per bus, "
          f"{int((c['kind'] == 1).sum())} transformers, {int((c['kind'] == 2).sum())} series "
          f"capacitors), {len(c['gen_bus'])} generators, load {c['pd'].sum():.0f} MW, "
          f"{ncomp} island(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
