#!/usr/bin/env bash
# One command: install what is missing, build gridtool (release), run the
# side-by-side benchmark. Arguments go to bench/peers.py (--help for them).
# GRIDTOOL=/path/to/gridtool skips the build and benchmarks that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/setup.sh
exec bench/.venv/bin/python bench/peers.py --gridtool "${GRIDTOOL:-.build-bench/release/gridtool}" "$@"
