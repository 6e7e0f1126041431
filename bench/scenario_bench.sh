#!/usr/bin/env bash
# Speed of `gridtool scenario` (issue 4): the bundled Xinjiang 2024 year (8,784 h, all accumulators,
# and `validate` with its export-limit study), and a year of hourly load scaling on case2383wp.
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

swift build -c release --product gridtool --scratch-path "$scratch" >&2
bin="$scratch/release/gridtool"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "BLAS/LAPACK: $(readlink -f /usr/lib/x86_64-linux-gnu/liblapack.so.3 2>/dev/null || echo unknown)"
echo "OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# Runs a command $runs times; prints best and median wall time and the largest peak RSS.
measure() {
  local label=$1
  shift
  local times=() rss=0 stats
  stats=$(mktemp)
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1 || true  # validate exits 3 when a check fails
    out=$(tail -1 "$stats")
    times+=("${out% *}")
    local kb=${out#* }
    ((kb > rss)) && rss=$kb
  done
  rm -f "$stats"
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-52s best %6.2f s   median %6.2f s   peak RSS %5d MB   (%d runs)\n' "$label" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")" $((rss / 1024)) "$runs"
}

measure "Xinjiang 2024 year: gridtool scenario (json)" "$bin" scenario networks/scenarios/xinjiang-2024.yaml --format json
measure "Xinjiang 2024 year: gridtool validate" "$bin" validate networks/scenarios/xinjiang-2024.yaml
echo "phases of one Xinjiang run:"
"$bin" scenario networks/scenarios/xinjiang-2024.yaml --format json --timings 2>&1 >/dev/null | sed 's/^/  /'

if [ -f "$cases/case2383wp.m" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cat >"$tmp/case2383wp-year.yaml" <<EOF
format: gridtool-scenario/1
name: "case2383wp: a year of hourly load scaling"
network: $(cd "$cases" && pwd)/case2383wp.m
period: {start: "2024-01-01T00:00", hours: 8784}
profiles:
  - file: $(pwd)/networks/scenarios/load-scaling-2024.csv
loads:
  - {all: true, profile: load}
dispatch:
  rule: pro-rata-setpoint
EOF
  echo
  for backend in dense sparse; do
    measure "case2383wp year of load scaling (--backend $backend)" "$bin" scenario "$tmp/case2383wp-year.yaml" --format json --backend "$backend"
  done
  echo "phases of one case2383wp run (automatic backend):"
  "$bin" scenario "$tmp/case2383wp-year.yaml" --format json --timings 2>&1 >/dev/null | sed 's/^/  /'
else
  echo "case2383wp: $cases/case2383wp.m not found, skipped"
fi
