// The JavaScript side of the content-script shell (a wasm-bindgen snippet):
// the guard every callback into Rust goes through, and the extension APIs
// web-sys has no bindings for. It decides nothing.
//
// The guard: a panic in Rust (panic = "abort") traps, and the trap surfaces
// here as an exception. It is caught, logged once, and the extension stops on
// this page: listeners and the observer are removed, the panel goes, and no
// call reaches the wasm instance again. The same happens, silently, when the
// extension was reloaded or removed while the page stayed open (the orphaned
// content script loses its runtime).

const api = globalThis.browser ?? globalThis.chrome;
let stopped = false;
const onStop = [];

function alive() {
  try {
    return Boolean(api?.runtime?.id);
  } catch {
    return false;
  }
}

function stop(error) {
  if (stopped) return;
  stopped = true;
  for (const undo of onStop.splice(0)) {
    try {
      undo();
    } catch {
      // keep undoing the rest
    }
  }
  if (error !== undefined) {
    console.warn("Decline Doctor stopped on this page after an internal error; the page itself is unaffected.", error);
  }
}

/** `f`, wrapped: not called once stopped; an exception stops the extension here. */
export function guard(f) {
  return function guarded(...args) {
    if (stopped) return undefined;
    if (!alive()) {
      stop();
      return undefined;
    }
    try {
      return f.apply(this, args);
    } catch (e) {
      stop(e);
      return undefined;
    }
  };
}

/** On stop, call `target[method]()` (the observer's disconnect, the panel's remove). */
export function undoOnStop(target, method) {
  onStop.push(() => target[method]());
}

/** A guarded, passive listener, removed on stop. */
export function listen(target, type, f, capture) {
  const g = guard(f);
  target.addEventListener(type, g, { capture, passive: true });
  onStop.push(() => target.removeEventListener(type, g, { capture }));
}

// Element kinds. The selector lists are data (src/knowledge/dom.toml), handed
// over once; the browser matches them natively, so reading a node costs one
// call from wasm and no strings.
let skipSelector = "*";
let inlineSelector = "";

export function setKinds(skip, inline) {
  skipSelector = skip;
  inlineSelector = inline;
}

/** 0: an element never read, 1: an inline element, 2: a block, 3: text, 4: anything else. */
export function nodeKind(node) {
  const type = node.nodeType;
  if (type === 3) return 3;
  if (type !== 1) return 4;
  return node.matches(skipSelector) ? 0 : node.matches(inlineSelector) ? 1 : 2;
}

/**
 * `el` and its ancestors, at most `max`, as ids: each element's value in
 * `ids`, given the next id when it has none yet.
 */
export function pathIds(el, ids, max) {
  const out = [];
  for (let e = el; e && out.length < max; e = e.parentElement) {
    let id = ids.get(e);
    if (id === undefined) {
      id = ids.size;
      ids.set(e, id);
    }
    out.push(id);
  }
  return Uint32Array.from(out);
}

/**
 * Whether the user can see `el` (display, content-visibility, visibility,
 * opacity), or is about to: an element fading in counts from its first frame.
 */
export function visible(el) {
  if (typeof el.checkVisibility !== "function") {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  return el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) || (el.checkVisibility({ visibilityProperty: true }) && fadingIn(el));
}

/**
 * Whether `el` or an ancestor is fading in: a running opacity transition or
 * animation on it heads above 0 (an error revealed with a fade is on screen
 * from its first frame, at opacity 0). Looks at the page's first 500
 * animations at most.
 */
function fadingIn(el) {
  for (const a of document.getAnimations().slice(0, 500)) {
    const target = a.effect?.target;
    if (a.playState !== "running" || !target || !(target === el || target.contains(el))) continue;
    const last = a.effect.getKeyframes().at(-1);
    if (last && "opacity" in last && Number(last.opacity) > 0) return true;
  }
  return false;
}

/** Whether the extension already stopped here. */
export function isStopped() {
  return stopped;
}

/** Calls `f` (guarded) with the storage.local value for `key`, or null. */
export function storageGet(key, f) {
  api.storage.local.get(key).then((r) => f(r[key] ?? null), () => f(null));
}

export function storageSet(key, value) {
  api.storage.local.set({ [key]: value }).catch(() => {});
}

/** Calls `f` (guarded) with storage.local changes: { key: newValue }. */
export function onStorage(f) {
  const g = guard(f);
  const listener = (changes, area) => {
    if (area !== "local") return;
    const values = {};
    for (const [k, v] of Object.entries(changes)) values[k] = v.newValue ?? null;
    g(values);
  };
  api.storage.onChanged.addListener(listener);
  onStop.push(() => api.storage.onChanged.removeListener(listener));
}

// The panel's DOM, built from its view model (decided in Rust,
// src/plan.rs): text nodes only, nothing is parsed as HTML.

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function frame(root, css, label, dismiss, cls) {
  // The style element of an earlier render (or the rehearsal's) is kept:
  // its sheet stays parsed.
  root.replaceChildren(root.querySelector("style") ?? el("style", "", css));
  const aside = el("aside", cls, "");
  aside.setAttribute("aria-label", label);
  const header = el("header", "", "");
  const close = el("button", "close", "\u00d7");
  close.type = "button";
  close.dataset.action = "dismiss";
  close.setAttribute("aria-label", dismiss);
  close.title = dismiss;
  header.append(el("h2", "", "Decline Doctor"), close);
  aside.append(header);
  root.append(aside);
  return aside;
}

/**
 * The panel from `parts`, a flat list of strings: label, lang, dismiss,
 * "the page says" label, quote, "likely" label, summary, "page shows" intro
 * (or ""), the facts joined (or ""), fallback note (or ""), steps heading,
 * "source" label, privacy line, how many steps show first, "Why?", "All N
 * steps", "Fewer steps", "Show me"; then per step: id, its short line, what
 * to do, why, "1" when its control is on this page (else ""), a link's url
 * and label (or "", ""), the number of sources, and (title, url) for each.
 * Which steps were opened, and whether all were, survive a new render of the
 * same steps. Returns the <aside>.
 *
 * What the panel in `root` already shows is kept and its texts updated in
 * place: the frame when it has the same paragraphs, each step with the same
 * buttons and links (by id). A first show after the idle rehearsal builds
 * only the steps the rehearsal did not have.
 */
export function renderPanel(root, css, parts) {
  const head = parts.slice(0, HEAD);
  const headShape = `${head[7] !== ""} ${head[9] !== ""} ${head[13]}`;
  const old = built && built.aside.parentNode === root ? built : null;
  const oldSteps = old?.ol.dataset.steps;
  const wasAll = old?.more?.getAttribute("aria-expanded") === "true";
  const a = root.activeElement;
  const focus = a && (a.dataset.why ? `[data-why="${a.dataset.why}"]` : a.dataset.show ? `[data-show="${a.dataset.show}"]` : a.dataset.more !== undefined ? "[data-more]" : a.dataset.action ? `[data-action="${a.dataset.action}"]` : null);
  let b;
  if (old && old.headShape === headShape) {
    b = old;
    const before = b.head;
    b.head = head;
    for (let k = 0; k < HEAD; k++) if (head[k] !== before[k]) b.slots[k]?.(head[k]);
  } else {
    b = buildFrame(root, css, head, headShape);
  }
  built = b;
  // The steps, by id: kept when they have the same buttons and links.
  const steps = new Map();
  const lis = [];
  for (let i = HEAD; i < parts.length; ) {
    const count = parts[i + 7];
    const vals = parts.slice(i, i + 8 + 2 * count);
    i += vals.length;
    const shape = `${vals[4] !== ""} ${vals[5] !== ""} ${count}`;
    let st = old?.steps.get(vals[0]);
    if (st && st.shape === shape) {
      const before = st.vals;
      st.vals = vals;
      for (let k = 0; k < vals.length; k++) if (vals[k] !== before[k]) st.slots[k]?.(vals[k]);
      // The frame's words it shows: "Why?", "Show me", the sources' label.
      const labels = [head[14], head[17], head[11]];
      const relabel = labels.some((v, k) => v !== st.labels[k]);
      if (relabel) {
        st.toggle.textContent = head[14];
        if (st.show) st.show.textContent = head[17];
        st.labels = labels;
      }
      if (st.more.childElementCount && (relabel || vals.some((v, k) => v !== before[k]))) refillWhy(st);
    } else {
      // Rebuilt (its buttons or links changed): opened, it stays opened
      // when the steps are the same.
      const reopen = Boolean(st && !st.more.hidden);
      st = buildStep(vals, shape, b);
      st.reopen = reopen;
    }
    steps.set(vals[0], st);
    lis.push(st.li);
  }
  b.steps = steps;
  const ids = [...steps.keys()].join(" ");
  const same = ids === oldSteps;
  if (!same || lis.some((li, k) => b.ol.children[k] !== li)) b.ol.replaceChildren(...lis);
  b.ol.dataset.steps = ids;
  const first = head[13];
  const all = same && wasAll;
  for (const st of steps.values()) {
    if (!same) {
      // Other steps: nothing stays opened.
      st.more.hidden = true;
      st.more.replaceChildren();
      st.toggle.setAttribute("aria-expanded", "false");
    } else if (st.reopen) {
      fillWhy(st);
      st.more.hidden = false;
      st.toggle.setAttribute("aria-expanded", "true");
    }
    st.reopen = false;
  }
  lis.forEach((li, k) => (li.hidden = !all && k >= first));
  if (lis.length > first) {
    b.more ??= moreButton(b);
    b.more.dataset.labels = `${head[15]}\n${head[16]}`;
    b.more.setAttribute("aria-expanded", String(all));
    b.more.textContent = all ? head[16] : head[15];
    if (b.ol.nextSibling !== b.more) b.ol.after(b.more);
  } else if (b.more) {
    b.more.remove();
    b.more = null;
  }
  if (focus && !root.activeElement) root.querySelector(focus)?.focus();
  return b.aside;
}

// Parts before the steps (see `renderPanel`).
const HEAD = 18;

// The panel last built: the frame's parts and per part the function that
// shows a new value of it; the <aside>, <ol> and "All steps" button; and
// per step id its parts, its elements and the functions that show them.
let built = null;

function buildFrame(root, css, head, headShape) {
  const [label, lang, dismiss, pageSays, quote, likely, summary, showsIntro, shows, fallback, stepsHeading, , privacy] = head;
  const slots = [];
  const text = (k, node) => (slots[k] = (v) => (node.textContent = v));
  const aside = frame(root, css, label, dismiss, "");
  const close = aside.querySelector(".close");
  slots[0] = (v) => aside.setAttribute("aria-label", v);
  slots[2] = (v) => {
    close.setAttribute("aria-label", v);
    close.title = v;
  };
  aside.lang = lang;
  slots[1] = (v) => (aside.lang = v);
  const says = el("p", "", "");
  const saysLabel = el("span", "label", pageSays);
  const quoteSpan = el("span", "quote", quote);
  text(3, saysLabel);
  text(4, quoteSpan);
  says.append(saysLabel, " ", quoteSpan);
  const likelyP = el("p", "", "");
  const likelyLabel = el("span", "label", likely);
  const summaryText = document.createTextNode(summary);
  text(5, likelyLabel);
  slots[6] = (v) => (summaryText.data = v);
  likelyP.append(likelyLabel, ": ", summaryText);
  aside.append(says, likelyP);
  if (showsIntro) {
    const p = el("p", "shows", `${showsIntro}: ${shows}`);
    slots[7] = slots[8] = () => (p.textContent = `${built.head[7]}: ${built.head[8]}`);
    aside.append(p);
  }
  if (fallback) {
    const p = el("p", "shows", fallback);
    text(9, p);
    aside.append(p);
  }
  const h3 = el("h3", "", stepsHeading);
  text(10, h3);
  const ol = el("ol", "", "");
  ol.id = "dd-steps";
  const foot = el("p", "foot", privacy);
  text(12, foot);
  aside.append(h3, ol, foot);
  // (What every step shows, "Why?", "Show me" and the sources' label, each
  // step takes from the frame's parts: `renderPanel`.)
  return { head, headShape, slots, aside, ol, more: null, steps: new Map() };
}

function moreButton(b) {
  const more = el("button", "more", "");
  more.type = "button";
  more.dataset.more = "";
  more.setAttribute("aria-controls", b.ol.id);
  return more;
}

/** One step's <li> from its parts (`vals`: id, short line, ..., see `renderPanel`). */
function buildStep(vals, shape, b) {
  const [id, shortText, , , showMe, url, linkLabel] = vals;
  const slots = [];
  const li = el("li", "", "");
  li.dataset.step = id;
  const row = el("div", "row", "");
  const short = el("span", "short", shortText);
  short.id = `dd-short-${id}`;
  slots[1] = (v) => (short.textContent = v);
  row.append(short);
  let show = null;
  if (showMe) {
    show = el("button", "show", b.head[17]);
    show.type = "button";
    show.dataset.show = id;
    show.setAttribute("aria-describedby", short.id);
    row.append(show);
  }
  if (url) {
    const a = el("a", "go", linkLabel);
    a.href = url;
    slots[5] = (v) => (a.href = v);
    slots[6] = (v) => (a.textContent = v);
    row.append(a);
  }
  const more = el("div", "why", "");
  more.id = `dd-why-${id}`;
  more.hidden = true;
  const toggle = el("button", "why-toggle", b.head[14]);
  toggle.type = "button";
  toggle.dataset.why = id;
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", more.id);
  toggle.setAttribute("aria-describedby", short.id);
  row.append(toggle);
  li.append(row, more);
  // What "Why?" shows is built when it is first opened (a first show lays
  // out, and builds, only what is seen).
  return { shape, vals, slots, li, more, toggle, show, labels: [b.head[14], b.head[17], b.head[11]] };
}

/** A step's "Why?" contents, again from its current parts. */
function refillWhy(st) {
  st.more.replaceChildren();
  fillWhy(st);
}

/** A step's instruction, reason and sources, built when its "Why?" is first opened. */
function fillWhy(st) {
  if (st.more.childElementCount) return;
  const [, , act, why, , , , count] = st.vals;
  st.more.append(el("p", "act", act), el("p", "reason", why));
  const src = el("p", "src", built.head[11]);
  for (let k = 0; k < count; k++) {
    const [title, href] = [st.vals[8 + 2 * k], st.vals[9 + 2 * k]];
    src.append(k ? "; " : ": ");
    if (!href) {
      src.append(title);
      continue;
    }
    const a = el("a", "", title);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    src.append(a);
  }
  st.more.append(src);
}

/** "Why?" of the step `id`: shows or hides its reason and sources. */
export function toggleWhy(root, id) {
  const st = built?.aside.parentNode === root ? built.steps.get(id) : null;
  if (!st) return;
  fillWhy(st);
  st.more.hidden = !st.more.hidden;
  st.toggle.setAttribute("aria-expanded", String(!st.more.hidden));
}

/** "All N steps" / "Fewer steps": shows every step, or the first ones again. */
export function toggleSteps(root) {
  const b = built?.aside.parentNode === root ? built : null;
  if (!b?.more) return;
  const all = b.more.getAttribute("aria-expanded") !== "true";
  b.more.setAttribute("aria-expanded", String(all));
  b.more.textContent = b.head[all ? 16 : 15];
  [...b.ol.children].forEach((li, k) => {
    li.hidden = !all && k >= b.head[13];
  });
}

// The panel is placed where the browser has already laid it out: a
// ResizeObserver on the <aside> calls back after layout, before paint
// (observing again re-arms its first notification).
let sizeObserver = null;
let onSized = null;

/** Calls `f` (guarded) once `target` is laid out in this frame, and whenever its size changes. */
export function whenLaidOut(target, f) {
  onSized = f;
  if (!sizeObserver) {
    sizeObserver = new ResizeObserver(() => onSized?.());
    onStop.push(() => sizeObserver.disconnect());
  }
  sizeObserver.disconnect();
  sizeObserver.observe(target);
}

/** Calls `f` (guarded) once, when the page is next idle; within 200 ms in any case. */
export function whenIdle(f) {
  requestIdleCallback(() => f(), { timeout: 200 });
}

/**
 * Styles and lays out the rehearsed panel once, in one task (never painted):
 * in the document for that computation only, then taken out again.
 */
export function rehearseStyle(host, doc) {
  doc.documentElement.append(host);
  host.getBoundingClientRect();
  host.remove();
}

/**
 * Calls `f` once, after the frame being prepared is painted, when the page is
 * idle again (its own work after that frame goes first); within 100 ms in
 * any case (a page that is hidden, or not given frames, paints none).
 */
export function afterPaint(f) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    f();
  };
  if (document.visibilityState === "visible") requestAnimationFrame(() => requestIdleCallback(run, { timeout: 100 }));
  setTimeout(run, 100);
}

// "Show me": outlines drawn from the panel's shadow root around the page's
// controls (the page's own elements are not changed). They follow their
// controls in each frame the session asks for (after a scroll or a resize),
// and go after a few seconds, or with the panel.
let outlines = [];
let outlineTimer = 0;

/** Scrolls the first of `targets` into view and outlines each for `ms` milliseconds. */
export function showOutline(root, targets, ms) {
  clearOutline();
  targets[0]?.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  outlines = targets.map((target) => {
    const box = el("div", "outline", "");
    box.dataset.outline = "";
    root.append(box);
    return [box, target];
  });
  drawOutline(root);
  outlineTimer = setTimeout(clearOutline, ms);
}

/** Moves the outlines (in `root`) to where their controls are now; one whose control went or is hidden goes. */
export function drawOutline(root) {
  outlines = outlines.filter(([box, target]) => {
    const r = target.isConnected && box.parentNode === root ? target.getBoundingClientRect() : null;
    if (!r || (r.width === 0 && r.height === 0)) {
      box.remove();
      return false;
    }
    const s = box.style;
    s.left = `${Math.round(r.left) - 4}px`;
    s.top = `${Math.round(r.top) - 4}px`;
    s.width = `${Math.round(r.width) + 8}px`;
    s.height = `${Math.round(r.height) + 8}px`;
    return true;
  });
}

export function clearOutline() {
  clearTimeout(outlineTimer);
  for (const [box] of outlines) box.remove();
  outlines = [];
}

/** The innermost element in `within` (or itself) whose whole text, trimmed and lowercased, is `folded`. Looks at 500 elements at most. */
export function findText(within, folded) {
  const same = (e) => e.textContent.replace(/\s+/g, " ").trim().toLowerCase() === folded;
  let best = same(within) ? within : null;
  const all = within.querySelectorAll("*");
  for (let k = 0; k < Math.min(all.length, 500); k++) {
    const e = all[k];
    if ((!best || best.contains(e)) && same(e)) best = e;
  }
  return best;
}

/** The short "that worked" message; returns the <aside>. */
export function renderResolved(root, css, label, message, dismiss) {
  const aside = frame(root, css, label, dismiss, "resolved");
  aside.setAttribute("role", "status");
  aside.append(el("p", "worked", message));
  return aside;
}

/** Places the panel: its <aside>, by an inline transform (see panel.css). */
export function moveTo(aside, x, y) {
  aside.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}

/** Answers the popup's {type: "report"} with `f()` (guarded). */
export function onReport(f) {
  const g = guard(f);
  const listener = (message, sender, sendResponse) => {
    if (message?.type !== "report" || sender.id !== api.runtime.id) return false;
    sendResponse(g() ?? { stopped: true });
    return false;
  };
  api.runtime.onMessage.addListener(listener);
  onStop.push(() => api.runtime.onMessage.removeListener(listener));
}

/** A message to the background (which sets the toolbar badge). */
export function notify(message) {
  try {
    api.runtime.sendMessage(message).catch(() => {});
  } catch {
    // the background is restarting; the next change sends again
  }
}
