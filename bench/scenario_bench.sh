#!/usr/bin/env bash
# Speed of `gridtool scenario` (issues 4 and 14): the bundled Xinjiang 2024 year (8,784 h) in its three
# dispatch modes — scopf (the file's: 8,784 hourly preventive N-1 SCOPFs; target ≤ 10 s on 2 cores),
# opf (8,784 hourly DC OPFs; target ≤ 3 s) and the rule — `contingency` and `validate` on it (the year,
# its N-1 screen, Jiquan maximised under N-1), the 2025 year, and a year of load scaling on case2383wp.
# Prints the machine, best and median wall time of N runs, and peak memory (RSS).
#
#   bench/scenario_bench.sh            # 5 runs each; GRIDTOOL_SCRATCH=.build-x to use another build folder
#   RUNS=9 bench/scenario_bench.sh
#
# Not part of the test command. case2383wp is read from ../shared/cases (or $GRIDTOOL_SHARED_CASES);
# skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
scratch=${GRIDTOOL_SCRATCH:-.build}
cases=${GRIDTOOL_SHARED_CASES:-../shared/cases}

source bench/timing.sh

measure "Xinjiang 2024 year, scopf: gridtool scenario (json)" "$bin" scenario networks/scenarios/xinjiang-2024.yaml --format json
measure "Xinjiang 2024 year, opf: gridtool scenario (json)" "$bin" scenario networks/scenarios/xinjiang-2024.yaml --format json --dispatch opf
measure "Xinjiang 2024 year, rule: gridtool scenario (json)" "$bin" scenario networks/scenarios/xinjiang-2024-rule.yaml --format json
measure "Xinjiang 2024 year, scopf: gridtool contingency" "$bin" contingency networks/scenarios/xinjiang-2024.yaml
measure "Xinjiang 2024 year: gridtool validate (3 runs)" "$bin" validate networks/scenarios/xinjiang-2024.yaml
measure "Xinjiang 2025 year, scopf: gridtool scenario (json)" "$bin" scenario networks/scenarios/xinjiang-2025.yaml --format json
echo "phases of one Xinjiang run:"
"$bin" scenario networks/scenarios/xinjiang-2024.yaml --format json --timings 2>&1 >/dev/null | sed 's/^/  /'

if [ -f "$cases/case2383wp.m" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  load_scaling_year "$cases/case2383wp.m" "$tmp/case2383wp-year.yaml"
  echo
  for backend in dense sparse; do
    measure "case2383wp year of load scaling (--backend $backend)" "$bin" scenario "$tmp/case2383wp-year.yaml" --format json --backend "$backend"
  done
  echo "phases of one case2383wp run (automatic backend):"
  "$bin" scenario "$tmp/case2383wp-year.yaml" --format json --timings 2>&1 >/dev/null | sed 's/^/  /'
else
  echo "case2383wp: $cases/case2383wp.m not found, skipped"
fi
