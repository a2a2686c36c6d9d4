// Every reason and every language, as pages show them: each Stripe outcome
// on Stripe Checkout (pay.openai.com, strict CSP: Chromium runs the JS
// engine there) and a message in each language on ChatGPT's checkout. Each
// story asserts the reason, the first step, and the language the user reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser } from "./harness.js";
import { waitForPanel } from "./panel.js";
import { settled } from "./probe.js";
import { stepText, ui } from "./knowledge.js";

// reason -> the step a person should do first on a checkout page (no account state there).
const FIRST = {
  too_many_attempts: "wait_24h",
  authentication_failed: "complete_3ds",
  processing_error: "retry_later",
  expired_card: "use_another_card",
  incorrect_expiry: "correct_expiry",
  incorrect_cvc: "correct_cvc",
  incorrect_number: "correct_number",
  incorrect_zip: "match_billing_address",
  insufficient_funds: "fund_card",
  currency_not_supported: "enable_international_payments",
  card_not_supported: "enable_international_payments",
  generic_decline: "check_card_details",
};

// language -> the reason its fixture message states (tests/fixtures/scenarios.json).
const LANGS = {
  "zh-CN": "generic_decline",
  "zh-TW": "authentication_failed",
  ja: "expired_card",
  ko: "insufficient_funds",
  es: "incorrect_expiry",
  fr: "incorrect_number",
  de: "processing_error",
  "pt-BR": "incorrect_cvc",
  ru: "generic_decline",
};

/** The panel is about `reason`, starts with `first`, and reads in `lang`. */
function assertPanel(p, { reason, first, lang }) {
  assert.equal(p.attrs["data-reason"], reason);
  assert.equal(p.attrs["data-steps"].split(" ")[0], first);
  assert.equal(p.attrs["data-lang"], lang);
  assert.equal(p.lang, lang, "the panel's own lang attribute");
  assert.ok(p.steps[0].text.startsWith(stepText(first, lang)), `first step in ${lang}: ${p.steps[0].text}`);
  assert.ok(p.text.includes(ui.steps_heading[lang]), `heading in ${lang}`);
  assert.equal(p.label, ui.panel_label[lang]);
}

inEachBrowser("every reason and language", (name) => {
  for (const [reason, first] of Object.entries(FIRST)) {
    test(`Stripe Checkout shows ${reason}: panel about ${reason}, starting with ${first}`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-${reason}`);
        await page.click(".SubmitButton");
        const p = await waitForPanel(page, name, { reason });
        assertPanel(p, { reason, first, lang: "en" });
        assert.equal(p.attrs["data-engine"], name === "chromium" ? "js" : "wasm");
      });
    });
  }

  for (const [lang, reason] of Object.entries(LANGS)) {
    test(`ChatGPT checkout in ${lang}: the panel reads in ${lang}`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=checkout-${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        await page.locator("[data-testid=checkout-submit]").click();
        const p = await waitForPanel(page, name, { reason });
        assertPanel(p, { reason, first: FIRST[reason], lang });
      });
    });
  }

  test("a decline for insufficient funds with no default card: set the default first, then fund it", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto("https://platform.openai.com/settings/organization/billing/payment-methods?scenario=topup-insufficient-no-default");
      await page.waitForSelector("::-p-text(Set as default)");
      await settled(page); // the extension has read the cards
      await page.locator("::-p-text(Overview)").click();
      await page.locator("::-p-text(Add to credit balance)").click();
      await page.locator("::-p-text(Continue)").click();
      const p = await waitForPanel(page, name, { reason: "insufficient_funds" });
      assert.deepEqual(p.attrs["data-steps"].split(" ").slice(0, 2), ["set_default_card", "fund_card"]);
      assert.ok(!p.attrs["data-steps"].includes("enable_auto_recharge"), "auto recharge does not fix missing funds");
    });
  });
});
