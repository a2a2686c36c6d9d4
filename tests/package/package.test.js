// The store packages: only what the extension needs, everything it names,
// its locales complete, and addons-linter (web-ext lint) clean for Firefox.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(ROOT + "manifest.json", "utf8"));
const zip = (browser) => `${ROOT}dist/decline-doctor-${manifest.version}-${browser}.zip`;

function list(file) {
  const out = execFileSync("python3", ["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", file], { encoding: "utf8" });
  return out.trim().split("\n");
}

function extract(file) {
  const dir = mkdtempSync(join(tmpdir(), "dd-pkg-"));
  execFileSync("python3", ["-m", "zipfile", "-e", file, dir]);
  return dir;
}

/** Every file path the manifest names. */
function named(m) {
  const files = new Set(["manifest.json", ...Object.values(m.icons), ...Object.values(m.action.default_icon), m.action.default_popup]);
  for (const cs of m.content_scripts) cs.js.forEach((f) => files.add(f));
  m.background.scripts.forEach((f) => files.add(f));
  files.add(m.background.service_worker);
  return files;
}

for (const browser of ["chrome", "firefox"]) {
  test(`${browser} zip: only the extension's own files, and all the files it names`, () => {
    const files = list(zip(browser));
    const allowed = /^(manifest\.json|_locales\/[a-z_A-Z]+\/messages\.json|extension\/(content\/boot\.js|background\/background\.js|icons\/icon-\d+\.png|pkg\/.+|popup\/(popup\.html|popup\.css|main\.js|pkg\/.+)))$/;
    for (const f of files) assert.match(f, allowed, `unexpected file in the package: ${f}`);
    for (const f of named(manifest)) assert.ok(files.includes(f), `the manifest names ${f}, missing from the package`);
    for (const f of ["extension/pkg/content_wasm.js", "extension/pkg/content_bg.wasm.js", "extension/pkg/content_bg.js", "extension/popup/pkg/popup_bg.wasm"]) {
      assert.ok(files.includes(f), `${f} is packaged`);
    }
    // (The content script's module travels in base64 inside content_wasm.js.)
    assert.ok(!files.includes("extension/pkg/content_bg.wasm"), "the .wasm the content script no longer loads is not packaged");
    assert.ok(!files.some((f) => /^(target|src|tests|docs|dist|node_modules)\/|Cargo|\.rs$|\.toml$/.test(f)));
  });
}

test("every __MSG_ key of the manifest is in each locale", () => {
  const keys = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
  assert.ok(keys.length >= 2);
  for (const locale of ["en", "zh_CN", "zh_TW"]) {
    const messages = JSON.parse(readFileSync(`${ROOT}_locales/${locale}/messages.json`, "utf8"));
    for (const k of keys) assert.ok(messages[k]?.message, `${locale} lacks ${k}`);
  }
});

test("web-ext lint on the Firefox package: no errors, no warnings but the ignored service_worker", () => {
  const dir = extract(zip("firefox"));
  try {
    let out;
    try {
      out = execFileSync(new URL("../node_modules/.bin/web-ext", import.meta.url).pathname, ["lint", "--source-dir", dir, "--output", "json"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch (e) {
      out = e.stdout; // web-ext exits non-zero when it reports errors
    }
    const report = JSON.parse(out);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings.map((w) => w.code), ["BACKGROUND_SERVICE_WORKER_IGNORED"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
