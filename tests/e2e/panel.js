// Reading the panel as the user sees it. Its UI is in a closed shadow root,
// which page scripts cannot reach; the test reaches it the way browser
// automation may: Chromium's DevTools protocol pierces shadow roots
// (DOM.getDocument {pierce: true}), and WebDriver BiDi serialises closed
// shadow roots on request (includeShadowTree: "all"). The function then runs
// in the page's main world against the shadow root and reads rendered text
// (innerText), sizes and styles.

/** Runs `fn(shadowRoot)` for the panel's shadow root; returns its JSON result, or null without a panel. */
export async function inPanel(page, browserName, fn) {
  const source = `function (root) { return Promise.resolve((${fn})(root)).then((v) => JSON.stringify(v)); }`;
  if (browserName === "chromium") {
    const cdp = await page.createCDPSession();
    try {
      // Only the host and its shadow root (a whole-document walk breaks on
      // pages nested thousands deep).
      const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "decline-doctor" });
      if (!nodeId) return null;
      const { node } = await cdp.send("DOM.describeNode", { nodeId, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (!shadow) return null;
      const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
      const { result, exceptionDetails } = await cdp.send("Runtime.callFunctionOn", {
        functionDeclaration: source,
        objectId: object.objectId,
        arguments: [{ objectId: object.objectId }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return JSON.parse(result.value);
    } finally {
      await cdp.detach();
    }
  }
  // Firefox: puppeteer-core's BiDi frame exposes its browsing context and session.
  const context = page.mainFrame().browsingContext;
  const session = context.userContext.browser.session;
  const target = { context: context.id };
  const found = await session.send("script.evaluate", {
    expression: "document.querySelector('decline-doctor')",
    target,
    awaitPromise: false,
    serializationOptions: { includeShadowTree: "all", maxDomDepth: 1 },
  });
  const shadow = found.result.result?.value?.shadowRoot;
  if (!shadow) return null;
  const called = await session.send("script.callFunction", {
    functionDeclaration: source,
    target,
    awaitPromise: true,
    arguments: [{ sharedId: shadow.sharedId }],
  });
  const r = called.result;
  if (r.type === "exception") throw new Error(r.exceptionDetails.text);
  return JSON.parse(r.result.value);
}

/** Everything a test asserts about the panel: the host's data-* contract and what it shows. */
export async function readPanel(page, browserName) {
  const host = await page.$("decline-doctor");
  if (!host) return null;
  const attrs = await host.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  const view = await inPanel(page, browserName, (root) => {
    const aside = root.querySelector("aside");
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const style = getComputedStyle(aside);
    return {
      text: aside.innerText,
      lang: aside.lang,
      label: aside.getAttribute("aria-label"),
      box: box(aside),
      close: box(root.querySelector("[data-action=dismiss]")),
      steps: [...root.querySelectorAll("li")].map((li) => ({ id: li.dataset.step, text: li.innerText })),
      links: [...root.querySelectorAll("a")].map((a) => a.href),
      background: style.backgroundColor,
      color: style.color,
    };
  });
  return { attrs, ...view };
}

/** Waits for a panel about `reason` (or any panel) and reads it. */
export async function waitForPanel(page, browserName, { reason, timeout = 8000 } = {}) {
  const sel = reason ? `decline-doctor[data-reason="${reason}"]` : "decline-doctor[data-reason]";
  await page.waitForSelector(sel, { timeout });
  return readPanel(page, browserName);
}

/** Resolves once no panel is in the document. */
export async function waitForNoPanel(page, timeout = 5000) {
  await page.waitForFunction(() => !document.querySelector("decline-doctor"), { timeout });
}
