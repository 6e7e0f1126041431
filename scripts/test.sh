#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every test,
# twice: with the BLAS/LAPACK the system links at run time (OpenBLAS, through
# Debian's alternatives) and with the reference BLAS/LAPACK (netlib), so that no
# result depends on the BLAS build. Then build GridCore's DocC documentation (it fails on a
# warning), and build and run Examples/EmbedGridCore, a separate package that embeds GridCore
# by path.
# Tests that need ../shared/cases (MATPOWER references) skip when it is absent. Last, a
# one-node Slurm cluster runs sharded studies and merges them (scripts/slurm-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --build-tests
echo "== tests with the system BLAS/LAPACK ($(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown))"
swift test --skip-build "$@"
reference=/usr/lib/x86_64-linux-gnu/blas:/usr/lib/x86_64-linux-gnu/lapack
echo "== tests with the reference BLAS/LAPACK ($reference)"
LD_LIBRARY_PATH="$reference${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" swift test --skip-build "$@"
echo "== DocC: GridCore's documentation builds without a warning"
docs=$(swift package generate-documentation --target GridCore 2>&1) || { echo "$docs" >&2; exit 1; }
# DocC's own warnings come after this line (compiler warnings before it are the build's);
# without the line, all of the output is checked.
docc=$(sed -n "/^Building documentation for 'GridCore'/,\$p" <<<"$docs")
[[ -n "$docc" ]] || docc=$docs
if grep -q 'warning:' <<<"$docc"; then
  echo "$docc" | grep -A4 'warning:' >&2
  echo "DocC: the warnings above (a broken symbol link, an undocumented parameter) must be fixed" >&2
  exit 1
fi
echo "Finished building documentation for 'GridCore', no warnings"
echo "== Examples/EmbedGridCore: a package that embeds GridCore"
swift build --package-path Examples/EmbedGridCore
out=$(Examples/EmbedGridCore/.build/debug/EmbedGridCore networks/case9.m)
echo "$out" | head -3
echo "$out" | grep -q "^PTDF 9×9$" || { echo "EmbedGridCore: unexpected output" >&2; exit 1; }
echo "== HTML report in a real browser (scripts/report-check.sh: Chromium renders the reports, DOM checks, screenshots in .build/report-check/)"
scripts/report-check.sh
echo "== Slurm: sharded studies on a one-node cluster (scripts/slurm-check.sh: shards, merge, a killed shard resubmitted)"
scripts/slurm-check.sh
