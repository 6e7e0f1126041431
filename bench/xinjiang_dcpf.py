#!/usr/bin/env python3
"""Independent DC power-flow check for gridtool network YAML files.

Usage:  python3 bench/xinjiang_dcpf.py networks/xinjiang-2024.yaml [--top N]

Reads a file in the format of docs/network-format.md (every key is checked,
unknown keys are errors), builds the DC power flow with MATPOWER semantics
(b = 1/(x·ratio), r ignored, phase shift as injections) and prints the totals
by technology, loads by region, HVDC links, corridor transfers, the slack
output and every branch's flow, rating and loading.

HVDC links are injections: −p_mw at `from`; +(p_mw − losses) at `to` when the
receiving converter is inside the model. Physical losses follow
docs/models.md: sending station c0 + c1·P, line poles·I²·R with
I = P1/(poles·V) on the power entering the line, receiving station c0 + c1·P2.

The slack is the first in-service generator at the `type: reference` bus; it
absorbs the mismatch. Exit status: 0 = solved, no violation; 1 = input error;
2 = solved, but a branch or corridor is above 100 % or the slack is outside
[0, capacity].

Needs Python 3 with numpy and PyYAML (pip install numpy pyyaml).
"""
import sys
from collections import defaultdict

import numpy as np
import yaml

# --- keys allowed by docs/network-format.md --------------------------------
KEYS = {
    "top": {"format", "name", "description", "base_mva", "line_types", "buses", "lines",
            "transformers", "generators", "loads", "hvdc", "groups"},
    "line_type": {"voltage_kv", "r_ohm_per_km", "x_ohm_per_km", "b_us_per_km",
                  "rating_mw_per_circuit", "source"},
    "bus": {"id", "name", "number", "voltage_kv", "type", "region", "lat", "lon", "tags",
            "load_mw", "angle_deg"},
    "line": {"id", "name", "from", "to", "circuits", "length_km", "type", "r_ohm_per_km",
             "x_ohm_per_km", "b_us_per_km", "r_pu", "x_pu", "b_pu", "rating_mw",
             "rating_mw_per_circuit", "in_service", "estimated", "source"},
    "transformer": {"id", "name", "from", "to", "in_service", "source", "x_pu", "r_pu",
                    "ratio", "shift_deg", "rating_mw"},
    "generator": {"id", "name", "bus", "technology", "capacity_mw", "p_mw", "p_min_mw",
                  "in_service", "source"},
    "load": {"id", "bus", "p_mw", "region", "in_service", "source"},
    "hvdc": {"id", "name", "from", "to", "external", "p_mw", "rating_mw", "poles", "voltage_kv",
             "resistance_ohm_per_pole", "converter_loss_mw", "converter_loss_pct", "loss0_mw",
             "loss1", "in_service", "estimated", "source"},
    "group": {"id", "name", "source", "lines", "hvdc", "buses", "receiving_buses", "rating_mw"},
}
TECHS = ["coal", "gas", "wind", "solar", "hydro", "nuclear", "storage", "other"]


def fail(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(1)


def check_keys(kind, entry, where):
    if not isinstance(entry, dict):
        fail(f"{where}: expected a mapping")
    unknown = set(entry) - KEYS[kind]
    if unknown:
        fail(f"{where}: unknown key(s) {sorted(unknown)}")


def unique_ids(entries, what, seen=None):
    seen = set() if seen is None else seen
    for e in entries:
        if "id" not in e:
            fail(f"{what}: entry without id: {e}")
        if e["id"] in seen:
            fail(f"{what}: duplicate id {e['id']!r}")
        seen.add(e["id"])
    return seen


def load_network(path):
    with open(path, encoding="utf-8") as f:
        net = yaml.safe_load(f)
    check_keys("top", net, "top level")
    if net.get("format") != "gridtool-network/1":
        fail("format must be gridtool-network/1")
    for name, t in (net.get("line_types") or {}).items():
        check_keys("line_type", t, f"line_types.{name}")
    for kind, key in [("bus", "buses"), ("line", "lines"), ("transformer", "transformers"),
                      ("generator", "generators"), ("load", "loads"), ("hvdc", "hvdc")]:
        for i, e in enumerate(net.get(key) or []):
            check_keys(kind, e, f"{key}[{i}] ({e.get('id', '?') if isinstance(e, dict) else '?'})")
    for kind, groups in (net.get("groups") or {}).items():
        if kind not in ("rings", "corridors", "regions"):
            fail(f"groups: unknown kind {kind!r}")
        unique_ids(groups, f"groups.{kind}")
        for g in groups:
            check_keys("group", g, f"groups.{kind}.{g['id']}")
    return net


def branch_data(net, base_mva, bus):
    """Per-unit series reactance, ratio, shift and rating of every branch (lines then transformers)."""
    types = net.get("line_types") or {}
    out = []
    for ln in net.get("lines") or []:
        t = types.get(ln["type"], None) if "type" in ln else {}
        if t is None:
            fail(f"line {ln['id']}: unknown type {ln['type']!r}")
        circuits = ln.get("circuits", 1)
        if "x_pu" in ln:
            if "length_km" in ln:
                fail(f"line {ln['id']}: x_pu excludes length_km data")
            x = ln["x_pu"]
            per_circuit = ln.get("rating_mw_per_circuit", t.get("rating_mw_per_circuit"))
        else:
            kv = bus[ln["from"]]["voltage_kv"]
            if t and t["voltage_kv"] != kv:
                print(f"warning: line {ln['id']}: type voltage {t['voltage_kv']} kV "
                      f"≠ from-bus {kv} kV", file=sys.stderr)
            zbase = kv ** 2 / base_mva
            x_km = ln.get("x_ohm_per_km", t.get("x_ohm_per_km"))
            if x_km is None or "length_km" not in ln:
                fail(f"line {ln['id']}: needs x_pu, or length_km with a type or x_ohm_per_km")
            x = x_km * ln["length_km"] / circuits / zbase
            per_circuit = ln.get("rating_mw_per_circuit", t.get("rating_mw_per_circuit"))
        if x == 0:
            fail(f"line {ln['id']}: zero reactance")
        rating = ln.get("rating_mw", per_circuit * circuits if per_circuit else None)
        out.append(dict(id=ln["id"], f=ln["from"], t=ln["to"], x=x, ratio=1.0, shift=0.0,
                        rating=rating, on=ln.get("in_service", True), kind="line",
                        circuits=circuits, length=ln.get("length_km")))
    for tr in net.get("transformers") or []:
        out.append(dict(id=tr["id"], f=tr["from"], t=tr["to"], x=tr["x_pu"],
                        ratio=tr.get("ratio", 1.0), shift=np.radians(tr.get("shift_deg", 0.0)),
                        rating=tr.get("rating_mw"), on=tr.get("in_service", True),
                        kind="transformer", circuits=1, length=None))
    return out


def hvdc_losses(h, p):
    """Losses of a link at sending power p (MW), direction-symmetric (docs/models.md):
    sending station c0 + c1·P, then the line poles·I²·R with I = P1/(poles·V) on the
    power P1 that enters it, then the receiving station c0 + c1·P2 on what leaves it."""
    if p == 0:
        return 0.0
    if "loss0_mw" in h or "loss1" in h:                       # MATPOWER linear model
        return h.get("loss0_mw", 0.0) + h.get("loss1", 0.0) * p
    a = abs(p)
    c0 = h.get("converter_loss_mw", 0.0)
    c1 = h.get("converter_loss_pct", 0.0) / 100
    p1 = max(0.0, a - (c0 + c1 * a))
    line = 0.0
    if "resistance_ohm_per_pole" in h:
        i_ka = p1 / (h["poles"] * h["voltage_kv"])            # MW / kV = kA
        line = h["poles"] * i_ka ** 2 * h["resistance_ohm_per_pole"]  # kA²·Ω = MW
    p2 = max(0.0, p1 - line)
    delivered = max(0.0, p2 - (c0 + c1 * p2))
    return a - delivered


def islands(bus_ids, branches):
    adj = defaultdict(set)
    for br in branches:
        if br["on"]:
            adj[br["f"]].add(br["t"])
            adj[br["t"]].add(br["f"])
    left, result = set(bus_ids), []
    while left:
        stack, comp = [left.pop()], set()
        while stack:
            b = stack.pop()
            comp.add(b)
            for n in adj[b]:
                if n in left:
                    left.remove(n)
                    stack.append(n)
        result.append(comp)
    return result


def main(argv):
    if len(argv) < 2:
        fail("usage: xinjiang_dcpf.py NETWORK.yaml [--top N]")
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else None
    net = load_network(argv[1])
    base = net.get("base_mva", 100.0)
    buses = net["buses"]
    unique_ids(buses, "buses", None)
    bus = {b["id"]: b for b in buses}
    idx = {b["id"]: i for i, b in enumerate(buses)}
    branches = branch_data(net, base, bus)
    unique_ids((net.get("lines") or []) + (net.get("transformers") or []), "lines", set(bus))
    for br in branches:
        for end in (br["f"], br["t"]):
            if end not in bus:
                fail(f"branch {br['id']}: unknown bus {end!r}")
    refs = [b["id"] for b in buses if b.get("type") == "reference"]
    if len(refs) != 1:
        fail(f"expected exactly one reference bus, found {refs}")
    ref = refs[0]
    isl = islands(bus, branches)
    if len(isl) != 1:
        fail(f"network has {len(isl)} islands: {[sorted(c)[:4] for c in isl]}")

    n = len(buses)
    p_inj = np.zeros(n)                      # MW
    # generators
    gens = [g for g in net.get("generators") or [] if g.get("in_service", True)]
    for g in gens:
        if g["bus"] not in bus:
            fail(f"generator {g['id']}: unknown bus {g['bus']!r}")
        if g["technology"] not in TECHS:
            fail(f"generator {g['id']}: unknown technology {g['technology']!r}")
        if not 0 <= g["p_mw"] <= g["capacity_mw"]:
            fail(f"generator {g['id']}: p_mw {g['p_mw']} outside [0, {g['capacity_mw']}]")
        p_inj[idx[g["bus"]]] += g["p_mw"]
    slack_gens = [g for g in gens if g["bus"] == ref]
    if not slack_gens:
        fail(f"no in-service generator at the reference bus {ref}")
    slack = slack_gens[0]
    # loads
    load_by_region = defaultdict(float)
    for b in buses:
        if b.get("load_mw"):
            p_inj[idx[b["id"]]] -= b["load_mw"]
            load_by_region[b.get("region", "?")] += b["load_mw"]
    for ld in net.get("loads") or []:
        if not ld.get("in_service", True):
            continue
        if ld["bus"] not in bus:
            fail(f"load {ld['id']}: unknown bus {ld['bus']!r}")
        p_inj[idx[ld["bus"]]] -= ld["p_mw"]
        load_by_region[ld.get("region", bus[ld["bus"]].get("region", "?"))] += ld["p_mw"]
    # HVDC links
    links = []
    for h in net.get("hvdc") or []:
        if not h.get("in_service", True):
            continue
        if ("to" in h) == ("external" in h):
            fail(f"hvdc {h['id']}: give exactly one of to / external")
        p = h["p_mw"]
        if abs(p) > h["rating_mw"]:
            fail(f"hvdc {h['id']}: |p_mw| {p} above rating {h['rating_mw']}")
        if p < 0 and "to" not in h:
            fail(f"hvdc {h['id']}: negative p_mw needs `to`")
        loss = hvdc_losses(h, p)
        recv = p - loss if p >= 0 else p + loss   # power arriving at the other end
        if p >= 0:
            p_inj[idx[h["from"]]] -= p
            if "to" in h:
                p_inj[idx[h["to"]]] += recv
        else:                                      # reversed: to → from
            p_inj[idx[h["to"]]] -= -p
            p_inj[idx[h["from"]]] += -recv
        links.append((h, p, loss, recv))

    # balance: slack absorbs the mismatch of the lossless AC network
    mismatch = -p_inj.sum()
    slack_p = slack["p_mw"] + mismatch
    p_inj[idx[ref]] += mismatch

    # DC power flow: B θ = P − Pshift (MATPOWER makeBdc)
    B = np.zeros((n, n))
    pshift = np.zeros(n)
    for br in branches:
        if not br["on"]:
            continue
        i, j = idx[br["f"]], idx[br["t"]]
        b = 1.0 / (br["x"] * br["ratio"])
        br["b"] = b
        B[i, i] += b; B[j, j] += b; B[i, j] -= b; B[j, i] -= b
        pshift[i] -= b * br["shift"]; pshift[j] += b * br["shift"]
    keep = [k for k in range(n) if k != idx[ref]]
    theta = np.zeros(n)
    theta[idx[ref]] = np.radians(bus[ref].get("angle_deg", 0.0))
    rhs = p_inj / base - pshift
    rhs_red = rhs[keep] - B[np.ix_(keep, [idx[ref]])][:, 0] * theta[idx[ref]]
    theta[keep] = np.linalg.solve(B[np.ix_(keep, keep)], rhs_red)
    for br in branches:
        br["flow"] = (br["b"] * (theta[idx[br["f"]]] - theta[idx[br["t"]]] - br["shift"]) * base
                      if br["on"] else 0.0)
        br["loading"] = abs(br["flow"]) / br["rating"] * 100 if br["rating"] else None

    # ---------------------------------------------------------------- report
    violations = []
    print(f"# {net['name']}  ({len(buses)} buses, {len(branches)} branches, "
          f"{len(gens)} generators, {len(links)} HVDC links; base {base} MVA)")
    print("\n## Generation by technology (MW)         capacity    dispatch   share")
    cap, disp = defaultdict(float), defaultdict(float)
    for g in gens:
        cap[g["technology"]] += g["capacity_mw"]
        disp[g["technology"]] += slack_p if g is slack else g["p_mw"]
    for t in TECHS:
        if cap[t]:
            print(f"  {t:<34} {cap[t]:>10.0f} {disp[t]:>10.0f} {disp[t] / cap[t] * 100:>6.1f} %")
    print(f"  {'TOTAL':<34} {sum(cap.values()):>10.0f} {sum(disp.values()):>10.0f}")
    print(f"  wind + solar installed: {cap['wind'] + cap['solar']:.0f} MW "
          f"({(cap['wind'] + cap['solar']) / sum(cap.values()) * 100:.1f} % of total)")

    print("\n## Load by region (MW)")
    for r, v in sorted(load_by_region.items(), key=lambda kv: -kv[1]):
        print(f"  {r:<34} {v:>10.0f}")
    print(f"  {'TOTAL':<34} {sum(load_by_region.values()):>10.0f}")

    print("\n## HVDC links (MW)                  send     loss   delivered  rating   to")
    for h, p, loss, recv in links:
        print(f"  {h['id']:<28} {p:>9.0f} {loss:>8.0f} {recv:>10.0f} {h['rating_mw']:>7.0f}"
              f"   {h.get('to') or h.get('external')}  ({loss / abs(p) * 100 if p else 0:.1f} % loss)")
    hvdc_out = sum(p for h, p, _, _ in links if "external" in h)
    print(f"  HVDC export (sending end, to external systems): {hvdc_out:.0f} MW")

    groups = net.get("groups") or {}
    brmap = {br["id"]: br for br in branches}
    ac_out = 0.0
    if groups.get("corridors"):
        print("\n## Corridors (MW)                    transfer   rating  loading")
        for c in groups["corridors"]:
            flow = 0.0
            for lid in c.get("lines", []):
                br = brmap[lid]
                recv = set(c.get("receiving_buses", []))
                flow += br["flow"] if br["t"] in recv else -br["flow"]
            if c.get("lines"):
                ac_out += flow
            hv = {h["id"]: p for h, p, _, _ in links}
            flow += sum(hv.get(hid, 0.0) for hid in c.get("hvdc", []))
            rating = c.get("rating_mw")
            pct = abs(flow) / rating * 100 if rating else float("nan")
            flag = "  OVERLOAD" if rating and pct > 100 + 1e-9 else ""
            if flag:
                violations.append(f"corridor {c['id']} {pct:.1f} %")
            print(f"  {c['id']:<32} {flow:>9.0f} {rating or 0:>8.0f} {pct:>7.1f} %{flag}")
        print(f"  AC corridors together: {ac_out:.0f} MW;  all exports: {ac_out + hvdc_out:.0f} MW")

    if groups.get("rings"):
        print("\n## Rings (independent loops = lines − buses + components, in-service lines only)")
        for r in groups["rings"]:
            members = [brmap[lid] for lid in r.get("lines", []) if brmap[lid]["on"]]
            nodes = {b for br in members for b in (br["f"], br["t"])}
            comps = len(islands(nodes, members))
            loops = len(members) - len(nodes) + comps
            status = "closed" if loops >= 1 and comps == 1 else "NOT CLOSED"
            print(f"  {r['id']:<20} {len(nodes):>3} buses {len(members):>3} lines  loops {loops}  {status}")

    print("\n## Slack")
    print(f"  reference bus {ref}, generator {slack['id']}: set-point {slack['p_mw']:.1f} MW, "
          f"mismatch {mismatch:+.1f} MW -> output {slack_p:.1f} MW of {slack['capacity_mw']:.0f} MW")
    if not (-1e-6 <= slack_p <= slack["capacity_mw"] + 1e-6):
        violations.append(f"slack {slack['id']} output {slack_p:.1f} MW outside [0, {slack['capacity_mw']}]")

    print("\n## Branches (MW; + = from → to)")
    print(f"  {'id':<24} {'from':<12} {'to':<12} {'cct':>3} {'km':>6} {'flow':>8} {'rating':>7} {'load %':>7}")
    rows = sorted(branches, key=lambda br: -(br["loading"] or 0)) if top else branches
    for br in rows[:top] if top else rows:
        pct = br["loading"]
        flag = "  OVERLOAD" if pct is not None and pct > 100 + 1e-9 else ""
        km = f"{br['length']:.0f}" if br["length"] else "-"
        pct_s = f"{pct:7.1f}" if pct is not None else "      -"
        print(f"  {br['id']:<24} {br['f']:<12} {br['t']:<12} {br['circuits']:>3} {km:>6} "
              f"{br['flow']:>8.0f} {br['rating'] or 0:>7.0f} {pct_s}{flag}")
    for br in branches:
        if br["loading"] is not None and br["loading"] > 100 + 1e-9:
            violations.append(f"branch {br['id']} {br['loading']:.1f} %")
    worst = max((br for br in branches if br["loading"] is not None), key=lambda br: br["loading"])
    print(f"\n  highest loading: {worst['id']} {worst['loading']:.1f} % "
          f"({abs(worst['flow']):.0f} of {worst['rating']:.0f} MW)")

    if violations:
        print("\nVIOLATIONS:\n  " + "\n  ".join(violations))
        return 2
    print("\nOK: no branch or corridor above 100 %, slack within [0, capacity].")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
