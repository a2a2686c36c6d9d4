// axe-core in the page under test, run against a document or an element.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Loads axe-core into the page's main world (DevTools/BiDi evaluation is not subject to the page's CSP). */
export async function loadAxe(page) {
  await page.evaluate(AXE_SOURCE);
}

/** axe-core's audit of `page` (whole document): the violations, and how many rules passed. */
export async function axeViolations(page) {
  await loadAxe(page);
  return page.evaluate(async () => {
    const r = await window.axe.run(document);
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })),
    };
  });
}
