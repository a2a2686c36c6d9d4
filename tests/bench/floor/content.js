// The panel's floor, for the benchmark only (tests/bench/run.js): what
// showing Decline Doctor's first panel costs the error's frame when nothing
// is read or decided. At start-up it builds a ready copy of the panel in a
// closed shadow root: the panel's style sheet (unminified: Decline Doctor
// ships it minified) and the markup Decline Doctor rendered for this host's
// decline in the benchmark, placed (its transform included), both in
// panel.js, written by the benchmark at the start of each run. The host
// carries none of Decline Doctor's data-* attributes. At idle it styles and
// lays the copy out once, as Decline Doctor's rehearsal does (its sheet
// parsed, its fonts set up). On the first added node whose text says
// "declined" it shows it, reading no geometry or style and placing nothing:
// - inserted (FLOOR_PANEL.parked false): the host was taken out again after
//   the rehearsal and is inserted now, as Decline Doctor does;
// - parked (true): the host stayed in the page with the panel laid out and
//   hidden (visibility: hidden, so no press or screen reader finds it); it
//   is unhidden now. (A page could then find the host on every billing page
//   before any decline.)
const html = FLOOR_PANEL.html[location.host];
if (html) {
  const host = document.createElement("decline-doctor");
  const root = host.attachShadow({ mode: "closed" });
  const style = document.createElement("style");
  style.textContent = FLOOR_PANEL.css + "aside.parked { visibility: hidden; }";
  root.append(style);
  root.append(new Range().createContextualFragment(html));
  const aside = root.querySelector("aside");
  if (FLOOR_PANEL.parked) aside.classList.add("parked");
  let shown = false;
  requestIdleCallback(
    () => {
      if (shown) return;
      document.documentElement.append(host);
      host.getBoundingClientRect();
      if (!FLOOR_PANEL.parked) host.remove();
    },
    { timeout: 200 },
  );

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.textContent.includes("declined")) {
          observer.disconnect();
          shown = true;
          aside.classList.remove("parked");
          if (!host.isConnected) document.documentElement.append(host);
          return;
        }
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
