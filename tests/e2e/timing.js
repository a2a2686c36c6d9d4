// Reading the timed test build's figures (tests/tools/timed-guard.js) and
// the browser's long tasks; shared by the trust stories and the benchmark.

/** The timed build's figures ({ total, calls, max, long, boot }), or null when no content script answered. */
export async function readTiming(page) {
  return page.evaluate(() => {
    document.documentElement.removeAttribute("data-decline-doctor-timing");
    document.dispatchEvent(new Event("decline-doctor-timing"));
    const raw = document.documentElement.getAttribute("data-decline-doctor-timing");
    return raw ? JSON.parse(raw) : null;
  });
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
