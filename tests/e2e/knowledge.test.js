// The decline messages as the real pages word them (tests/fixtures/PROVENANCE.md),
// in every language: Stripe Checkout's own sentences by test card, the
// Stripe API's messages as a custom checkout shows them, ChatGPT's checkout
// in ten languages, and sentences no record shows (a generic panel in an
// error spot, nothing in help text). Each story asserts the reason, the
// first step and the language the user reads; the expected values are
// written here from the records and the design, not read from the tables.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser, BILLING } from "./harness.js";
import { waitForPanel } from "./panel.js";
import { settled } from "./probe.js";
import { stepShort, ui } from "./knowledge.js";

/** The panel is about `reason`, starts with `first`, and reads in `lang`. */
function assertPanel(p, { reason, first, lang, action, wording = "recorded" }) {
  assert.equal(p.attrs["data-reason"], reason);
  assert.equal(p.attrs["data-wording"], wording);
  // A sentence we have no record of says so, in the panel's language.
  assert.equal(p.text.includes(ui.unrecorded[lang]), wording === "unrecorded", `says whether the wording is new to us, in ${lang}`);
  assert.equal(p.attrs["data-steps"].split(" ")[0], first);
  assert.equal(p.attrs["data-lang"], lang);
  assert.equal(p.lang, lang, "the panel's own lang attribute");
  if (action) assert.equal(p.attrs["data-action"], action);
  assert.ok(p.steps[0].text.startsWith(stepShort(first, lang)), `first step in ${lang}: ${p.steps[0].text}`);
  assert.ok(p.text.includes(ui.steps_heading[lang]), `heading in ${lang}`);
  assert.equal(p.label, ui.panel_label[lang]);
}

// Stripe Checkout (pay.openai.com, strict CSP) with its own sentence for
// each test card: scenario, the reason the sentence states, the first step
// for a ChatGPT subscription.
const CHECKOUT = [
  ["pay-generic_decline", "generic_decline", "check_card_details", "en"],
  ["pay-insufficient_funds", "insufficient_funds", "fund_subscription", "en"],
  ["pay-expired_card", "expired_card", "use_another_card", "en"],
  ["pay-incorrect_cvc", "incorrect_cvc", "correct_cvc", "en"],
  ["pay-processing_error", "processing_error", "retry_later", "en"],
  ["pay-stolen_card", "generic_decline", "check_card_details", "en"],
  ["pay-lost_card", "generic_decline", "check_card_details", "en"],
  ["pay-too_many_attempts", "too_many_attempts", "wait_24h", "en"],
  ["pay-incorrect_number", "incorrect_number", "correct_number", "en"],
  ["pay-es", "generic_decline", "check_card_details", "es"],
  ["pay-zh-CN", "generic_decline", "check_card_details", "zh-CN"],
  ["pay-fr", "insufficient_funds", "fund_subscription", "fr"],
  ["pay-ru", "insufficient_funds", "fund_subscription", "ru"],
];

// The Stripe API's messages in platform.openai.com's top-up dialog (a
// custom checkout shows the message verbatim); the account has a default
// card and auto recharge on.
const API = [
  ["topup-api-card_not_supported", "card_not_supported", "enable_international_payments"],
  ["topup-api-incorrect_zip", "incorrect_zip", "match_billing_address"],
  ["topup-api-authentication_failed", "authentication_failed", "complete_3ds"],
  ["topup-api-currency_not_supported", "currency_not_supported", "enable_international_payments"],
  ["topup-api-insufficient_funds", "insufficient_funds", "fund_card"],
];

// ChatGPT's checkout in each language: the decline as its record words it.
const LANGS = ["zh-CN", "zh-TW", "ja", "ko", "es", "fr", "de", "pt-BR", "ru"];
const ALL_LANGS = ["en", ...LANGS];

inEachBrowser("every reason and language", (name) => {
  for (const [scenario, reason, first, lang] of CHECKOUT) {
    test(`Stripe Checkout's own words (${scenario}): panel about ${reason}, in ${lang}, starting with ${first}`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=${scenario}`);
        await page.click(".SubmitButton");
        const p = await waitForPanel(page, name, { reason });
        assertPanel(p, { reason, first, lang, action: "subscribe" });
        assert.equal(p.attrs["data-engine"], name === "chromium" ? "js" : "wasm");
      });
    });
  }

  for (const [scenario, reason, first] of API) {
    test(`the Stripe API's message (${scenario}) in the top-up dialog: panel about ${reason}, starting with ${first}`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`${BILLING}/overview?scenario=${scenario}`);
        await page.locator("::-p-text(Add to credit balance)").click();
        await page.locator("[role=dialog] ::-p-text(Continue)").click();
        const p = await waitForPanel(page, name, { reason });
        assertPanel(p, { reason, first, lang: "en", action: "top_up" });
        assert.equal(p.attrs["data-auto-recharge"], "on", "read from the overview's sentence");
      });
    });
  }

  for (const lang of LANGS) {
    test(`ChatGPT checkout in ${lang}: the panel reads in ${lang}`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=checkout-${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        await page.locator("[data-testid=checkout-submit]").click();
        const p = await waitForPanel(page, name, { reason: "generic_decline" });
        assertPanel(p, { reason: "generic_decline", first: "check_card_details", lang, action: "subscribe" });
      });
    });
  }

  for (const lang of ALL_LANGS) {
    test(`a decline sentence no record shows, in ${lang}, in the checkout's error spot: a generic panel in ${lang}; as help text: nothing`, async () => {
      await withBrowser(name, async ({ page }) => {
        await page.goto(`https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=unseen-${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        await page.locator("[data-testid=checkout-submit]").click();
        const p = await waitForPanel(page, name, { reason: "generic_decline" });
        assertPanel(p, { reason: "generic_decline", first: "check_card_details", lang, action: "subscribe", wording: "unrecorded" });

        // The same words as a condition: in help text under the form, and
        // (after submitting) in the error spot itself.
        await page.goto(`https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=help-${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        await page.locator("[data-testid=checkout-submit]").click();
        await page.waitForSelector("[role=alert]");
        await settled(page);
        assert.equal(await page.$("decline-doctor"), null, "help text is not a decline");
      });
    });
  }

  test("a decline for insufficient funds with no default card: set the default first, then fund it", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=topup-insufficient-no-default`);
      await page.waitForSelector("::-p-text(Set as default)");
      await settled(page); // the extension has read the cards
      await page.locator("::-p-text(Overview)").click();
      await page.locator("::-p-text(Add to credit balance)").click();
      await page.locator("[role=dialog] ::-p-text(Continue)").click();
      const p = await waitForPanel(page, name, { reason: "insufficient_funds" });
      assert.deepEqual(p.attrs["data-steps"].split(" ").slice(0, 2), ["set_default_card", "fund_card"]);
      assert.ok(!p.attrs["data-steps"].includes("enable_auto_recharge"), "auto recharge does not fix missing funds");
    });
  });
});
