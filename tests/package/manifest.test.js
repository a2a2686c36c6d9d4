// Least privilege, read from the manifest and the packaged code: `storage`
// and the three billing hosts, nothing more; never Stripe's card frames; no
// remote code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(ROOT + "manifest.json", "utf8"));
const HOSTS = ["https://platform.openai.com/*", "https://chatgpt.com/*", "https://pay.openai.com/*"];
const text = JSON.stringify(manifest);

test("permissions: storage only; hosts: the three billing hosts only", () => {
  assert.deepEqual(manifest.permissions, ["storage"]);
  assert.deepEqual([...manifest.host_permissions].sort(), [...HOSTS].sort());
  for (const key of ["optional_permissions", "optional_host_permissions", "externally_connectable", "content_scripts_world"]) {
    assert.equal(manifest[key], undefined, `${key} is not used`);
  }
  assert.ok(!/<all_urls>|\*:\/\/\*|https?:\/\/\*\//.test(text), "no all-URLs pattern");
  assert.ok(!/js\.stripe\.com|stripe\.com|checkout\.stripe/.test(text), "never Stripe's frames");
});

test("content scripts: top frame only, billing hosts only, isolated world", () => {
  for (const cs of manifest.content_scripts) {
    for (const m of cs.matches) assert.ok(HOSTS.includes(m), m);
    assert.ok(!cs.all_frames, "not all_frames");
    assert.ok(!cs.match_about_blank && !cs.match_origin_as_fallback);
    assert.ok(!cs.world || cs.world === "ISOLATED", "not the page's main world");
    for (const f of cs.js) assert.ok(!/^https?:/.test(f), "packaged scripts only");
  }
});

test("web-accessible resources: the content script's JS engine only (imported where the page forbids WebAssembly), for the billing hosts only", () => {
  for (const war of manifest.web_accessible_resources) {
    for (const m of war.matches) assert.ok(HOSTS.includes(m), m);
    assert.deepEqual(war.resources, ["extension/pkg/content_bg.wasm.js"]);
    assert.equal(war.extension_ids, undefined);
  }
});

test("no remote code: the CSP allows only the extension's own scripts (and its wasm)", () => {
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.equal(manifest.content_security_policy.sandbox, undefined);
  for (const f of [...manifest.background.scripts, manifest.background.service_worker]) assert.ok(!/^https?:/.test(f));
  // Every URL in the packaged code is one of the billing hosts (the popup's
  // permission request) or an official help page the panel links to.
  const zip = `${ROOT}dist/decline-doctor-${manifest.version}-chrome.zip`;
  const files = execFileSync("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [print(n) for n in z.namelist() if n.endswith(('.js', '.html'))]", zip], { encoding: "utf8" })
    .trim()
    .split("\n");
  for (const f of files) {
    const src = execFileSync("python3", ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", zip, f], { encoding: "utf8", maxBuffer: 64 << 20 });
    // (URLs in comments, such as the MDN link in wasm-bindgen's glue, are not code.)
    const code = src
      .split("\n")
      .map((line) => line.replace(/(^|\s)\/\/.*$/, "$1").replace(/^\s*\*.*$/, ""))
      .join("\n");
    for (const [url] of code.matchAll(/https?:\/\/[^\s"'`)<>]+/g)) {
      assert.ok(/^https:\/\/(platform\.openai\.com|chatgpt\.com|pay\.openai\.com)\/\*?$|^https:\/\/\$\{h\}\/\*$|^https:\/\/(docs\.stripe\.com|help\.openai\.com)\//.test(url), `${f} refers to ${url}`);
    }
    assert.ok(!/\beval\s*\(|new Function\s*\(/.test(src), `${f} evaluates code`);
  }
});
