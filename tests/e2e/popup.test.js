// The popup checklist, the toolbar badge and the language setting, as a user
// meets them after a decline on the billing overview. The popup is opened by
// its extension URL in a tab of its own; it reports on the most recently used
// billing tab.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser, clickText, seeText, BILLING } from "./harness.js";
import { settled } from "./probe.js";
import { openExtensionPage } from "./browsers.js";
import { waitForPanel, waitForNoPanel, readPanel } from "./panel.js";
import { axeViolations, axePanel } from "./axe.js";
import { stepShort, stepText } from "./knowledge.js";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

const POPUP = parse(readFileSync(new URL("../../src/knowledge/popup.toml", import.meta.url), "utf8"));
const POPUP_PAGE = "extension/popup/popup.html";
const VERSION = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8")).version;

/** The checklist as the user sees it. */
async function readPopup(popup) {
  return popup.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.querySelector("h1")?.textContent,
    notice: document.querySelector("[data-notice]")?.dataset.notice ?? null,
    items: Object.fromEntries([...document.querySelectorAll("[data-item]")].map((li) => [li.dataset.item, li.dataset.status])),
    manual: Object.fromEntries([...document.querySelectorAll("input[data-key]")].map((i) => [i.dataset.key, i.checked])),
    decline: document.querySelector("[data-decline]")?.dataset.decline ?? null,
    steps: [...document.querySelectorAll("[data-step]")].map((li) => li.dataset.step),
    report: document.querySelector("pre")?.textContent ?? "",
    text: document.body.innerText,
  }));
}

/** A decline on the overview after Payment methods showed no default card. */
async function declineOnOverview(page, name) {
  await page.goto(`${BILLING}/payment-methods?scenario=topup-declined`);
  await seeText(page, "Set as default");
  await settled(page); // the extension has read the cards
  await clickText(page, "Overview");
  await clickText(page, "Add to credit balance");
  await clickText(page, "Continue");
  return waitForPanel(page, name, { reason: "generic_decline" });
}

/** The badge text on the billing tab, read through the extension's own API from one of its pages. */
async function badge(extPage) {
  return extPage.evaluate(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [tab] = await api.tabs.query({ url: "https://platform.openai.com/*" });
    return api.action.getBadgeText({ tabId: tab.id });
  });
}

inEachBrowser("popup checklist", (name) => {
  test("after a decline: automatic items, the last decline and its steps, the badge, a report safe to paste", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await declineOnOverview(page, name);
      const popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
      let p = await readPopup(popup);
      assert.equal(p.notice, null, "the billing tab is readable");
      assert.deepEqual(p.items, {
        item_default_card: "no",
        item_auto_recharge: "no",
        item_not_expired: "unknown",
      });
      // The tab's decline heads the popup (not a checklist item).
      assert.equal(await popup.$eval("[data-tab-decline]", (e) => e.dataset.tabDecline), "generic_decline");
      // The last decline's steps, in their closed section, opened as a user does.
      await popup.click("details.decline > summary");
      await popup.waitForFunction(() => document.querySelector("details.decline").open);
      assert.equal(p.decline, "generic_decline");
      p = await readPopup(popup);
      assert.deepEqual(p.steps.slice(0, 2), ["set_default_card", "enable_auto_recharge"]);
      assert.ok(p.text.includes(stepText("set_default_card", "en")));
      assert.equal(await badge(popup), "!");

      // The report: reason, page, states, versions; nothing from the card.
      assert.match(p.report, /^Decline Doctor report\nReason: generic_decline /);
      assert.match(p.report, /\nPage: platform\.openai\.com\/settings\/organization\/billing\/overview\n/);
      assert.match(p.report, /\nDefault card: missing\nAuto recharge: off\nDefault card expired: unknown\n/);
      assert.match(p.report, new RegExp(`\\nExtension: Decline Doctor ${VERSION.replace(/\./g, "\\.")}\\n`));
      assert.match(p.report, /\nBrowser: (Chrome|Firefox)/);
      assert.ok(!/4242|\d{12,}/.test(p.report), "no card digits");
      await popup.evaluate(() => {
        window.__copied = null;
        navigator.clipboard.writeText = async (t) => {
          window.__copied = t;
        };
      });
      await popup.click("details.report > summary");
      await popup.locator("button[data-action=copy]").click();
      assert.equal(await popup.evaluate(() => window.__copied), p.report);
      await popup.waitForFunction((copied) => document.querySelector("button[data-action=copy]").textContent === copied, {}, POPUP.copied.en);
    });
  });

  test("a manual tick survives reopening the popup; Reset clears it", async () => {
    await withBrowser(name, async ({ ext }) => {
      let popup = await openExtensionPage(ext, POPUP_PAGE, "input[data-key]");
      assert.equal((await readPopup(popup)).manual.international, false);
      await popup.locator("input[data-key=international]").click();
      await popup.waitForFunction(() => document.querySelector("input[data-key=international]").checked);
      await popup.close();
      popup = await openExtensionPage(ext, POPUP_PAGE, "input[data-key]");
      const p = await readPopup(popup);
      assert.equal(p.manual.international, true, "persisted");
      assert.equal(p.manual.funds, false);
      await popup.locator("button[data-action=reset]").click();
      await popup.waitForFunction(() => !document.querySelector("input[data-key=international]").checked);
    });
  });

  test("the language setting changes the popup and the panel; dismissing the panel clears the badge", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await declineOnOverview(page, name);
      const popup = await openExtensionPage(ext, POPUP_PAGE, "select[data-action=lang]");
      await popup.select("select[data-action=lang]", "ja");
      await popup.waitForFunction(() => document.documentElement.lang === "ja");
      assert.equal((await readPopup(popup)).title, POPUP.title.ja);
      await page.waitForSelector('decline-doctor[data-lang="ja"]', { timeout: 5000 });
      // Look at the page (a background tab renders nothing: the steps' text,
      // laid out when seen, would read as empty).
      await page.bringToFront();
      const panel = await readPanel(page, name);
      assert.ok(panel.steps[0].text.startsWith(stepShort(panel.steps[0].id, "ja")), panel.steps[0].text);
      await popup.select("select[data-action=lang]", "auto");
      await page.waitForSelector('decline-doctor[data-lang="en"]', { timeout: 5000 });

      await page.bringToFront();
      const p = await readPanel(page, name);
      await page.mouse.click(p.close.x + p.close.w / 2, p.close.y + p.close.h / 2);
      await waitForNoPanel(page);
      // The badge is the browser's state, not the popup's DOM: poll it on a
      // timer (the default, once per frame, stalls in the popup's tab, which
      // is in the background now).
      await popup.waitForFunction(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const [tab] = await api.tabs.query({ url: "https://platform.openai.com/*" });
        return (await api.action.getBadgeText({ tabId: tab.id })) === "";
      }, { timeout: 5000, polling: 50 });
    });
  });

  test("on a tab that is not a billing page the popup says so and offers the billing page", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await page.goto("https://chatgpt.com/c/6740b1f2-payment");
      await seeText(page, "That's what the checkout said.");
      const popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
      const p = await readPopup(popup);
      assert.equal(p.notice, "not_billing");
      assert.ok(p.text.includes(POPUP.not_billing.en));
      assert.equal(await popup.$eval("[data-notice] button", (b) => b.dataset.open), "https://platform.openai.com/settings/organization/billing/overview");
      assert.deepEqual(Object.values(p.items), ["unknown", "unknown", "unknown"]);
      assert.equal(await popup.$("[data-tab-decline]"), null, "no header about a tab the extension does not read");
      assert.equal(p.decline, "");
    });
  });

  test("axe-core finds no violations in the popup nor in the panel", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await declineOnOverview(page, name);
      const inShadow = await axePanel(page, name);
      assert.deepEqual(inShadow.violations, [], JSON.stringify(inShadow.violations));
      assert.ok(inShadow.passes >= 5, `the panel was audited (${inShadow.passes} rules passed)`);
      const popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
      const audit = await axeViolations(popup);
      assert.deepEqual(audit.violations, []);
      assert.ok(audit.passes >= 5, `the popup was audited (${audit.passes} rules passed)`);
    });
  });
});

// Firefox lets users withdraw host permissions; the popup must notice and offer to ask again.
test("Firefox without host permission: the popup says so and asks for it on a click", async () => {
  await withBrowser("firefox", async ({ ext }) => {
    let popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
    await popup.evaluate(() => browser.permissions.remove({ origins: ["https://platform.openai.com/*", "https://chatgpt.com/*", "https://pay.openai.com/*"] }));
    await popup.close();
    popup = await openExtensionPage(ext, POPUP_PAGE, "[data-notice]");
    assert.equal((await readPopup(popup)).notice, "no_permission");
    await popup.locator("button[data-action=grant]").click();
    await popup.waitForFunction(() => document.querySelector("[data-notice]")?.dataset.notice !== "no_permission", { timeout: 8000 });
    assert.equal(await popup.evaluate(() => browser.permissions.contains({ origins: ["https://platform.openai.com/*"] })), true);
  }, { own: true });
});
