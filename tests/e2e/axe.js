// axe-core in the page under test, run against a document or an element.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inPanel } from "./panel.js";

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

/**
 * axe-core's audit of the panel, every step and reason opened with its own
 * buttons. axe-core cannot enter a closed shadow root: the panel's markup and
 * style sheet are copied into an open root on a host with the same
 * attributes (scheme, position), in the same page.
 */
export async function axePanel(page, browserName) {
  await loadAxe(page);
  return inPanel(page, browserName, async (root) => {
    root.querySelector("[data-more]")?.click();
    root.querySelectorAll("[data-why]").forEach((b) => b.click());
    const twin = document.createElement("div");
    for (const a of root.host.attributes) twin.setAttribute(a.name, a.value);
    document.documentElement.append(twin);
    const open = twin.attachShadow({ mode: "open" });
    for (const child of root.children) open.append(child.cloneNode(true));
    const r = await window.axe.run(open.querySelector("aside"));
    twin.remove();
    return { passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) })) };
  });
}
