// The naive peer, for the benchmark only (tests/bench/run.js): what a quick
// userscript does to find a card decline. On every mutation callback it
// re-reads the whole page's text (document.body.innerText, which lays the
// page out) and tests a few regular expressions, then shows or removes a
// note. It reports its own main-thread time the way Decline Doctor's test
// build does: the page dispatches "decline-doctor-probe" on document, the
// figures appear in data-decline-doctor-probe on <html>.
const PATTERNS = [
  /your card (?:was|has been) declined/i,
  /card (?:has )?insufficient funds/i,
  /您的银行卡被拒绝/,
  /la tarjeta ha sido rechazada/i,
  /votre carte a été refusée/i,
];
const timing = { total: 0, calls: 0, max: 0, long: [] };
let note = null;

function scan() {
  const t0 = performance.now();
  const text = document.body.innerText;
  const found = PATTERNS.some((re) => re.test(text));
  if (found && !note) {
    note = document.createElement("div");
    note.dataset.naiveNote = "";
    note.textContent = "Card declined: check the card's details, funds and billing address, then try again.";
    note.style.cssText = "position:fixed;right:16px;bottom:16px;z-index:2147483647;background:#fff;color:#000;border:1px solid #999;padding:12px;max-width:320px;font:14px sans-serif";
    document.body.append(note);
  } else if (!found && note) {
    note.remove();
    note = null;
  }
  const ms = performance.now() - t0;
  timing.total += ms;
  timing.calls += 1;
  timing.max = Math.max(timing.max, ms);
  if (ms >= 1) timing.long.push([t0, ms]);
}

new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
scan();

document.addEventListener("decline-doctor-probe", () => {
  document.documentElement.setAttribute("data-decline-doctor-probe", JSON.stringify(timing));
});
