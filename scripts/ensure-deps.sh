#!/usr/bin/env bash
# Installs the Debian packages gridtool needs when they are missing:
# LAPACK/BLAS (linked by GridCore; Debian's alternatives make OpenBLAS the
# implementation behind them at run time), SuiteSparse (CHOLMOD, KLU, linked)
# for large sparse systems, pkg-config.
set -euo pipefail

packages=(liblapack-dev libblas-dev libopenblas-dev libsuitesparse-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "gridtool: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "gridtool: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "gridtool: Swift 6 is required (swift not found on PATH)" >&2; exit 1; }

# HiGHS (LP/QP solver of `gridtool opf`, linked through pkg-config "highs"). Debian 12 has no
# package: the PyPI package highsbox ships a built libhighs. It is fetched into a temporary
# folder (pip --target: no virtual environment, no change to any Python; pinned to the
# version checked, 1.15.1) and its library and
# headers installed into /usr/local with a highs.pc that is correct (the wheel's own names a
# build folder). Nothing is done when pkg-config already finds a HiGHS, e.g. another build
# named by PKG_CONFIG_PATH (docs/opf.md).
if ! pkg-config --exists highs 2>/dev/null; then
  echo "gridtool: installing HiGHS (PyPI highsbox) into /usr/local" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "gridtool: need root (or sudo) to install HiGHS into /usr/local" >&2; exit 1; }
    sudo="sudo"
  fi
  python=""
  for candidate in python3 python; do
    if command -v "$candidate" >/dev/null && "$candidate" -m pip --version >/dev/null 2>&1; then python="$candidate"; break; fi
  done
  if [ -z "$python" ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pip >/dev/null
    python=python3
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  "$python" -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore --target "$work/site" "highsbox==1.15.1" >&2
  dist="$work/site/highsbox/highs_dist"
  [ -f "$dist/include/highs/interfaces/highs_c_api.h" ] && ls "$dist"/lib/libhighs.so* >/dev/null 2>&1 \
    || { echo "gridtool: highsbox did not provide libhighs and its C API headers (looked in $dist)" >&2; exit 1; }
  version="$(sed -n 's/^Version: *//p' "$dist"/lib*/pkgconfig/highs.pc 2>/dev/null | head -n 1)"
  prefix=/usr/local
  $sudo install -d "$prefix/lib/pkgconfig" "$prefix/include"
  $sudo cp -a "$dist"/lib/libhighs.so* "$prefix/lib/"
  $sudo rm -rf "$prefix/include/highs"
  $sudo cp -r "$dist/include/highs" "$prefix/include/"
  $sudo cp "$dist/include/highs_export.h" "$prefix/include/highs/"
  $sudo tee "$prefix/lib/pkgconfig/highs.pc" >/dev/null <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include/highs
Name: HiGHS
Description: Linear Optimization Software (from PyPI highsbox)
Version: ${version:-unknown}
Libs: -L\${libdir} -lhighs
Cflags: -I\${includedir}
PC
  $sudo ldconfig
  pkg-config --exists highs || { echo "gridtool: HiGHS installed but pkg-config does not find highs.pc in $prefix/lib/pkgconfig" >&2; exit 1; }
fi
