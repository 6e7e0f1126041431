#!/usr/bin/env python3
"""One peer tool, one case, one run — the child process that bench/peers.py times.

    bench/.venv/bin/python bench/peer_run.py TOOL CASE.m OUT.json

Loads the MATPOWER case with TOOL, solves its DC power flow, and writes OUT.json:
{"tool", "load_s", "solve_s", "flows_mw": [...], "note"}. `flows_mw` is the real
power at the from end of every row of mpc.branch, in file order (0 for
out-of-service rows), so it can be compared with gridtool's `p_from_mw`.
`load_s` is reading the file and building the tool's model, `solve_s` the DC
power-flow call alone; interpreter start-up and imports are in neither (the
parent measures the whole process). TOOL is one of:

  pandapower     pandapower.converter.from_mpc (.m via matpowercaseframes), pp.rundcpp
                 (trafo_model="pi"; SHIFT sign fixed where from_ppc swaps a trafo)
  lightsim2grid  lightsim2grid.network.init_from_matpower (native .m reader), LSGrid.dc_pf (KLU)
  pypsa          pypsa.Network built from the case's matrices (n.add, vectorised), n.lpf()
  pypsa_pp       pypsa.Network.import_from_pandapower_net(from_mpc(case)), n.lpf() — the
                 documented route; it drops tap ratios, impedance branches and
                 in_service, so its flows differ on most real cases (kept to show that)
  scipy          minimal DC power flow in numpy/scipy (B θ = P) with CHOLMOD from
                 scikit-sparse when installed, else SuperLU: a floor for "Python + a
                 good sparse solver"; the case is read with matpowercaseframes
"""
import json
import logging
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

# MATPOWER column indices (0-based)
BUS_I, BUS_TYPE, PD, GS, GEN_BUS, PG, GEN_STATUS = 0, 1, 2, 4, 0, 1, 7
F_BUS, T_BUS, BR_X, TAP, SHIFT, BR_STATUS = 0, 1, 3, 8, 9, 10


def read_mpc(path):
    from matpowercaseframes import CaseFrames
    cf = CaseFrames(path)
    return (float(cf.baseMVA), cf.bus.to_numpy(float), cf.gen.to_numpy(float),
            cf.branch.to_numpy(float))


def pandapower_net(path, from_pp):
    """from_mpc(path) with the SHIFT signs fixed; (net, trafo rows of mpc.branch, swapped)."""
    from pandapower.converter.matpower import from_mpc
    net = from_mpc(path, f_hz=50)
    # from_ppc makes the higher-voltage end the trafo's hv side but keeps SHIFT's sign,
    # which MATPOWER applies at the from end: flip it where hv is the to end.
    look = net._from_ppc_lookups["branch"]
    rows = np.flatnonzero(look.element_type.values == "trafo")
    el = look.element.values[rows].astype(int)
    swapped = net.trafo.loc[el, "hv_bus"].values != bus_pp_index(net, from_pp[rows])
    net.trafo.loc[el[swapped], "shift_degree"] *= -1
    return net, rows, swapped


def run_pandapower(path):
    import pandapower as pp
    branch, from_pp = branch_from_pp_bus(None, path)
    t0 = time.perf_counter()
    net, rows, swapped = pandapower_net(path, from_pp)
    t1 = time.perf_counter()
    pp.rundcpp(net, trafo_model="pi")            # "t" adds the magnetising branch: ~0.01 MW off
    t2 = time.perf_counter()
    flipped = int((swapped & (branch[rows, SHIFT] != 0)).sum())
    note = f"SHIFT sign flipped on {flipped} trafos" if flipped else ""
    return t1 - t0, t2 - t1, pandapower_flows(net, branch, from_pp), note


def pandapower_flows(net, branch, from_row):
    """from_ppc splits mpc.branch into line / trafo / impedance; undo that."""
    from_pp = bus_pp_index(net, from_row)
    look = net._from_ppc_lookups["branch"]
    flows = np.zeros(len(branch))
    for kind, res, col in (("line", net.res_line, "p_from_mw"),
                           ("impedance", net.res_impedance, "p_from_mw")):
        rows = np.flatnonzero(look.element_type.values == kind)
        flows[rows] = res.loc[look.element.values[rows].astype(int), col].values
    rows = np.flatnonzero(look.element_type.values == "trafo")
    el = look.element.values[rows].astype(int)
    hv_is_from = net.trafo.loc[el, "hv_bus"].values == from_pp[rows]
    flows[rows] = np.where(hv_is_from, net.res_trafo.loc[el, "p_hv_mw"].values,
                           net.res_trafo.loc[el, "p_lv_mw"].values)
    return np.nan_to_num(flows)


def branch_from_pp_bus(net, path):
    """mpc.branch and, for each row, the mpc.bus row of its from bus."""
    _, bus, _, branch = read_mpc(path)
    row = {int(b): i for i, b in enumerate(bus[:, BUS_I])}
    return branch, np.array([row[int(b)] for b in branch[:, F_BUS]], dtype=int)


def bus_pp_index(net, bus_rows):
    """pandapower bus index of mpc.bus rows (from_mpc creates buses in row order
    but may renumber them)."""
    return net.bus.index.values[bus_rows]


def run_lightsim2grid(path):
    from lightsim2grid.network import init_from_matpower
    t0 = time.perf_counter()
    model = init_from_matpower(path)
    t1 = time.perf_counter()
    v = model.dc_pf(np.ones(model.total_bus(), dtype=complex), 10, 1e-8)
    t2 = time.perf_counter()
    if v.shape[0] == 0:
        raise RuntimeError("dc_pf did not converge (empty voltage vector)")
    branch = read_mpc(path)[3]
    # init_from_matpower: rows with TAP != 0 or SHIFT != 0 are transformers, the rest
    # lines, each group in file order; side 1 is the from end.
    is_tr = (branch[:, TAP] != 0) | (branch[:, SHIFT] != 0)
    flows = np.zeros(len(branch))
    flows[~is_tr] = model.get_line_res1()[0]
    flows[is_tr] = model.get_trafo_res1()[0]
    return t1 - t0, t2 - t1, np.nan_to_num(flows), str(model.get_dc_solver_type()).split(".")[-1]


def run_pypsa(path):
    import pypsa
    t0 = time.perf_counter()
    base, bus, gen, branch = read_mpc(path)
    n = pypsa.Network()
    names = [str(int(b)) for b in bus[:, BUS_I]]
    n.add("Bus", names, v_nom=1.0)               # 1 kV, 1 MVA: x in ohm = x in p.u.
    rows = np.arange(len(branch))
    is_tr = (branch[:, TAP] != 0) | (branch[:, SHIFT] != 0)
    on = branch[:, BR_STATUS] > 0
    b0 = branch[:, F_BUS].astype(int).astype(str)
    b1 = branch[:, T_BUS].astype(int).astype(str)
    ln, tr = rows[~is_tr], rows[is_tr]
    n.add("Line", [f"br{i}" for i in ln], bus0=b0[ln], bus1=b1[ln],
          x=branch[ln, BR_X] / base, r=0.0, s_nom=1e6, active=on[ln])
    if len(tr):
        n.add("Transformer", [f"br{i}" for i in tr], bus0=b0[tr], bus1=b1[tr],
              x=branch[tr, BR_X], r=0.0, s_nom=base, tap_ratio=np.where(branch[tr, TAP] == 0, 1.0,
              branch[tr, TAP]), phase_shift=branch[tr, SHIFT], active=on[tr])
    g_on = gen[:, GEN_STATUS] > 0
    ref_buses = set(bus[bus[:, BUS_TYPE] == 3, BUS_I].astype(int))
    control = np.array(["PQ"] * len(gen), dtype=object)
    for k in np.flatnonzero(g_on):                 # MATPOWER: 1st gen at each reference bus
        if int(gen[k, GEN_BUS]) in ref_buses:
            control[k] = "Slack"
            ref_buses.discard(int(gen[k, GEN_BUS]))
    gk = np.flatnonzero(g_on)
    n.add("Generator", [f"g{k}" for k in gk], bus=gen[gk, GEN_BUS].astype(int).astype(str),
          p_set=gen[gk, PG], control=control[gk])
    dem = bus[:, PD] + bus[:, GS]                  # GS at V = 1 is a constant MW draw in DC
    lk = np.flatnonzero(dem != 0)
    n.add("Load", [f"d{k}" for k in lk], bus=np.array(names)[lk], p_set=dem[lk])
    t1 = time.perf_counter()
    n.lpf()
    t2 = time.perf_counter()
    flows = np.zeros(len(branch))
    flows[ln] = n.lines_t.p0.iloc[0].reindex([f"br{i}" for i in ln]).values
    if len(tr):
        flows[tr] = n.transformers_t.p0.iloc[0].reindex([f"br{i}" for i in tr]).values
    flows[~on] = 0.0
    return t1 - t0, t2 - t1, np.nan_to_num(flows), ""


def run_pypsa_pp(path):
    import pypsa
    from pandapower.converter.matpower import from_mpc
    t0 = time.perf_counter()
    net = from_mpc(path, f_hz=50)
    for table in ("bus", "load", "gen", "sgen", "ext_grid", "line", "trafo", "shunt"):
        df = net[table]                             # PyPSA needs unique names
        df["name"] = [f"{table}{i}" for i in df.index] if table != "bus" else df.index
    n = pypsa.Network()
    n.import_from_pandapower_net(net, extra_line_data=True)
    t1 = time.perf_counter()
    n.lpf()
    t2 = time.perf_counter()
    branch, from_row = branch_from_pp_bus(None, path)
    from_pp = bus_pp_index(net, from_row)
    look = net._from_ppc_lookups["branch"]
    flows = np.zeros(len(branch))
    for kind, tab, res in (("line", "line", n.lines_t.p0), ("trafo", "trafo", n.transformers_t.p0)):
        rows = np.flatnonzero(look.element_type.values == kind)
        el = look.element.values[rows].astype(int)
        p = res.iloc[0].reindex([f"{tab}{i}" for i in el]).values
        if kind == "trafo":                         # bus0 is the hv side
            p = np.where(net.trafo.loc[el, "hv_bus"].values == from_pp[rows], p, -p)
        flows[rows] = p
    note = f"{int((look.element_type == 'impedance').sum())} impedance branches not imported"
    return t1 - t0, t2 - t1, np.nan_to_num(flows), note


def make_bdc(bus, branch):
    """MATPOWER's makeBdc on the in-service rows `on` of mpc.branch: Bbus (CSC), Bf, the
    incidence Cft and the phase-shift injections Pfinj (p.u.); `idx` maps a bus number
    to its mpc.bus row. Shared with year_scipy.py."""
    from scipy.sparse import csr_matrix
    nb = len(bus)
    idx = {int(b): i for i, b in enumerate(bus[:, BUS_I])}
    on = np.flatnonzero(branch[:, BR_STATUS] > 0)
    f = np.array([idx[int(b)] for b in branch[on, F_BUS]])
    t = np.array([idx[int(b)] for b in branch[on, T_BUS]])
    tap = np.where(branch[on, TAP] == 0, 1.0, branch[on, TAP])
    b = 1.0 / (branch[on, BR_X] * tap)
    pfinj = -b * np.deg2rad(branch[on, SHIFT])
    m = len(on)
    r2 = np.r_[np.arange(m), np.arange(m)]
    cft = csr_matrix((np.r_[np.ones(m), -np.ones(m)], (r2, np.r_[f, t])), shape=(m, nb))
    bf = csr_matrix((np.r_[b, -b], (r2, np.r_[f, t])), shape=(m, nb))
    return idx, on, cft, bf, (cft.T @ bf).tocsc(), pfinj


def run_scipy(path):
    t0 = time.perf_counter()
    base, bus, gen, branch = read_mpc(path)
    t1 = time.perf_counter()
    nb = len(bus)
    idx, on, cft, bf, bbus, pfinj = make_bdc(bus, branch)
    p = -(bus[:, PD] + bus[:, GS]) / base - cft.T @ pfinj
    g_on = gen[:, GEN_STATUS] > 0
    np.add.at(p, [idx[int(x)] for x in gen[g_on, GEN_BUS]], gen[g_on, PG] / base)
    ref = np.flatnonzero(bus[:, BUS_TYPE] == 3)
    keep = np.setdiff1d(np.arange(nb), np.r_[ref, np.flatnonzero(bus[:, BUS_TYPE] == 4)])
    a = bbus[keep][:, keep].tocsc()
    theta = np.zeros(nb)
    theta[ref] = np.deg2rad(bus[ref, 8])
    rhs = p[keep] - bbus[keep][:, ref] @ theta[ref]
    try:
        from sksparse.cholmod import cholesky
        theta[keep] = cholesky(a)(rhs)
        note = "CHOLMOD (scikit-sparse)"
    except Exception as e:                       # not installed, or B not positive definite
        from scipy.sparse.linalg import splu
        theta[keep] = splu(a).solve(rhs)
        note = f"SuperLU ({'no scikit-sparse' if isinstance(e, ImportError) else 'CHOLMOD: ' + str(e)[:40]})"
    flows = np.zeros(len(branch))
    flows[on] = (bf @ theta + pfinj) * base
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, flows, note


def main():
    tool, path, out = sys.argv[1:4]
    fn = globals().get("run_" + tool)
    if fn is None:
        sys.exit(f"peer_run.py: unknown tool {tool}")
    load_s, solve_s, flows, note = fn(path)
    with open(out, "w") as fh:
        json.dump({"tool": tool, "load_s": load_s, "solve_s": solve_s, "note": note,
                   "flows_mw": [float(x) for x in flows]}, fh)


if __name__ == "__main__":
    main()
