//! The content script's decisions for one page, as a state machine. The
//! shell turns DOM and extension events into calls here (a line's text was
//! read, the URL changed, stored facts arrived, the user dismissed or
//! pressed the panel, the language was chosen, a frame came) and carries out
//! the [`Effect`]s each call answers with (watch the page, render, place or
//! hide the panel, store, notify the badge). What the session needs to know
//! about an element it asks through [`Page`]: the shell answers from the
//! DOM, the native tests from a model.
//!
//! `E` is the shell's handle for an element (a DOM element in the shell,
//! an index in the tests).

use crate::classify::{classify_line, precedence, Hit};
use crate::facts::read_line;
use crate::formats::{LastDecline, TabReport};
use crate::knowledge::{Lang, Reason, RouteDef, FACTS};
use crate::limits::{line_cost, MAX_CONTROLS, MAX_OUTLINED, MAX_TRACKED};
use crate::place::{place, Anchor, Rect};
use crate::plan::{panel as panel_model, resolved as resolved_text, Context, PanelModel};
use crate::presence::{Detected, Presence, Shown, RESOLVED_MS};
use crate::route::route;
use crate::state::{action as action_of, derive, merge, BillingState, Remembered, Seen};
use crate::text::quote;
use crate::vocab::{Action, Control, Fact, Scope, System, YearMonth};

/// What the session asks of the page about an element (or the page).
pub trait Page<E> {
    /// Seconds since the epoch.
    fn now(&self) -> f64;
    /// This year and month, by the page's clock.
    fn today(&self) -> YearMonth;
    /// The element is still in the document.
    fn connected(&self, e: &E) -> bool;
    /// The user can see it (or it is fading in).
    fn visible(&self, e: &E) -> bool;
    /// It stands in an error spot (an alert, an error-styled element, the
    /// payment form or dialog: `dom.toml`).
    fn in_error_spot(&self, e: &E) -> bool;
    /// It stands in an open dialog.
    fn in_dialog(&self, e: &E) -> bool;
    /// It stands in a toast (which fades by itself).
    fn in_toast(&self, e: &E) -> bool;
    /// For a toggle's label: whether its switch is on, if one is found.
    fn toggle(&self, e: &E) -> Option<bool>;
    /// The element, then its ancestors, as ids that name the same element
    /// within one call into the session.
    fn path(&mut self, e: &E) -> Vec<u32>;
    /// The lines around `e` (the amounts next to a balance label).
    fn lines_near(&self, e: &E) -> Vec<E>;
    /// The text of a line.
    fn text(&self, e: &E) -> String;
    /// The backgrounds behind `e` (the page's when `None`) are dark
    /// (`scheme::is_dark` over what the page paints).
    fn dark(&self, e: Option<&E>) -> bool;
    /// The viewport's size.
    fn view(&self) -> (f64, f64);
    fn rect(&self, e: &E) -> Rect;
    /// The rectangle of the dialog `e` stands in, if it stands in one.
    fn dialog_rect(&self, e: &E) -> Option<Rect>;
    /// The page's controls (those in `e`'s dialog when it stands in one),
    /// at most `max`.
    fn controls(&self, within_dialog_of: Option<&E>, max: u32) -> Vec<Rect>;
    /// The panel's size as laid out.
    fn panel_size(&self) -> (f64, f64);
    /// The innermost element in `within` (or `within` itself) whose whole
    /// text, folded ([`crate::text::fold`]), is `folded`.
    fn find_text(&self, within: &E, folded: &str) -> Option<E>;
    /// The form group `e` stands in (`GROUP_SELECTOR`), if any.
    fn group(&self, e: &E) -> Option<E>;
}

/// What the shell does for the session.
#[derive(Clone, PartialEq, Debug)]
pub enum Effect {
    /// Watch the page's text and attributes (a billing page), or only the
    /// document's structure (to see a navigation into one).
    Observe { billing: bool },
    /// Forget what was queued to read, and read the whole page.
    ReadPage,
    /// Load the remembered facts of a billing system ([`Session::facts_loaded`]).
    LoadFacts(System),
    StoreFacts(System, Remembered),
    StoreLastDecline(LastDecline),
    /// Tell the badge that the tab shows this decline, or none.
    Notify(Option<Reason>),
    /// Render the panel's content for a decline ([`Session::content`]).
    Render,
    /// Render "that worked": (label, message, dismiss).
    RenderResolved(&'static str, &'static str, &'static str),
    /// Set an attribute of `<decline-doctor>` (the contract of data-*).
    Set(&'static str, &'static str),
    /// Set `data-steps`: the ids of the steps shown, in order.
    Steps(String),
    /// Set `data-show-me`: the ids of the steps whose control is on this page.
    ShowMe(String),
    /// Put the panel in the document (if it is not).
    Attach,
    /// Take the panel out of the document.
    Hide,
    /// Call [`Session::place`] once the browser has laid the panel out as
    /// the effects before this one left it, before it paints that frame
    /// (the shell: a ResizeObserver on the panel, where geometry is already
    /// computed: no layout forced in the observer callback).
    Place,
    /// Place the panel at (x, y), CSS pixels.
    MoveTo(f64, f64),
    /// Call [`Session::frame`] in the next animation frame.
    RequestFrame,
    /// Call [`Session::resolved_done`] after this many milliseconds.
    Timer(u32),
}

/// A line of the page that says something: a decline, page facts, or both.
struct Line<E> {
    el: E,
    hit: Option<Hit>,
    /// The line as the panel repeats it (when it states a decline).
    quote: String,
    facts: Vec<Fact>,
    /// Order of detection.
    seq: u32,
}

/// What a placement was computed from: anchor rect, viewport, panel size.
type Placement = (Rect, (f64, f64), (f64, f64));

/// The panel while it is in the document.
struct Showing<E> {
    /// What it renders (None: the "that worked" message).
    rendered: Option<PanelModel>,
    /// The element it stands next to (None: held, or the success message).
    anchor: Option<E>,
    placed: Option<Placement>,
}

pub struct Session<E> {
    href: String,
    host: String,
    /// The shell watches the page for `ctx`.
    observing: bool,
    ctx: Option<Context>,
    route: Option<&'static RouteDef>,
    /// The language the user chose in the popup (None: the message's).
    lang_choice: Option<Lang>,
    /// The decline the page shows now (whether or not its panel was dismissed).
    on_page: Option<Reason>,
    /// What the last decline was about (kept while its panel is held).
    action: Action,
    /// The "that worked" message is up and its timer set.
    resolving: bool,
    /// The popup's record of the decline last shown: a success resolves it
    /// even after the error went while the retry was processed.
    stored: Option<LastDecline>,
    lines: Vec<Line<E>>,
    seq: u32,
    facts_changed: bool,
    live: BillingState,
    remembered: Option<Remembered>,
    remembered_loaded: bool,
    presence: Presence,
    /// The decline the panel is about, and the page's words for it (kept
    /// while a faded toast is held, and through the success message).
    hit: Option<(Hit, String)>,
    showing: Option<Showing<E>>,
    /// The panel was made once (the success message needs one).
    made: bool,
    /// What the badge was told.
    notified: Option<Reason>,
    /// The page's controls "Show me" outlines now (the panel keeps clear of them).
    outlined: Vec<E>,
}

impl<E: Clone + PartialEq> Default for Session<E> {
    fn default() -> Self {
        Session {
            href: String::new(),
            host: String::new(),
            observing: false,
            ctx: None,
            route: None,
            lang_choice: None,
            on_page: None,
            action: Action::Unknown,
            resolving: false,
            stored: None,
            lines: Vec::new(),
            seq: 0,
            facts_changed: false,
            live: BillingState::UNKNOWN,
            remembered: None,
            remembered_loaded: false,
            presence: Presence::default(),
            hit: None,
            showing: None,
            made: false,
            notified: None,
            outlined: Vec::new(),
        }
    }
}

/// A control fact's entry in `FACTS`.
fn control_of(f: Fact) -> Option<&'static crate::knowledge::FactDef> {
    match f {
        Fact::Control(i) => FACTS.get(i as usize),
        _ => None,
    }
}

/// The decline the panel is about, among the visible lines that state one
/// ([`precedence`]: among equal reasons, the line detected last, the error
/// the user just met).
fn current<'a, E>(candidates: impl Iterator<Item = (Hit, &'a Line<E>)>) -> Option<(Hit, &'a Line<E>)> {
    candidates.min_by_key(|(h, l)| precedence(h.reason, u32::MAX - l.seq))
}

impl<E: Clone + PartialEq> Session<E> {
    /// Whether this page is a billing page the session reads.
    pub fn billing(&self) -> bool {
        self.ctx.is_some()
    }

    /// Whether the URL is still `href` (then `navigate` has nothing to do,
    /// and the shell need not read the URL's parts).
    pub fn at(&self, href: &str) -> bool {
        href == self.href
    }

    /// The URL is `href` (host, path, hash of it): on a new billing route,
    /// read the page afresh. Answers whether the route changed.
    pub fn navigate(&mut self, href: &str, host: &str, path: &str, hash: &str, out: &mut Vec<Effect>) -> bool {
        if self.at(href) {
            return false;
        }
        self.href = href.into();
        self.host = host.into();
        let r = route(host, path, hash);
        let ctx = r.map(|r| Context { system: r.system, page: r.page, action: r.action });
        self.route = r;
        if ctx == self.ctx && self.observing {
            return false;
        }
        self.observing = true;
        let system_changed = ctx.map(|c| c.system) != self.ctx.map(|c| c.system);
        self.ctx = ctx;
        self.lines.clear();
        self.on_page = None;
        self.facts_changed = true;
        // Following a step to the billing page its control is on (the
        // Payment methods tab): the panel the user works with comes along.
        let leads_here = |s: &Showing<E>| {
            let page = ctx.map(|c| c.page);
            s.rendered.as_ref().is_some_and(|m| m.steps.iter().any(|v| v.step.def().on.is_some() && v.step.def().on == page))
        };
        self.outlined.clear();
        let carried = ctx.is_some() && !system_changed && self.showing.as_ref().is_some_and(leads_here) && self.presence.carry();
        if carried {
            if let Some(s) = &mut self.showing {
                s.anchor = None;
                s.placed = None;
            }
        } else {
            self.presence = Presence::default();
            self.hide(out);
        }
        out.push(Effect::Observe { billing: ctx.is_some() });
        let Some(ctx) = ctx else { return true };
        if system_changed {
            self.remembered = None;
            self.remembered_loaded = false;
            out.push(Effect::LoadFacts(ctx.system));
        }
        out.push(Effect::ReadPage);
        true
    }

    /// A line's text as read now: records what it says. Returns what the
    /// read cost, in units of work (`crate::limits`).
    pub fn line(&mut self, page: &mut impl Page<E>, el: &E, text: &str) -> u32 {
        let cost = line_cost(text.len());
        // A route read only inside its dialog (Settings over a conversation):
        // every other line says nothing.
        let scoped_out = self.route.is_some_and(|r| r.scope == Scope::Dialog) && !page.in_dialog(el);
        let (hit, mut facts) = if scoped_out {
            (None, Vec::new())
        } else {
            (classify_line(text, || page.in_error_spot(el)), read_line(text))
        };
        // Amounts are read only next to a "Credit balance" label (see
        // `evaluate`): a usage table's thousands of them are not tracked.
        facts.retain(|f| !matches!(f, Fact::Amount(_)));
        let pos = self.lines.iter().position(|t| t.el == *el);
        if hit.is_none() && facts.is_empty() {
            if let Some(i) = pos {
                self.lines.swap_remove(i);
                self.facts_changed = true;
            }
            return cost;
        }
        if pos.is_none() && self.lines.len() >= MAX_TRACKED {
            return cost;
        }
        let quote = if hit.is_some() { quote(text) } else { String::new() };
        self.seq += 1;
        let seq = self.seq;
        match pos {
            Some(i) => {
                let t = &mut self.lines[i];
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
                self.lines.push(Line { el: el.clone(), hit, quote, facts, seq });
            }
        }
        cost
    }

    /// A switch flipped (its state is a fact).
    pub fn switch_changed(&mut self) {
        self.facts_changed = true;
    }

    /// An animation or transition ended: an error may have appeared.
    pub fn revealed(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        if self.lines.iter().any(|t| t.hit.is_some()) {
            self.evaluate(page, out);
        }
    }

    /// The remembered facts of this page's system, as loaded (None: none).
    pub fn facts_loaded(&mut self, page: &mut impl Page<E>, facts: Option<Remembered>, out: &mut Vec<Effect>) {
        self.remembered = facts;
        self.remembered_loaded = true;
        self.facts_changed = true;
        self.evaluate(page, out);
    }

    /// The storage key whose changes matter to this page (another tab's facts).
    pub fn facts_system(&self) -> Option<System> {
        self.ctx.map(|c| c.system)
    }

    /// Another tab stored facts of this page's system.
    pub fn facts_stored(&mut self, page: &mut impl Page<E>, facts: Option<Remembered>, out: &mut Vec<Effect>) {
        if facts != self.remembered {
            self.remembered = facts;
            self.evaluate(page, out);
        }
    }

    /// The language setting: a tag, "auto", or nothing stored.
    pub fn set_lang(&mut self, page: &mut impl Page<E>, tag: Option<&str>, out: &mut Vec<Effect>) {
        self.lang_choice = tag.and_then(Lang::from_id);
        if let Some(s) = &mut self.showing {
            s.rendered = None; // render again, in the chosen language
        }
        self.evaluate(page, out);
    }

    /// "Show me" for step `id`: the page's controls for it (every one of
    /// the first of the step's controls the page shows: one "Set as default"
    /// per card, the user picks the card), in the page's order as read, to
    /// scroll to and outline; the panel keeps clear of them. Pins the panel,
    /// as any press in it does.
    pub fn show_me(&mut self, page: &mut impl Page<E>, id: &str, out: &mut Vec<Effect>) -> Vec<E> {
        self.presence.interact();
        let Some(step) = self.showing.as_ref().and_then(|s| s.rendered.as_ref()).and_then(|m| m.steps.iter().find(|v| v.step.id() == id && v.show_me)).map(|v| v.step) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for &c in step.def().show {
            let mut lines: Vec<(&Line<E>, &'static crate::knowledge::FactDef)> = self
                .lines
                .iter()
                .filter_map(|t| Some((t, t.facts.iter().find_map(|&f| control_of(f).filter(|d| d.control == Some(c)))?)))
                .filter(|(t, _)| page.visible(&t.el))
                .take(MAX_OUTLINED)
                .collect();
            // The first read (the page's first) leads: it is scrolled to.
            if let Some(first) = (0..lines.len()).min_by_key(|&i| lines[i].0.seq) {
                lines.swap(0, first);
            }
            for (t, def) in lines {
                let target = if def.whole_group { page.group(&t.el) } else { page.find_text(&t.el, def.text) };
                found.push(target.unwrap_or_else(|| t.el.clone()));
            }
            if !found.is_empty() {
                break;
            }
        }
        self.outlined = found.clone();
        // Placed again, clear of what is outlined.
        if let Some(s) = &mut self.showing {
            s.placed = None;
        }
        self.place(page, out);
        found
    }

    /// The controls the page shows now (visible).
    fn controls(&self, page: &impl Page<E>) -> Vec<Control> {
        let mut out = Vec::new();
        for t in &self.lines {
            let cs: Vec<Control> = t.facts.iter().filter_map(|&f| control_of(f)?.control).collect();
            if !cs.is_empty() && cs.iter().any(|c| !out.contains(c)) && page.visible(&t.el) {
                out.extend(cs);
            }
        }
        out
    }

    /// The user pressed in the panel: it stays when the error goes.
    pub fn interact(&mut self) {
        self.presence.interact();
    }

    /// The user closed the panel.
    pub fn dismiss(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        self.presence.dismiss();
        self.evaluate(page, out);
    }

    /// The "that worked" message has been up long enough.
    pub fn resolved_done(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        self.resolving = false;
        self.presence.finish();
        self.evaluate(page, out);
    }

    /// A frame came after the page changed: place the panel again.
    pub fn frame(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        if let Some(s) = &mut self.showing {
            s.placed = None;
        }
        self.place(page, out);
    }

    /// The first panel, rehearsed: a recorded generic decline in this
    /// page's context, for the shell to render off the page while it is
    /// idle, so that the code a first show runs (reading a decline, its
    /// steps, the panel's DOM and style sheet) has run once before a decline
    /// needs it. None off the billing pages (nothing is shown there).
    /// It is built as a decline would be on this page now (its state, the
    /// controls it shows), so that the panel of a first show is most often
    /// the rehearsed one with other words (the page's own line), and the
    /// shell updates texts instead of building.
    pub fn rehearsal(&self, page: &impl Page<E>) -> Option<PanelModel> {
        let ctx = self.ctx?;
        let hit = classify_line("Your card was declined.", || true)?;
        let state = merge(self.live, self.remembered.as_ref(), page.now());
        Some(panel_model(hit, ctx, &state, self.lang_choice, &self.controls(page)))
    }

    /// What the panel renders for a decline: its model and the page's own
    /// line.
    pub fn content(&self) -> Option<(&PanelModel, &str)> {
        let model = self.showing.as_ref()?.rendered.as_ref()?;
        Some((model, self.hit.as_ref()?.1.as_str()))
    }

    /// The window scrolled or resized: place the panel in the next frame.
    pub fn viewport_changed(&self, out: &mut Vec<Effect>) {
        if self.showing.is_some() {
            out.push(Effect::RequestFrame);
        }
    }

    /// What this tab shows, for the popup.
    pub fn report(&self, now: f64) -> TabReport {
        let mut r = TabReport { active: self.ctx.is_some(), ..TabReport::default() };
        if self.ctx.is_some() {
            let state = merge(self.live, self.remembered.as_ref(), now);
            r.default_card = Some(state.default_card);
            r.auto_recharge = Some(state.auto_recharge);
            r.default_expired = Some(state.default_expired);
            // The decline on the page, or the one its panel still holds (a
            // toast that faded, a panel carried to another billing page).
            let held = self.showing.as_ref().filter(|s| s.rendered.is_some()).and(self.hit.as_ref()).map(|(h, _)| h.reason);
            r.decline = self.on_page.or(held).map(|r| r.id().into());
        }
        r
    }

    /// Looks at what the page shows and shows, updates or hides the panel.
    pub fn evaluate(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        let Some(ctx) = self.ctx else { return };
        let before = self.lines.len();
        self.lines.retain(|t| page.connected(&t.el));
        if self.lines.len() != before {
            self.facts_changed = true;
        }
        let now = page.now();
        if self.facts_changed {
            self.facts_changed = false;
            self.read_state(page, ctx.system, now, out);
        }
        let state = merge(self.live, self.remembered.as_ref(), now);

        let found = current(self.lines.iter().filter_map(|t| t.hit.map(|h| (h, t))).filter(|(_, t)| page.visible(&t.el)));
        let detected = found.map(|(h, t)| Detected { reason: h.reason, lang: h.lang, toast: page.in_toast(&t.el) });
        let hit = found.map(|(h, t)| (h, t.quote.clone()));
        self.on_page = hit.as_ref().map(|(h, _)| h.reason);
        let anchor = found.map(|(_, t)| t.el.clone());
        // What the decline is about: the action text nearest to it; kept for
        // a held panel.
        if let Some((_, t)) = found {
            let decline = page.path(&t.el);
            let mut texts = Vec::new();
            for x in &self.lines {
                for &fact in x.facts.iter().filter(|f| matches!(f, Fact::Action(_))) {
                    texts.push(Seen { fact, checked: None, path: page.path(&x.el) });
                }
            }
            self.action = action_of(&texts, &decline, ctx.action, &state);
        }
        let ctx = Context { action: self.action, ..ctx };
        // The page says a payment went through.
        let success = self.lines.iter().any(|t| t.facts.contains(&Fact::Success) && page.visible(&t.el));
        match self.presence.update(detected, success) {
            Some(shown) if shown.resolved => self.show_resolved(shown, out),
            Some(shown) => self.show(page, shown, hit, anchor, ctx, &state, out),
            None => self.hide(out),
        }
    }

    /// The billing state from the facts on the page; what is worth
    /// remembering is stored.
    fn read_state(&mut self, page: &mut impl Page<E>, system: System, now: f64, out: &mut Vec<Effect>) {
        let mut seen = Vec::new();
        for t in &self.lines {
            for &fact in &t.facts {
                let checked = if fact == Fact::AutoRechargeToggle { page.toggle(&t.el) } else { None };
                seen.push(Seen { fact, checked, path: page.path(&t.el) });
                if fact == Fact::CreditBalance(None) {
                    // The amounts around the label; `derive` takes the nearest.
                    for line in page.lines_near(&t.el) {
                        let amounts = read_line(&page.text(&line)).into_iter().filter(|f| matches!(f, Fact::Amount(_)));
                        for amount in amounts {
                            seen.push(Seen { fact: amount, checked: None, path: page.path(&line) });
                        }
                    }
                }
            }
        }
        self.live = derive(&seen, page.today());
        if self.remembered_loaded {
            if let Some(r) = Remembered::update(self.remembered, &self.live, now) {
                out.push(Effect::StoreFacts(system, r));
                self.remembered = Some(r);
            }
        }
    }

    /// The payment went through after the decline: the panel says so, for a
    /// few seconds, then goes; the popup's last decline records it.
    fn show_resolved(&mut self, shown: Shown, out: &mut Vec<Effect>) {
        if self.resolving || !self.made {
            return;
        }
        self.resolving = true;
        let (label, message, dismiss) = resolved_text(shown.detected.lang, self.lang_choice);
        out.push(Effect::RenderResolved(label, message, dismiss));
        out.push(Effect::Set("data-outcome", "resolved"));
        out.push(Effect::Attach);
        self.showing = Some(Showing { rendered: None, anchor: None, placed: None });
        out.push(Effect::Place);
        if let Some(mut d) = self.stored.take() {
            d.resolved = true;
            out.push(Effect::StoreLastDecline(d));
        }
        if self.notified.take().is_some() {
            out.push(Effect::Notify(None));
        }
        out.push(Effect::Timer(RESOLVED_MS));
    }

    #[allow(clippy::too_many_arguments)]
    fn show(
        &mut self,
        page: &mut impl Page<E>,
        shown: Shown,
        hit: Option<(Hit, String)>,
        anchor: Option<E>,
        ctx: Context,
        state: &BillingState,
        out: &mut Vec<Effect>,
    ) {
        self.resolving = false;
        // A held toast is no longer on the page: keep showing what it said.
        let hit = if shown.held { self.hit.clone() } else { hit };
        let Some((hit, quote)) = hit else { return self.hide(out) };
        let anchor = if shown.held { None } else { anchor };
        let model = panel_model(hit, ctx, state, self.lang_choice, &self.controls(page));
        let requoted = self.hit.as_ref().map(|(_, q)| q) != Some(&quote);
        let was_shown = self.showing.is_some();
        let s = self.showing.get_or_insert(Showing { rendered: None, anchor: None, placed: None });
        if s.rendered.as_ref() != Some(&model) || requoted {
            out.push(Effect::Render);
            s.rendered = Some(model);
            s.placed = None;
        }
        self.made = true;
        self.hit = Some((hit, quote));
        let model = s.rendered.as_ref().unwrap();
        let mut steps = String::new();
        for v in &model.steps {
            if !steps.is_empty() {
                steps.push(' ');
            }
            steps.push_str(v.step.id());
        }
        let set = |out: &mut Vec<Effect>, k, v| out.push(Effect::Set(k, v));
        set(out, "data-reason", model.reason.id());
        set(out, "data-action", ctx.action.id());
        set(out, "data-wording", if hit.recorded.is_some() { "recorded" } else { "unrecorded" });
        set(out, "data-outcome", "declined");
        out.push(Effect::Steps(steps));
        let mut show_me = String::new();
        for v in model.steps.iter().filter(|v| v.show_me) {
            if !show_me.is_empty() {
                show_me.push(' ');
            }
            show_me.push_str(v.step.id());
        }
        out.push(Effect::ShowMe(show_me));
        set(out, "data-default-card", state.default_card.id());
        set(out, "data-auto-recharge", state.auto_recharge.id());
        set(out, "data-default-expired", state.default_expired.id());
        set(out, "data-lang", model.lang.id());
        set(out, "data-anchor", if shown.held { "held" } else { "page" });
        let reason = model.reason;
        if s.anchor != anchor || !was_shown {
            // Light or dark as the page is behind the error (or the page).
            let dark = page.dark(anchor.as_ref());
            set(out, "data-scheme", if dark { "dark" } else { "light" });
            s.anchor = anchor;
            s.placed = None;
        }
        out.push(Effect::Attach);
        let placed = s.placed.is_some();
        if self.notified != Some(reason) {
            self.notified = Some(reason);
            out.push(Effect::Notify(Some(reason)));
            self.store_last_decline(page, hit, out);
        }
        if placed {
            // Anything else the page changed: check again once per frame,
            // where the browser computes layout anyway (not per mutation).
            out.push(Effect::RequestFrame);
        } else {
            // First placement (or the anchor or content changed): in this
            // task, so the panel paints where it belongs in its first frame.
            out.push(Effect::Place);
        }
    }

    /// The popup's record of the last decline.
    fn store_last_decline(&mut self, page: &mut impl Page<E>, hit: Hit, out: &mut Vec<Effect>) {
        let Some(r) = self.route else { return };
        let d = LastDecline::new(hit, self.action, &self.host, r.path, page.now());
        out.push(Effect::StoreLastDecline(d.clone()));
        self.stored = Some(d);
    }

    fn hide(&mut self, out: &mut Vec<Effect>) {
        // Only a panel in the document is taken out (not once per look at
        // the page after the first panel).
        self.outlined.clear();
        if self.showing.take().is_some() {
            out.push(Effect::Hide);
        }
        self.hit = None;
        if self.notified.take().is_some() {
            out.push(Effect::Notify(None));
        }
    }

    /// Places the panel, unless nothing it depends on moved since the last
    /// time: beside the error; in a corner clear of the dialog when the
    /// error is in one; in a corner when it is held; never over the page's
    /// controls on screen when a free spot exists.
    pub fn place(&mut self, page: &mut impl Page<E>, out: &mut Vec<Effect>) {
        let Some(s) = &mut self.showing else { return };
        let view = page.view();
        let anchor = s.anchor.as_ref().filter(|a| page.connected(a));
        let dialog = anchor.and_then(|a| page.dialog_rect(a));
        let (placement, basis) = match (anchor, dialog) {
            (Some(_), Some(m)) => (Anchor::Corner(m), m),
            (Some(a), None) => {
                let r = page.rect(a);
                (Anchor::Beside(r), r)
            }
            (None, _) => {
                let none = Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 };
                (Anchor::Corner(none), none)
            }
        };
        let size = page.panel_size();
        if s.placed == Some((basis, view, size)) {
            return;
        }
        s.placed = Some((basis, view, size));
        let on_screen = |r: &Rect| r.w > 0.0 && r.h > 0.0 && r.right() > 0.0 && r.bottom() > 0.0 && r.x < view.0 && r.y < view.1;
        let within = if dialog.is_some() { anchor } else { None };
        let mut avoid: Vec<Rect> = page.controls(within, MAX_CONTROLS).into_iter().filter(on_screen).collect();
        avoid.extend(self.outlined.iter().filter(|e| page.connected(e)).map(|e| page.rect(e)).filter(on_screen));
        let (x, y) = place(size, view, placement, &avoid);
        out.push(Effect::MoveTo(x, y));
    }
}
