// Renders extension/icons/icon.svg to the PNG sizes the manifest names
// (transparent background), with Debian's Chromium. The PNGs are committed;
// run `node tests/tools/icons.js` after changing the SVG.
import puppeteer from "puppeteer-core";
import { readFileSync } from "node:fs";

const dir = new URL("../../extension/icons/", import.meta.url).pathname;
const svg = readFileSync(dir + "icon.svg", "utf8");
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
  const src = "data:image/svg+xml;base64," + Buffer.from(svg).toString("base64");
  await page.setContent(`<body style="margin:0;background:transparent"><img id="i" src="${src}" width="${size}" height="${size}" style="display:block"></body>`);
  await page.waitForFunction(() => document.getElementById("i").complete);
  const el = await page.$("#i");
  await el.screenshot({ path: `${dir}icon-${size}.png`, omitBackground: true });
}
await browser.close();
