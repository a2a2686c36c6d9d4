// Size budgets (tests/package/budgets.js; figures in docs/benchmarks.md).
// Sizes are deterministic for a given build, so they are tested; times are
// only benchmarked (./bench.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { SIZE_BUDGETS } from "./budgets.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(ROOT + "manifest.json", "utf8"));

const BUDGETS = [
  ["extension/pkg/content_bg.wasm", SIZE_BUDGETS.wasm, "the content script's wasm"],
  ["extension/pkg/content_bg.wasm.js", SIZE_BUDGETS.fallback, "the content script's JS engine (wasm2js)"],
  [`dist/decline-doctor-${version}-chrome.zip`, SIZE_BUDGETS.zip, "the Chrome store zip"],
  [`dist/decline-doctor-${version}-firefox.zip`, SIZE_BUDGETS.zip, "the Firefox store zip"],
];

for (const [file, budget, what] of BUDGETS) {
  test(`${what} is at most ${budget.toLocaleString("en")} bytes`, () => {
    const size = statSync(ROOT + file).size;
    assert.ok(size <= budget, `${file}: ${size.toLocaleString("en")} B, over the budget by ${(size - budget).toLocaleString("en")} B`);
  });
}
