// Makes the test build of the content script (tests/variants.sh): a copy of
// the built extension, the same wasm and the same scripts, with the bridge
// instrumented so that tests can wait for signals and count work instead of
// sleeping and timing. Given the copy's directory. What it adds:
//
// - every call into Rust (an observer callback, an event, a timer) is timed
//   with performance.now() and counted: how many calls Rust made out to JS
//   during it (DOM and extension APIs: every import of the wasm module) and
//   how many characters of page text were handed to Rust;
// - what the extension still has to do: its timers and animation frames not
//   yet run, its storage reads and writes not yet settled;
// - the event listeners and mutation observers it holds (added minus
//   removed, counted in its own world, where the page cannot add any);
// - the content script records its start-up (from its first file, the
//   bindings, to the shell running).
//
// With --timing-only (tests/.out/ext-timed, for the benchmark's timings),
// the per-import and per-string counters are left out, so the figures time
// the extension and not the counting; the rest is the same.
//
// A page (or a test, through the page) asks with a "decline-doctor-probe"
// event on document; the content script answers synchronously in
// `data-decline-doctor-probe` on <html> (tests/e2e/probe.js reads it):
//   { calls, total, max, long: [[start, ms] of calls >= 1 ms],
//     maxImports, maxChars, pending, listeners, observers, canary, stopped,
//     boot }
// `canary`: how many strings handed to Rust held one of the canaries the
// trust stories type into card and form fields (tests/e2e/trust.test.js),
// with the first such string: the extension must never read them at all.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const timingOnly = process.argv.includes("--timing-only");

function patch(file, edits, { prepend = "", append = "" } = {}) {
  let src = readFileSync(file, "utf8");
  for (const [from, to] of edits) {
    if (src.split(from).length !== 2) throw new Error(`test-build: ${file} does not contain exactly one ${JSON.stringify(from)}`);
    src = src.replace(from, to);
  }
  writeFileSync(file, prepend + src + append);
}

// What runs first in the content script's world: the counters, and the
// wrappers that keep them.
const PRELUDE = `// ---- test build only (tests/tools/test-build.js) ----
const CANARIES = ["canary person", "canary.person@example.com", "4000 0025 0000 3155", "4000002500003155", "94107"];
const probe = (globalThis.__declineDoctorProbe = {
  canary: { reads: 0, first: null },
  read(text) {
    this.chars += text.length;
    const low = text.toLowerCase();
    if (CANARIES.some((c) => low.includes(c))) {
      this.canary.reads += 1;
      this.canary.first ??= text.slice(0, 200);
    }
  },
  depth: 0, calls: 0, total: 0, max: 0, long: [],
  imports: 0, chars: 0, maxImports: 0, maxChars: 0,
  pending: new Set(), listeners: [], observers: new Set(),
  enter() {
    if (this.depth++ > 0) return null;
    this.imports = 0;
    this.chars = 0;
    return performance.now();
  },
  leave(t0) {
    this.depth = 0;
    const ms = performance.now() - t0;
    this.calls += 1;
    this.total += ms;
    this.max = Math.max(this.max, ms);
    if (ms >= 1) this.long.push([t0, ms]);
    this.maxImports = Math.max(this.maxImports, this.imports);
    this.maxChars = Math.max(this.maxChars, this.chars);
  },
  track(promise) {
    const token = {};
    this.pending.add(token);
    const done = () => this.pending.delete(token);
    promise.then(done, done);
    return promise;
  },
});
// Timers, frames and idle callbacks the extension asked for and that have
// not run yet (on the global and on window: in Firefox's content scripts
// they differ).
for (const target of new Set([globalThis, globalThis.window])) {
  for (const name of ["setTimeout", "requestAnimationFrame", "requestIdleCallback"]) {
    const original = target[name].bind(target);
    target[name] = function (f, ...rest) {
      const token = {};
      probe.pending.add(token);
      return original(function (...args) {
        probe.pending.delete(token);
        return f.apply(this, args);
      }, ...rest);
    };
  }
}
// Listeners and observers the extension holds (DOM semantics: the same
// listener added twice is one).
{
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const capture = (o) => Boolean(typeof o === "boolean" ? o : o?.capture);
  const find = (t, type, f, o) => probe.listeners.findIndex(([t2, ty, f2, c]) => t2 === t && ty === type && f2 === f && c === capture(o));
  EventTarget.prototype.addEventListener = function (type, f, o) {
    if (f && find(this, type, f, o) < 0) probe.listeners.push([this, type, f, capture(o)]);
    return add.call(this, type, f, o);
  };
  EventTarget.prototype.removeEventListener = function (type, f, o) {
    const i = find(this, type, f, o);
    if (i >= 0) probe.listeners.splice(i, 1);
    return remove.call(this, type, f, o);
  };
  const observe = MutationObserver.prototype.observe;
  const disconnect = MutationObserver.prototype.disconnect;
  MutationObserver.prototype.observe = function (...args) {
    probe.observers.add(this);
    return observe.apply(this, args);
  };
  MutationObserver.prototype.disconnect = function () {
    probe.observers.delete(this);
    return disconnect.call(this);
  };
}
document.addEventListener("decline-doctor-probe", () => {
  document.documentElement.setAttribute(
    "data-decline-doctor-probe",
    JSON.stringify({
      calls: probe.calls, total: probe.total, max: probe.max, long: probe.long,
      maxImports: probe.maxImports, maxChars: probe.maxChars,
      pending: probe.pending.size,
      // The probe's own listener (just above) is not the extension's.
      listeners: probe.listeners.filter(([, type]) => type !== "decline-doctor-probe").length,
      observers: probe.observers.size,
      canary: probe.canary,
      // The bridge has stopped this content script (a panic, or orphaned by an extension reload).
      stopped,
      boot: globalThis.__declineDoctorBoot ?? null,
    }),
  );
});
// ---- end of the test build's prelude ----
`;

patch(
  // The bindings, with bridge.js inlined (.ci/inline-snippet.py), a classic
  // script (.ci/content-script.py): the prelude goes inside its scope, and
  // the start-up clock starts after it (the test build's own set-up is not
  // timed), in the first of the content script's files.
  join(dir, "extension/pkg/content_bg.js"),
  [
    [
      "globalThis.__declineDoctorBindings = (() => {\n",
      "globalThis.__declineDoctorBindings = (() => {\n" + PRELUDE + "globalThis.__declineDoctorBoot = { start: performance.now() };\n",
    ],
    // The guard: time and count each outermost call into Rust.
    [
      "    try {\n      return f.apply(this, args);\n    } catch (e) {\n      stop(e);",
      `    const t0 = probe.enter();
    try {
      return f.apply(this, args);
    } catch (e) {
      stop(e);`,
    ],
    // (the call's figures are kept whether it returned or threw)
    [
      "      stop(e);\n      return undefined;\n    }\n  };\n}",
      "      stop(e);\n      return undefined;\n    } finally {\n      if (t0 !== null) probe.leave(t0);\n    }\n  };\n}",
    ],
    // Page text (every string) handed to Rust.
    ...(timingOnly ? [] : [["function passStringToWasm0(arg, malloc, realloc) {\n", "function passStringToWasm0(arg, malloc, realloc) {\n    probe.read(arg);\n"]]),
    // Storage the extension waits for.
    ["api.storage.local.get(key).then(", "probe.track(api.storage.local.get(key)).then("],
    ["api.storage.local.set({ [key]: value })", "probe.track(api.storage.local.set({ [key]: value }))"],
  ],
);

patch(join(dir, "extension/content/boot.js"), [
  ["(async () => {\n", "(async () => {\n  const boot = globalThis.__declineDoctorBoot;\n  boot.boot = performance.now();\n"],
  ["  const bindings = globalThis.__declineDoctorBindings;\n", "  const bindings = globalThis.__declineDoctorBindings;\n  boot.issued = performance.now();\n"],
  // Every call Rust makes out to JS (the module's imports), counted.
  ...(timingOnly
    ? []
    : [
        [
          '{ "./content_bg.js": bindings }',
          `{ "./content_bg.js": Object.fromEntries(Object.entries(bindings).map(([k, f]) => [k, typeof f === "function" && k.startsWith("__wbg") ? function (...a) { globalThis.__declineDoctorProbe.imports += 1; return f.apply(this, a); } : f])) }`,
        ],
      ]),
  ["  bindings.__wbg_set_wasm(exports);\n", "  boot.instantiated = performance.now();\n  bindings.__wbg_set_wasm(exports);\n"],
  ["  bindings.run(engine);\n", "  bindings.run(engine);\n  boot.ready = performance.now();\n  boot.engine = engine;\n"],
]);
