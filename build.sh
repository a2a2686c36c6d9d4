#!/usr/bin/env bash
# Builds Decline Doctor in place: the repository root is then the unpacked
# extension (load it in Chrome or Firefox, see README), and dist/ holds the
# store zips. Installs the Rust target, rust-src, the matching wasm-bindgen-cli
# and the npm tools (tests/package-lock.json) when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
ensure_rust_wasm
ensure_wasm_bindgen
ensure_node_modules

bin=tests/node_modules/.bin
out=extension/pkg
popup_out=extension/popup/pkg
release=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release

# Rust -> wasm for the MVP feature set: wasm2js cannot translate the
# reference types and bulk memory that the prebuilt std uses, so std is
# rebuilt (the same module then serves as the wasm and the JS engine).
# One build per shell crate (src/content, src/popup), each with the core.
# No panic locations or Debug formatting are kept (nothing prints them).
cargo_wasm() {
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=mvp -Z unstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none" \
    cargo build --quiet --release --target wasm32-unknown-unknown -p "$@" \
    -Z build-std=panic_abort,std
}
rm -rf "$out" "$popup_out"

# 1. The content script. Bundler target: boot.js instantiates the module
#    itself, so it can fall back to the JS build under a strict page CSP.
cargo_wasm decline-doctor-content
wasm-bindgen --target bundler --no-typescript --out-dir "$out" --out-name content "$release/decline_doctor_content.wasm"
rm -f "$out/content.js" "$out/package.json"
# One module to load, not the bindings and then their snippet.
python3 .ci/inline-snippet.py "$out"

# 2. The popup (an extension page: WebAssembly is allowed there).
cargo_wasm decline-doctor-popup
# Its own folder: only the content script's files are web-accessible.
wasm-bindgen --target web --no-typescript --out-dir "$popup_out" --out-name popup "$release/decline_doctor_popup.wasm"
rm -f "$popup_out/package.json"
"$bin/wasm-opt" -Oz "$popup_out/popup_bg.wasm" -o "$popup_out/popup_bg.wasm"

# 3. The content script's size, then its JS engine from the very same module.
#    The stack comes first in Rust's wasm memory (1 MiB, growing down to 0;
#    data from 1 MiB up), so the lowest 1 KiB is never used: binaryen may fold
#    addresses there (--low-memory-unused, about 1 KB smaller).
"$bin/wasm-opt" -Oz --low-memory-unused --strip-producers "$out/content_bg.wasm" -o "$out/content_bg.wasm"
"$bin/wasm2js" -Oz "$out/content_bg.wasm" -o "$out/content_bg.wasm.js"
# Its memory must detach the old buffer on growth, as real wasm memory does.
python3 .ci/wasm2js-detach.py "$out/content_bg.wasm.js"
# The bindings and the module come with the content script (no file to load
# at start-up): the bindings a classic script, the module in base64.
python3 .ci/content-script.py "$out"

# 4. Store zips.
python3 .ci/package.py

zips=(dist/*.zip)
printf 'built: %s (%s B), %s (%s B), %s (%s B); %s\n' \
  "$out/content_bg.wasm" "$(stat -c %s "$out/content_bg.wasm")" \
  "$out/content_bg.wasm.js" "$(stat -c %s "$out/content_bg.wasm.js")" \
  "$popup_out/popup_bg.wasm" "$(stat -c %s "$popup_out/popup_bg.wasm")" \
  "${zips[*]}"
