#!/usr/bin/env bash
# The demo: Decline Doctor on the fixture billing pages, no OpenAI account
# needed. Builds if the sources changed, serves the fixtures under their real
# host names (on 127.0.0.1:443: run as root), starts Chromium with the
# extension (in a window when $DISPLAY is set, headless otherwise), walks
# three scenes and writes screenshots to docs/demo-*.png.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
ensure_browsers
ensure_node_modules
built=extension/pkg/content_bg.wasm
if [ ! -f "$built" ] || [ ! -f extension/popup/pkg/popup_bg.wasm ] \
  || [ -n "$(find src extension build.rs Cargo.toml manifest.json -newer "$built" -type f -not -path '*/pkg/*' | head -n 1)" ]; then
  ./build.sh
fi
cd tests && node demo/demo.js
