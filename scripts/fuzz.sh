#!/usr/bin/env bash
# libFuzzer on one of GridCore's readers (docs/robustness.md):
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh list                  # the targets
#
# TARGET: matpower, yaml, raw (the network readers), scenario, profile, facts.
# Builds Fuzz/ (a package of its own that embeds GridCore by path) in release with
# -sanitize=fuzzer,address (Swift) and -fsanitize=fuzzer-no-link,address (the C of libyaml and
# GridCore's C shims), then fuzzes for SECONDS: the seeds are Tests/Fuzz/TARGET (committed), the
# growing corpus Fuzz/corpus/TARGET and crash inputs Fuzz/crashes/TARGET (both not committed).
# A crash input belongs in Tests/Fuzz/TARGET/regressions/ once fixed: FuzzRegressionTests feeds
# every file there through the same reader in the normal `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=Fuzz/.build-fuzz
# lld: Debian's gold stops with an internal error on the sanitized link.
build() {
  swift build --package-path Fuzz -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DGRIDCORE_LIBFUZZER \
    -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >&2
}
if [[ "${1:-}" == "list" ]]; then
  # Without arguments the replay build prints its usage, which lists the targets.
  (swift run --package-path Fuzz gridcore-fuzz 2>/dev/null || true) | grep 'targets:' | sed 's/.*targets: //' | tr ',' '\n' | tr -d ' '
  exit 0
fi
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
[[ -d "Tests/Fuzz/$target" ]] || { echo "no seeds in Tests/Fuzz/$target (targets: scripts/fuzz.sh list)" >&2; exit 64; }
build
corpus="Fuzz/corpus/$target" crashes="Fuzz/crashes/$target"
mkdir -p "$corpus" "$crashes"
# The seeds' regressions/ are inputs that once crashed: read them first, as seeds.
seeds=("Tests/Fuzz/$target")
[[ -d "Tests/Fuzz/$target/regressions" ]] && seeds+=("Tests/Fuzz/$target/regressions")
# -timeout: an input that takes 10 s is a bug (work must stay linear); -rss_limit_mb: so is 2 GB.
# ASan: the Swift runtime's allocations are reported at exit as leaks that are not ours.
ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" GRIDCORE_FUZZ_TARGET="$target" \
  "$scratch/release/gridcore-fuzz" "$corpus" "${seeds[@]}" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$crashes/" -print_final_stats=1 "$@"
