// Launches Debian's Chromium and Firefox ESR with the built extension loaded
// from the repository root, both resolving the fixture hosts to the local
// HTTPS fixture server.
import puppeteer from "puppeteer-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOSTS } from "./certs.js";

export const EXTENSION_DIR = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
// Firefox: fix the extension's internal UUID so its pages have a known URL.
const GECKO_ID = "{b3e7592f-b9b1-4462-b83e-0c6165404448}";
const FIREFOX_UUID = "5d1b7c9e-3f0a-4e55-9d36-d0c1d0c70c70";

async function chromium(port, { headless = true } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "dd-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless,
    pipe: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--ignore-certificate-errors",
      `--load-extension=${EXTENSION_DIR}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      "--host-resolver-rules=" + HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", "),
      "--window-size=1280,800",
    ],
    defaultViewport: { width: 1280, height: 800 },
  });
  const worker = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://"), { timeout: 10000 });
  const base = worker.url().match(/^chrome-extension:\/\/[a-z]+/)[0];
  return { name: "chromium", browser, base, close: async () => { await browser.close(); rmSync(profile, { recursive: true, force: true }); } };
}

async function firefox() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    protocol: "webDriverBiDi",
    acceptInsecureCerts: true,
    // Lets WebDriver BiDi open the extension's own pages (the popup) by URL.
    args: ["--remote-allow-system-access"],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      // Every host name resolves to the fixture server (it listens on 443).
      "network.dns.forceResolve": "127.0.0.1",
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      "datareporting.policy.dataSubmissionEnabled": false,
      "app.update.enabled": false,
      "browser.shell.checkDefaultBrowser": false,
      // permissions.request() is granted without a prompt nobody could answer here.
      "extensions.webextOptionalPermissionPrompts": false,
    },
  });
  await browser.installExtension(EXTENSION_DIR);
  return { name: "firefox", browser, base: `moz-extension://${FIREFOX_UUID}`, close: () => browser.close() };
}

/**
 * Opens an extension page (the popup) in a new tab. Firefox loads it but
 * never reports the navigation as complete to BiDi, so wait for its content.
 */
export async function openExtensionPage(b, path, ready) {
  const page = await b.browser.newPage();
  await page.setViewport({ width: 420, height: 900 });
  const url = `${b.base}/${path}`;
  if (b.name === "firefox") await page.goto(url, { timeout: 3000 }).catch(() => {});
  else await page.goto(url);
  await page.waitForSelector(ready, { timeout: 10000 });
  return page;
}

/** Both browsers, one after the other (2 cores). */
export const BROWSERS = ["chromium", "firefox"];

export async function launch(name, port, options) {
  return name === "chromium" ? chromium(port, options) : firefox();
}
