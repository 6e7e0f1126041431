#!/usr/bin/env bash
# The whole test suite: install what is missing, then build and run every test.
# Tests that need ../shared/cases (MATPOWER references) skip when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --build-tests
swift test --skip-build "$@"
