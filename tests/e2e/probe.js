// Signals from the test build of the extension (tests/tools/test-build.js):
// the stories wait on these instead of sleeping, and count the extension's
// work instead of timing it. Also the browser's long tasks (benchmark).

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The test build's figures, or null when no content script answered. */
export async function probe(page) {
  return page.evaluate(() => {
    document.documentElement.removeAttribute("data-decline-doctor-probe");
    document.dispatchEvent(new Event("decline-doctor-probe"));
    const raw = document.documentElement.getAttribute("data-decline-doctor-probe");
    return raw ? JSON.parse(raw) : null;
  });
}

/**
 * Resolves once the extension on this page is running, has nothing left to
 * do (no timer or frame of its own pending, no storage read or write
 * unsettled) and, when `since` (an earlier probe) is given, has been called
 * since. Every change a page makes reaches the extension's observer before
 * the page's next task, so after a change this means: the extension has
 * looked at it and decided. Polls with page.evaluate (a strict page CSP
 * refuses puppeteer's in-page waitForFunction).
 */
export async function settled(page, since = null, timeout = 10000) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await probe(page).catch(() => null);
    if (last?.boot?.ready && last.pending === 0 && (!since || last.calls > since.calls)) return last;
    if (Date.now() > end) throw new Error(`the extension did not settle within ${timeout} ms: ${JSON.stringify(last)?.slice(0, 300)}`);
    await sleep(20);
  }
}

/** Runs `change` (an async function), then waits until the extension has looked at what it did. */
export async function afterChange(page, change) {
  const before = await settled(page);
  await change();
  return settled(page, before);
}

/** Starts recording long tasks in `window.__longtasks` as [start, duration]
 * (Chromium; Firefox has no such entries). `buffered`: those already past too. */
export async function watchLongTasks(page, buffered) {
  await page.evaluate((buffered) => {
    window.__longtasks = [];
    if (PerformanceObserver.supportedEntryTypes?.includes("longtask")) {
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longtasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered });
    }
  }, buffered);
}

export async function longTasks(page) {
  return page.evaluate(() => window.__longtasks);
}

/** The long tasks the extension made long: over 50 ms, and 50 ms or less
 * without the extension's calls (`long`: [start, ms]) inside them. */
export function causedByExtension(longtasks, long) {
  return longtasks.filter(([start, duration]) => {
    const ours = long.filter(([s]) => s >= start && s < start + duration).reduce((sum, [, ms]) => sum + ms, 0);
    return duration > 50 && duration - ours <= 50;
  });
}
