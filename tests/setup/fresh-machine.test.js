// The README's set-up on a machine that has none of the tools the scripts
// install. A copy of the repository (its files as they are now, nothing that
// is built or installed) runs with a PATH that holds the machine's own
// programs but not wasm-bindgen, cargo-fuzz, the browsers or shellcheck, and
// with stand-ins (tests/setup/standins/) for the installers: rustup, cargo
// install, npm ci, apt-get, dpkg-query, sudo. A stand-in records what it is
// asked for and then makes the real tool available, so the command runs to
// its end. The test asserts that it ends well and asked for exactly what was
// missing; a second run, with everything there, asks for nothing.
//
// The copy builds into the repository's own target/ (so only the crate
// itself is compiled again, not std and the dependencies).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, statSync, symlinkSync, copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync, accessSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { join, delimiter, dirname } from "node:path";
import { parse } from "smol-toml";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const STANDINS = join(ROOT, "tests/setup/standins");
/** The programs a stand-in replaces (their real versions are handed over to). */
const REPLACED = ["rustup", "cargo", "npm", "dpkg-query", "apt-get", "sudo", "id"];
/** Programs the scripts install, absent from the simulated machine's PATH. */
const ABSENT = ["wasm-bindgen", "wasm-bindgen-test-runner", "wasm2es6js", "cargo-fuzz", "chromium", "chromedriver", "firefox-esr", "shellcheck"];

/** The wasm-bindgen version Cargo.toml pins ("=X.Y.Z"), read with a TOML parser. */
function pinnedWasmBindgen() {
  const cargo = parse(readFileSync(join(ROOT, "Cargo.toml"), "utf8"));
  const deps = Object.values(cargo.target ?? {})
    .map((t) => t.dependencies?.["wasm-bindgen"])
    .concat(cargo.dependencies?.["wasm-bindgen"], cargo.workspace?.dependencies?.["wasm-bindgen"]);
  const spec = deps.find(Boolean);
  const version = typeof spec === "string" ? spec : spec.version;
  assert.match(version, /^=\d+\.\d+\.\d+$/, "wasm-bindgen is pinned exactly");
  return version.slice(1);
}

function which(name) {
  for (const dir of process.env.PATH.split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  throw new Error(`${name} is not on this machine's PATH (./test.sh installs it)`);
}

/** The repository's files as they are in the working tree (tracked, or new and not ignored), mtimes kept. */
function copyRepository(dest) {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dest, f), { preserveTimestamps: true });
  }
}

/**
 * A simulated machine: a bin/ folder that is its whole PATH (links to this
 * machine's programs, minus ABSENT, plus the stand-ins), and the stand-ins'
 * log and state.
 */
function machine(missing) {
  const dir = mkdtempSync(join(tmpdir(), "dd-fresh-"));
  const bin = join(dir, "bin");
  const state = join(dir, "state");
  mkdirSync(bin);
  mkdirSync(state);
  for (const entry of process.env.PATH.split(delimiter)) {
    let names;
    try {
      names = readdirSync(entry);
    } catch {
      continue;
    }
    for (const name of names) {
      if (ABSENT.includes(name) || REPLACED.includes(name) || existsSync(join(bin, name))) continue;
      const p = join(entry, name);
      try {
        accessSync(p, constants.X_OK);
        if (!statSync(p).isFile()) continue;
      } catch {
        continue;
      }
      symlinkSync(p, join(bin, name));
    }
  }
  for (const name of REPLACED) copyFileSync(join(STANDINS, name), join(bin, name));
  copyFileSync(join(STANDINS, "common.bash"), join(bin, "common.bash"));
  const log = join(dir, "asked.log");
  writeFileSync(log, "");
  const env = {
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    PATH: bin,
    CARGO_TARGET_DIR: join(ROOT, "target"),
    STANDIN_LOG: log,
    STANDIN_STATE: state,
    STANDIN_BIN: bin,
    STANDIN_MISSING: missing.join(" "),
    STANDIN_REAL_RUSTUP: which("rustup"),
    STANDIN_REAL_CARGO: which("cargo"),
    STANDIN_REAL_NPM: which("npm"),
    STANDIN_REAL_DPKG_QUERY: which("dpkg-query"),
    STANDIN_REAL_ID: which("id"),
    STANDIN_REAL_WASM_BINDGEN: which("wasm-bindgen"),
    STANDIN_REAL_NODE_MODULES: join(ROOT, "tests/node_modules"),
  };
  for (const k of ["RUSTUP_HOME", "CARGO_HOME"]) if (process.env[k]) env[k] = process.env[k];
  return {
    dir,
    env,
    /** Runs `script` with bash in `cwd`; returns its status, its output and what the stand-ins were asked. */
    run(cwd, script, extraEnv = {}) {
      writeFileSync(log, "");
      // stdin from /dev/null: node's pipes are sockets, and bash run with a
      // socket on stdin takes itself for a remote shell and reads ~/.bashrc
      // (which would put this machine's PATH back).
      const r = spawnSync(join(bin, "bash"), ["-c", script], {
        cwd,
        env: { ...env, ...extraEnv },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 << 20,
        timeout: 15 * 60 * 1000,
      });
      const asked = readFileSync(log, "utf8").split("\n").filter(Boolean);
      return { status: r.status, signal: r.signal, output: (r.stdout ?? "") + (r.stderr ?? ""), asked };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const tail = (s) => s.split("\n").slice(-25).join("\n");

test("./build.sh on a fresh machine installs exactly what is missing, builds, and asks for nothing the second time", () => {
  const version = pinnedWasmBindgen();
  const m = machine(["wasm32-unknown-unknown", "rust-src", "wasm-bindgen-cli"]);
  try {
    const repo = join(m.dir, "repo");
    copyRepository(repo);
    assert.ok(!existsSync(join(repo, "tests/node_modules")) && !existsSync(join(repo, "extension/pkg")), "the copy holds nothing built or installed");

    const first = m.run(repo, "./build.sh");
    assert.equal(first.status, 0, `./build.sh failed (status ${first.status}, signal ${first.signal}):\n${tail(first.output)}`);
    assert.deepEqual(first.asked, [
      "rustup target add wasm32-unknown-unknown",
      "rustup component add rust-src",
      `cargo install wasm-bindgen-cli --version ${version}`,
      "npm ci --no-audit --no-fund",
    ]);
    for (const f of ["extension/pkg/content_bg.wasm", "extension/pkg/content_wasm.js", "extension/pkg/content_bg.wasm.js", "extension/pkg/content_bg.js", "extension/popup/pkg/popup_bg.wasm"]) {
      assert.ok(statSync(join(repo, f)).size > 1000, `${f} was built`);
    }
    const manifest = JSON.parse(readFileSync(join(repo, "manifest.json"), "utf8"));
    for (const b of ["chrome", "firefox"]) assert.ok(existsSync(join(repo, `dist/decline-doctor-${manifest.version}-${b}.zip`)), `the ${b} zip`);

    const again = m.run(repo, "./build.sh");
    assert.equal(again.status, 0, tail(again.output));
    assert.deepEqual(again.asked, [], "everything is there now");
  } finally {
    m.remove();
  }
});

test("the test command's set-up on a fresh machine, not as root: the Debian packages (with sudo), the nightly toolchain, cargo-fuzz", () => {
  const packages = ["chromium", "chromium-driver", "firefox-esr", "openssl", "fonts-noto-cjk", "shellcheck"];
  const m = machine([...packages, "nightly", "cargo-fuzz"]);
  try {
    const setup = "set -euo pipefail; source .ci/tools.sh; ensure_browsers; ensure_shellcheck; ensure_cargo_fuzz";
    const first = m.run(ROOT, setup, { STANDIN_UID: "1000" });
    assert.equal(first.status, 0, tail(first.output));
    assert.deepEqual(first.asked, [
      "sudo apt-get update -qq",
      "sudo apt-get install -y -qq chromium chromium-driver firefox-esr openssl fonts-noto-cjk",
      "sudo apt-get update -qq",
      "sudo apt-get install -y -qq shellcheck",
      "rustup toolchain install nightly --profile minimal",
      "cargo install cargo-fuzz",
    ]);
    const again = m.run(ROOT, setup, { STANDIN_UID: "1000" });
    assert.equal(again.status, 0, tail(again.output));
    assert.deepEqual(again.asked, []);
  } finally {
    m.remove();
  }
});

test("a machine without rustup or Node.js gets a message that says what to install, not a silent exit", () => {
  const m = machine([]);
  try {
    rmSync(join(m.env.PATH, "rustup"));
    const r = m.run(ROOT, "set -euo pipefail; source .ci/tools.sh; ensure_rust_wasm");
    assert.notEqual(r.status, 0);
    assert.match(r.output, /rustup is missing: install Rust with rustup/);
    rmSync(join(m.env.PATH, "node"));
    const n = m.run(ROOT, "set -euo pipefail; source .ci/tools.sh; ensure_node_modules");
    assert.notEqual(n.status, 0);
    assert.match(n.output, /Node\.js 20 or later and npm are needed/);
  } finally {
    m.remove();
  }
});
