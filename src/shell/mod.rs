//! The content-script shell: observes the DOM (one MutationObserver, looking
//! only at what changed), renders the panel, talks to storage. Every decision
//! (is this a billing page, what does this line say, what state is the
//! account in, which steps in which order, show or not, where, light or dark)
//! is the core's.
//!
//! No `format!` and no `Debug` here: they cost tens of KB of wasm.

mod bridge;
mod panel;
mod read;

use crate::classify::{classify_line, Hit};
use crate::facts::read_line;
use crate::knowledge::{Lang, CONTROL_SELECTOR, ERROR_SPOT_SELECTOR, MODAL_SELECTOR, TOAST_SELECTOR};
use crate::limits::{line_cost, MAX_CONTROLS, MAX_TRACKED, READ_UNITS_PER_TASK};
use crate::text::quote;
use crate::place::{place, Anchor, Rect};
use crate::plan::{panel as panel_model, resolved as resolved_text, Context, PanelModel};
use crate::presence::{Detected, Presence, Shown, RESOLVED_MS};
use crate::route::route;
use crate::knowledge::RouteDef;
use crate::scheme::is_dark;
use crate::checklist::last_decline;
use crate::formats::{key, message, LastDecline, Read, Record, TabReport, Value};
use crate::state::{action as action_of, derive, merge, BillingState, Remembered, Seen};
use crate::vocab::{Action, Fact, Scope, YearMonth};
use js_sys::{Array, Date, Function, Map, Object, Reflect};
use panel::Panel;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, MutationRecord, Window};

/// Attributes whose change can show or hide text, or flip a switch.
const WATCHED_ATTRIBUTES: [&str; 6] = ["style", "class", "hidden", "open", "aria-hidden", "aria-checked"];

/// What a placement was computed from: anchor rect, viewport size, panel size.
type Placement = (Rect, (f64, f64), (f64, f64));

/// A line of the page that says something: a decline message, page facts, or both.
struct Tracked {
    el: Element,
    hit: Option<Hit>,
    /// The line as the panel repeats it (when it states a decline).
    quote: String,
    facts: Vec<Fact>,
    /// Order of detection (the latest decline is the current one).
    seq: u32,
}

struct App {
    engine: &'static str,
    window: Window,
    doc: Document,
    observer: MutationObserver,
    /// Guarded callbacks, created once.
    frame: Function,
    loaded: Function,
    href: String,
    ctx: Option<Context>,
    route: Option<&'static RouteDef>,
    /// The language the user chose in the popup (None: the message's).
    lang_choice: Option<Lang>,
    /// The decline the page shows now (whether or not its panel was dismissed).
    on_page: Option<crate::knowledge::Reason>,
    /// What the last decline was about (kept while its panel is held).
    action: Action,
    /// The "that worked" message is up and its timer set.
    resolving: bool,
    /// The popup's record of the decline last shown: a success resolves it
    /// even after the error went while the retry was processed.
    stored: Option<LastDecline>,
    /// The observer is set up for `ctx`.
    observing: bool,
    tracked: Vec<Tracked>,
    seq: u32,
    facts_changed: bool,
    live: BillingState,
    remembered: Option<Remembered>,
    remembered_loaded: bool,
    presence: Presence,
    /// Created on first show, kept for the page's life (hidden = detached).
    panel: Option<Panel>,
    shown: bool,
    rendered: Option<PanelModel>,
    /// The decline the panel is about and the page's words for it (kept
    /// while a faded toast is held).
    hit: Option<(Hit, String)>,
    anchor: Option<Element>,
    placed: Option<Placement>,
    frame_pending: bool,
    notified: Option<&'static str>,
    /// Changes still to read (see `drain`).
    work: Work,
    /// Continues `drain` in a later task.
    resume: Function,
}

/// What the observer found and `drain` has not read yet.
#[derive(Default)]
struct Work {
    /// Lines whose text changed.
    lines: std::collections::VecDeque<Element>,
    /// Added elements whose subtrees are still to be walked.
    stack: Vec<Element>,
    scheduled: bool,
}


thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the app, unless it is busy (a callback that arrives while
/// Rust is already running is dropped; the next mutation catches up).
fn with_app(f: impl FnOnce(&mut App)) {
    APP.with(|a| {
        if let Ok(mut a) = a.try_borrow_mut() {
            if let Some(app) = a.as_mut() {
                f(app);
            }
        }
    });
}

/// A guarded JS function that calls `f` on the app.
fn callback(f: fn(&mut App, JsValue)) -> Function {
    let c = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| with_app(|app| f(app, v)));
    let g = bridge::guard(c.as_ref().unchecked_ref());
    c.forget(); // lives as long as the page; a fixed handful, created once
    g
}

/// Entry point, called by `extension/content/boot.js` with the engine that
/// loaded ("wasm" or "js").
#[wasm_bindgen]
pub fn run(engine: &str) {
    let engine: &'static str = if engine == "js" { "js" } else { "wasm" };
    let start = Closure::once_into_js(move || start(engine));
    let _ = bridge::guard(start.unchecked_ref()).call0(&JsValue::NULL);
}

fn start(engine: &'static str) {
    let window = web_sys::window().unwrap();
    let doc = window.document().unwrap();
    read::init();
    // A content script orphaned by an extension reload may have left its panel.
    if let Ok(old) = doc.query_selector_all("decline-doctor") {
        for i in 0..old.length() {
            if let Some(n) = old.get(i) {
                n.unchecked_into::<Element>().remove();
            }
        }
    }

    let on_mutations = Closure::<dyn FnMut(Array)>::new(|records: Array| with_app(|app| app.on_mutations(&records)));
    let observer = MutationObserver::new(&bridge::guard(on_mutations.as_ref().unchecked_ref())).unwrap();
    on_mutations.forget();
    bridge::undo_on_stop(&observer, "disconnect");

    let nav = callback(|app, _| app.navigate());
    bridge::listen(&window, "popstate", &nav, false);
    bridge::listen(&window, "hashchange", &nav, false);
    let reposition = callback(|app, _| app.request_frame());
    bridge::listen(&window, "resize", &reposition, false);
    bridge::listen(&doc, "scroll", &reposition, true);
    // CSS transitions reveal errors without touching the DOM.
    let recheck = callback(|app, _| {
        if app.tracked.iter().any(|t| t.hit.is_some()) {
            app.evaluate();
        }
    });
    bridge::listen(&doc, "transitionend", &recheck, true);
    bridge::listen(&doc, "animationend", &recheck, true);
    // A press in the panel pins it before any of the page's own listeners
    // (a dialog closing on a press outside it) can take the error away.
    bridge::listen(&window, "pointerdown", &callback(|app, ev| app.on_window_pointer(ev)), true);
    // A native checkbox changes state without a mutation.
    let changed = callback(|app, _| {
        app.facts_changed = true;
        app.evaluate();
    });
    bridge::listen(&doc, "change", &changed, true);
    let resume = callback(|app, _| {
        app.work.scheduled = false;
        app.drain();
    });
    let frame = callback(|app, _| {
        app.frame_pending = false;
        app.placed = None;
        app.position();
    });
    let loaded = callback(|app, v| {
        app.remembered = from_js(&v);
        app.remembered_loaded = true;
        app.facts_changed = true;
        app.evaluate();
    });
    // The popup's language setting, now and whenever it changes; facts
    // another tab remembered meanwhile.
    bridge::storage_get(key::LANG, &callback(|app, v| app.set_lang(&v)));
    bridge::on_storage(&callback(|app, changes| app.on_storage(&changes)));
    let report = Closure::<dyn FnMut() -> JsValue>::new(|| {
        let mut out = JsValue::NULL;
        with_app(|app| out = app.report());
        out
    });
    bridge::on_report(report.as_ref().unchecked_ref());
    report.forget();

    APP.with(|a| {
        *a.borrow_mut() = Some(App {
            engine,
            window,
            doc,
            observer,
            frame,
            loaded,
            href: String::new(),
            ctx: None,
            route: None,
            lang_choice: None,
            on_page: None,
            action: Action::Unknown,
            resolving: false,
            stored: None,
            observing: false,
            tracked: Vec::new(),
            seq: 0,
            facts_changed: false,
            live: BillingState::UNKNOWN,
            remembered: None,
            remembered_loaded: false,
            presence: Presence::default(),
            panel: None,
            shown: false,
            rendered: None,
            hit: None,
            anchor: None,
            placed: None,
            frame_pending: false,
            notified: None,
            work: Work::default(),
            resume,
        })
    });
    with_app(|app| app.navigate());
    // The texts a panel shows, inflated while the page is idle.
    let warm = Closure::once_into_js(crate::knowledge::warm_texts);
    let _ = web_sys::window().unwrap().request_idle_callback(&bridge::guard(warm.unchecked_ref()));
}

impl App {
    /// A URL change (or the start): act on billing routes only.
    fn navigate(&mut self) {
        let loc = self.window.location();
        let href = loc.href().unwrap_or_default();
        if href == self.href {
            return;
        }
        self.href = href;
        let host = loc.host().unwrap_or_default();
        let path = loc.pathname().unwrap_or_default();
        let hash = loc.hash().unwrap_or_default();
        let r = route(&host, &path, &hash);
        let ctx = r.map(|r| Context { system: r.system, page: r.page, action: r.action });
        self.route = r;
        if ctx == self.ctx && self.observing {
            return;
        }
        self.observing = true;
        let system_changed = ctx.map(|c| c.system) != self.ctx.map(|c| c.system);
        self.ctx = ctx;
        self.tracked.clear();
        self.work.lines.clear();
        self.work.stack.clear();
        self.on_page = None;
        self.presence = Presence::default();
        self.facts_changed = true;
        self.hide();

        let Some(root) = self.doc.document_element() else { return };
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        let Some(ctx) = ctx else {
            // Not billing: only watch for the single-page navigation into it.
            let _ = self.observer.observe_with_options(&root, &init);
            return;
        };
        init.set_character_data(true);
        init.set_attributes(true);
        let filter = Array::new();
        for a in WATCHED_ATTRIBUTES {
            filter.push(&JsValue::from_str(a));
        }
        init.set_attribute_filter(&filter);
        let _ = self.observer.observe_with_options(&root, &init);

        if system_changed {
            self.remembered = None;
            self.remembered_loaded = false;
            bridge::storage_get(key::facts(ctx.system), &self.loaded);
        }

        // Everything already on the page, once, in later tasks (within the
        // time budget each).
        if let Some(body) = self.doc.body() {
            self.work.stack.push(body.into());
        }
        self.schedule();
    }

    /// Continues reading in a later task.
    fn schedule(&mut self) {
        if !self.work.scheduled {
            self.work.scheduled = true;
            let _ = self.window.set_timeout_with_callback_and_timeout_and_arguments_0(&self.resume, 0);
        }
    }

    fn on_mutations(&mut self, records: &Array) {
        let before = self.ctx;
        self.navigate();
        if self.ctx.is_none() || self.ctx != before {
            // Not billing, or a fresh route (queued whole).
            return;
        }
        let host: Option<JsValue> = self.panel.as_ref().map(|p| p.host.clone().into());
        let is_host = |n: &JsValue| host.as_ref() == Some(n);
        // Whether anything but our own panel's insertion changed (that needs
        // no second look at the page; its removal does: it may come back).
        let mut page_changed = false;
        for rec in records.iter() {
            let rec: MutationRecord = rec.unchecked_into();
            let Some(target) = rec.target() else { continue };
            if is_host(&target) {
                continue;
            }
            match rec.type_().as_str() {
                "childList" => {
                    let added = rec.added_nodes();
                    let removed = rec.removed_nodes();
                    let ours = removed.length() == 0 && added.length() == 1 && added.get(0).is_some_and(|n| is_host(&n));
                    if ours {
                        continue;
                    }
                    page_changed = true;
                    for i in 0..added.length() {
                        let Some(n) = added.get(i) else { continue };
                        if is_host(&n) {
                            continue;
                        }
                        // An added text or inline node changes its line; an
                        // added element may hold lines of its own.
                        self.work.lines.extend(read::line_of(&n));
                        if let Ok(el) = n.dyn_into::<Element>() {
                            self.work.stack.push(el);
                        }
                    }
                    // A removed text or inline node changes the target's line;
                    // a removed block (a table row) takes its own lines with
                    // it (dropped at evaluation): re-reading the target would
                    // cost a walk over all its children, per removal.
                    let in_line = (0..removed.length()).any(|i| {
                        removed.get(i).is_some_and(|n| matches!(read::kind(&n), read::Kind::Text | read::Kind::Inline))
                    });
                    if in_line {
                        self.work.lines.extend(read::line_of(&target));
                    }
                }
                "characterData" => {
                    page_changed = true;
                    self.work.lines.extend(read::line_of(&target));
                }
                // Attributes: visibility is rechecked by every evaluation; only
                // a switch flipping changes a fact.
                _ => {
                    page_changed = true;
                    self.facts_changed |= rec.attribute_name().as_deref() == Some("aria-checked");
                }
            }
        }
        if page_changed {
            self.drain();
        }
    }

    /// Reads queued changes until this task's units of work are spent (see
    /// `crate::limits`), then evaluates; what is left continues in a later
    /// task.
    fn drain(&mut self) {
        let read = js_sys::Set::new(&JsValue::UNDEFINED);
        let mut left = READ_UNITS_PER_TASK;
        while left > 0 {
            let mut cost = 1;
            if let Some(line) = self.work.lines.pop_front() {
                if !read.has(&line) {
                    read.add(&line);
                    cost = self.scan(&line);
                }
            } else if let Some(el) = self.work.stack.pop() {
                // One element of an added subtree: a line if it is a block,
                // and its children to visit.
                let kind = read::kind(&el);
                if kind != read::Kind::Skipped {
                    if kind == read::Kind::Block && !read.has(&el) {
                        read.add(&el);
                        cost = self.scan(&el);
                    }
                    let mut child = el.last_element_child();
                    while let Some(c) = child {
                        child = c.previous_element_sibling();
                        self.work.stack.push(c);
                    }
                }
            } else {
                break;
            }
            left = left.saturating_sub(cost);
        }
        self.evaluate();
        if !self.work.lines.is_empty() || !self.work.stack.is_empty() {
            self.schedule();
        }
    }

    /// Reads one line and records what it says; returns what that cost in
    /// units of work.
    fn scan(&mut self, el: &Element) -> u32 {
        let text = read::line_text(el);
        let cost = line_cost(text.len());
        #[cfg(feature = "panic-test")]
        if text.contains("decline-doctor-test-panic") {
            panic!("test build: a panic in the content shell");
        }
        // A route read only inside its dialog (Settings over a conversation):
        // every other line says nothing.
        let scoped_out = self.route.is_some_and(|r| r.scope == Scope::Dialog) && read::closest(el, MODAL_SELECTOR).is_none();
        let (hit, mut facts) = if scoped_out {
            (None, Vec::new())
        } else {
            (classify_line(&text, || read::closest(el, ERROR_SPOT_SELECTOR).is_some()), read_line(&text))
        };
        // Amounts are read only next to a "Credit balance" label (evaluate):
        // a usage table's thousands of them are not tracked.
        facts.retain(|f| !matches!(f, Fact::Amount(_)));
        let pos = self.tracked.iter().position(|t| t.el == *el);
        if hit.is_none() && facts.is_empty() {
            if let Some(i) = pos {
                self.tracked.swap_remove(i);
                self.facts_changed = true;
            }
            return cost;
        }
        if pos.is_none() && self.tracked.len() >= MAX_TRACKED {
            return cost;
        }
        let quote = if hit.is_some() { quote(&text) } else { String::new() };
        self.seq += 1;
        let seq = self.seq;
        match pos {
            Some(i) => {
                let t = &mut self.tracked[i];
                if t.facts != facts {
                    self.facts_changed = true;
                }
                // A decline that was already there keeps its place in time.
                if t.hit.map(|h| h.reason) != hit.map(|h| h.reason) {
                    t.seq = seq;
                }
                t.hit = hit;
                t.quote = quote;
                t.facts = facts;
            }
            None => {
                self.facts_changed |= !facts.is_empty();
                self.tracked.push(Tracked { el: el.clone(), hit, quote, facts, seq });
            }
        }
        cost
    }

    /// Looks at what is tracked and shows, updates or hides the panel.
    fn evaluate(&mut self) {
        let Some(ctx) = self.ctx else { return };
        let before = self.tracked.len();
        self.tracked.retain(|t| t.el.is_connected());
        if self.tracked.len() != before {
            self.facts_changed = true;
        }
        let now = now_secs();
        if self.facts_changed {
            self.facts_changed = false;
            let date = Date::new_0();
            let today = YearMonth { year: date.get_full_year() as u16, month: date.get_month() as u8 + 1 };
            let ids = Map::new();
            let mut seen = Vec::new();
            for t in &self.tracked {
                for &fact in &t.facts {
                    let checked = if fact == Fact::AutoRechargeToggle { read::toggle_state(&t.el) } else { None };
                    seen.push(Seen { fact, checked, path: read::path(&t.el, &ids) });
                    if fact == Fact::CreditBalance(None) {
                        // The amounts around the label; the core takes the nearest.
                        for line in read::lines_near(&t.el) {
                            for amount in read_line(&read::line_text(&line)).into_iter().filter(|f| matches!(f, Fact::Amount(_))) {
                                seen.push(Seen { fact: amount, checked: None, path: read::path(&line, &ids) });
                            }
                        }
                    }
                }
            }
            self.live = derive(&seen, today);
            if self.remembered_loaded {
                if let Some(r) = Remembered::update(self.remembered, &self.live, now) {
                    bridge::storage_set(key::facts(ctx.system), &to_js(&r));
                    self.remembered = Some(r);
                }
            }
        }
        let state = merge(self.live, self.remembered.as_ref(), now);

        let current = self
            .tracked
            .iter()
            .filter_map(|t| t.hit.map(|h| (h, t)))
            .filter(|(_, t)| read::visible(&t.el))
            .min_by_key(|(h, t)| (h.reason, u32::MAX - t.seq));
        let detected = current.map(|(h, t)| Detected {
            reason: h.reason,
            lang: h.lang,
            toast: read::closest(&t.el, TOAST_SELECTOR).is_some(),
        });
        let hit = current.map(|(h, t)| (h, t.quote.clone()));
        self.on_page = hit.as_ref().map(|(h, _)| h.reason);
        let anchor = current.map(|(_, t)| t.el.clone());
        // What the decline is about: the action text nearest to it (the core
        // decides from the paths); kept for a held panel.
        if let Some((_, t)) = current {
            let ids = Map::new();
            let decline = read::path(&t.el, &ids);
            let mut texts = Vec::new();
            for x in &self.tracked {
                for &fact in x.facts.iter().filter(|f| matches!(f, Fact::Action(_))) {
                    texts.push(Seen { fact, checked: None, path: read::path(&x.el, &ids) });
                }
            }
            self.action = action_of(&texts, &decline, ctx.action, &state);
        }
        let ctx = Context { action: self.action, ..ctx };
        // The page says a payment went through.
        let success = self.tracked.iter().any(|t| t.facts.contains(&Fact::Success) && read::visible(&t.el));
        match self.presence.update(detected, success) {
            Some(shown) if shown.resolved => self.show_resolved(shown),
            Some(shown) => self.show(shown, hit, anchor, ctx, &state),
            None => self.hide(),
        }
    }

    /// The payment went through after the decline: the panel says so, for
    /// a few seconds, then goes; the popup's last decline records it.
    fn show_resolved(&mut self, shown: Shown) {
        if self.resolving {
            return;
        }
        let Some(panel) = &mut self.panel else { return };
        self.resolving = true;
        let (label, message, dismiss) = resolved_text(shown.detected.lang, self.lang_choice);
        panel.render_resolved(label, message, dismiss);
        panel.set("data-outcome", "resolved");
        panel.attach(&self.doc);
        self.rendered = None;
        self.shown = true;
        self.anchor = None;
        self.placed = None;
        self.position();
        if let Some(mut d) = self.stored.take() {
            d.resolved = true;
            bridge::storage_set(key::LAST_DECLINE, &to_js(&d));
        }
        if self.notified.take().is_some() {
            notify(message::CLEAR, None);
        }
        let done = callback(|app, _| {
            app.resolving = false;
            app.presence.finish();
            app.evaluate();
        });
        let _ = self.window.set_timeout_with_callback_and_timeout_and_arguments_0(&done, RESOLVED_MS as i32);
    }

    /// The popup's record of the last decline (and whether it was resolved).
    fn store_last_decline(&mut self, hit: Hit) {
        let Some(r) = self.route else { return };
        let host = self.window.location().host().unwrap_or_default();
        let d = last_decline(hit, self.action, &host, r.path, now_secs());
        bridge::storage_set(key::LAST_DECLINE, &to_js(&d));
        self.stored = Some(d);
    }

    fn show(&mut self, shown: Shown, hit: Option<(Hit, String)>, anchor: Option<Element>, ctx: Context, state: &BillingState) {
        self.resolving = false;
        // A held toast is no longer on the page: keep showing what it said.
        let hit = if shown.held { self.hit.clone() } else { hit };
        let Some((hit, quote)) = hit else { return self.hide() };
        let anchor = if shown.held { None } else { anchor };
        let model = panel_model(hit, ctx, state, self.lang_choice);
        let doc = self.doc.clone();
        let panel = self.panel.get_or_insert_with(|| {
            let p = Panel::new(&doc);
            bridge::undo_on_stop(&p.host, "remove");
            // Delegated once: clicks (dismiss) and keys (kept from the page).
            let root: &web_sys::EventTarget = p.root();
            bridge::listen(root, "click", &callback(|app, ev| app.on_click(ev)), false);
            let keys = callback(|app, ev| app.on_key(ev));
            for kind in ["keydown", "keyup", "keypress"] {
                bridge::listen(root, kind, &keys, false);
            }
            // Pointer and focus events in the panel are the panel's: a
            // page's "click outside closes the dialog" and focus traps
            // listening on the document do not see them (those listening
            // in the capture phase still do: then the panel stays, pinned).
            let own = callback(|app, ev| app.on_pointer(ev));
            for kind in ["pointerdown", "mousedown", "mouseup", "touchstart", "touchend", "focusin"] {
                bridge::listen(root, kind, &own, false);
            }
            p
        });
        let requoted = self.hit.as_ref().map(|(_, q)| q) != Some(&quote);
        if self.rendered.as_ref() != Some(&model) || requoted {
            panel.render(&model, &quote);
            self.rendered = Some(model);
            self.placed = None;
        }
        self.hit = Some((hit, quote));
        let model = self.rendered.as_ref().unwrap();
        let mut steps = String::new();
        for s in &model.steps {
            if !steps.is_empty() {
                steps.push(' ');
            }
            steps.push_str(s.step.id());
        }
        panel.set("data-reason", model.reason.id());
        panel.set("data-action", ctx.action.id());
        panel.set("data-wording", if hit.recorded.is_some() { "recorded" } else { "unrecorded" });
        panel.set("data-outcome", "declined");
        panel.set("data-steps", &steps);
        panel.set("data-default-card", state.default_card.id());
        panel.set("data-auto-recharge", state.auto_recharge.id());
        panel.set("data-default-expired", state.default_expired.id());
        panel.set("data-lang", model.lang.id());
        panel.set("data-engine", self.engine);
        panel.set("data-anchor", if shown.held { "held" } else { "page" });
        if self.anchor != anchor || !self.shown {
            let probe = anchor.clone().or_else(|| self.doc.body().map(Into::into));
            if let Some(probe) = probe {
                let (colors, scheme) = read::backgrounds(&probe);
                let dark = is_dark(colors, scheme);
                panel.set("data-scheme", if dark { "dark" } else { "light" });
            }
            self.anchor = anchor;
            self.placed = None;
        }
        panel.attach(&doc);
        self.shown = true;
        let reason = model.reason.id();
        if self.notified != Some(reason) {
            self.notified = Some(reason);
            notify(message::DECLINE, Some(reason));
            self.store_last_decline(hit);
        }
        if self.placed.is_none() {
            // First placement (or the anchor or content changed): in this
            // task, so the panel paints where it belongs in its first frame.
            self.position();
        } else {
            // Anything else the page changed: re-check once per frame, where
            // the browser computes layout anyway (not once per mutation).
            self.request_frame();
        }
    }

    /// The language setting ("auto", a tag, or nothing stored).
    fn set_lang(&mut self, v: &JsValue) {
        self.lang_choice = v.as_string().and_then(|t| Lang::from_id(&t));
        self.rendered = None; // re-render in the chosen language
        self.evaluate();
    }

    fn on_storage(&mut self, changes: &JsValue) {
        let get = |k: &str| Reflect::get(changes, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined());
        if let Some(v) = get(key::LANG) {
            self.set_lang(&v);
        }
        if let Some(ctx) = self.ctx {
            if let Some(v) = get(key::facts(ctx.system)) {
                let theirs = from_js(&v);
                if theirs != self.remembered {
                    self.remembered = theirs;
                    self.evaluate();
                }
            }
        }
    }

    /// What this tab shows, for the popup: the route, the billing state and
    /// the decline on the page. Flags and ids only.
    fn report(&self) -> JsValue {
        let mut r = TabReport { active: self.ctx.is_some(), ..TabReport::default() };
        if self.ctx.is_some() {
            let state = merge(self.live, self.remembered.as_ref(), now_secs());
            r.default_card = Some(state.default_card);
            r.auto_recharge = Some(state.auto_recharge);
            r.default_expired = Some(state.default_expired);
            r.decline = self.on_page.map(|r| r.id().into());
        }
        to_js(&r)
    }

    fn hide(&mut self) {
        if let Some(p) = &self.panel {
            p.host.remove();
        }
        self.shown = false;
        self.rendered = None;
        self.hit = None;
        self.anchor = None;
        self.placed = None;
        if self.notified.take().is_some() {
            notify(message::CLEAR, None);
        }
    }

    fn on_window_pointer(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        let target: Option<JsValue> = ev.target().map(Into::into);
        if target.is_some() && target == self.panel.as_ref().map(|p| p.host.clone().into()) {
            self.presence.interact();
        }
    }

    fn on_pointer(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        ev.stop_propagation();
        if ev.type_() != "focusin" {
            self.presence.interact();
        }
    }

    fn on_click(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        ev.stop_propagation();
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target.and_then(|t| read::closest(&t, "[data-action=dismiss]")).is_some() {
            self.dismiss();
        }
    }

    fn dismiss(&mut self) {
        self.presence.dismiss();
        self.evaluate();
    }

    fn on_key(&mut self, ev: JsValue) {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
        // Keys typed in the panel are the panel's: the page's hotkeys must not fire.
        ev.stop_propagation();
        if ev.type_() == "keydown" && ev.key() == "Escape" {
            self.dismiss();
        }
    }

    fn request_frame(&mut self) {
        if self.shown && !self.frame_pending {
            self.frame_pending = true;
            let _ = self.window.request_animation_frame(&self.frame);
        }
    }

    /// Places the panel (the core decides where), unless nothing it depends
    /// on moved since the last time.
    fn position(&mut self) {
        let Some(panel) = &self.panel else { return };
        if !self.shown {
            return;
        }
        let Some(root) = self.doc.document_element() else { return };
        let view = (root.client_width() as f64, root.client_height() as f64);
        let rect = |e: &Element| {
            let r = e.get_bounding_client_rect();
            Rect { x: r.x(), y: r.y(), w: r.width(), h: r.height() }
        };
        let modal = self.anchor.as_ref().filter(|a| a.is_connected()).and_then(|a| read::closest(a, MODAL_SELECTOR));
        let (anchor, basis) = match (&self.anchor, &modal) {
            (Some(_), Some(m)) => {
                let m = rect(m);
                (Anchor::Corner(m), m)
            }
            (Some(a), None) if a.is_connected() => {
                let r = rect(a);
                (Anchor::Beside(r), r)
            }
            _ => {
                let none = Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 };
                (Anchor::Corner(none), none)
            }
        };
        let size = panel.size();
        if self.placed == Some((basis, view, size)) {
            return;
        }
        self.placed = Some((basis, view, size));
        let mut avoid = Vec::new();
        let controls = match &modal {
            Some(m) => m.query_selector_all(CONTROL_SELECTOR),
            None => self.doc.query_selector_all(CONTROL_SELECTOR),
        };
        if let Ok(controls) = controls {
            for i in 0..controls.length().min(MAX_CONTROLS) {
                let Some(c) = controls.get(i) else { continue };
                let r = rect(c.unchecked_ref());
                let on_screen = r.w > 0.0 && r.h > 0.0 && r.right() > 0.0 && r.bottom() > 0.0 && r.x < view.0 && r.y < view.1;
                if on_screen {
                    avoid.push(r);
                }
            }
        }
        let (x, y) = place(size, view, anchor, &avoid);
        panel.move_to(x, y);
    }
}

/// A record of `crate::formats` as a plain object (field by field: no
/// serde-wasm-bindgen in the content script).
fn to_js<R: Record>(r: &R) -> JsValue {
    let o = Object::new();
    r.write(&mut |k, v| {
        let v = match v {
            Value::Text(s) => JsValue::from_str(s),
            Value::Number(n) => JsValue::from_f64(n),
            Value::Flag(b) => JsValue::from_bool(b),
            Value::Null => JsValue::NULL,
        };
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    });
    o.into()
}

/// A record of `crate::formats` from a plain object (None: not one).
fn from_js<R: Record>(o: &JsValue) -> Option<R> {
    if !o.is_object() {
        return None;
    }
    R::read(&mut |k| {
        let v = Reflect::get(o, &JsValue::from_str(k)).ok()?;
        match v.as_string() {
            Some(s) => Some(Read::Text(s)),
            None => v.as_f64().map(Read::Number).or_else(|| v.as_bool().map(Read::Flag)),
        }
    })
}

/// Seconds since the epoch (what storage keeps: no 13-digit millisecond runs).
fn now_secs() -> f64 {
    (Date::now() / 1000.0).floor()
}

/// Tells the background (which owns the toolbar badge) what this tab shows.
fn notify(kind: &str, reason: Option<&str>) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str(kind));
    if let Some(r) = reason {
        let _ = Reflect::set(&msg, &JsValue::from_str("reason"), &JsValue::from_str(r));
    }
    bridge::notify(&msg);
}
