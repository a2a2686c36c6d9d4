#!/usr/bin/env bash
# Test builds of the extension, for the failure-isolation stories
# (tests/e2e/trust.test.js), in tests/.out/:
#   ext-broken  the built extension with both engines unloadable (a corrupt
#               module in content_wasm.js and a JS engine that throws on
#               import);
#   ext-panic   the content script built with the `panic-test` feature: a page
#               line containing "decline-doctor-test-panic" panics in Rust;
#   ext-test    the built extension (same wasm, same scripts) with its
#               bridge instrumented (tests/tools/test-build.js): calls into
#               Rust timed and their work counted, pending work, listeners,
#               start-up; the end-to-end stories wait on these signals
#               (tests/e2e/probe.js) and the benchmark reads the counts;
#   ext-timed   the same without the per-import and per-string counters:
#               the benchmark's timings.
# Run after ./build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/.out
copy() {
  rm -rf "${out:?}/${1:?}"
  mkdir -p "$out/$1"
  cp -r manifest.json _locales extension "$out/$1/"
}

copy ext-broken
printf 'globalThis.__declineDoctorWasm = "%s";\n' "$(printf 'not a wasm module' | base64 -w0)" > "$out/ext-broken/extension/pkg/content_wasm.js"
printf 'throw new Error("test build: the JS engine does not load");\n' > "$out/ext-broken/extension/pkg/content_bg.wasm.js"

copy ext-panic
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C target-cpu=mvp -Z unstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none" \
  cargo build --quiet --release --target wasm32-unknown-unknown -p decline-doctor-content --features panic-test \
  -Z build-std=panic_abort,std
wasm-bindgen --target bundler --no-typescript --out-dir "$out/ext-panic/extension/pkg" --out-name content \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/decline_doctor_content.wasm"
rm -f "$out/ext-panic/extension/pkg/content.js" "$out/ext-panic/extension/pkg/package.json"
python3 .ci/inline-snippet.py "$out/ext-panic/extension/pkg"
rm -f "$out/ext-panic/extension/pkg/content_bg.wasm.js" # this variant runs on pages that allow wasm
python3 .ci/content-script.py "$out/ext-panic/extension/pkg"
copy ext-test
node tests/tools/test-build.js "$out/ext-test"
copy ext-timed
node tests/tools/test-build.js "$out/ext-timed" --timing-only

echo "variants: $out/ext-broken $out/ext-panic $out/ext-test $out/ext-timed"
