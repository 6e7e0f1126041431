#!/usr/bin/env python3
"""Hourly 2024 profiles for networks/scenarios/xinjiang-2024.yaml (and a generic
load-scaling profile), reproducible from a seed with the Python standard library.

    python3 networks/scenarios/generate_profiles.py            # writes both CSV files here
    python3 networks/scenarios/generate_profiles.py --check    # regenerates in memory, compares

Same seed, same Python float semantics -> the same bytes (values are rounded to
4 decimals, schedules to whole MW). The calibration targets (facts sheet §2, §7)
and how each is met are in docs/scenarios.md; this file prints the figures.

Clock: Beijing time (UTC+8), the clock of Chinese grid statistics; the sun runs
about 2 h behind it in Xinjiang (solar noon ~14:00 at 87 E).
"""
import argparse
import math
import os
import random
import sys

HOURS = 8784  # 2024 is a leap year
SEED = 2024

# --- Network data the profiles are calibrated against (networks/xinjiang-2024.yaml; docs/xinjiang-model.md) ---
# Wind and PV capacity by profile zone, MW (end-2024; the zones are the scenario's bus selections).
WIND_ZONES = {  # zone: (capacity MW, mean-speed factor, lat, lon)
    "zhundong": (9000, 1.00, 44.7, 89.5), "hami": (16500, 1.06, 43.2, 93.5),
    "turpan": (5500, 1.04, 43.2, 88.8), "north": (9140, 0.98, 45.8, 84.5), "south": (3500, 0.90, 40.5, 84.0)}
SOLAR_ZONES = {  # zone: (capacity MW, lat, lon, clearness factor)
    "zhundong": (11000, 44.7, 89.5, 1.00), "hami": (12000, 42.9, 93.5, 1.04), "central": (6500, 43.6, 88.0, 0.97),
    "north": (4160, 45.2, 84.0, 0.96), "southeast": (9500, 40.0, 87.5, 1.02), "southwest": (13500, 39.3, 78.5, 0.98)}
LOAD_ZONES = {"north": 33800, "east": 5800, "south": 11563}  # static (winter-evening) loads, MW
COAL, HYDRO, GAS, OTHER = 71000, 9000, 1000, 700  # dispatchable capacity, MW
MUST_RUN = {"coal": 0.30, "hydro": 0.30}  # must match dispatch.must_run in xinjiang-2024.yaml
# Balancing areas of xinjiang-2024.yaml: their wind and PV zones, coal and hydro (MW), static load
# (MW, load zone), exports they serve, and their section (export) limit, MW. Must match the scenario.
AREAS = {
    "Zhundong": {"wind": ["zhundong"], "solar": ["zhundong"], "coal": 24000, "hydro": 0, "load": (6500, "north"),
                 "exports": ["jiquan"], "limit": 3000},
    "Hami": {"wind": ["hami"], "solar": ["hami"], "coal": 13600, "hydro": 0, "load": (3800, "east"),
             "exports": ["tianzhong", "ac"], "limit": 2500},
    "South": {"wind": ["south"], "solar": ["southeast", "southwest"], "coal": 8900, "hydro": 3400, "load": (11563, "south"),
              "exports": [], "limit": 2500}}

# --- Calibration targets (facts sheet) ---
WIND_TWH, SOLAR_TWH = 75.39, 40.77  # §7 [59]: 2024 generation
JIQUAN_TWH, JIQUAN_MAX = 68.373, 11000  # §2.2 [C]; max 11 GW [7][C]
TIANZHONG_TWH, TIANZHONG_MAX = 45.0, 8000  # §2.2 E: 43-48 TWh; rating 8 GW
EXPORT_TWH = 126.4  # §1 [30]
AC_TWH, AC_MAX = EXPORT_TWH - JIQUAN_TWH - TIANZHONG_TWH, 3000  # §2.3 [21]: AC ties 3.0 GW
DEMAND_TWH = 404.5  # §7 E: 400-410 TWh incl. captive load (generation 530-535 minus export)
# Installed capacity through 2024, GW: start of year (E: 100.3 - 35.57 GW added in 2024 [58][70],
# split E), 26-Oct-2024 [20] (date of the source), end of year [58].
WIND_GW = [(0, 34.00), (7248, 39.10), (HOURS - 1, 43.64)]
SOLAR_GW = [(0, 30.73), (7248, 45.43), (HOURS - 1, 56.66)]


def ramp(points, h):
    for (h0, v0), (h1, v1) in zip(points, points[1:]):
        if h0 <= h <= h1:
            return v0 + (v1 - v0) * (h - h0) / (h1 - h0)
    return points[-1][1]


def smooth_month(values, h):
    """Monthly values (mid-month) interpolated linearly day by day, periodic."""
    day = h / 24.0
    mid = [15.5 + 30.5 * m for m in range(12)]  # approximate mid-month days of 2024
    for m in range(12):
        a, b = mid[m], mid[(m + 1) % 12] + (366 if m == 11 else 0)
        d = day if day >= mid[0] else day + 366
        if a <= d < b:
            return values[m] + (values[(m + 1) % 12] - values[m]) * (d - a) / (b - a)
    return values[0]


class Noise:
    """Seeded Gaussian AR(1) processes (Box-Muller on random.random, stable across Python versions)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.spare = None

    def gauss(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u1, u2 = self.rng.random(), self.rng.random()
        r = math.sqrt(-2.0 * math.log(1.0 - u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)

    def ar1(self, n, phi):
        """Unit-variance AR(1): x[t] = phi x[t-1] + sqrt(1 - phi^2) e[t]."""
        x, out, s = self.gauss(), [], math.sqrt(1 - phi * phi)
        for _ in range(n):
            out.append(x)
            x = phi * x + s * self.gauss()
        return out


def sun(h, lat, lon):
    """Cosine of the zenith angle and hour angle (rad) at the middle of hour h (Beijing time)."""
    t_utc = h + 0.5 - 8.0
    gamma = 2 * math.pi / 366 * (t_utc / 24.0)  # Spencer (1971), fractional year
    decl = (0.006918 - 0.399912 * math.cos(gamma) + 0.070257 * math.sin(gamma) - 0.006758 * math.cos(2 * gamma)
            + 0.000907 * math.sin(2 * gamma) - 0.002697 * math.cos(3 * gamma) + 0.00148 * math.sin(3 * gamma))
    eqt = 229.18 * (0.000075 + 0.001868 * math.cos(gamma) - 0.032077 * math.sin(gamma) - 0.014615 * math.cos(2 * gamma)
                    - 0.040849 * math.sin(2 * gamma))
    solar_hours = (t_utc % 24) + lon / 15.0 + eqt / 60.0
    omega = math.radians(15.0 * (solar_hours - 12.0))
    phi = math.radians(lat)
    cosz = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(omega)
    return cosz, omega, decl


def pv_clear(h, lat, lon, temp_c):
    """Clear-sky PV output, p.u. of installed capacity: fixed panels tilted at the latitude facing
    south (beam on the tilted plane cos(theta) = cos(decl) cos(omega)), Meinel beam, isotropic diffuse,
    0.85 system losses, -0.4 %/K cell temperature, 0.9 inverter limit (DC/AC ratio)."""
    cosz, omega, decl = sun(h, lat, lon)
    if cosz <= 0.01:
        return 0.0
    air_mass = 1.0 / (cosz + 0.50572 * (96.07995 - math.degrees(math.acos(cosz))) ** -1.6364)  # Kasten-Young
    beam = 1353.0 * 0.7 ** (air_mass ** 0.678)
    cos_theta = max(0.0, math.cos(decl) * math.cos(omega))
    diffuse = 0.12 * beam * cosz
    poa = beam * cos_theta + diffuse * (1 + math.cos(math.radians(lat))) / 2
    cell = temp_c + 25.0 * poa / 800.0
    return min(0.9, poa / 1000.0 * 0.85 * (1 - 0.004 * (cell - 25.0)))


def temperature(h, lat):
    """Air temperature, deg C: seasonal (coldest mid-January) and daily (warmest ~16:00 Beijing)."""
    season = -math.cos(2 * math.pi * (h / 24.0 - 15) / 366)
    mean = 10.0 + 2.0 * (44 - lat) + 17.0 * season
    return mean + 6.0 * math.cos(2 * math.pi * ((h % 24) - 16) / 24)


def wind_cf(speed):
    """Fleet power curve, p.u.: cut-in 3 m/s, rated 11.5 m/s, cut-out 25 m/s, 12 % availability and wake losses."""
    if speed < 3.0 or speed > 25.0:
        return 0.0
    return 0.88 * min(1.0, (speed ** 3 - 27.0) / (11.5 ** 3 - 27.0))


def weather(noise):
    """Unscaled hourly wind speed shapes and PV clear-sky x cloudiness per zone."""
    common = noise.ar1(HOURS, 0.97)  # synoptic weather shared by all zones (decorrelates in ~1.5 days)
    wind_month = [0.80, 0.84, 0.98, 1.12, 1.14, 1.10, 1.04, 0.98, 0.94, 0.90, 0.86, 0.80]  # spring maximum, winter calm
    speeds = {}
    for z, (_, factor, lat, lon) in WIND_ZONES.items():
        local = noise.ar1(HOURS, 0.95)
        out = []
        for h in range(HOURS):
            solar_hour = (h + 0.5 - 8 + lon / 15.0) % 24
            diurnal = 1.0 + 0.12 * math.cos(2 * math.pi * (solar_hour - 17) / 24)  # afternoon-evening maximum
            x = 0.6 * common[h] + 0.8 * local[h]
            out.append(7.0 * factor * smooth_month(wind_month, h) * diurnal * math.exp(0.42 * x - 0.088))  # ~7 m/s at hub height
        speeds[z] = out
    cloud_month = [0.55, 0.50, 0.42, 0.38, 0.34, 0.32, 0.30, 0.28, 0.28, 0.34, 0.45, 0.55]  # chance of a dull day
    sky = noise.ar1(HOURS, 0.9)
    pv = {}
    for z, (_, lat, lon, clear) in SOLAR_ZONES.items():
        local = noise.ar1(HOURS, 0.85)
        dull, out = False, []
        for h in range(HOURS):
            if h % 24 == 0:  # a two-state Markov chain of dull and clear days, persistence ~2 days
                p = smooth_month(cloud_month, h)
                dull = noise.rng.random() < (0.55 + 0.45 * p if dull else 0.6 * p)
            k = (0.45 if dull else 0.92) + 0.08 * (0.5 * sky[h] + 0.5 * local[h])
            snow = 0.75 if lat > 43 and (h < 60 * 24 or h > 335 * 24) else 1.0  # snow on northern panels in winter
            out.append(clear * max(0.05, min(1.0, k)) * snow * pv_clear(h, lat, lon, temperature(h, lat)))
        pv[z] = out
    return speeds, pv


def load_shapes(noise):
    """Demand, p.u. of the static winter-evening load: industry-heavy (flat), winter maximum, evening peak."""
    month = {"north": [1.00, 0.99, 0.95, 0.91, 0.90, 0.92, 0.94, 0.94, 0.91, 0.92, 0.96, 1.00],
             "east": [0.99, 0.98, 0.94, 0.91, 0.91, 0.94, 0.97, 0.96, 0.92, 0.92, 0.96, 0.99],
             "south": [1.00, 0.98, 0.94, 0.92, 0.93, 0.96, 0.98, 0.97, 0.93, 0.92, 0.96, 1.00]}
    daily = [0.96, 0.95, 0.94, 0.94, 0.94, 0.94, 0.95, 0.96, 0.98, 0.99, 1.00, 1.00,  # Beijing hours 0-11
             0.99, 0.99, 0.98, 0.98, 0.99, 1.00, 1.01, 1.02, 1.03, 1.03, 1.02, 0.98]  # 12-23: peak 20-21:00
    common = noise.ar1(HOURS, 0.98)
    shapes = {}
    for z in LOAD_ZONES:
        local = noise.ar1(HOURS, 0.9)
        out = []
        for h in range(HOURS):
            day = h // 24
            festival = 0.90 if 39 <= day <= 46 else 1.0  # Spring Festival week (10-17 Feb 2024)
            weekend = 0.98 if day % 7 in (5, 6) else 1.0  # 2024-01-01 was a Monday
            out.append(smooth_month(month[z], h) * daily[h % 24] * festival * weekend * (1 + 0.012 * common[h] + 0.008 * local[h]))
        shapes[z] = out
    return shapes


def schedule(noise, month_level, day_shape, cap, maintenance):
    """An HVDC / AC-tie schedule shape, MW before calibration."""
    daily_noise = noise.ar1(HOURS // 24 + 1, 0.7)
    out = []
    for h in range(HOURS):
        day = h // 24
        level = smooth_month(month_level, h) * day_shape[h % 24] * (1 + 0.06 * daily_noise[day])
        for first, last, factor in maintenance:
            if first <= day <= last:
                level *= factor
        out.append(max(0.0, level * cap))
    return out


def dispatch(wind_av, solar_av, hydro_av, loads, exports):
    """The scenario's dispatch rule for the curtailment it decides (docs/scenarios.md): area section
    limits first, then one system-wide fraction. wind_av, solar_av: MW available per zone; loads: MW
    per load zone; exports: MW per export. Returns the fraction of each zone's wind and PV used, and
    the shortfall (MW)."""
    mr_hydro = min(hydro_av, MUST_RUN["hydro"])
    factor = {}
    cut_m = 0.0
    for a in AREAS.values():
        v = sum(wind_av[z] for z in a["wind"]) + sum(solar_av[z] for z in a["solar"])
        m = a["coal"] * MUST_RUN["coal"] + a["hydro"] * mr_hydro
        r = a["load"][0] / LOAD_ZONES[a["load"][1]] * loads[a["load"][1]] + sum(exports[e] for e in a["exports"])
        excess = v + m - r - a["limit"]
        f = 1.0
        if excess > 0:
            cut_v = min(v, excess)
            f = (v - cut_v) / v if v > 0 else 1.0
            cut_m += min(m, excess - cut_v)
        for z in a["wind"]:
            factor["wind_" + z] = f
        for z in a["solar"]:
            factor["solar_" + z] = f
    v = sum(wind_av[z] * factor.get("wind_" + z, 1.0) for z in wind_av) + sum(solar_av[z] * factor.get("solar_" + z, 1.0) for z in solar_av)
    m = COAL * MUST_RUN["coal"] + HYDRO * mr_hydro - cut_m
    head = COAL * (1 - MUST_RUN["coal"]) + HYDRO * (hydro_av - mr_hydro) + GAS + OTHER
    requirement = sum(loads.values()) + sum(exports.values())
    system, short = 1.0, 0.0
    if v + m >= requirement:
        system = max(0.0, requirement - m) / v if v > 0 else 0.0
    else:
        short = max(0.0, requirement - v - m - head)
    used = {"wind_" + z: factor.get("wind_" + z, 1.0) * system for z in wind_av}
    used.update({"solar_" + z: factor.get("solar_" + z, 1.0) * system for z in solar_av})
    return used, short

def fit(energy_of, target, lo, hi):
    """The scale factor x in [lo, hi] with energy_of(x) = target (energy_of increasing), by bisection."""
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        if energy_of(mid) < target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def whole_mw(values, target_mwh, cap):
    """Rounds to whole MW so that the sum is exactly target_mwh (largest remainders), never above cap."""
    floors = [min(cap, int(math.floor(v))) for v in values]
    missing = int(round(target_mwh)) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order:
        if missing <= 0:
            break
        if floors[i] < cap:
            floors[i] += 1
            missing -= 1
    return floors


def build(seed):
    noise = Noise(seed)
    speeds, pv = weather(noise)
    shapes = load_shapes(noise)
    hydro_noise = noise.ar1(HOURS, 0.995)
    hydro_month = [0.26, 0.25, 0.28, 0.36, 0.55, 0.76, 0.86, 0.80, 0.60, 0.42, 0.32, 0.27]  # snowmelt-fed rivers
    hydro = [min(1.0, max(0.1, smooth_month(hydro_month, h) * (1 + 0.05 * hydro_noise[h]))) for h in range(HOURS)]
    night, day = [0.80] * 8, [0.96, 0.98, 1.0, 1.0, 1.03, 1.03, 1.03, 1.03, 1.0, 1.0, 1.0, 1.0, 0.97, 0.94, 0.90, 0.86]
    jq_shape = schedule(noise, [0.86, 0.84, 0.78, 0.72, 0.74, 0.92, 1.0, 1.0, 0.86, 0.78, 0.82, 0.88], night + day, JIQUAN_MAX,
                        [(115, 121, 0.5)])  # one pole out for a week of spring maintenance (E)
    tz_shape = schedule(noise, [0.85, 0.82, 0.76, 0.70, 0.72, 0.90, 1.0, 1.0, 0.84, 0.76, 0.80, 0.88], night + day, TIANZHONG_MAX,
                        [(280, 285, 0.5)])
    ac_day = [0.7] * 9 + [0.9, 1.1, 1.3, 1.35, 1.35, 1.35, 1.3, 1.2, 1.0, 0.9, 0.8, 0.75, 0.7, 0.7, 0.7]  # solar midday
    ac_shape = schedule(noise, [0.8, 0.85, 1.0, 1.1, 1.1, 1.0, 0.95, 0.95, 0.95, 1.0, 0.9, 0.8], ac_day, AC_MAX, [])

    wind_share = [ramp(WIND_GW, h) / WIND_GW[-1][1] for h in range(HOURS)]
    solar_share = [ramp(SOLAR_GW, h) / SOLAR_GW[-1][1] for h in range(HOURS)]
    static = sum(LOAD_ZONES.values())
    raw = [sum(LOAD_ZONES[z] * shapes[z][h] for z in LOAD_ZONES) for h in range(HOURS)]
    load_scale = DEMAND_TWH * 1e6 / sum(raw)
    load = [load_scale * r for r in raw]

    def wind_zone(alpha):
        return {z: [wind_share[h] * c * wind_cf(alpha * speeds[z][h]) for h in range(HOURS)] for z, (c, _, _, _) in WIND_ZONES.items()}

    def solar_zone(alpha):
        return {z: [solar_share[h] * c * min(0.9, alpha * pv[z][h]) for h in range(HOURS)] for z, (c, _, _, _) in SOLAR_ZONES.items()}

    def used_energy(zones, prefix):
        return sum(sum(x * u for x, u in zip(zones[z], used[prefix + z])) for z in zones)

    def export_fit(shape, target, cap, room):
        def energy(beta):
            return sum(min(cap, room[h], beta * shape[h]) for h in range(HOURS))
        beta = fit(energy, target * 1e6, 0.0, 5.0)
        return [min(cap, room[h], beta * shape[h]) for h in range(HOURS)]

    a_w, a_s = 1.0, 0.8
    used = {"wind_" + z: [1.0] * HOURS for z in WIND_ZONES}
    used.update({"solar_" + z: [1.0] * HOURS for z in SOLAR_ZONES})
    room = [1e9] * HOURS
    zone_load = {z: [LOAD_ZONES[z] * load_scale * shapes[z][h] for h in range(HOURS)] for z in LOAD_ZONES}
    for _ in range(12):  # fixed point: curtailment and export room depend on what is being calibrated
        a_w = fit(lambda a: used_energy(wind_zone(a), "wind_"), WIND_TWH * 1e6, 0.3, 3.0)
        a_s = fit(lambda a: used_energy(solar_zone(a), "solar_"), SOLAR_TWH * 1e6, 0.05, 3.0)
        wz, sz = wind_zone(a_w), solar_zone(a_s)
        jq = export_fit(jq_shape, JIQUAN_TWH, JIQUAN_MAX, room)
        tz = export_fit(tz_shape, TIANZHONG_TWH, TIANZHONG_MAX, room)
        ac = export_fit(ac_shape, AC_TWH, AC_MAX, room)
        # Exports fit in what the system can supply: 97 % of availability (a reserve) minus demand (E).
        for h in range(HOURS):
            w = sum(wz[z][h] for z in wz)
            s = sum(sz[z][h] for z in sz)
            supply = 0.97 * (COAL + HYDRO * hydro[h] + GAS + OTHER + w + s) - load[h]
            total = jq[h] + tz[h] + ac[h]
            room[h] = 1e9 if total <= supply else max(0.0, supply) * max(jq[h], tz[h], ac[h]) / max(total, 1e-9)
            u, _ = dispatch({z: wz[z][h] for z in wz}, {z: sz[z][h] for z in sz}, hydro[h],
                            {z: zone_load[z][h] for z in zone_load}, {"jiquan": jq[h], "tianzhong": tz[h], "ac": ac[h]})
            for k, f in u.items():
                used[k][h] = f
    jq = whole_mw(jq, JIQUAN_TWH * 1e6, JIQUAN_MAX)
    tz = whole_mw(tz, TIANZHONG_TWH * 1e6, TIANZHONG_MAX)
    ac = whole_mw(ac, AC_TWH * 1e6, AC_MAX)

    columns = {}
    for z in WIND_ZONES:
        columns["wind_" + z] = [wind_cf(a_w * speeds[z][h]) for h in range(HOURS)]
    for z in SOLAR_ZONES:
        columns["solar_" + z] = [min(0.9, a_s * pv[z][h]) for h in range(HOURS)]
    columns["wind_installed"], columns["solar_installed"], columns["hydro"] = wind_share, solar_share, hydro
    for z in LOAD_ZONES:
        columns["load_" + z] = [load_scale * x for x in shapes[z]]
    columns["ac_export_mw"], columns["tianzhong_mw"], columns["jiquan_mw"] = ac, tz, jq
    return columns, {"wind_speed_factor": a_w, "solar_factor": a_s, "load_scale": load_scale}


def timestamps():
    days_in = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for m, n in enumerate(days_in):
        for d in range(n):
            for hour in range(24):
                yield "2024-%02d-%02dT%02d:00" % (m + 1, d + 1, hour)


def csv_text(columns, comment):
    names = list(columns)
    lines = ["# " + comment, ",".join(["time"] + names)]
    for h, t in enumerate(timestamps()):
        cells = [t]
        for n in names:
            v = columns[n][h]
            cells.append(str(v) if isinstance(v, int) else ("%.4f" % v).rstrip("0").rstrip(".") or "0")
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def summary(columns, factors):
    """Copper-plate check of the calibration (the engine's figures are in docs/scenarios.md)."""
    wind = solar = wind_av = solar_av = demand = short = 0.0
    for h in range(HOURS):
        wz = {z: columns["wind_installed"][h] * c * columns["wind_" + z][h] for z, (c, _, _, _) in WIND_ZONES.items()}
        sz = {z: columns["solar_installed"][h] * c * columns["solar_" + z][h] for z, (c, _, _, _) in SOLAR_ZONES.items()}
        loads = {z: LOAD_ZONES[z] * columns["load_" + z][h] for z in LOAD_ZONES}
        exports = {"jiquan": columns["jiquan_mw"][h], "tianzhong": columns["tianzhong_mw"][h], "ac": columns["ac_export_mw"][h]}
        u, sh = dispatch(wz, sz, columns["hydro"][h], loads, exports)
        wind += sum(wz[z] * u["wind_" + z] for z in wz)
        solar += sum(sz[z] * u["solar_" + z] for z in sz)
        wind_av, solar_av = wind_av + sum(wz.values()), solar_av + sum(sz.values())
        demand, short = demand + sum(loads.values()), short + sh
    twh = 1e-6
    print("factors: " + ", ".join("%s %.6f" % kv for kv in factors.items()))
    print("wind %.3f TWh (target %.2f), curtailed %.2f %%" % (wind * twh, WIND_TWH, 100 * (1 - wind / wind_av)))
    print("solar %.3f TWh (target %.2f), curtailed %.2f %%" % (solar * twh, SOLAR_TWH, 100 * (1 - solar / solar_av)))
    print("demand %.2f TWh, peak %.0f MW, unserved %.3f TWh" % (demand * twh, max(
        sum(LOAD_ZONES[z] * columns["load_" + z][h] for z in LOAD_ZONES) for h in range(HOURS)), short * twh))
    for name in ("jiquan_mw", "tianzhong_mw", "ac_export_mw"):
        print("%s %.3f TWh, max %d MW" % (name, sum(columns[name]) * twh, max(columns[name])))

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = parser.parse_args()
    columns, factors = build(args.seed)
    comment = ("generated by networks/scenarios/generate_profiles.py --seed %d; Beijing time (UTC+8); "
               "availability p.u. of installed capacity, installed p.u. of end-2024, load p.u. of the static load, MW schedules; "
               "see docs/scenarios.md" % args.seed)
    files = {"xinjiang-2024-profiles.csv": csv_text(columns, comment)}
    peak = max(columns["load_north"])
    generic = {"load": [x / peak for x in columns["load_north"]]}
    files["load-scaling-2024.csv"] = csv_text(generic, "generic hourly load shape 2024, p.u. of the annual peak (the Xinjiang "
                                              "north-zone shape of generate_profiles.py --seed %d); for load-scaling scenarios" % args.seed)
    status = 0
    for name, text in files.items():
        path = os.path.join(args.out, name)
        if args.check:
            with open(path, encoding="utf-8") as f:
                same = f.read() == text
            print("%s: %s" % (name, "identical" if same else "DIFFERS"))
            status |= 0 if same else 1
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print("wrote %s (%d bytes)" % (path, len(text.encode())))
    summary(columns, factors)
    return status


if __name__ == "__main__":
    sys.exit(main())
