#!/usr/bin/env python3
"""PyPSA peer of `gridtool scenario --dispatch opf` (and a short `scopf`) on the Xinjiang 2024 year.

Builds the same hourly problem as gridtool's OPF modes (docs/scenarios.md, "Dispatch modes") in
PyPSA from the scenario file and its profiles — the network's buses and lines (x from the line
types, ratings × circuits), every generator with its hourly availability (installed share ×
availability × availability_scale), must-run as a separate part of each dispatchable unit priced
at −must_run_cut_cost, wind and PV at −curtailment_cost, an unserved-demand generator per load
(export_cut_cost for export_loads), the HVDC schedules as loads at the sending converter with an
export-cut generator each — and solves all hours as one linear OPF (linopy + HiGHS), the way PyPSA
solves a year. It then runs gridtool on the same problem and compares the total cost.

Differences, so that the two problems are the same: the maintenance outages and the corridor
limits are left out on both sides (a copy of the scenario without them is written for gridtool);
PyPSA has no interface limits. `--scopf` times PyPSA's `optimize_security_constrained` over the
branch outages that do not island (BODF), for the first `--hours` hours, beside gridtool's scopf of
the same hours with the same outage set (whole branches, no HVDC trips, no islanding outages);
their costs are printed, not compared (the outage sets still differ in the islanding ones).

    bench/.venv/bin/python bench/pypsa_year.py                      # the whole year, opf
    bench/.venv/bin/python bench/pypsa_year.py --hours 168 --scopf  # one week with N-1
    GRIDTOOL=/path/to/gridtool bench/.venv/bin/python bench/pypsa_year.py

Needs pypsa (bench/requirements.txt pins 1.2.4), highspy and PyYAML, and a release gridtool
(`swift build -c release --product gridtool`, or $GRIDTOOL).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xinjiang_dcpf import branch_data, load_network  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "networks", "scenarios", "xinjiang-2024.yaml")


def read_profiles(path, hours):
    rows = [line for line in open(path, encoding="utf-8") if not line.startswith("#")]
    header = rows[0].strip().split(",")
    data = np.array([[float(x) for x in r.strip().split(",")[1:]] for r in rows[1:hours + 1]])
    return {name: data[:, i - 1] for i, name in enumerate(header) if i > 0}


def build_inputs(scenario_path, hours):
    """Hourly limits, demands and schedules of the scenario, as gridtool binds them."""
    folder = os.path.dirname(scenario_path)
    sc = yaml.safe_load(open(scenario_path, encoding="utf-8"))
    net = load_network(os.path.join(folder, sc["network"]))
    prof = {}
    for p in sc["profiles"]:
        prof.update(read_profiles(os.path.join(folder, p["file"]), hours))
    buses = {b["id"]: b for b in net["buses"]}
    regions = {}
    for g in (net.get("groups") or {}).get("regions", []):
        for b in g["buses"]:
            regions[b] = g.get("name", g["id"])
    gens = [g for g in net["generators"] if g.get("in_service", True)]
    avail = {g["id"]: None for g in gens}
    share = {g["id"]: np.ones(hours) for g in gens}
    for e in sc.get("generators", []):
        sel = [g for g in gens if ("technology" not in e or g["technology"] == e["technology"])
               and ("buses" not in e or g["bus"] in e["buses"])]
        if "availability" in e:
            col = e["availability"]
            values = prof[col] if isinstance(col, str) else np.full(hours, float(col))
            for g in sel:
                avail[g["id"]] = values * e.get("availability_scale", 1.0)
        if "capacity" in e:
            for g in sel:
                share[g["id"]] = prof[e["capacity"]]
    for g in gens:
        if avail[g["id"]] is None:
            static = g.get("p_mw", 0) / g["capacity_mw"] if g["technology"] in ("wind", "solar") else 1.0
            avail[g["id"]] = np.full(hours, static)
    loads = [ld for ld in net["loads"] if ld.get("in_service", True)]
    demand = {ld["id"]: np.full(hours, float(ld["p_mw"])) for ld in loads}
    for e in sc.get("loads", []):
        if "region" in e:
            sel = [ld for ld in loads if regions.get(ld["bus"], buses[ld["bus"]].get("region")) in e["region"]]
        else:
            sel = [ld for ld in loads if ld["id"] in e.get("ids", [])]
        total = sum(ld["p_mw"] for ld in sel)
        for ld in sel:
            demand[ld["id"]] = prof[e["profile"]] * (ld["p_mw"] / total if e.get("unit") == "mw" else ld["p_mw"])
    schedules = {e["id"]: prof[e["profile"]] for e in sc.get("hvdc", [])}
    d = sc["dispatch"]
    return sc, net, gens, avail, share, loads, demand, schedules, d


def pypsa_network(net, gens, avail, share, loads, demand, schedules, d, hours):
    import pypsa

    n = pypsa.Network()
    n.set_snapshots(range(hours))
    base = net.get("base_mva", 100)
    bus = {b["id"]: b for b in net["buses"]}
    for b in net["buses"]:
        n.add("Bus", b["id"], v_nom=b["voltage_kv"])
    for br in branch_data(net, base, bus):
        if not br["on"]:
            continue
        zbase = bus[br["f"]]["voltage_kv"] ** 2 / base
        n.add("Line", br["id"], bus0=br["f"], bus1=br["t"], x=br["x"] * zbase, r=0, s_nom=br["rating"] or 1e6)
    costs, must_run = d.get("costs", {}), d.get("must_run", {})
    tie = 0.01 / len(net["generators"])
    index = {g["id"]: k for k, g in enumerate(net["generators"])}
    for g in gens:
        k, tech, cap = index[g["id"]], g["technology"], g["capacity_mw"]
        installed = share[g["id"]]
        available = np.clip(installed * avail[g["id"]], 0, None)
        c = costs.get(tech, 0) + tie * k
        if tech in ("wind", "solar"):
            n.add("Generator", g["id"], bus=g["bus"], p_nom=cap, p_max_pu=available, marginal_cost=c - d["curtailment_cost"])
            continue
        minimum = np.minimum(available, must_run.get(tech, 0) * installed)  # p.u. of capacity
        n.add("Generator", g["id"], bus=g["bus"], p_nom=cap, p_max_pu=available - minimum, marginal_cost=c)
        if must_run.get(tech, 0) > 0:
            n.add("Generator", g["id"] + " (must-run)", bus=g["bus"], p_nom=cap, p_max_pu=minimum,
                  marginal_cost=c - d["must_run_cut_cost"])
    exports = set(d.get("export_loads", []))
    for ld in loads:
        p = demand[ld["id"]]
        n.add("Load", ld["id"], bus=ld["bus"], p_set=p)
        top = max(1.0, p.max())
        n.add("Generator", "unserved: " + ld["id"], bus=ld["bus"], p_nom=top, p_max_pu=np.clip(p / top, 0, None),
              marginal_cost=d["export_cut_cost"] if ld["id"] in exports else d["unserved_cost"])
    for h in net.get("hvdc", []):
        p = schedules.get(h["id"], np.full(hours, float(h["p_mw"])))
        n.add("Load", "hvdc: " + h["id"], bus=h["from"], p_set=p)
        top = max(1.0, p.max())
        n.add("Generator", "export cut: " + h["id"], bus=h["from"], p_nom=top, p_max_pu=p / top, marginal_cost=d["export_cut_cost"])
    return n


def gridtool_run(binary, scenario_path, hours, mode, outages):
    """gridtool on a copy of the scenario without maintenance outages and corridor limits."""
    text = open(scenario_path, encoding="utf-8").read()
    folder = os.path.dirname(scenario_path)
    sc = yaml.safe_load(text)
    sc["network"] = os.path.join(folder, sc["network"])
    sc["facts"] = os.path.join(folder, sc["facts"])
    for p in sc["profiles"]:
        p["file"] = os.path.join(folder, p["file"])
    sc["period"]["hours"] = hours
    sc.pop("outages", None)
    sc["dispatch"]["mode"] = mode
    sc["dispatch"]["corridor_limits"] = False
    sc["dispatch"]["security"] = {"outages": outages, "hvdc": False}
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump(sc, f, allow_unicode=True)
        copy = f.name
    start = time.perf_counter()
    out = subprocess.run([binary, "scenario", copy, "--format", "json"], capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - start
    os.unlink(copy)
    return json.loads(out), seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hours", type=int, default=8784)
    ap.add_argument("--scopf", action="store_true", help="also time N-1 (PyPSA's security-constrained LOPF)")
    ap.add_argument("--scenario", default=SCENARIO)
    args = ap.parse_args()
    binary = os.environ.get("GRIDTOOL", os.path.join(ROOT, ".build", "release", "gridtool"))

    sc, net, gens, avail, share, loads, demand, schedules, d = build_inputs(args.scenario, args.hours)
    t0 = time.perf_counter()
    n = pypsa_network(net, gens, avail, share, loads, demand, schedules, d, args.hours)
    t1 = time.perf_counter()
    status, condition = n.optimize(solver_name="highs", solver_options={"threads": 1})
    t2 = time.perf_counter()
    result, seconds = gridtool_run(binary, args.scenario, args.hours, "opf", "branch")
    ours = result["opf"]["objective"]
    print(f"opf, {args.hours} hours: PyPSA {t2 - t0:.1f} s (build {t1 - t0:.1f} s, optimize {t2 - t1:.1f} s; {status}, {condition}); "
          f"gridtool {seconds:.2f} s (whole process)")
    print(f"  total cost: PyPSA {n.objective:,.0f} $, gridtool {ours:,.0f} $, relative difference {abs(n.objective - ours) / abs(ours):.2e}")

    if args.scopf:
        from opf_peer_run import non_islanding_lines
        outages = non_islanding_lines(n)
        t3 = time.perf_counter()
        status, condition = n.optimize.optimize_security_constrained(
            branch_outages=outages, solver_name="highs", solver_options={"threads": 1})
        t4 = time.perf_counter()
        result, seconds = gridtool_run(binary, args.scenario, args.hours, "scopf", "branch")
        print(f"scopf, {args.hours} hours, {len(outages)} outages (bridges left out): PyPSA {t4 - t3:.1f} s ({status}, {condition}); "
              f"gridtool {seconds:.2f} s (whole process, islanding outages included)")
        theirs = result["opf"]["objective"]
        print(f"  total cost: PyPSA {n.objective:,.0f} $, gridtool {theirs:,.0f} $, relative difference {abs(n.objective - theirs) / abs(theirs):.2e}")


if __name__ == "__main__":
    main()
