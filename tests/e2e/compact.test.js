// The compact panel, "Show me" and a popup that fits, as a user meets them
// at 1280×800: the first three steps as short lines, the rest and each
// step's reasons one press away (mouse and keyboard); "Show me" scrolls to
// the page's own control and outlines it without touching the page; the
// popup fits Chrome's 600 px at 400 px wide; axe-core finds nothing in light
// and dark. Expected values come from the pages (what they show) and the
// data-* contract, not from the tables under test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser, clickText, inDialog, seeText, pageControls, overlaps, BILLING } from "./harness.js";
import { settled } from "./probe.js";
import { openExtensionPage } from "./browsers.js";
import { waitForPanel, inPanel } from "./panel.js";
import { axePanel, axeViolations } from "./axe.js";

const POPUP_PAGE = "extension/popup/popup.html";

/** The overview's declined top-up (one card, not the default; auto recharge off). */
async function declinedTopUp(page, name, query = "scenario=topup-declined") {
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${BILLING}/overview?${query}`);
  await clickText(page, "Add to credit balance");
  await inDialog(page, "Continue");
  await waitForPanel(page, name, { reason: "generic_decline" });
  await settled(page);
}

/** What the panel shows now: its box, the steps the user can see, open reasons, the outline. */
async function look(page, name) {
  return inPanel(page, name, (root) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const seen = (el) => el.getClientRects().length > 0;
    const more = root.querySelector("[data-more]");
    const outline = root.querySelector("[data-outline]");
    return {
      box: box(root.querySelector("aside")),
      steps: [...root.querySelectorAll("li")].filter(seen).map((li) => li.dataset.step),
      shortLines: [...root.querySelectorAll("li")].filter(seen).map((li) => li.querySelector(".short").innerText),
      reasons: [...root.querySelectorAll(".why")].filter(seen).map((w) => w.closest("li").dataset.step),
      text: root.querySelector("aside").innerText,
      more: more && { text: more.innerText, expanded: more.getAttribute("aria-expanded") },
      outline: outline && outline.isConnected ? box(outline) : null,
    };
  });
}

/** Clicks, with the mouse, the panel's element matching `selector`. */
async function pressInPanel(page, name, selector) {
  // Once it is in the window (the panel is placed in the frame after it
  // changes size: wait for that frame, as a user sees it), scrolled into
  // the panel's view first, as a user scrolls a long panel.
  const find = `async (root) => {
    const el = root.querySelector(${JSON.stringify(selector)});
    let r;
    for (let i = 0; i < 60; i++) {
      el.scrollIntoView({ block: "nearest" });
      r = el.getBoundingClientRect();
      if (r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth) break;
      await new Promise((f) => requestAnimationFrame(() => f()));
    }
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }`;
  const r = await inPanel(page, name, find);
  await page.mouse.click(r.x, r.y);
}

/** The rectangle and markup of the page's element matching `selector`. */
async function rectOf(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, html: el.outerHTML };
  });
}

function surrounds(outer, inner, slack = 12) {
  return outer.x <= inner.x + 0.5 && outer.y <= inner.y + 0.5 && outer.x + outer.w >= inner.x + inner.w - 0.5 && outer.y + outer.h >= inner.y + inner.h - 0.5 && outer.w <= inner.w + slack && outer.h <= inner.h + slack;
}

/** The page element matching `selector` whose text is `text`, marked for later queries. */
async function mark(page, selector, text, as) {
  await page.$$eval(
    selector,
    (els, text, as) => {
      const el = els.find((e) => e.textContent.trim() === text);
      if (el) el.dataset.testTarget = as;
    },
    text,
    as,
  );
  return `[data-test-target="${as}"]`;
}

inEachBrowser("compact panel, Show me, a popup that fits", (name) => {
  test("first state: three short steps within 45% of a 1280×800 window, clear of the dialog's buttons; All steps and Why? by mouse; a new render keeps them", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await declinedTopUp(page, name);
      const ids = (await page.$eval("decline-doctor", (h) => h.dataset.steps)).split(" ");
      assert.ok(ids.length > 3, `more steps than the first three: ${ids}`);
      let p = await look(page, name);
      assert.ok(p.box.h <= 0.45 * 800, `panel ${Math.round(p.box.h)} px tall, at most 360`);
      assert.deepEqual(p.steps, ids.slice(0, 3), "the first three steps, in order");
      assert.deepEqual(p.reasons, [], "reasons closed");
      assert.ok(p.shortLines.every((l) => l.length <= 60), `one short line each: ${p.shortLines}`);
      assert.equal(p.more.expanded, "false");
      assert.ok(p.more.text.includes(String(ids.length)), `"All ${ids.length} steps": ${p.more.text}`);
      // The state line stays.
      assert.match(p.text, /Your billing pages show: .*auto recharge off/);
      // Not over the error message nor the dialog's buttons.
      for (const c of await pageControls(page, "[role=dialog]")) assert.ok(!overlaps(p.box, c), `over ${c.label}`);
      const error = await rectOf(page, "[role=dialog] [role=alert]");
      assert.ok(!overlaps(p.box, error), "over the error");

      // Why? of the first step: its full instruction and its source.
      await pressInPanel(page, name, `[data-why="${ids[0]}"]`);
      p = await look(page, name);
      assert.deepEqual(p.reasons, [ids[0]]);
      // (The auto recharge step, first with auto recharge off: its whole instruction.)
      assert.equal(ids[0], "enable_auto_recharge");
      assert.ok(p.text.includes("If you want OpenAI to charge this card automatically from now on: close the payment dialog"), "the full instruction behind Why?");
      // All steps.
      await pressInPanel(page, name, "[data-more]");
      p = await look(page, name);
      assert.deepEqual(p.steps, ids);
      assert.equal(p.more.expanded, "true");
      // A new render (the language chosen in the popup) keeps what was opened.
      const popup = await openExtensionPage(ext, POPUP_PAGE, "select[data-action=lang]");
      await popup.select("select[data-action=lang]", "de");
      await page.bringToFront();
      await page.waitForSelector('decline-doctor[data-lang="de"]', { timeout: 5000 });
      p = await look(page, name);
      assert.deepEqual([p.steps, p.reasons, p.more.expanded], [ids, [ids[0]], "true"]);
      assert.ok(p.text.includes("Warum?"), "rendered again, in German");
      await pressInPanel(page, name, "[data-more]");
      p = await look(page, name);
      assert.deepEqual(p.steps, ids.slice(0, 3));
    });
  });

  test("in Chinese on a dark page the first state fits as well", async () => {
    await withBrowser(name, async ({ page }) => {
      await declinedTopUp(page, name, "scenario=topup-declined-zh&theme=dark");
      const host = await page.$eval("decline-doctor", (h) => ({ lang: h.dataset.lang, scheme: h.dataset.scheme }));
      assert.deepEqual(host, { lang: "zh-CN", scheme: "dark" });
      const p = await look(page, name);
      assert.ok(p.box.h <= 0.45 * 800, `panel ${Math.round(p.box.h)} px tall`);
      assert.equal(p.steps.length, 3);
      // Every button the steps show is in Chinese too (the panel rehearsed
      // at idle was English: what it kept must say the new words).
      const labels = await inPanel(page, name, (root) => [...root.querySelectorAll("li:not([hidden]) button, button[data-more]")].map((b) => b.textContent));
      assert.ok(labels.length >= 4, labels.join(" | "));
      assert.deepEqual(
        labels.filter((t) => /[A-Za-z]/.test(t)),
        [],
        `buttons in English on a Chinese panel: ${labels.join(" | ")}`,
      );
    });
  });

  test("keyboard: Tab reaches Why? and All steps; Enter and Space open them; Escape still closes", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto("https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-generic_decline");
      await page.click(".SubmitButton");
      await waitForPanel(page, name);
      const ids = (await page.$eval("decline-doctor", (h) => h.dataset.steps)).split(" ");
      const focusedIn = () => inPanel(page, name, (root) => {
        const a = root.activeElement;
        return a ? (a.dataset.why ? `why:${a.dataset.why}` : a.dataset.more !== undefined ? "more" : a.dataset.action ?? a.localName) : null;
      });
      const tabTo = async (want) => {
        let at = null;
        for (let i = 0; i < 30 && at !== want; i++) {
          await page.keyboard.press("Tab");
          const inPage = await page.evaluate(() => document.activeElement?.localName === "decline-doctor");
          at = inPage ? await focusedIn() : null;
        }
        assert.equal(at, want, `Tab reaches ${want}`);
      };
      await tabTo(`why:${ids[0]}`);
      await page.keyboard.press("Enter");
      let p = await look(page, name);
      assert.deepEqual(p.reasons, [ids[0]]);
      if (ids.length > 3) {
        await tabTo("more");
        await page.keyboard.press(" ");
        p = await look(page, name);
        assert.deepEqual(p.steps, ids);
      }
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("decline-doctor"), { timeout: 5000 });
    });
  });

  test("Show me on the overview outlines the Enable auto recharge button; the page is not changed and nothing is clicked", async () => {
    await withBrowser(name, async ({ page }) => {
      await declinedTopUp(page, name);
      // The overview shows "Enable auto recharge" (auto recharge off); no card row is on it.
      assert.equal(await page.$eval("decline-doctor", (h) => h.dataset.showMe), "enable_auto_recharge");
      const sel = await mark(page, "button", "Enable auto recharge", "auto");
      const before = await rectOf(page, sel);
      await pressInPanel(page, name, '[data-show="enable_auto_recharge"]');
      const p = await look(page, name);
      const after = await rectOf(page, sel);
      assert.ok(p.outline, "an outline is drawn");
      assert.ok(surrounds(p.outline, after), `outline ${JSON.stringify(p.outline)} around ${JSON.stringify(after)}`);
      assert.equal(after.html, before.html, "the page's button is unchanged");
      assert.ok(await page.$("[role=dialog]"), "the top-up dialog is still open: nothing was clicked");
      assert.equal(await page.$("::-p-text(Auto recharge settings)"), null, "the button was not pressed");
    });
  });

  test("no default card: Show me outlines the Payment methods tab; followed, the panel comes along and outlines Set as default", async () => {
    await withBrowser(name, async ({ page }) => {
      // Payment methods shows the one card, not the default; then the top-up
      // on the overview is declined.
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(`${BILLING}/payment-methods?scenario=topup-declined`);
      await seeText(page, "Set as default");
      await settled(page);
      await clickText(page, "Overview");
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      await page.waitForSelector('decline-doctor[data-reason="generic_decline"][data-show-me~="set_default_card"]', { timeout: 8000 });
      const tab = await mark(page, "a", "Payment methods", "tab");
      await pressInPanel(page, name, '[data-show="set_default_card"]');
      let p = await look(page, name);
      assert.ok(p.outline && surrounds(p.outline, await rectOf(page, tab)), `outline ${JSON.stringify(p.outline)} around the tab`);
      // The user closes the dialog and follows the tab.
      await inDialog(page, "Cancel");
      await clickText(page, "Payment methods");
      await seeText(page, "Set as default");
      await page.waitForSelector('decline-doctor[data-anchor="held"][data-show-me~="set_default_card"]', { timeout: 8000 });
      // Each step shows what this page offers: "Show me" where its control
      // is here (the host's data-show-me), else no such button; no stale
      // button from the overview (where auto recharge had one).
      const rows = await inPanel(page, name, (root) =>
        [...root.querySelectorAll("li")].map((li) => ({ id: li.dataset.step, showMe: Boolean(li.querySelector("[data-show]")), link: li.querySelector("a.go")?.textContent ?? null, connected: li.isConnected })),
      );
      const showMe = (await page.$eval("decline-doctor", (h) => h.dataset.showMe)).split(" ");
      assert.deepEqual(
        rows.filter((r) => r.showMe).map((r) => r.id),
        showMe,
        JSON.stringify(rows),
      );
      assert.ok(rows.every((r) => !(r.showMe && r.link)), JSON.stringify(rows));
      const sel = await mark(page, "button", "Set as default", "set");
      await pressInPanel(page, name, '[data-show="set_default_card"]');
      p = await look(page, name);
      assert.ok(p.outline && surrounds(p.outline, await rectOf(page, sel)), `outline ${JSON.stringify(p.outline)}`);
      assert.ok(!overlaps(p.box, await rectOf(page, sel)), "the panel keeps clear of the outlined button");
      assert.equal(await page.$eval(sel, (b) => b.textContent), "Set as default", "the page's button is unchanged");
    });
  });

  test("Billing history: a panel in use does not come along where no step leads", async () => {
    await withBrowser(name, async ({ page }) => {
      await declinedTopUp(page, name);
      await pressInPanel(page, name, "[data-why]");
      await inDialog(page, "Cancel");
      await clickText(page, "Billing history");
      await page.waitForFunction(() => !document.querySelector("decline-doctor"), { timeout: 5000 });
    });
  });

  test("Checkout: Show me scrolls the billing address into view and outlines the whole group", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.setViewport({ width: 1280, height: 420 });
      await page.goto("https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-incorrect_zip");
      await page.click(".SubmitButton");
      await waitForPanel(page, name, { reason: "incorrect_zip" });
      assert.equal(await page.$eval("decline-doctor", (h) => h.dataset.showMe), "match_billing_address");
      await page.evaluate(() => window.scrollTo(0, 0));
      const before = await rectOf(page, "#billingAddress-fieldset");
      assert.ok(before.y + before.h > 420, "the address group starts out of view");
      await pressInPanel(page, name, '[data-show="match_billing_address"]');
      const after = await rectOf(page, "#billingAddress-fieldset");
      assert.ok(after.y >= 0 && after.y + after.h <= 420, `scrolled into view: ${JSON.stringify(after)}`);
      const p = await look(page, name);
      assert.ok(p.outline && surrounds(p.outline, after), `outline ${JSON.stringify(p.outline)} around ${JSON.stringify(after)}`);
    });
  });

  test("the popup fits 600 px at 400 px wide, in English and Chinese; the tab's decline heads it, not the checklist", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await declinedTopUp(page, name);
      const popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
      await popup.setViewport({ width: 400, height: 600 });
      const measure = () =>
        popup.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          width: document.documentElement.scrollWidth,
          open: [...document.querySelectorAll("details")].filter((d) => d.open).length,
          sections: document.querySelectorAll("details").length,
          tab: document.querySelector("[data-tab-decline]")?.dataset.tabDecline ?? null,
          items: [...document.querySelectorAll("[data-item]")].map((li) => `${li.dataset.item}:${li.querySelector(".mark").textContent}`),
        }));
      let m = await measure();
      assert.ok(m.height <= 600, `popup ${m.height} px tall`);
      assert.ok(m.width <= 400, `popup ${m.width} px wide`);
      assert.deepEqual([m.open, m.sections], [0, 3], "the last decline, the report and the language are closed sections");
      assert.equal(m.tab, "generic_decline");
      // Payment methods was not visited: the default card is not known; the
      // overview shows auto recharge off.
      assert.deepEqual(m.items, ["item_default_card:?", "item_auto_recharge:\u2717", "item_not_expired:?"]);
      await popup.select("select[data-action=lang]", "zh-CN");
      await popup.waitForFunction(() => document.documentElement.lang === "zh-CN");
      m = await measure();
      assert.ok(m.height <= 600, `popup in Chinese ${m.height} px tall`);
      // A section opens by keyboard.
      await popup.focus("details.decline > summary");
      await popup.keyboard.press("Enter");
      await popup.waitForFunction(() => document.querySelector("details.decline").open);
    });
  });

  test("axe-core: no violations in the panel (all opened) and the popup, light and dark", async () => {
    for (const theme of ["light", "dark"]) {
      const prefs = theme === "dark" ? { "ui.systemUsesDarkTheme": 1, "layout.css.prefers-color-scheme.content-override": 0 } : {};
      await withBrowser(
        name,
        async ({ page, ext }) => {
          await declinedTopUp(page, name, `scenario=topup-declined${theme === "dark" ? "&theme=dark" : ""}`);
          assert.equal(await page.$eval("decline-doctor", (h) => h.dataset.scheme), theme);
          const panel = await axePanel(page, name);
          assert.deepEqual(panel.violations, [], `panel, ${theme}: ${JSON.stringify(panel.violations)}`);
          assert.ok(panel.passes >= 5, `the panel was audited (${panel.passes} rules passed)`);
          const popup = await openExtensionPage(ext, POPUP_PAGE, "[data-item]");
          if (theme === "dark" && name === "chromium") await popup.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
          assert.equal(await popup.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), theme === "dark", `the popup is ${theme}`);
          await popup.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
          const audit = await axeViolations(popup);
          assert.deepEqual(audit.violations, [], `popup, ${theme}: ${JSON.stringify(audit.violations)}`);
          assert.ok(audit.passes >= 5, `the popup was audited (${audit.passes} rules passed)`);
        },
        theme === "dark" && name === "firefox" ? { own: true, prefs } : {},
      );
    }
  });
});
