#!/usr/bin/env bash
# Runs every test: lints, the pure core natively (cargo test), then the built
# extension in real Chromium and Firefox ESR against the fixture sites.
# Installs what is missing (Debian's chromium, chromium-driver, firefox-esr;
# the Rust wasm target; wasm-bindgen-cli; npm packages from tests/).
# The fixture server listens on 127.0.0.1:443 (Firefox resolves the real host
# names there and keeps the port), so run as root or grant node that port.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
ensure_browsers

echo "== build"
./build.sh
tests/variants.sh

echo "== lint"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --features content -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --features popup -- -D warnings

echo "== core (cargo test)"
cargo test --quiet

echo "== fuzz (classifier and page-fact reader, 60 s)"
tests/fuzz.sh 60

echo "== packages (contents, least privilege, locales, web-ext lint)"
(cd tests && node --test --test-reporter=spec package/)

echo "== end to end (Chromium, Firefox)"
(cd tests && node --test --test-concurrency=1 --test-reporter=spec e2e/)
