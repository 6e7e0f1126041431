#!/usr/bin/env bash
# Issue 6: a year of hourly load scaling (8,784 right-hand sides) on case9241pegase, gridtool
# against the same block solve in numpy/scipy + CHOLMOD (bench/year_scipy.py).
# Prints the machine, best and median wall time and peak RSS of `gridtool scenario` (N runs), the
# phases of one run, the scipy figures (one run) with the flow agreement, and the ratio
# scipy block solve / gridtool median wall time (above 1: gridtool is faster).
#
#   bench/year_bench.sh            # 5 runs; GRIDTOOL_SCRATCH=.build-x to use another build folder
#   RUNS=3 bench/year_bench.sh
#
# Not part of the test command. case9241pegase is read from ../shared/cases (or
# $GRIDTOOL_SHARED_CASES); skipped when absent. The scipy part needs bench/.venv (bench/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
scratch=${GRIDTOOL_SCRATCH:-.build}
cases=${GRIDTOOL_SHARED_CASES:-../shared/cases}
py=bench/.venv/bin/python

if [ ! -f "$cases/case9241pegase.m" ]; then
  echo "case9241pegase: $cases/case9241pegase.m not found, skipped"
  exit 0
fi

source bench/timing.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_scaling_year "$cases/case9241pegase.m" "$tmp/case9241pegase-year.yaml"

line=$(measure "case9241pegase year of load scaling: gridtool scenario (json)" \
  "$bin" scenario "$tmp/case9241pegase-year.yaml" --format json)
echo "$line"
median=$(sed -E 's/.* median +([0-9.]+) s.*/\1/' <<<"$line")
# This run's JSON is what year_scipy.py compares its flows with.
echo "phases of one run:"
"$bin" scenario "$tmp/case9241pegase-year.yaml" --format json --output "$tmp/gridtool.json" --timings 2>&1 |
  sed '/^$/d; s/^/  /'

echo
if [ -x "$py" ] && "$py" -c "import numpy, scipy, matpowercaseframes" 2>/dev/null; then
  "$py" bench/year_scipy.py "$cases/case9241pegase.m" --compare "$tmp/gridtool.json" --gridtool-s "$median"
else
  echo "scipy: $py missing or without numpy/scipy/matpowercaseframes (run bench/setup.sh), skipped"
fi
