#!/usr/bin/env bash
# N-1 over a year (issue 5): `gridtool contingency SCENARIO` screens every hour × every
# contingency, streaming, each hour on its own topology. Times (release build):
#   1. the Xinjiang 2024 year (networks/scenarios/xinjiang-2024.yaml, 8,784 h) × all N-1 outages
#      (39 branches + 2 HVDC pole and 2 link trips);
#   2. one day (24 h) of case2383wp × all N-1 outages (bench/case2383wp-day.yaml, the peak day of
#      the generic load shape; needs ../shared/cases/case2383wp.m, else skipped), and the whole
#      year of it (networks/scenarios/case2383wp-2024.yaml, 8,784 h; issue 17: ≤ 60 s);
#   3. the Jiquan hourly transfer headroom over the Xinjiang year (`gridtool transfer SCENARIO`).
# Prints the machine, best and median wall time of N runs, peak memory, and the phases of one run.
#
#   bench/n1_year_bench.sh            # 3 runs each; GRIDTOOL_SCRATCH=.build-x to use another build folder
#   RUNS=5 bench/n1_year_bench.sh
#
# Not part of the test command. Exit status 2 of `gridtool contingency` (insecure hours) is expected.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
scratch=${GRIDTOOL_SCRATCH:-.build}
cases=${GRIDTOOL_SHARED_CASES:-../shared/cases}

source bench/timing.sh

# One run's phases (stderr) and the summary lines of its table.
phases() {
  "$@" --timings 2>&1 >/dev/null | sed 's/^/  /' || true
}

xinjiang=networks/scenarios/xinjiang-2024.yaml
measure "Xinjiang 2024 year × all N-1 (gridtool contingency, json)" "$bin" contingency "$xinjiang" --format json
echo "phases of one run:"
phases "$bin" contingency "$xinjiang" --format json
"$bin" contingency "$xinjiang" 2>/dev/null | sed -n '3,10p' | sed 's/^/  /' || true

if [ -f "$cases/case2383wp.m" ]; then
  day=bench/case2383wp-day.yaml
  year=networks/scenarios/case2383wp-2024.yaml
  if [ "$cases" != "../shared/cases" ]; then
    # The bundled files point at ../shared/cases: write copies that point at $cases.
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    sed -e "s|network: ../../shared/cases/case2383wp.m|network: $(cd "$cases" && pwd)/case2383wp.m|" \
      -e "s|file: ../networks/scenarios/|file: $(pwd)/networks/scenarios/|" bench/case2383wp-day.yaml >"$tmp/day.yaml"
    sed -e "s|network: ../../../shared/cases/case2383wp.m|network: $(cd "$cases" && pwd)/case2383wp.m|" \
      -e "s|file: load-scaling-2024.csv|file: $(pwd)/networks/scenarios/load-scaling-2024.csv|" "$year" >"$tmp/year.yaml"
    day="$tmp/day.yaml"
    year="$tmp/year.yaml"
  fi
  echo
  measure "case2383wp 24 h × all N-1 (gridtool contingency, json)" "$bin" contingency "$day" --format json
  echo "phases of one run:"
  phases "$bin" contingency "$day" --format json
  "$bin" contingency "$day" 2>/dev/null | sed -n '3,10p' | sed 's/^/  /' || true
  echo
  measure "case2383wp year (8,784 h) × all N-1 (gridtool contingency, json)" "$bin" contingency "$year" --format json
  echo "phases of one run:"
  phases "$bin" contingency "$year" --format json
  "$bin" contingency "$year" 2>/dev/null | sed -n '3,10p' | sed 's/^/  /' || true
else
  echo "case2383wp: $cases/case2383wp.m not found, skipped"
fi

echo
measure "Xinjiang 2024 year: Jiquan hourly transfer headroom (json)" \
  "$bin" transfer "$xinjiang" --corridor jiquan --from tag:base:zhundong --format json
echo "phases of one run:"
phases "$bin" transfer "$xinjiang" --corridor jiquan --from tag:base:zhundong --format json
