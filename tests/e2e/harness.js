// Shared by the e2e test files: one fixture server per test process, one
// browser per browser name per test file (its tabs closed and the
// extension's storage cleared between stories), and helpers that act like a
// user.
//
// The stories run the test build of the extension (tests/.out/ext-test: the
// same wasm and scripts as the repository root, with the bridge
// instrumented; see tests/tools/test-build.js), so they can wait for the
// extension's signals (./probe.js) instead of sleeping. Stories that need
// another build (none, a broken one, the repository root itself) get a
// browser of their own.
import { before, after, describe } from "node:test";
import { mkdirSync } from "node:fs";
import { startServer, unexpected } from "./server.js";
import { BROWSERS, launch, openExtensionPage, EXTENSION_DIR } from "./browsers.js";

export const TEST_BUILD = new URL("../.out/ext-test", import.meta.url).pathname;
export { EXTENSION_DIR };
export const PLATFORM = "https://platform.openai.com";
export const BILLING = PLATFORM + "/settings/organization/billing";

/** Where screenshots go: the README's pictures with --update-docs (DD_UPDATE_DOCS=1), else an ignored folder. */
export const SHOTS = process.env.DD_UPDATE_DOCS
  ? new URL("../../docs/", import.meta.url).pathname
  : new URL("../.out/screenshots/", import.meta.url).pathname;

let server;
const shared = new Map(); // browser name -> launched browser (the test build)
before(async () => {
  server = await startServer({ port: 443 });
});
after(async () => {
  for (const b of shared.values()) await b.close();
  await server?.close();
  // The whole run: nothing reached the server that the fixture pages did not ask for.
  const odd = unexpected(server?.requests ?? []);
  if (odd.length) throw new Error("unexpected requests:\n" + odd.map((r) => `${r.method} ${r.host}${r.path} (${r.dest}/${r.mode})`).join("\n"));
});

export function requests() {
  return server.requests;
}

/** Declares the same stories for each browser. */
export function inEachBrowser(title, define) {
  for (const name of BROWSERS) describe(`${title} [${name}]`, () => define(name));
}

/** This file's browser with the test build, launched on first use. */
async function sharedBrowser(name) {
  if (!shared.has(name)) shared.set(name, await launch(name, 443, { extension: TEST_BUILD }));
  return shared.get(name);
}

/** A clean slate for the next story: one new tab, every other tab closed, the extension's storage empty. */
async function freshTab(b) {
  const page = await b.browser.newPage();
  for (const p of await b.browser.pages()) if (p !== page) await p.close();
  const ext = await openExtensionPage(b, "extension/popup/popup.html", "body");
  await ext.evaluate(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.clear();
    await api.storage.session?.clear();
  });
  await ext.close();
  await page.bringToFront();
  return page;
}

/**
 * A browser with the extension, one tab; `fn({ page, browser, name, ext })`.
 * Errors the extension logs (a stopped guard, a failed start) fail the story,
 * unless `allowLogs` (stories about those failures check the logs themselves).
 * `extension`: another build's directory, or null for a browser without it;
 * with it (or with `own: true`) the story gets a browser of its own.
 */
export async function withBrowser(name, fn, { allowLogs = false, own = false, ...options } = {}) {
  const alone = own || "extension" in options;
  const b = alone ? await launch(name, 443, { extension: TEST_BUILD, ...options }) : await sharedBrowser(name);
  const logged = [];
  try {
    const page = alone ? await b.browser.newPage() : await freshTab(b);
    page.on("console", (m) => {
      if (/Decline Doctor/.test(m.text())) logged.push(m.text());
    });
    page.on("pageerror", (e) => logged.push("page error: " + e.message));
    await fn({ page, browser: b.browser, base: b.base, name, ext: b });
    if (logged.length && !allowLogs) throw new Error("logged while the story ran:\n" + logged.join("\n"));
  } finally {
    if (alone) await b.close();
  }
}

/** Clicks the element whose text is `text` (the way a user finds a button),
 * once it is visible, enabled and stable; a re-rendered button is found again. */
export async function clickText(page, text, timeout = 8000) {
  await page.locator(`::-p-text(${text})`).setTimeout(timeout).click();
}

/** Clicks the element with `text` inside the page's open dialog (the page behind it may show the same words). */
export async function inDialog(page, text, timeout = 8000) {
  await page.locator(`[role=dialog] ::-p-text(${text})`).setTimeout(timeout).click();
}

/** Waits until the page shows `text`. */
export async function seeText(page, text, timeout = 8000) {
  await page.waitForSelector(`::-p-text(${text})`, { timeout });
}

/** Rectangles of the page's own controls (buttons, links, fields) that are on screen, with their labels. */
export async function pageControls(page, within = "body") {
  return page.evaluate((within) => {
    const root = document.querySelector(within) ?? document.body;
    return [...root.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, iframe")]
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { label: (el.textContent || el.getAttribute("aria-label") || el.id || el.tagName).trim(), x: r.x, y: r.y, w: r.width, h: r.height };
      })
      .filter((r) => r.w > 0 && r.h > 0 && r.x < innerWidth && r.y < innerHeight && r.x + r.w > 0 && r.y + r.h > 0);
  }, within);
}

export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function screenshotPath(file) {
  mkdirSync(SHOTS, { recursive: true });
  return SHOTS + file;
}
