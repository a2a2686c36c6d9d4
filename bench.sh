#!/usr/bin/env bash
# The benchmark: builds the extension and its timed test build, then measures
# in headless Chromium and Firefox ESR, against the fixture billing pages
# under their real host names (served on 127.0.0.1:443: run as root), the
# panel's latency, the content script's start-up, its main-thread time on a
# busy page next to a naive scanner's, how that scales, and the built sizes.
# Prints the tables and writes them into docs/benchmarks.md and README.md.
# Options (passed on): --runs N, --seconds S, --only latency,overhead,scaling,size
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
ensure_browsers
./build.sh
tests/variants.sh
cd tests && node bench/run.js "$@"
