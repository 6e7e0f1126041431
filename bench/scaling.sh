#!/usr/bin/env bash
# Scaling of gridtool with network size: per-phase times (in-process, median of
# several runs, from the gridbench tool) and the whole-process time and peak
# memory of `gridtool solve --format json`, for synthetic networks of
# 1k to 100k buses (bench/synthetic.py) and the real cases found.
#   bench/scaling.sh [SIZES...]      e.g. bench/scaling.sh 1000 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product gridtool --static-swift-stdlib >&2
swift build -c release --product gridbench --static-swift-stdlib >&2
mkdir -p bench/out
python=python3
[ -x bench/.venv/bin/python ] && python=bench/.venv/bin/python
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 5000 10000 25000 50000 100000)

cases=()
for n in "${sizes[@]}"; do
  f="bench/out/syn${n}.m"
  [ -f "$f" ] || $python bench/synthetic.py --buses "$n" --seed 1 --out "$f" >&2
  cases+=("$f")
done

printf '%-28s %8s %8s %8s %8s %8s %8s %8s %9s %9s %8s\n' case buses "read ms" "MB/s" "build+f" "solve" "json" "write" "json+write" "process s" "RSS MB"
for f in "${cases[@]}"; do
  out=$(.build/release/gridbench "$f" 5)
  field() { echo "$out" | awk -v key="$1" 'index($0, key) == 1 { for (i = 1; i <= NF; i++) if ($i == "ms") { print $(i-1); exit } }'; }
  rate=$(echo "$out" | awk '/^read/ { print $(NF-1) }')
  buses=$(echo "$out" | head -1 | sed -E 's/.*: ([0-9]+) buses.*/\1/')
  /usr/bin/time -o /tmp/gridtool-scaling.time -f "%e %M" .build/release/gridtool solve "$f" --format json -o /tmp/gridtool-scaling.json 2>/dev/null
  whole=$(tail -1 /tmp/gridtool-scaling.time)
  printf '%-28s %8s %8s %8s %8s %8s %8s %8s %9s %9s %8s\n' "$(basename "$f")" "$buses" "$(field read)" "$rate" \
    "$(field build)" "$(field 'solve (1')" "$(field 'format JSON')" "$(field 'write JSON')" "$(field 'format and write')" \
    "${whole% *}" "$(( ${whole#* } / 1024 ))"
done
echo "machine: $(nproc) cores; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
