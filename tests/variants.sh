#!/usr/bin/env bash
# Test builds of the extension, for the failure-isolation stories
# (tests/e2e/trust.test.js), in tests/.out/:
#   ext-broken  the built extension with both engines unloadable (a corrupt
#               .wasm and a JS engine that throws on import);
#   ext-panic   the content script built with the `panic-test` feature: a page
#               line containing "decline-doctor-test-panic" panics in Rust;
#   ext-timed   the built extension with its guard timing every call into
#               Rust and boot.js recording its start-up
#               (tests/tools/timed-guard.js): the page asks for the figures
#               with a "decline-doctor-timing" event (trust tests, benchmark).
# Run after ./build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/.out
copy() {
  rm -rf "$out/$1"
  mkdir -p "$out/$1"
  cp -r manifest.json _locales extension "$out/$1/"
}

copy ext-broken
printf 'not a wasm module' > "$out/ext-broken/extension/pkg/content_bg.wasm"
printf 'throw new Error("test build: the JS engine does not load");\n' > "$out/ext-broken/extension/pkg/content_bg.wasm.js"

copy ext-panic
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=mvp -Z unstable-options -C panic=immediate-abort" \
  cargo build --quiet --release --target wasm32-unknown-unknown --features panic-test \
  -Z build-std=panic_abort,std
wasm-bindgen --target bundler --no-typescript --out-dir "$out/ext-panic/extension/pkg" --out-name content \
  target/wasm32-unknown-unknown/release/decline_doctor.wasm
rm -f "$out/ext-panic/extension/pkg/content.js" "$out/ext-panic/extension/pkg/package.json"
python3 .ci/inline-snippet.py "$out/ext-panic/extension/pkg"
rm -f "$out/ext-panic/extension/pkg/content_bg.wasm.js" # this variant runs on pages that allow wasm
copy ext-timed
node tests/tools/timed-guard.js "$out/ext-timed"

echo "variants: $out/ext-broken $out/ext-panic $out/ext-timed"
