#!/usr/bin/env bash
# Sharded studies against the single process (issue 17, docs/scale-out.md). For each study:
# the single run, then N shards one after the other on this machine (`--shard k/N`), then
# `gridtool merge`; prints wall and CPU (user + system) time of each, the partial results'
# size, and checks that the merged output is byte-identical to the single run's. Then the N-1
# cost per hour on case2383wp and case9241pegase (`contingency` over two window lengths: the
# slope is the cost of one more hour, the rest is reading, factoring and setting up), the
# basis of the paper estimate in docs/scale-out.md.
#
#   bench/shard_bench.sh          # N = 4; GRIDTOOL=/path/to/gridtool to skip the release build
#   N=8 bench/shard_bench.sh
#
# Not part of the test command. The MATPOWER cases are read from ../shared/cases (or
# $GRIDTOOL_SHARED_CASES); a case that is not there is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-4}
cases=${GRIDTOOL_SHARED_CASES:-../shared/cases}
if [ -n "${GRIDTOOL:-}" ]; then
  bin=$GRIDTOOL
else
  swift build -c release --product gridtool >&2
  bin=.build/release/gridtool
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# timed LABEL COMMAND...: runs it once (output to $tmp/out), prints wall, CPU and peak RSS;
# sets $wall and $cpu. Exit status 2 (contingency: insecure hours) is a finished run.
timed() {
  local label=$1
  shift
  local status=0
  /usr/bin/time -o "$tmp/time" -f "%e %U %S %M" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  [ $status -eq 0 ] || [ $status -eq 2 ] || {
    cat "$tmp/err" >&2
    exit 1
  }
  read -r wall user system rss < <(tail -1 "$tmp/time")
  cpu=$(echo "$user + $system" | bc)
  printf '  %-44s %7.2f s wall %7.2f s CPU %6d MB\n' "$label" "$wall" "$cpu" $((rss / 1024))
}

# study NAME COMMAND...: single run, N shards, merge; byte comparison.
study() {
  local name=$1
  shift
  echo "$name: gridtool $*"
  timed "single process" "$bin" "$@" --format json
  cp "$tmp/out" "$tmp/single.json"
  local total_wall=0 total_cpu=0 parts=()
  for ((k = 0; k < n; k++)); do
    timed "shard $k/$n" "$bin" "$@" --format json --shard "$k/$n" --output "$tmp/part-$k.json"
    total_wall=$(echo "$total_wall + $wall" | bc)
    total_cpu=$(echo "$total_cpu + $cpu" | bc)
    parts+=("$tmp/part-$k.json")
  done
  printf '  %-44s %7.2f s wall %7.2f s CPU\n' "$n shards, summed" "$total_wall" "$total_cpu"
  timed "gridtool merge" "$bin" merge "${parts[@]}" --output "$tmp/merged.json"
  local bytes
  bytes=$(cat "${parts[@]}" | wc -c)
  if cmp -s "$tmp/single.json" "$tmp/merged.json"; then
    echo "  merged = single run, byte for byte ($(wc -c <"$tmp/merged.json") bytes); partial results $((bytes / 1024)) KB in all"
  else
    echo "  MERGED OUTPUT DIFFERS FROM THE SINGLE RUN" >&2
    exit 1
  fi
  echo
}

# per_hour NAME SHORT.yaml LONG.yaml HOURS_SHORT HOURS_LONG: N-1 cost of one more hour.
per_hour() {
  timed "$1, $4 h" "$bin" contingency "$2" --format json
  local c1=$cpu w1=$wall
  timed "$1, $5 h" "$bin" contingency "$3" --format json
  echo "  $1: $(echo "scale=4; ($cpu - $c1) / ($5 - $4)" | bc) s CPU ($(echo "scale=4; ($wall - $w1) / ($5 - $4)" | bc) s wall) per hour," \
    "$(echo "scale=2; $c1 - $4 * ($cpu - $c1) / ($5 - $4)" | bc) s CPU to read, factor and set up"
}

# window CASE.m OUT.yaml START HOURS: the case2383wp year's load scaling on any MATPOWER case,
# over a window.
window() {
  sed -e "s|^network: .*|network: $(cd "$(dirname "$1")" && pwd)/$(basename "$1")|" \
    -e "s|^name: .*|name: \"$(basename "$1" .m): $4 h\"|" \
    -e "s|start: \".*\"|start: \"$3\"|" -e "s|hours: 8784|hours: $4|" \
    -e "s|file: load-scaling-2024.csv|file: $(pwd)/networks/scenarios/load-scaling-2024.csv|" \
    networks/scenarios/case2383wp-2024.yaml >"$2"
}

study "Xinjiang 2024 year × N-1 (SCOPF dispatch)" contingency networks/scenarios/xinjiang-2024.yaml
study "Xinjiang 2024 year (SCOPF dispatch)" scenario networks/scenarios/xinjiang-2024.yaml
study "Xinjiang 2024 year: jiquan transfer headroom" transfer networks/scenarios/xinjiang-2024.yaml --corridor jiquan --from tag:base:zhundong
if [ -f "$cases/case2383wp.m" ]; then
  study "case2383wp 2024 year (load scaling)" scenario networks/scenarios/case2383wp-2024.yaml
  echo "N-1 cost per hour:"
  window "$cases/case2383wp.m" "$tmp/c24.yaml" 2024-01-02T00:00 24
  window "$cases/case2383wp.m" "$tmp/c72.yaml" 2024-01-02T00:00 72
  per_hour case2383wp "$tmp/c24.yaml" "$tmp/c72.yaml" 24 72
else
  echo "case2383wp: $cases/case2383wp.m not found, skipped"
fi
if [ -f "$cases/case9241pegase.m" ]; then
  window "$cases/case9241pegase.m" "$tmp/p4.yaml" 2024-01-02T12:00 4
  window "$cases/case9241pegase.m" "$tmp/p12.yaml" 2024-01-02T12:00 12
  per_hour case9241pegase "$tmp/p4.yaml" "$tmp/p12.yaml" 4 12
else
  echo "case9241pegase: $cases/case9241pegase.m not found, skipped"
fi
