// Makes the timed test build of the content script (tests/variants.sh),
// given the copy's directory. Two patches:
// - the bridge's guard times every call into Rust (an observer callback, an
//   event, a timer; the DOM calls Rust makes included) with performance.now();
// - boot.js records its start-up: when it started, when its requests were
//   out, when the bindings had loaded, when the engine was instantiated, when the shell was running.
// The page reads the figures by dispatching a "decline-doctor-timing" event
// on document; the content script answers synchronously in
// `data-decline-doctor-timing` on <html>:
//   { total, calls, max, long: [[start, ms] of calls >= 1 ms], boot }.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];

function patch(file, edits, append = "") {
  let src = readFileSync(file, "utf8");
  for (const [from, to] of edits) {
    if (!src.includes(from)) throw new Error(`timed-guard: ${file} no longer contains ${JSON.stringify(from)}`);
    src = src.replace(from, to);
  }
  writeFileSync(file, src + append);
}

patch(
  // The bindings, with bridge.js inlined (.ci/inline-snippet.py).
  join(dir, "extension/pkg/content_bg.js"),
  [
    [
      "      return f.apply(this, args);\n",
      `      if (timing.depth++ > 0) return f.apply(this, args);
      const t0 = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        timing.depth = 0;
        timing.add(t0, performance.now() - t0);
      }
`,
    ],
  ],
  `
// ---- test build only: timing (tests/tools/timed-guard.js) ----
const timing = {
  depth: 0,
  total: 0,
  calls: 0,
  max: 0,
  // [start, duration] of every call of 1 ms or more.
  long: [],
  add(start, ms) {
    this.total += ms;
    this.calls += 1;
    this.max = Math.max(this.max, ms);
    if (ms >= 1) this.long.push([start, ms]);
  },
};
document.addEventListener("decline-doctor-timing", () => {
  document.documentElement.setAttribute(
    "data-decline-doctor-timing",
    JSON.stringify({ total: timing.total, calls: timing.calls, max: timing.max, long: timing.long, boot: globalThis.__declineDoctorBoot ?? null }),
  );
});
`,
);

patch(join(dir, "extension/content/boot.js"), [
  ["(async () => {\n", "(async () => {\n  const boot = (globalThis.__declineDoctorBoot = { start: performance.now() });\n"],
  ["  const bindings = await glue;\n", "  boot.issued = performance.now();\n  const bindings = await glue;\n  boot.bindings = performance.now();\n"],
  ["  bindings.__wbg_set_wasm(exports);\n", "  boot.instantiated = performance.now();\n  bindings.__wbg_set_wasm(exports);\n"],
  ["  bindings.run(engine);\n", "  bindings.run(engine);\n  boot.ready = performance.now();\n  boot.engine = engine;\n"],
]);
