#!/usr/bin/env bash
# The demo: Decline Doctor on the fixture billing pages, no OpenAI account
# needed. Builds if the sources changed, serves the fixtures under their real
# host names (on 127.0.0.1:443: run as root), starts Chromium with the
# extension (in a window when $DISPLAY is set, headless otherwise), walks
# three scenes and writes screenshots to tests/.out/demo/ (with
# --update-docs: to docs/demo-*.png, the README's pictures).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
export DD_UPDATE_DOCS=""
for arg in "$@"; do
  case "$arg" in
    --update-docs) DD_UPDATE_DOCS=1 ;;
    *) tools_die "unknown option $arg (demo.sh takes --update-docs)" ;;
  esac
done
ensure_browsers
ensure_rust_wasm
ensure_wasm_bindgen
ensure_node_modules
ensure_built
cd tests && node demo/demo.js
