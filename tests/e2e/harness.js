// Shared by the e2e test files: one fixture server per test process, a
// fresh browser profile per story (storage starts empty), and helpers that
// act like a user.
import { before, after, describe } from "node:test";
import { mkdirSync } from "node:fs";
import { startServer, unexpected } from "./server.js";
import { BROWSERS, launch } from "./browsers.js";

export const DOCS = new URL("../../docs/", import.meta.url).pathname;
export const PLATFORM = "https://platform.openai.com";
export const BILLING = PLATFORM + "/settings/organization/billing";

let server;
before(async () => {
  server = await startServer({ port: 443 });
});
after(async () => {
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

/**
 * A fresh browser with the extension, one tab; `fn({ page, browser, name, ext })`.
 * Errors the extension logs (a stopped guard, a failed start) fail the story,
 * unless `allowLogs` (stories about those failures check the logs themselves).
 * `extension`: another build's directory, or null for a browser without it.
 */
export async function withBrowser(name, fn, { allowLogs = false, ...options } = {}) {
  const b = await launch(name, 443, options);
  const logged = [];
  try {
    const page = await b.browser.newPage();
    page.on("console", (m) => {
      if (/Decline Doctor/.test(m.text())) logged.push(m.text());
    });
    page.on("pageerror", (e) => logged.push("page error: " + e.message));
    await fn({ page, browser: b.browser, base: b.base, name, ext: b });
    if (logged.length && !allowLogs) throw new Error("logged while the story ran:\n" + logged.join("\n"));
  } finally {
    await b.close();
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Clicks the element whose text is `text` (the way a user finds a button),
 * once it is visible, enabled and stable; a re-rendered button is found again. */
export async function clickText(page, text, timeout = 8000) {
  await page.locator(`::-p-text(${text})`).setTimeout(timeout).click();
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
  mkdirSync(DOCS, { recursive: true });
  return DOCS + file;
}
