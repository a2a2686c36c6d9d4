// The surfaces people pay on, what the billing pages say about the account,
// and what was being paid for (`data-action`), as the records of the real
// pages show them (tests/fixtures/PROVENANCE.md): the first purchase's three
// dialog steps, adding a card, a top-up, ChatGPT's checkout, Stripe's
// customer portal, ChatGPT's Settings → Billing over a conversation, the
// transition page after paying; a success after a decline; dialogs that
// behave like React dialog libraries'.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inEachBrowser, withBrowser, clickText, inDialog, seeText, BILLING } from "./harness.js";
import { openExtensionPage } from "./browsers.js";
import { waitForPanel, waitForNoPanel, readPanel } from "./panel.js";
import { settled } from "./probe.js";

const steps = (p) => p.attrs["data-steps"].split(" ");
const API_ONLY = ["set_default_card", "enable_auto_recharge", "fund_card"];

/** The popup's record of the last decline (as stored, and what the popup shows of it). */
async function lastDecline(ext) {
  const popup = await openExtensionPage(ext, "extension/popup/popup.html", "[data-decline]");
  const d = await popup.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get("lastDecline")).lastDecline ?? null);
  const shown = await popup.$eval("[data-decline]", (s) => ({
    resolved: s.querySelector("[data-resolved]")?.textContent ?? null,
    steps: s.querySelectorAll("[data-step]").length,
  }));
  await popup.close();
  return { ...d, shown };
}

inEachBrowser("what was being paid for", (name) => {
  test("the first purchase, declined at 'Confirm payment' (no billing plan yet): first_purchase, no default-card or auto-recharge steps", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=first-purchase-declined`);
      await clickText(page, "Add payment details");
      await seeText(page, "Add your credit card details below.");
      await inDialog(page, "Continue");
      await seeText(page, "Configure payment");
      await inDialog(page, "Continue");
      await seeText(page, "Payment summary");
      await inDialog(page, "Confirm payment");
      const p = await waitForPanel(page, name, { reason: "generic_decline" });
      assert.equal(p.attrs["data-action"], "first_purchase");
      assert.deepEqual(steps(p).slice(0, 2), ["check_card_details", "contact_issuer"]);
      for (const s of ["set_default_card", "enable_auto_recharge"]) assert.ok(!steps(p).includes(s), `${s} is no fix for the first purchase`);
    });
  });

  test("adding a card on Payment methods: add_card; making another card the default is no fix", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto(`${BILLING}/payment-methods?scenario=add-card-declined`);
      await seeText(page, "Default");
      await clickText(page, "Add payment method");
      await seeText(page, "Set as default payment method");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, name, { reason: "generic_decline" });
      assert.equal(p.attrs["data-action"], "add_card");
      assert.ok(!steps(p).includes("set_default_card") && !steps(p).includes("enable_auto_recharge"), p.attrs["data-steps"]);
      assert.ok(steps(p).includes("fund_card"), "the temporary authorization needs funds");
    });
  });

  test("a top-up with a saved card: top_up, the default card and auto recharge matter", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto(`${BILLING}/overview?scenario=topup-declined`);
      await seeText(page, "Enable auto recharge");
      await clickText(page, "Add to credit balance");
      await inDialog(page, "Continue");
      const p = await waitForPanel(page, name, { reason: "generic_decline" });
      assert.equal(p.attrs["data-action"], "top_up");
      assert.equal(p.attrs["data-auto-recharge"], "off", "from the Note: banner's button");
      assert.equal(steps(p)[0], "enable_auto_recharge");
    });
  });

  test("Stripe's customer portal: update_card, ChatGPT's steps only", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto("https://pay.openai.com/p/session/live_YWNjdF8xTjZhc2Z?scenario=portal-declined");
      await seeText(page, "OpenAI, LLC");
      await page.click(".Button--primary");
      await page.click(".PortalSave");
      const p = await waitForPanel(page, name, { reason: "generic_decline" });
      assert.equal(p.attrs["data-action"], "update_card");
      for (const s of API_ONLY) assert.ok(!steps(p).includes(s), `no API step ${s} for a ChatGPT subscription`);
      assert.ok(steps(p).includes("fund_subscription"));
    });
  });
});

inEachBrowser("ChatGPT's other pages", (name) => {
  test("Settings → Billing over a conversation: only the dialog is read; its declined card gets a panel, which goes with the dialog", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto("https://chatgpt.com/c/6740b1f2-payment?scenario=settings-billing-declined#settings/Billing");
      await seeText(page, "Manage auto-reload");
      await seeText(page, "That's what the checkout said.");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null, "the conversation behind the dialog quotes declines, even in an alert");
      await inDialog(page, "Add payment method");
      const p = await waitForPanel(page, name, { reason: "generic_decline" });
      assert.equal(p.attrs["data-action"], "add_card");
      assert.equal(p.attrs["data-default-card"], "set", "the dialog's Default badge");
      for (const s of API_ONLY) assert.ok(!steps(p).includes(s), `no API step ${s} on ChatGPT`);
      // The dialog closes (Escape): the conversation is not a billing page.
      await page.keyboard.press("Escape");
      await waitForNoPanel(page);
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
    });
  });

  test("the transition page after paying (/checkout/verify) and ChatGPT's own payments-page error: nothing to diagnose", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto("https://chatgpt.com/checkout/verify?stripe_session_id=cs_live_a1B2c3&processor_entity=openai_llc&plan_type=plus&scenario=checkout-declined");
      await seeText(page, "Verifying your payment");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
      await page.goto("https://chatgpt.com/checkout/openai_llc/cs_live_a1B2c3?scenario=payments-page-error");
      await seeText(page, "The payments page encountered an error.");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null, "the checkout could not open: not a card decline");
    });
  });

  test("Stripe Checkout's exchange-rate notice in an alert-like node is not a decline", async () => {
    await withBrowser(name, async ({ page }) => {
      await page.goto("https://pay.openai.com/c/pay/cs_live_a1B2c3?scenario=pay-fx-notice");
      await page.waitForSelector(".FxNotice:not([hidden])");
      await settled(page);
      assert.equal(await page.$("decline-doctor"), null);
    });
  });
});

inEachBrowser("after the decline", (name) => {
  test("the first purchase goes through after a decline: the panel says it worked, then goes; the popup's last decline says so", async () => {
    await withBrowser(name, async ({ page, ext }) => {
      await page.goto(`${BILLING}/overview?scenario=first-purchase-declined-once`);
      await clickText(page, "Add payment details");
      await inDialog(page, "Continue");
      await seeText(page, "Configure payment");
      await inDialog(page, "Continue");
      await inDialog(page, "Confirm payment");
      await waitForPanel(page, name, { reason: "generic_decline" });
      // The user tries again; this time the page says "Payment successful".
      await inDialog(page, "Confirm payment");
      await seeText(page, "Payment successful");
      await page.waitForSelector("decline-doctor[data-outcome=resolved]", { timeout: 5000 });
      const worked = await readPanel(page, name);
      assert.match(worked.text, /That worked/);
      await waitForNoPanel(page, 10000);
      await page.bringToFront();
      const d = await lastDecline(ext);
      assert.equal(d.reason, "generic_decline");
      assert.equal(d.action, "first_purchase");
      assert.equal(d.resolved, true);
      assert.match(d.shown.resolved ?? "", /went through/, "the popup says the payment went through");
      assert.equal(d.shown.steps, 0, "and lists no steps left to do");
    });
  });

  test("a click in the panel does not close the page's dialog (it listens on the document); where it does (capture phase), the panel keeps its steps", async () => {
    await withBrowser(name, async ({ page }) => {
      for (const [scenario, dialogStays] of [
        ["topup-declined", true],
        ["topup-declined-outside-capture", false],
      ]) {
        await page.goto(`${BILLING}/overview?scenario=${scenario}`);
        await clickText(page, "Add to credit balance");
        await inDialog(page, "Continue");
        const p = await waitForPanel(page, name, { reason: "generic_decline" });
        // A click on the panel's text (not its close button).
        await page.mouse.click(p.box.x + 20, p.box.y + p.box.h - 12);
        await settled(page);
        assert.equal(Boolean(await page.$("[role=dialog]")), dialogStays, `${scenario}: the dialog ${dialogStays ? "stays" : "closes"}`);
        const after = await readPanel(page, name);
        assert.ok(after, `${scenario}: the panel is still there`);
        assert.deepEqual(after.attrs["data-steps"], p.attrs["data-steps"], "with its steps");
        assert.equal(after.attrs["data-anchor"], dialogStays ? "page" : "held");
      }
    });
  });
});
