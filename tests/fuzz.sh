#!/usr/bin/env bash
# Fuzzes the classifier and the page-fact reader with cargo fuzz (libFuzzer,
# nightly toolchain) for $1 seconds (default 60). Installs cargo-fuzz when it
# is missing. New inputs go to a scratch corpus; the committed seeds in
# tests/fuzz/corpus/classify stay as they are. Longer run: tests/fuzz.sh 3600
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
ensure_cargo_fuzz
secs=${1:-60}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo +nightly fuzz run --fuzz-dir tests/fuzz classify "$scratch" tests/fuzz/corpus/classify -- \
  -max_total_time="$secs" -timeout=2 -max_len=65536 -print_final_stats=1
