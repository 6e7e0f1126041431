#!/usr/bin/env python3
"""One OPF peer, one case, one run: the child process that bench/opf_bench.py times.

    bench/.venv/bin/python bench/opf_peer_run.py TOOL CASE.m OUT.json [--scopf]

Loads the MATPOWER case with TOOL, solves its DC OPF (with --scopf: the preventive N-1
SCOPF over every non-islanding branch outage, RATE_A after the outage), and writes
OUT.json: {"tool", "load_s", "solve_s", "objective", "pg_mw": [...], "status", "note"}.
`pg_mw` is the output of every row of mpc.gen (0 when out of service). TOOL is one of:

  pandapower  pandapower.converter.from_mpc (costs from gencost), pp.rundcopp (PYPOWER's
              DC OPF with PIPS); SHIFT signs fixed as in peer_run.py
  pypsa       pypsa.Network built from the case's matrices (peer_run.pypsa_network),
              generators with p_nom = PMAX, p_min_pu = PMIN/PMAX and the gencost's linear
              and quadratic terms, s_nom = RATE_A (unlimited where 0), then
              n.optimize(solver_name="highs"); with --scopf
              n.optimize.optimize_security_constrained(branch_outages=...). Stock PyPSA
              ignores phase shifters in the optimisation (its case2383wp objective is off)
"""
import json
import logging
import sys
import time
import warnings

import numpy as np

from peer_run import BR_STATUS, F_BUS, GEN_BUS, GEN_STATUS, PG, T_BUS, read_mpc

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
PMAX, PMIN, RATE_A = 8, 9, 5


def read_gencost(path):
    from matpowercaseframes import CaseFrames
    return CaseFrames(path).gencost.to_numpy(float)


def polynomial(gencost, ng):
    """(quadratic, linear, constant) per generator from model-2 rows; None for a pwl row."""
    out = []
    for row in gencost[:ng]:
        if int(row[0]) != 2:
            return None
        n = int(row[3])
        c = list(row[4:4 + n])
        c = [0.0] * max(0, 3 - len(c)) + c[-3:]
        out.append(c)
    return np.array(out)


def run_pandapower(path, scopf):
    import pandapower as pp
    from peer_run import branch_from_pp_bus, pandapower_net
    if scopf:
        raise RuntimeError("pandapower has no security-constrained OPF")
    _, from_pp = branch_from_pp_bus(None, path)
    t0 = time.perf_counter()
    net, _, _ = pandapower_net(path, from_pp)
    t1 = time.perf_counter()
    pp.rundcopp(net, trafo_model="pi")
    t2 = time.perf_counter()
    _, _, gen, _ = read_mpc(path)
    # from_mpc: the first generator at the reference bus is the ext_grid, the others gens, in row order.
    pg = np.zeros(len(gen))
    look_gen = net._from_ppc_lookups.get("gen")
    if look_gen is not None:
        for k, (kind, idx) in enumerate(zip(look_gen.element_type.values, look_gen.element.values)):
            table = {"ext_grid": net.res_ext_grid, "gen": net.res_gen, "sgen": net.res_sgen}[kind]
            pg[k] = table.loc[int(idx), "p_mw"]
    return t1 - t0, t2 - t1, float(net.res_cost), pg.tolist(), "converged" if net.OPF_converged else "not converged", ""


def pypsa_opf_network(path):
    """The PyPSA network of peer_run.pypsa_network with the OPF data: costs, limits, ratings."""
    import pypsa
    base, bus, gen, branch = read_mpc(path)
    gencost = read_gencost(path)
    poly = polynomial(gencost, len(gen))
    if poly is None:
        raise RuntimeError("piecewise-linear gencost is not mapped to PyPSA here")
    n = pypsa.Network()
    names = [str(int(b)) for b in bus[:, 0]]
    n.add("Bus", names, v_nom=1.0)
    on = branch[:, BR_STATUS] > 0
    rows = np.flatnonzero(on)
    tap = np.where(branch[rows, 8] == 0, 1.0, branch[rows, 8])
    rate = np.where(branch[rows, RATE_A] > 0, branch[rows, RATE_A], 1e7)
    # Every branch as a Line with the DC susceptance b = 1/(x·tap) (x in ohm on a 1 kV, 1 MVA
    # base is x in p.u.); phase shifts are not modelled by PyPSA's optimisation.
    n.add("Line", [f"br{i}" for i in rows], bus0=branch[rows, F_BUS].astype(int).astype(str),
          bus1=branch[rows, T_BUS].astype(int).astype(str), x=branch[rows, 3] * tap / base, r=0.0, s_nom=rate)
    g = np.flatnonzero(gen[:, GEN_STATUS] > 0)
    pmax = gen[g, PMAX]
    n.add("Generator", [f"g{k}" for k in g], bus=gen[g, GEN_BUS].astype(int).astype(str), p_nom=np.maximum(pmax, 1e-9),
          p_min_pu=np.where(pmax > 0, gen[g, PMIN] / np.maximum(pmax, 1e-9), 0.0), p_max_pu=1.0,
          marginal_cost=poly[g, 1], marginal_cost_quadratic=poly[g, 0])
    dem = bus[:, 2] + bus[:, 4]
    lk = np.flatnonzero(dem != 0)
    n.add("Load", [f"d{k}" for k in lk], bus=np.array(names)[lk], p_set=dem[lk])
    constant = float(poly[g, 2].sum())
    return n, gen, branch, constant


def non_islanding_lines(n):
    """Lines whose outage does not split the network (union-find per outage)."""
    ends = list(zip(n.lines.index, n.lines.bus0, n.lines.bus1))

    def components(skip):
        parent = {b: b for b in n.buses.index}

        def find(b):
            while parent[b] != b:
                parent[b] = parent[parent[b]]
                b = parent[b]
            return b
        for name, a, b in ends:
            if name != skip:
                parent[find(a)] = find(b)
        return len({find(b) for b in n.buses.index})

    whole = components(None)
    return [name for name, _, _ in ends if components(name) == whole]


def run_pypsa(path, scopf):
    t0 = time.perf_counter()
    n, gen, branch, constant = pypsa_opf_network(path)
    outages = non_islanding_lines(n) if scopf else []
    t1 = time.perf_counter()
    if scopf:
        status, condition = n.optimize.optimize_security_constrained(
            branch_outages=outages, solver_name="highs", solver_options={"threads": 1})
    else:
        status, condition = n.optimize(solver_name="highs", solver_options={"threads": 1})
    t2 = time.perf_counter()
    pg = np.zeros(len(gen))
    if status == "ok":
        p = n.generators_t.p.iloc[0]
        for k in np.flatnonzero(gen[:, GEN_STATUS] > 0):
            pg[k] = p[f"g{k}"]
    objective = float(n.objective) + constant if status == "ok" else float("nan")
    note = f"{len(outages)} outages" if scopf else ""
    return t1 - t0, t2 - t1, objective, pg.tolist(), f"{status}, {condition}", note


def main():
    tool, path, out = sys.argv[1:4]
    scopf = "--scopf" in sys.argv[4:]
    run = {"pandapower": run_pandapower, "pypsa": run_pypsa}[tool]
    load_s, solve_s, objective, pg, status, note = run(path, scopf)
    with open(out, "w") as f:
        json.dump({"tool": tool, "load_s": load_s, "solve_s": solve_s, "objective": objective, "pg_mw": pg,
                   "status": status, "note": note}, f)


if __name__ == "__main__":
    main()
