#!/usr/bin/env bash
# gridtool against MATPOWER's rundcpf (Octave), branch by branch, PASS below
# 1e-6 MW: the Xinjiang YAML round trip of issue 3 (convert to .m, solve both
# sides) and every case in ../shared/cases (or $GRIDTOOL_SHARED_CASES).
# Installs Octave and MATPOWER when missing and builds gridtool (release).
# Arguments go to bench/mp_check.py: other files, --tol MW.
# GRIDTOOL=/path/to/gridtool skips the build and checks that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/setup.sh --check
exec bench/.venv/bin/python bench/mp_check.py --gridtool "${GRIDTOOL:-.build-bench/release/gridtool}" "$@"
