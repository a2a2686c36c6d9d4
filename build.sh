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
wasm=target/wasm32-unknown-unknown/release/decline_doctor.wasm

# 1. Rust -> wasm for the MVP feature set: wasm2js cannot translate the
#    reference types and bulk memory that the prebuilt std uses, so std is
#    rebuilt (the same module then serves as the wasm and the JS engine).
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=mvp -Z unstable-options -C panic=immediate-abort" \
  cargo build --quiet --release --target wasm32-unknown-unknown --features content \
  -Z build-std=panic_abort,std

# 2. Bindings (bundler target: boot.js instantiates the module itself, so it
#    can fall back to the JS build under a strict page CSP).
rm -rf "$out"
wasm-bindgen --target bundler --no-typescript --out-dir "$out" --out-name content "$wasm"
rm -f "$out/content.js" "$out/package.json"

# 3. Size, then the JS engine from the very same module.
"$bin/wasm-opt" -Oz "$out/content_bg.wasm" -o "$out/content_bg.wasm"
"$bin/wasm2js" -Oz "$out/content_bg.wasm" -o "$out/content_bg.wasm.js"
# Its memory must detach the old buffer on growth, as real wasm memory does.
python3 .ci/wasm2js-detach.py "$out/content_bg.wasm.js"

# 4. Store zips.
python3 .ci/package.py

printf 'built: %s (%s B), %s (%s B); %s\n' \
  "$out/content_bg.wasm" "$(stat -c %s "$out/content_bg.wasm")" \
  "$out/content_bg.wasm.js" "$(stat -c %s "$out/content_bg.wasm.js")" \
  "$(ls dist/*.zip | tr '\n' ' ')"
