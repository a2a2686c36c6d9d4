# shellcheck shell=bash
# Sourced by build.sh, test.sh, demo.sh, bench.sh and tests/fuzz.sh: installs
# what the project needs and is missing, says what it does, and is safe to
# run again. tests/setup/fresh-machine.test.js runs it on a simulated machine
# that has none of these tools.
#
# Every check here must work when the tool it looks for is missing, under
# `set -euo pipefail`:
# - no command substitution of a program that may be absent (an assignment
#   takes the substitution's status, and `set -e` stops the script there,
#   with no message): test with `have` first;
# - no `grep -q` at the end of a pipeline: grep stops at its first match, the
#   writer may die of SIGPIPE, and pipefail reports that as a failure. Output
#   is captured first and searched with a here-string;
# - every variable is set before it is read.

tools_say() {
  echo "tools: $*"
}

tools_die() {
  echo "tools: $*" >&2
  exit 1
}

# Whether a command is on PATH.
have() {
  command -v "$1" >/dev/null 2>&1
}

# Whether `text` has a line that is exactly `line` (grep on a here-string:
# no pipeline).
has_line() {
  grep -qxF -- "$2" <<<"$1"
}

# The wasm-bindgen version pinned in Cargo.toml (the CLI must match it).
wasm_bindgen_version() {
  local v
  v=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
  [ -n "$v" ] || tools_die "Cargo.toml pins no wasm-bindgen version (wasm-bindgen = { version = \"=X.Y.Z\" ... })"
  echo "$v"
}

ensure_rust_wasm() {
  have rustup || tools_die "rustup is missing: install Rust with rustup first (https://rustup.rs)"
  local targets components
  targets=$(rustup target list --installed)
  if ! has_line "$targets" wasm32-unknown-unknown; then
    tools_say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  components=$(rustup component list --installed)
  # Listed as "rust-src" (it is not per target).
  if ! has_line "$components" rust-src; then
    tools_say "rustup component add rust-src (wasm2js needs std rebuilt for the MVP feature set)"
    rustup component add rust-src
  fi
}

ensure_wasm_bindgen() {
  local want have_version=""
  want=$(wasm_bindgen_version)
  if have wasm-bindgen; then
    have_version=$(wasm-bindgen --version)
    have_version=${have_version#wasm-bindgen }
    have_version=${have_version%% *}
  fi
  if [ "$have_version" != "$want" ]; then
    # No --locked: the registry here lacks one locked dependency version.
    tools_say "cargo install wasm-bindgen-cli --version $want (about 5 minutes)"
    cargo install wasm-bindgen-cli --version "$want"
    have wasm-bindgen || tools_die "wasm-bindgen was installed but is not on PATH (add ~/.cargo/bin to PATH)"
  fi
}

ensure_node_modules() {
  if ! have node || ! have npm; then
    tools_die "Node.js 20 or later and npm are needed (Debian: apt-get install nodejs npm)"
  fi
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    tools_say "npm ci in tests/"
    (cd tests && npm ci --no-audit --no-fund)
  fi
}

# The Debian packages among "$@" that are not installed, one a line.
apt_missing() {
  local p status
  have dpkg-query || tools_die "dpkg-query is missing: the tests need a Debian-based machine"
  for p in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=""
    [ "$status" = "install ok installed" ] || echo "$p"
  done
}

# Installs the Debian packages among "$@" that are missing.
apt_ensure() {
  local missing=() sudo=() p
  while IFS= read -r p; do
    [ -n "$p" ] && missing+=("$p")
  done <<<"$(apt_missing "$@")"
  [ ${#missing[@]} -gt 0 ] || return 0
  tools_say "apt-get install ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    have sudo || tools_die "installing ${missing[*]} needs root (or sudo)"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
}

# Debian packages for the real-browser tests, the demo and the benchmark:
# the browsers, openssl for the fixture server's certificate, CJK fonts
# (the panel speaks Chinese, Japanese and Korean in the screenshots).
ensure_browsers() {
  apt_ensure chromium chromium-driver firefox-esr openssl fonts-noto-cjk
}

# The lint stage's shell checker.
ensure_shellcheck() {
  apt_ensure shellcheck
}

# tests/fuzz.sh: a nightly toolchain and cargo-fuzz.
ensure_cargo_fuzz() {
  local toolchains
  toolchains=$(rustup toolchain list)
  if ! grep -q '^nightly' <<<"$toolchains"; then
    tools_say "rustup toolchain install nightly --profile minimal (cargo fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    tools_say "cargo install cargo-fuzz"
    cargo install cargo-fuzz
  fi
}

# The shell scripts of the project (for shellcheck), one a line.
shell_scripts() {
  find . -path ./target -prune -o -path ./tests/node_modules -prune -o -path ./tests/fuzz/target -prune \
    -o -path ./tests/.out -prune -o -type f -name '*.sh' -print
  echo .ci/run
  echo .ci/tools.sh
}

# Whether the built extension is missing or older than its sources.
build_is_stale() {
  local built=extension/pkg/content_bg.wasm newer
  [ -f "$built" ] && [ -f extension/pkg/content_bg.wasm.js ] && [ -f extension/pkg/content_wasm.js ] && [ -f extension/popup/pkg/popup_bg.wasm ] || return 0
  newer=$(find src extension build.rs build.sh .ci Cargo.toml Cargo.lock manifest.json _locales -newer "$built" -type f -not -path '*/pkg/*' -print -quit)
  [ -n "$newer" ]
}

# Builds the extension and its test builds, unless they are up to date
# (demo.sh and bench.sh; test.sh always builds).
ensure_built() {
  if build_is_stale || [ ! -d tests/.out/ext-test ] || [ ! -d tests/.out/ext-timed ] || [ extension/pkg/content_bg.wasm -nt tests/.out/ext-test/extension/pkg/content_bg.wasm ]; then
    ./build.sh
    tests/variants.sh
  fi
}
