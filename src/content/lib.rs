//! The content-script shell: turns DOM and extension events into calls to
//! the core's [`Session`] and carries out the effects it answers with. It
//! observes the DOM (one MutationObserver, looking only at what changed;
//! its other listeners and storage reads wait for the page's first idle moment),
//! reads lines in bounded tasks, renders the panel, talks to storage. It
//! keeps no state a decision reads: every decision (is this a billing page,
//! what does this line say, what state is the account in, which decline is
//! current, which steps in which order, show or not, where, light or dark)
//! is the session's.
//!
//! gloo is not used here: every callback into Rust must go through the
//! bridge's `guard` (a panic stops the extension on this page, logged once,
//! and a stopped or orphaned instance is never called again), which gloo's
//! listeners and timers would bypass.
//!
//! No `format!` and no `Debug` here: they cost tens of KB of wasm.

mod bridge;
mod dom;
mod observe;
mod panel;
mod read;

use decline_doctor::formats::{key, message, Read, Record, Value};
use decline_doctor::session::{Effect, Session};
use dom::{now_secs, Dom};
use observe::Work;
use js_sys::{Array, Function, Object, Reflect};
use panel::Panel;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, Window};

// talc instead of the default dlmalloc: several KB smaller (the content wasm
// has a size budget, tests/package/budgets.js) and faster. Single-threaded.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A call into the session with the page; effects go to the vector.
type SessionCall<'a> = dyn FnMut(&mut Session<Element>, &mut Dom, &mut Vec<Effect>) + 'a;

struct App {
    engine: &'static str,
    window: Window,
    doc: Document,
    observer: MutationObserver,
    /// Guarded callbacks, created once.
    frame: Function,
    loaded: Function,
    resolved: Function,
    /// Places the panel once it is laid out (`Effect::Place`).
    laid_out: Function,
    /// `prepare`, when the page is idle.
    prepare: Function,
    /// `prepare` ran (or was asked for).
    prepared: bool,
    /// `settle` ran: the listeners and the storage are set up.
    settled: bool,
    /// Storage reads asked for before `settle`, carried out by it.
    until_settled: Vec<Effect>,
    /// Calls into the extension's APIs (storage, the badge), carried out
    /// after the frame being prepared is painted: a first show costs the
    /// page's frame nothing for them.
    deferred: Vec<Effect>,
    /// Runs `deferred` (`bridge::after_paint`).
    flush: Function,
    /// Continues `drain` in a later task.
    resume: Function,
    session: Session<Element>,
    /// Created at idle on a billing page (or on first show), kept for the
    /// page's life (hidden = detached).
    panel: Option<Panel>,
    frame_pending: bool,
    /// Changes still to read (see `drain`).
    work: Work,
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

    let resume = callback(|app, _| {
        app.work.scheduled = false;
        app.drain();
    });
    let frame = callback(|app, _| {
        app.frame_pending = false;
        app.dispatch(|s, page, out| s.frame(page, out));
        if let Some(p) = &app.panel {
            bridge::draw_outline(p.root());
        }
    });
    let loaded = callback(|app, v| app.dispatch(|s, page, out| s.facts_loaded(page, from_js(&v), out)));
    let resolved = callback(|app, _| app.dispatch(|s, page, out| s.resolved_done(page, out)));
    let laid_out = callback(|app, _| app.dispatch(|s, page, out| s.place(page, out)));
    let prepare = callback(|app, _| app.prepare());
    let flush = callback(|app, _| {
        for e in std::mem::take(&mut app.deferred) {
            app.apply_now(e);
        }
    });
    // The rest of the start (listeners, storage, the popup's questions)
    // when the page is first idle: start-up, while the page loads, is only
    // the observer and the first route.
    bridge::when_idle(&callback(|app, _| app.settle()));

    APP.with(|a| {
        *a.borrow_mut() = Some(App {
            engine,
            window,
            doc,
            observer,
            frame,
            loaded,
            resolved,
            laid_out,
            prepare,
            prepared: false,
            settled: false,
            until_settled: Vec::new(),
            deferred: Vec::new(),
            flush,
            resume,
            session: Session::default(),
            panel: None,
            frame_pending: false,
            work: Work::default(),
        })
    });
    with_app(|app| {
        app.navigate();
    });
}

impl App {
    /// The rest of the start, at the page's first idle moment: the window's
    /// and document's listeners, the popup's language setting (now and
    /// whenever it changes) and facts another tab remembered meanwhile, the
    /// popup's report request, and the storage reads asked for until now.
    fn settle(&mut self) {
        if self.settled {
            return;
        }
        self.settled = true;
        let (window, doc) = (&self.window, &self.doc);
        let nav = callback(|app, _| {
            app.navigate();
        });
        bridge::listen(window, "popstate", &nav, false);
        bridge::listen(window, "hashchange", &nav, false);
        let reposition = callback(|app, _| app.dispatch(|s, _, out| s.viewport_changed(out)));
        bridge::listen(window, "resize", &reposition, false);
        bridge::listen(doc, "scroll", &reposition, true);
        // CSS transitions reveal errors without touching the DOM.
        let recheck = callback(|app, _| app.dispatch(|s, page, out| s.revealed(page, out)));
        bridge::listen(doc, "transitionend", &recheck, true);
        bridge::listen(doc, "animationend", &recheck, true);
        // A press in the panel pins it before any of the page's own listeners
        // (a dialog closing on a press outside it) can take the error away.
        bridge::listen(window, "pointerdown", &callback(|app, ev| app.on_window_pointer(ev)), true);
        // A native checkbox changes state without a mutation.
        let changed = callback(|app, _| {
            app.session.switch_changed();
            app.dispatch(|s, page, out| s.evaluate(page, out));
        });
        bridge::listen(doc, "change", &changed, true);
        bridge::storage_get(key::LANG, &callback(|app, v| app.set_lang(&v)));
        bridge::on_storage(&callback(|app, changes| app.on_storage(&changes)));
        let report = Closure::<dyn FnMut() -> JsValue>::new(|| {
            let mut out = JsValue::NULL;
            with_app(|app| out = to_js(&app.session.report(now_secs())));
            out
        });
        bridge::on_report(report.as_ref().unchecked_ref());
        report.forget();
        for e in std::mem::take(&mut self.until_settled) {
            self.apply_now(e);
        }
    }

    /// While the page is idle, on a billing page only: the texts inflated,
    /// the panel's host, shadow root and style sheet made, and the first
    /// panel rehearsed off the page (`Session::rehearsal`), so that a first
    /// show runs code that has run before.
    fn prepare(&mut self) {
        if self.prepared || !self.session.billing() {
            return;
        }
        self.prepared = true;
        decline_doctor::knowledge::warm_texts();
        if self.panel.is_none() {
            let rehearsal = self.session.rehearsal(&Dom::new(&self.doc, None));
            if let Some(model) = rehearsal {
                self.panel().render(&model, "");
                let doc = self.doc.clone();
                if let Some(p) = &self.panel {
                    bridge::rehearse_style(&p.host, &doc);
                }
            }
        }
    }

    /// Calls the session with the page, then carries out its effects.
    fn dispatch(&mut self, mut f: impl FnMut(&mut Session<Element>, &mut Dom, &mut Vec<Effect>)) {
        self.dispatch_dyn(&mut f);
    }

    /// One body for every call (`dispatch` only adapts the closure).
    fn dispatch_dyn(&mut self, f: &mut SessionCall) {
        let mut out = Vec::new();
        f(&mut self.session, &mut Dom::new(&self.doc, self.panel.as_ref()), &mut out);
        for e in out {
            self.apply(e);
        }
    }

    /// A URL change (or the start). Returns whether the page is read afresh.
    fn navigate(&mut self) -> bool {
        let loc = self.window.location();
        let href = loc.href().unwrap_or_default();
        // (Checked on every batch of mutations: one read of the URL.)
        if self.session.at(&href) {
            return false;
        }
        let host = loc.host().unwrap_or_default();
        let path = loc.pathname().unwrap_or_default();
        let hash = loc.hash().unwrap_or_default();
        let mut fresh = false;
        self.dispatch(|s, _, out| fresh = s.navigate(&href, &host, &path, &hash, out));
        // On a billing page (at start, or after a single-page navigation
        // into one): prepare the first panel when the page is idle.
        if fresh && self.session.billing() && !self.prepared {
            let _ = self.window.request_idle_callback(&self.prepare);
        }
        fresh
    }

    /// Carries out one of the session's effects: storage reads asked for
    /// before `settle` when it runs, the other extension API calls after the
    /// next paint (in order), the rest now.
    fn apply(&mut self, e: Effect) {
        if matches!(e, Effect::LoadFacts(_)) && !self.settled {
            self.until_settled.push(e);
        } else if matches!(e, Effect::StoreFacts(..) | Effect::StoreLastDecline(_) | Effect::Notify(_)) {
            if self.deferred.is_empty() {
                bridge::after_paint(&self.flush);
            }
            self.deferred.push(e);
        } else {
            self.apply_now(e);
        }
    }

    fn apply_now(&mut self, e: Effect) {
        match e {
            Effect::Observe { billing } => self.observe(billing),
            Effect::ReadPage => {
                // Everything already on the page, once, in later tasks
                // (within the units of work each).
                if let Some(body) = self.doc.body() {
                    self.work.stack.push(body.into());
                }
                self.schedule();
            }
            Effect::LoadFacts(system) => bridge::storage_get(key::facts(system), &self.loaded),
            Effect::StoreFacts(system, r) => bridge::storage_set(key::facts(system), &to_js(&r)),
            Effect::StoreLastDecline(d) => bridge::storage_set(key::LAST_DECLINE, &to_js(&d)),
            Effect::Notify(reason) => notify(reason.map(|r| r.id())),
            Effect::Render => {
                self.panel();
                if let (Some(p), Some((model, quote))) = (&mut self.panel, self.session.content()) {
                    p.render(model, quote);
                }
            }
            Effect::RenderResolved(label, message, dismiss) => self.panel().render_resolved(label, message, dismiss),
            Effect::Set(name, value) => self.panel().set(name, value),
            Effect::Steps(ids) => self.panel().set("data-steps", &ids),
            Effect::ShowMe(ids) => self.panel().set("data-show-me", &ids),
            Effect::Attach => {
                let doc = self.doc.clone();
                self.panel().attach(&doc);
            }
            Effect::Hide => {
                if let Some(p) = &self.panel {
                    p.host.remove();
                }
            }
            Effect::Place => match self.panel.as_ref().and_then(|p| p.body()) {
                Some(body) => bridge::when_laid_out(body, &self.laid_out),
                None => self.dispatch(|s, page, out| s.place(page, out)),
            },
            Effect::MoveTo(x, y) => self.panel().move_to(x, y),
            Effect::RequestFrame => {
                if !self.frame_pending {
                    self.frame_pending = true;
                    let _ = self.window.request_animation_frame(&self.frame);
                }
            }
            Effect::Timer(ms) => {
                let _ = self.window.set_timeout_with_callback_and_timeout_and_arguments_0(&self.resolved, ms as i32);
            }
        }
    }

    /// The panel, made on first use with its delegated listeners.
    fn panel(&mut self) -> &mut Panel {
        let doc = &self.doc;
        let engine = self.engine;
        self.panel.get_or_insert_with(|| {
            let p = Panel::new(doc);
            bridge::undo_on_stop(&p.host, "remove");
            p.set("data-engine", engine);
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
        })
    }

    /// The language setting ("auto", a tag, or nothing stored).
    fn set_lang(&mut self, v: &JsValue) {
        let tag = v.as_string();
        self.dispatch(|s, page, out| s.set_lang(page, tag.as_deref(), out));
    }

    fn on_storage(&mut self, changes: &JsValue) {
        let get = |k: &str| Reflect::get(changes, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined());
        if let Some(v) = get(key::LANG) {
            self.set_lang(&v);
        }
        if let Some(system) = self.session.facts_system() {
            if let Some(v) = get(key::facts(system)) {
                self.dispatch(|s, page, out| s.facts_stored(page, from_js(&v), out));
            }
        }
    }

    fn on_window_pointer(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        let target: Option<JsValue> = ev.target().map(Into::into);
        if target.is_some() && target == self.panel.as_ref().map(|p| p.host.clone().into()) {
            self.session.interact();
        }
    }

    fn on_pointer(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        ev.stop_propagation();
        if ev.type_() != "focusin" {
            self.session.interact();
        }
    }

    fn on_click(&mut self, ev: JsValue) {
        let ev: web_sys::Event = ev.unchecked_into();
        ev.stop_propagation();
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let on = |sel: &str| read::closest(&target, sel);
        if on("[data-action=dismiss]").is_some() {
            self.dispatch(|s, page, out| s.dismiss(page, out));
        } else if let Some(b) = on("[data-show]") {
            let id = b.get_attribute("data-show").unwrap_or_default();
            let mut found = Vec::new();
            self.dispatch(|s, page, out| found = s.show_me(page, &id, out));
            if let (false, Some(p)) = (found.is_empty(), &self.panel) {
                let targets: Array = found.into_iter().collect();
                bridge::show_outline(p.root(), &targets, decline_doctor::plan::OUTLINE_MS);
            }
        } else if let Some(b) = on("[data-why]") {
            self.session.interact();
            if let Some(p) = &self.panel {
                bridge::toggle_why(p.root(), &b.get_attribute("data-why").unwrap_or_default());
            }
        } else if on("[data-more]").is_some() {
            self.session.interact();
            if let Some(p) = &self.panel {
                bridge::toggle_steps(p.root());
            }
            // (Its new size places it again: `Effect::Place`'s observer.)
        }
    }

    fn on_key(&mut self, ev: JsValue) {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
        // Keys typed in the panel are the panel's: the page's hotkeys must not fire.
        ev.stop_propagation();
        if ev.type_() == "keydown" && ev.key() == "Escape" {
            self.dispatch(|s, page, out| s.dismiss(page, out));
        }
    }
}

/// A record of `decline_doctor::formats` as a plain object (field by field: no
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

/// A record of `decline_doctor::formats` from a plain object (None: not one).
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

/// Tells the background (which owns the toolbar badge) what this tab
/// shows: a decline's reason, or none.
fn notify(reason: Option<&str>) {
    let msg = Object::new();
    let kind = if reason.is_some() { message::DECLINE } else { message::CLEAR };
    let _ = Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str(kind));
    if let Some(r) = reason {
        let _ = Reflect::set(&msg, &JsValue::from_str("reason"), &JsValue::from_str(r));
    }
    bridge::notify(&msg);
}
