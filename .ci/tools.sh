# Sourced by build.sh, test.sh and .ci/run: installs what the project needs
# and is missing, and says what it did. Safe to run again.

# The wasm-bindgen version pinned in Cargo.toml (the CLI must match it).
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml
}

ensure_rust_wasm() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "tools: rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^rust-src'; then
    echo "tools: rustup component add rust-src (wasm2js needs std rebuilt for the MVP feature set)"
    rustup component add rust-src
  fi
}

ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
  if [ "$have" != "$want" ]; then
    # No --locked: the registry here lacks one locked dependency version.
    echo "tools: cargo install wasm-bindgen-cli --version $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_modules() {
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    echo "tools: npm ci in tests/"
    (cd tests && npm ci --no-audit --no-fund)
  fi
}

# Debian packages for the real-browser tests.
ensure_browsers() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  command -v openssl >/dev/null || missing+=(openssl)
  # CJK text in the screenshots (the panel speaks Chinese, Japanese, Korean).
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "tools: apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}
