// Launches Debian's Chromium and Firefox ESR with the built extension loaded
// from the repository root, both resolving the fixture hosts to the local
// HTTPS fixture server.
import puppeteer from "puppeteer-core";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const EXTENSION_DIR = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
// Firefox: fix the extension's internal UUID so its pages have a known URL.
const GECKO_ID = "{b3e7592f-b9b1-4462-b83e-0c6165404448}";
const FIREFOX_UUID = "5d1b7c9e-3f0a-4e55-9d36-d0c1d0c70c70";

/**
 * Chromium: every host name resolves to the fixture server (a request the
 * extension made anywhere would land there and be seen), and the DevTools
 * protocol watches the extension's own contexts (its service worker, its
 * pages, and requests its content script starts in a page): any request but
 * one for its own packaged files is recorded in `offending`.
 */
async function chromium(port, { headless = true, extension = EXTENSION_DIR, watch = true } = {}) {
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
      ...(extension ? [`--load-extension=${extension}`, `--disable-extensions-except=${extension}`] : []),
      // Every host but Google's own services (Chromium's background requests,
      // and the spell-check dictionary it fetches when a field is typed in,
      // which fail here without a network; the DevTools watch below covers
      // what the extension could send there).
      `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE *.google.com, EXCLUDE *.googleapis.com, EXCLUDE *.gstatic.com, EXCLUDE *.gvt1.com`,
      "--disable-features=AutofillServerCommunication",
      "--window-size=1280,800",
    ],
    defaultViewport: { width: 1280, height: 800 },
  });
  const offending = [];
  let base = null;
  // An extension without a background (the benchmark's naive peer) has no
  // service worker to find; the benchmark does not watch the network.
  const background = extension && JSON.parse(readFileSync(join(extension, "manifest.json"), "utf8")).background;
  if (extension && background && watch) {
    const worker = await browser.waitForTarget((t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://"), { timeout: 10000 });
    base = worker.url().match(/^chrome-extension:\/\/[a-z]+/)[0];
    const own = (url) => url.startsWith(base + "/");
    const sw = await worker.createCDPSession();
    await sw.send("Network.enable");
    sw.on("Network.requestWillBeSent", (e) => own(e.request.url) || offending.push(`service worker: ${e.request.url}`));
    const watch = (page) =>
      page.on("request", (r) => {
        const init = r.initiator();
        const frames = init?.stack?.callFrames ?? [];
        const byExtension = page.url().startsWith(base) || (init?.url ?? "").startsWith(base) || frames.some((f) => f.url.startsWith(base));
        if (byExtension && !own(r.url()) && !r.url().startsWith("data:")) offending.push(`${page.url()}: ${r.url()}`);
      });
    (await browser.pages()).forEach(watch);
    browser.on("targetcreated", async (t) => {
      const page = await t.page().catch(() => null);
      if (page) watch(page);
    });
  }
  const close = async () => {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    if (offending.length) throw new Error("the extension made requests:\n" + offending.join("\n"));
  };
  return { name: "chromium", browser, base, close };
}

/** Firefox: every host name resolves to the fixture server (network.dns.forceResolve). */
async function firefox({ extension = EXTENSION_DIR, prefs = {} } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    protocol: "webDriverBiDi",
    acceptInsecureCerts: true,
    // Lets WebDriver BiDi open the extension's own pages (the popup) by URL.
    args: ["--remote-allow-system-access"],
    // Release builds honour services.settings.server (below) only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
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
      // Firefox's own services stay quiet, so every request that reaches the
      // fixture server is the pages' or the extension's.
      "services.settings.server": "https://127.0.0.1:1/v1",
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "browser.safebrowsing.provider.mozilla.updateURL": "",
      "browser.safebrowsing.update.enabled": false,
      "extensions.getAddons.cache.enabled": false,
      "browser.newtabpage.activity-stream.feeds.topsites": false,
      "toolkit.telemetry.enabled": false,
      "browser.ping-centre.telemetry": false,
      ...prefs,
    },
  });
  if (extension) await browser.installExtension(extension);
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
  if (b.name !== "firefox") {
    await page.goto(url);
    await page.waitForSelector(ready, { timeout: 10000 });
    return page;
  }
  // (goto would wait out its timeout: go on as soon as the extension page
  // shows `ready`. A wait that starts on the blank tab is cut short when the
  // navigation replaces it: wait again, until the deadline. Now and then
  // BiDi's realm of a fresh extension tab answers every evaluation with a
  // protocol error ("right-hand side of 'in' should be an object, got
  // null") until the tab is gone: then a new tab, at most three.)
  let tab = page;
  for (let attempt = 1; ; attempt++) {
    tab.goto(url, { timeout: 10000 }).catch(() => {});
    const deadline = Date.now() + 10000;
    let failures = 0;
    for (;;) {
      try {
        await tab.waitForFunction((u, sel) => location.href.startsWith(u) && document.querySelector(sel) !== null, { timeout: Math.max(1, deadline - Date.now()) }, url, ready);
        return tab;
      } catch (e) {
        if (e.name === "TimeoutError" || Date.now() >= deadline) throw e;
        if (++failures < 50) continue;
        if (attempt === 3) throw e;
        break;
      }
    }
    await tab.close().catch(() => {});
    tab = await b.browser.newPage();
    await tab.setViewport({ width: 420, height: 900 });
  }
}

/** Both browsers, one after the other (2 cores). DD_BROWSERS=chromium (or
 * firefox) narrows a run while developing; ./test.sh always runs both. */
export const BROWSERS = (process.env.DD_BROWSERS || "chromium,firefox").split(",");

/** A browser with the extension (`options.extension`: another build's directory, or null for none). */
export async function launch(name, port, options = {}) {
  return name === "chromium" ? chromium(port, options) : firefox(options);
}
