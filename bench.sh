#!/usr/bin/env bash
# The benchmark: measures in headless Chromium and Firefox ESR, against the
# fixture billing pages under their real host names (served on
# 127.0.0.1:443: run as root), the panel's latency, the content script's
# start-up, its main-thread time on a busy page next to a naive scanner's,
# how that scales, the longest call on a hostile page, and the built sizes.
# Builds first only if the sources changed. Prints the tables and writes them
# to tests/.out/bench/benchmarks.md; with --update-docs, into
# docs/benchmarks.md and README.md.
# Other options (passed on): --runs N, --seconds S,
# --only latency,overhead,scaling,hostile,classify,size
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
export DD_UPDATE_DOCS=""
args=()
for arg in "$@"; do
  case "$arg" in
    --update-docs) DD_UPDATE_DOCS=1 ;;
    *) args+=("$arg") ;;
  esac
done
ensure_browsers
ensure_rust_wasm
ensure_wasm_bindgen
ensure_node_modules
ensure_built
cd tests && node bench/run.js "${args[@]}"
