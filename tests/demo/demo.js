// The demo: Decline Doctor doing its job on the fixture billing pages, no
// OpenAI account needed. Serves the fixtures under their real host names,
// starts Chromium with the extension (in a window when a display exists,
// headless otherwise), walks three scenes and writes screenshots of each page
// with its panel, and of the popup, to tests/.out/demo/ (with --update-docs,
// DD_UPDATE_DOCS=1: to docs/, the README's pictures).
import { mkdirSync } from "node:fs";
import { startServer } from "../e2e/server.js";
import { launch, openExtensionPage } from "../e2e/browsers.js";
import { inPanel } from "../e2e/panel.js";

const DOCS = process.env.DD_UPDATE_DOCS ? new URL("../../docs/", import.meta.url).pathname : new URL("../.out/demo/", import.meta.url).pathname;
const SHOWN = process.env.DD_UPDATE_DOCS ? "docs/" : "tests/.out/demo/";
mkdirSync(DOCS, { recursive: true });
const BILLING = "https://platform.openai.com/settings/organization/billing";
const headed = Boolean(process.env.DISPLAY);
const pause = (ms) => new Promise((r) => setTimeout(r, headed ? ms : 0));
const click = (page, text) => page.locator(`::-p-text(${text})`).setTimeout(10000).click();
const inDialog = (page, text) => page.locator(`[role=dialog] ::-p-text(${text})`).setTimeout(10000).click();

async function panel(page) {
  await page.waitForSelector("decline-doctor[data-reason]", { timeout: 10000 });
  return page.$eval("decline-doctor", (h) => `${h.dataset.reason}: ${h.dataset.steps}`);
}

async function shoot(b, page, name, popupLang) {
  await pause(1500);
  await page.screenshot({ path: `${DOCS}demo-${name}.png` });
  const popup = await openExtensionPage(b, "extension/popup/popup.html", "[data-item]");
  if (popupLang) {
    await popup.select("select[data-action=lang]", popupLang);
    await popup.waitForFunction((l) => document.documentElement.lang === l, {}, popupLang);
  }
  await popup.screenshot({ path: `${DOCS}demo-${name}-popup.png`, fullPage: true });
  await pause(1500);
  if (popupLang) await popup.select("select[data-action=lang]", "auto");
  await popup.close();
  await page.bringToFront();
  console.log(`  wrote ${SHOWN}demo-${name}.png and ${SHOWN}demo-${name}-popup.png`);
}

const server = await startServer({ port: 443 });
const b = await launch("chromium", 443, { headless: !headed });
try {
  const page = await b.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });

  console.log("1. A manual top-up is declined; auto recharge is off.");
  await page.goto(`${BILLING}/overview?scenario=topup-declined`);
  await click(page, "Add to credit balance");
  await pause(800);
  await inDialog(page, "Continue");
  console.log("   panel:", await panel(page));
  await shoot(b, page, "1-topup");

  console.log("2. Payment methods: adding a card is declined (its temporary authorization); the steps fit adding a card.");
  await page.goto(`${BILLING}/payment-methods?scenario=add-card-declined`);
  await click(page, "Add payment method");
  await pause(800);
  await inDialog(page, "Continue");
  console.log("   panel:", await panel(page));
  await shoot(b, page, "2-payment-methods");

  console.log("3. The same decline, in Chinese, on a dark page.");
  await page.goto(`${BILLING}/overview?scenario=topup-declined-zh&theme=dark`);
  await click(page, "Add to credit balance");
  await pause(800);
  await inDialog(page, "Continue");
  console.log("   panel:", await panel(page));
  await shoot(b, page, "3-chinese", "zh-CN");

  console.log("4. \"Show me\": the panel points at the page's own auto recharge button.");
  await page.goto(`${BILLING}/overview?scenario=topup-declined`);
  await click(page, "Add to credit balance");
  await pause(800);
  await inDialog(page, "Continue");
  console.log("   panel:", await panel(page));
  const at = await inPanel(page, "chromium", (root) => {
    const r = root.querySelector("[data-show]").getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
  await pause(600);
  await page.screenshot({ path: `${DOCS}demo-4-show-me.png` });
  console.log(`  wrote ${SHOWN}demo-4-show-me.png`);
} finally {
  await b.close();
  await server.close();
}
