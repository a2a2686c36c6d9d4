// The first slice, as a user meets it: a declined card on OpenAI's billing
// and checkout pages, in Chromium and Firefox, with the extension loaded from
// the repository root and the fixture sites served under their real names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser, clickText, inDialog, seeText, pageControls, overlaps, screenshotPath, BILLING, PLATFORM, EXTENSION_DIR } from "./harness.js";
import { waitForPanel, waitForNoPanel, readPanel, inPanel } from "./panel.js";
import { settled, afterChange } from "./probe.js";
import { stepShort, ui } from "./knowledge.js";

const steps = (p) => p.attrs["data-steps"].split(" ");

/** Opens the top-up dialog on the overview and submits it. */
async function declinedTopUp(page, scenario, path = BILLING + "/overview") {
  await page.goto(`${path}?scenario=${scenario}`);
  await clickText(page, "Add to credit balance");
  await inDialog(page, "Continue");
}

/** Clicks the button `text` of the open dialog (the page behind it is inert). */
inEachBrowser("billing overview", (browser) => {
  test("a declined top-up with auto recharge off: the panel says why and what to do, pinned clear of the dialog (the unpacked extension from the repository root)", async () => {
    await withBrowser(browser, async ({ page }) => {
      await declinedTopUp(page, "topup-declined");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-auto-recharge"], "off");
      assert.equal(p.attrs["data-default-card"], "unknown", "the overview does not list cards");
      assert.equal(p.attrs["data-lang"], "en");
      assert.equal(p.attrs["data-engine"], "wasm");
      assert.deepEqual(steps(p).slice(0, 3), ["enable_auto_recharge", "fund_card", "check_card_details"]);
      assert.ok(p.text.includes("Your card was declined"), p.text);
      assert.ok(p.text.includes(stepShort("enable_auto_recharge", "en")), p.text);
      assert.match(p.text, /auto recharge off/);
      // In a modal: a corner, not over the dialog or any of its controls.
      const dialog = await page.$eval("[role=dialog]", (d) => {
        const r = d.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      });
      assert.ok(!overlaps(p.box, dialog), `panel ${JSON.stringify(p.box)} covers the dialog ${JSON.stringify(dialog)}`);
      const view = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
      assert.ok(p.box.x >= 0 && p.box.y >= 0 && p.box.x + p.box.w <= view.w && p.box.y + p.box.h <= view.h, "inside the viewport");
    }, { extension: EXTENSION_DIR });
  });

  test("no default card seen on Payment methods: 'set as default' comes first on the overview, then the auto-recharge fix", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=topup-declined`);
      await seeText(page, "Set as default");
      await settled(page); // the extension has read the cards
      // Single-page navigation to the overview tab.
      await clickText(page, "Overview");
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-default-card"], "missing");
      assert.equal(p.attrs["data-auto-recharge"], "off");
      // No default card first (a top-up charges nothing until one is), then
      // the users' auto-recharge fix and the money for it, then the
      // details and, Stripe's next step for a generic decline, the issuer.
      assert.deepEqual(steps(p), [
        "set_default_card",
        "enable_auto_recharge",
        "fund_card",
        "check_card_details",
        "contact_issuer",
        "match_billing_address",
        "enable_international_payments",
        "supported_card",
        "wait_24h",
        "stable_network",
      ]);
      assert.equal(p.steps[0].id, "set_default_card");
      assert.ok(p.steps[0].text.startsWith(stepShort("set_default_card", "en")), p.steps[0].text);
      assert.match(p.text, /no default card/);
      if (browser === "chromium") await page.screenshot({ path: screenshotPath("panel-topup.png") });
    });
  });

  test("after 'Set as default' the default-card step is gone", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=topup-declined`);
      await clickText(page, "Set as default");
      await seeText(page, "Default");
      await settled(page);
      await clickText(page, "Overview");
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-default-card"], "set");
      assert.ok(!steps(p).includes("set_default_card"), p.attrs["data-steps"]);
      assert.equal(steps(p)[0], "enable_auto_recharge");
    });
  });

  test("an expired default card: 'use another card' first, and the page's expired card is named", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=topup-declined-expired-default`);
      await seeText(page, "Expires 01/2024");
      await settled(page);
      await clickText(page, "Overview");
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-default-card"], "set");
      assert.equal(p.attrs["data-default-expired"], "yes");
      assert.equal(p.attrs["data-auto-recharge"], "on");
      assert.equal(steps(p)[0], "use_another_card");
      assert.ok(!steps(p).includes("enable_auto_recharge"), "auto recharge is already on");
      assert.match(p.text, /the default card has expired/);
    });
  });

  test("the Chinese message gets the Chinese panel", async () => {
    await withBrowser(browser, async ({ page }) => {
      await declinedTopUp(page, "topup-declined-zh");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-lang"], "zh-CN");
      assert.equal(p.lang, "zh-CN");
      assert.equal(p.label, ui.panel_label["zh-CN"]);
      assert.ok(p.text.includes("您的银行卡被拒绝"), p.text);
      assert.ok(p.text.includes(ui.steps_heading["zh-CN"]), p.text);
      assert.ok(p.steps[0].text.startsWith(stepShort(p.steps[0].id, "zh-CN")), p.steps[0].text);
      assert.ok(!p.text.includes("What to do"), "no English headings");
      if (browser === "chromium") await page.screenshot({ path: screenshotPath("panel-zh.png") });
    });
  });

  test("the legacy /account/billing path works the same", async () => {
    await withBrowser(browser, async ({ page }) => {
      await declinedTopUp(page, "topup-declined", PLATFORM + "/account/billing/overview");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(steps(p)[0], "enable_auto_recharge");
    });
  });

  test("a healthy billing page gets no panel at all", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=healthy`);
      await seeText(page, "Auto recharge is on");
      await page.goto(`${BILLING}/payment-methods?scenario=healthy`);
      await seeText(page, "Default");
      const seen = await settled(page);
      assert.ok(seen.maxChars > 0, "the extension read the page");
      assert.equal(await page.$("decline-doctor"), null);
    });
  });

  test("the dark theme gets a dark panel", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=topup-declined&theme=dark`);
      await clickText(page, "Add to credit balance");
      await clickText(page, "Continue");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-scheme"], "dark");
      const [r, g, b] = p.background.match(/\d+/g).map(Number);
      assert.ok(r + g + b < 200, `dark background, got ${p.background}`);
      if (browser === "chromium") await page.screenshot({ path: screenshotPath("panel-dark.png") });
    });
  });
});

inEachBrowser("dismissing and following the error", (browser) => {
  test("dismissed, the panel stays away for the same error and returns for a new one", async () => {
    await withBrowser(browser, async ({ page }) => {
      await declinedTopUp(page, "topup-declined");
      const p = await waitForPanel(page, browser);
      await page.mouse.click(p.close.x + p.close.w / 2, p.close.y + p.close.h / 2);
      await waitForNoPanel(page);
      // The page changes around the error: the panel must not come back.
      await afterChange(page, async () => {
        await page.type("[role=dialog] input", "5");
        await page.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("p"), { textContent: "Saved." })));
      });
      assert.equal(await page.$("decline-doctor"), null);
      // A new attempt, a new decline.
      await inDialog(page, "Continue");
      await waitForPanel(page, browser, { reason: "generic_decline" });
    });
  });

  test("on Checkout, the keyboard reaches the panel; Escape closes it; typing there fires no page hotkeys", async () => {
    // (In a dialog with a focus trap, as on the billing pages, Tab stays in
    // the dialog: the panel is then reached with the pointer; Escape closes
    // both, as the dialog library listens for it first.)
    await withBrowser(browser, async ({ page }) => {
      await page.goto("https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-generic_decline");
      await page.click(".SubmitButton");
      await waitForPanel(page, browser);
      // Tab through the page into the panel, to its dismiss button (Firefox
      // first stops on the scrollable panel itself, which is right: the
      // keyboard can scroll it).
      let focused = null;
      for (let i = 0; i < 20 && focused !== "dismiss"; i++) {
        await page.keyboard.press("Tab");
        const inPage = await page.evaluate(() => document.activeElement?.localName === "decline-doctor");
        focused = inPage ? await inPanel(page, browser, (root) => root.activeElement?.getAttribute("data-action") ?? null) : null;
      }
      assert.equal(focused, "dismiss", "Tab reaches the panel's dismiss button");
      await page.keyboard.press("k");
      assert.equal(await page.evaluate(() => document.documentElement.dataset.hotkeys), "0", "page hotkey fired from the panel");
      await page.keyboard.press("Escape");
      await waitForNoPanel(page);
      // Back on the page, the page's own hotkey works.
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press("k");
      assert.equal(await page.evaluate(() => document.documentElement.dataset.hotkeys), "1");
    });
  });

  test("when the error goes (dialog closed), the panel goes", async () => {
    await withBrowser(browser, async ({ page }) => {
      await declinedTopUp(page, "topup-declined");
      await waitForPanel(page, browser);
      await inDialog(page, "Cancel");
      await waitForNoPanel(page);
    });
  });

  test("an error shown in a toast keeps its panel after the toast fades, until dismissed", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=add-card-declined-toast`);
      await clickText(page, "Add payment method");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-anchor"], "page");
      assert.equal(p.attrs["data-default-card"], "missing");
      await page.waitForFunction(() => !document.querySelector("[data-sonner-toast]"), { timeout: 10000 });
      await page.waitForSelector("decline-doctor[data-anchor=held]", { timeout: 3000 });
      const held = await readPanel(page, browser);
      assert.ok(held.text.includes("Your card has been declined"));
      await page.mouse.click(held.close.x + held.close.w / 2, held.close.y + held.close.h / 2);
      await waitForNoPanel(page);
    });
  });

  test("a message split over several elements is still read", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=add-card-declined-split`);
      await clickText(page, "Add payment details");
      await inDialog(page, "Continue");
      const html = await page.waitForSelector("[role=alert] strong");
      assert.ok(html, "the fixture splits the sentence");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.ok(p.text.includes("Your card was declined"));
    });
  });

  test("a decline that arrives seconds after load is caught", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=topup-declined-slow`);
      await clickText(page, "Add to credit balance");
      const t0 = Date.now();
      await inDialog(page, "Continue");
      await waitForPanel(page, browser, { reason: "generic_decline", timeout: 10000 });
      assert.ok(Date.now() - t0 >= 2500, "the fixture answered after 2.5 s");
    });
  });
});

inEachBrowser("where nothing may happen", (browser) => {
  test("a ChatGPT conversation quoting the message is left alone", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto("https://chatgpt.com/c/6740b1f2-payment");
      await seeText(page, "That's what the checkout said.");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
    });
  });

  test("the Playground quoting it is left alone, until the user navigates into Billing", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto(`${PLATFORM}/playground?scenario=topup-declined`);
      await seeText(page, "Write a polite reply");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
      await page.locator("nav ::-p-text(Billing)").click();
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      await waitForPanel(page, browser, { reason: "generic_decline" });
      // And out again: the panel goes with the route.
      await inDialog(page, "Cancel");
      await page.locator("nav ::-p-text(Playground)").click();
      await waitForNoPanel(page);
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
    });
  });
});

inEachBrowser("ChatGPT checkout", (browser) => {
  test("chatgpt.com checkout: the panel sits beside the error, clear of the form", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto("https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=checkout-declined");
      await clickText(page, "Subscribe");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-lang"], "en");
      assert.equal(p.attrs["data-action"], "subscribe");
      assert.deepEqual(steps(p).slice(0, 2), ["check_card_details", "contact_issuer"]);
      for (const api of ["enable_auto_recharge", "set_default_card", "fund_card"]) assert.ok(!steps(p).includes(api), `no API step ${api} on ChatGPT`);
      assert.ok(steps(p).includes("fund_subscription"));
      for (const c of await pageControls(page)) assert.ok(!overlaps(p.box, c), `covers ${c.label}`);
    });
  });

  test("chatgpt.com checkout in Chinese: ChatGPT's own 付款未获批准", async () => {
    await withBrowser(browser, async ({ page }) => {
      await page.goto("https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=checkout-zh-CN");
      await clickText(page, "订阅");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-lang"], "zh-CN");
      assert.ok(p.text.includes("付款未获批准"), p.text);
      assert.ok(p.text.includes(stepShort("check_card_details", "zh-CN")));
    });
  });

  test("pay.openai.com under a strict CSP: Stripe's FieldError is read; Chromium runs the JS engine", async () => {
    await withBrowser(browser, async ({ page }) => {
      const res = await page.goto("https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-generic_decline#fidkdWxOYHwnPyd1blpxYHZxWjA0");
      assert.equal(res.headers()["content-security-policy"], "default-src 'self'; script-src 'self'; frame-src https://js.stripe.com");
      await page.click(".SubmitButton");
      const p = await waitForPanel(page, browser, { reason: "generic_decline" });
      assert.equal(p.attrs["data-engine"], browser === "chromium" ? "js" : "wasm");
      // Checkout's words for a declined credit card: generic, whatever its debit-card advice says.
      assert.ok(p.text.includes("Your credit card was declined. Try paying with a debit card instead."), p.text);
      assert.equal(p.attrs["data-action"], "subscribe");
      assert.ok(p.box.w > 200 && p.box.h > 100, "styled and visible");
      for (const c of await pageControls(page)) assert.ok(!overlaps(p.box, c), `covers ${c.label}`);
      if (browser === "chromium") await page.screenshot({ path: screenshotPath("panel-checkout-csp.png") });
    });
  });
});
