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
