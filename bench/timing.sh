# Shared by the timing scripts (sourced, not run): builds the release gridtool,
# prints the machine, and defines `measure`. Expects $runs and $scratch to be set.

swift build -c release --product gridtool --static-swift-stdlib --scratch-path "$scratch" >&2
bin="$scratch/release/gridtool"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "BLAS/LAPACK: $(readlink -f /usr/lib/x86_64-linux-gnu/liblapack.so.3 2>/dev/null || echo unknown)"
echo "OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# measure LABEL COMMAND...: runs the command $runs times and prints best and median
# wall time and the largest peak RSS. A non-zero exit is not an error here: validate
# exits 3 when a check fails, contingency 2 when it finds insecure hours.
measure() {
  local label=$1
  shift
  local times=() rss=0 stats
  stats=$(mktemp)
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$stats")
    times+=("${out% *}")
    local kb=${out#* }
    ((kb > rss)) && rss=$kb
  done
  rm -f "$stats"
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-62s best %6.2f s   median %6.2f s   peak RSS %5d MB   (%d runs)\n' "$label" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")" $((rss / 1024)) "$runs"
}

# load_scaling_year CASE.m OUT.yaml: writes a scenario of one year (2024, 8,784 hours) of
# hourly load scaling on a MATPOWER case: every demand times networks/scenarios/load-scaling-2024.csv,
# generation pro rata to the set-points (docs/scenarios.md).
load_scaling_year() {
  local name
  name=$(basename "$1" .m)
  cat >"$2" <<EOF
format: gridtool-scenario/1
name: "$name: a year of hourly load scaling"
network: $(cd "$(dirname "$1")" && pwd)/$(basename "$1")
period: {start: "2024-01-01T00:00", hours: 8784}
profiles:
  - file: $(pwd)/networks/scenarios/load-scaling-2024.csv
loads:
  - {all: true, profile: load}
dispatch:
  rule: pro-rata-setpoint
EOF
}

