#!/usr/bin/env bash
# The HTML report (`gridtool report`) checked in a real browser: Debian's
# chromium-headless-shell (or chromium), installed with apt-get when missing, renders the
# reports of the Xinjiang 2024 network, the Xinjiang 2024 year, a contingency run (its JSON
# read back with the network) and, when ../shared/cases is there, case118 and case2383wp.
# From each rendered DOM (--dump-dom) scripts/report_check.py asserts: one path per
# in-service branch on every map, every ring and corridor labelled, a legend, the script
# run to its end with nothing on the console, and the page's numbers equal to the JSON
# output's. A PNG screenshot of each goes to .build/report-check/ (git-ignored).
# Run by scripts/test.sh after the Swift tests; on its own: scripts/report-check.sh [GRIDTOOL].
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium (present, or installed) and a font with Chinese glyphs for the screenshots
# (fonts-droid-fallback), as root or through sudo. Idempotent.
browser=""
for candidate in chromium-headless-shell chromium; do
  if command -v "$candidate" >/dev/null; then browser="$candidate"; break; fi
done
missing=()
[ -n "$browser" ] || missing+=(chromium-headless-shell)
dpkg-query -W -f='${Status}' fonts-droid-fallback 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-droid-fallback)
if [ ${#missing[@]} -gt 0 ]; then
  echo "report-check: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "report-check: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -n "$browser" ] || browser=chromium-headless-shell
fi
command -v python3 >/dev/null || { echo "report-check: python3 is needed for the DOM checks" >&2; exit 1; }

gridtool="${1:-$(swift build --show-bin-path)/gridtool}"
[ -x "$gridtool" ] || swift build --product gridtool
out=.build/report-check
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Chromium's own profile and caches stay in the build folder (nothing in $HOME).
profile="$out/chromium-profile"
flags=(--no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile"
  --enable-logging=stderr --v=0)

failures=0
# check NAME NETWORK_OR_SCENARIO_NETWORK REPORT_INPUT [REPORT_ARGS...] -- SECTION=JSON ...
check() {
  local name="$1" network="$2" input="$3"
  shift 3
  local args=() pairs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  pairs=("$@")
  local html="$out/$name.html"
  local started
  started=$(date +%s%N)
  "$gridtool" report "$input" "${args[@]}" -o "$html"
  "$gridtool" solve "$network" --format json -o "$out/$name.solve.json"
  timeout 300 "$browser" "${flags[@]}" --dump-dom "file://$html" >"$out/$name.dom.html" 2>"$out/$name.console.log"
  timeout 300 "$browser" "${flags[@]}" --window-size=1400,1100 --screenshot="$out/$name.png" "file://$html" \
    >/dev/null 2>&1
  local took_ms=$((($(date +%s%N) - started) / 1000000))
  if python3 scripts/report_check.py "$out/$name.dom.html" "$out/$name.console.log" "$out/$name.solve.json" "${pairs[@]}" \
    | sed "s|^|  $name: |"; then
    echo "  $name: screenshot $out/$name.png (report, solve, DOM and screenshot in $took_ms ms)"
  else
    failures=$((failures + 1))
  fi
}

echo "== HTML report in $browser ($("$browser" --version 2>/dev/null | head -1))"
xinjiang=networks/xinjiang-2024.yaml
year=networks/scenarios/xinjiang-2024.yaml
# Contingency and scenario exit 2 when they find violations: the JSON is written all the same.
"$gridtool" solve "$xinjiang" --format json -o "$out/xinjiang.solve-result.json"
"$gridtool" contingency "$xinjiang" --format json -o "$out/xinjiang.n1.json" || [ $? -eq 2 ]
"$gridtool" scenario "$year" --format json -o "$out/xinjiang-year.scenario.json"
"$gridtool" contingency "$year" --format json -o "$out/xinjiang-year.n1.json" || [ $? -eq 2 ]

check xinjiang-network "$xinjiang" "$xinjiang" -- network="$out/xinjiang.solve-result.json" contingency="$out/xinjiang.n1.json"
check xinjiang-year "$xinjiang" "$year" -- scenario="$out/xinjiang-year.scenario.json" security="$out/xinjiang-year.n1.json"
check xinjiang-contingency "$xinjiang" "$out/xinjiang.n1.json" --network "$xinjiang" -- contingency="$out/xinjiang.n1.json"

shared="${GRIDTOOL_SHARED_CASES:-../shared/cases}"
for case in case118 case2383wp; do
  if [ -f "$shared/$case.m" ]; then
    "$gridtool" solve "$shared/$case.m" --format json -o "$out/$case.solve-result.json" 2>/dev/null
    if [ "$case" = case118 ]; then
      # case118 rates no branch (RATE_A = 0): no N-1 view, and the report says why.
      check "$case" "$shared/$case.m" "$shared/$case.m" -- network="$out/$case.solve-result.json"
      grep -q "no N-1 screen: none of the 186 branches has a rating" "$out/$case.html" ||
        { echo "  $case: the report does not say why it has no N-1 view" >&2; failures=$((failures + 1)); }
      continue
    fi
    "$gridtool" contingency "$shared/$case.m" --format json -o "$out/$case.n1.json" 2>/dev/null || [ $? -eq 2 ]
    check "$case" "$shared/$case.m" "$shared/$case.m" -- network="$out/$case.solve-result.json" contingency="$out/$case.n1.json"
  else
    echo "  $case: skipped ($shared/$case.m is absent)"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "report-check: $failures report(s) failed" >&2
  exit 1
fi
echo "report-check: all reports pass"
