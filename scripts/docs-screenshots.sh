#!/usr/bin/env bash
# Remakes the report screenshots in docs/images/ (committed): the Xinjiang 2024 map and the
# Jiquan duration curve, each one figure of a report shown alone (report.html#only-ID), taken by
# headless Chromium and reduced to a 256-colour palette by pngquant when it is installed
# (apt-get install pngquant). Not part of the test command; run it after changing the report.
set -euo pipefail
cd "$(dirname "$0")/.."
browser="$(command -v chromium-headless-shell || command -v chromium)" || { echo "docs-screenshots: install chromium-headless-shell" >&2; exit 1; }
gridtool="${1:-$(swift build --show-bin-path)/gridtool}"
out="$(mkdir -p .build/report-check && cd .build/report-check && pwd)"
"$gridtool" report networks/xinjiang-2024.yaml -o "$out/docs-network.html"
"$gridtool" report networks/scenarios/xinjiang-2024.yaml --n1 off -o "$out/docs-year.html"
mkdir -p docs/images
shoot() {  # shoot PAGE ID WIDTH HEIGHT PNG
  "$browser" --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$out/chromium-profile" \
    --window-size="$3,$4" --screenshot="$5" "file://$out/$1#only-$2" >/dev/null 2>&1
  if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --quality=70-95 --output "$5" -- "$5" || true; fi
  echo "$5: $(stat -c %s "$5") bytes"
}
shoot docs-network.html flow-svg 1000 740 docs/images/xinjiang-map.png
shoot docs-year.html duration-jiquan 800 420 docs/images/jiquan-duration.png
