#!/usr/bin/env bash
# Runs every test: lints, the pure core natively (cargo test), the set-up on a
# simulated fresh machine, fuzzing, the packages, then the built extension in
# real Chromium and Firefox ESR against the fixture sites.
# Installs what is missing (Debian's chromium, chromium-driver, firefox-esr,
# openssl, fonts-noto-cjk, shellcheck; the Rust wasm target and rust-src;
# wasm-bindgen-cli; cargo-fuzz; npm packages from tests/).
# The fixture server listens on 127.0.0.1:443 (Firefox resolves the real host
# names there and keeps the port), so run as root or grant node that port.
# Screenshots go to tests/.out/screenshots/; with --update-docs, to docs/
# (the README's pictures).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh
export DD_UPDATE_DOCS=""
unset DD_BROWSERS # every story, in both browsers
for arg in "$@"; do
  case "$arg" in
    --update-docs) DD_UPDATE_DOCS=1 ;;
    *) tools_die "unknown option $arg (test.sh takes --update-docs)" ;;
  esac
done
ensure_browsers
ensure_shellcheck
# Each stage says when it starts (seconds since the start of the run).
stage() {
  echo "== $1 (at ${SECONDS} s)"
}

stage "build"
./build.sh
tests/variants.sh

stage "lint"
mapfile -t scripts < <(shell_scripts)
shellcheck -x "${scripts[@]}"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p decline-doctor-content -p decline-doctor-popup -- -D warnings

stage "core (cargo test)"
cargo test --quiet

stage "set-up on a fresh machine (simulated)"
(cd tests && node --test --test-reporter=spec setup/)

stage "fuzz (classifier and page-fact reader, 60 s)"
tests/fuzz.sh 60

stage "packages (contents, least privilege, locales, web-ext lint)"
(cd tests && node --test --test-reporter=spec package/)

stage "end to end (Chromium, Firefox)"
(cd tests && node --test --test-concurrency=1 --test-reporter=spec e2e/)
echo "== done (${SECONDS} s)"
