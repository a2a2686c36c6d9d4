//! The content script's decisions, natively: a model of a page (elements
//! with their text, where they stand, whether they are seen) fed to the
//! core's `Session` the way the shell feeds it, and the effects it answers
//! with. The page texts are the real pages' words (tests/fixtures/PROVENANCE.md);
//! the expected reasons, actions and attributes are written here.

use decline_doctor::formats::TabReport;
use decline_doctor::knowledge::Reason;
use decline_doctor::place::Rect;
use decline_doctor::session::{Effect, Page, Session};
use decline_doctor::vocab::{AutoRecharge, DefaultCard, Known, System, YearMonth};

#[derive(Clone)]
struct El {
    text: String,
    parent: Option<usize>,
    connected: bool,
    visible: bool,
    error_spot: bool,
    dialog: bool,
    toast: bool,
    rect: Rect,
}

const R0: Rect = Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 };

struct Model {
    els: Vec<El>,
    now: f64,
    dialog: Rect,
    controls: Vec<Rect>,
    /// Form groups (`GROUP_SELECTOR` in the shell).
    groups: Vec<usize>,
}

impl Model {
    fn new() -> Self {
        // Element 0: the page's body.
        let body = El { text: String::new(), parent: None, connected: true, visible: true, error_spot: false, dialog: false, toast: false, rect: R0 };
        Model { els: vec![body], now: 1_764_547_200.0, dialog: Rect { x: 400.0, y: 200.0, w: 480.0, h: 400.0 }, controls: Vec::new(), groups: Vec::new() }
    }
    fn add(&mut self, parent: usize, text: &str) -> usize {
        let inherited = self.els[parent].clone();
        self.els.push(El { text: text.into(), parent: Some(parent), rect: Rect { x: 100.0, y: 100.0, w: 300.0, h: 20.0 }, ..inherited });
        self.els.len() - 1
    }
}

impl Page<usize> for Model {
    fn now(&self) -> f64 {
        self.now
    }
    fn today(&self) -> YearMonth {
        YearMonth { year: 2026, month: 12 }
    }
    fn connected(&self, e: &usize) -> bool {
        self.els[*e].connected
    }
    fn visible(&self, e: &usize) -> bool {
        self.els[*e].visible
    }
    fn in_error_spot(&self, e: &usize) -> bool {
        self.els[*e].error_spot
    }
    fn in_dialog(&self, e: &usize) -> bool {
        self.els[*e].dialog
    }
    fn in_toast(&self, e: &usize) -> bool {
        self.els[*e].toast
    }
    fn toggle(&self, _: &usize) -> Option<bool> {
        None
    }
    fn path(&mut self, e: &usize) -> Vec<u32> {
        std::iter::successors(Some(*e), |i| self.els[*i].parent).map(|i| i as u32).collect()
    }
    fn lines_near(&self, e: &usize) -> Vec<usize> {
        let p = self.els[*e].parent;
        (0..self.els.len()).filter(|i| self.els[*i].parent == p).collect()
    }
    fn text(&self, e: &usize) -> String {
        self.els[*e].text.clone()
    }
    fn dark(&self, _: Option<&usize>) -> bool {
        false
    }
    fn view(&self) -> (f64, f64) {
        (1280.0, 800.0)
    }
    fn rect(&self, e: &usize) -> Rect {
        self.els[*e].rect
    }
    fn dialog_rect(&self, e: &usize) -> Option<Rect> {
        self.els[*e].dialog.then_some(self.dialog)
    }
    fn controls(&self, _: Option<&usize>, max: u32) -> Vec<Rect> {
        self.controls.iter().copied().take(max as usize).collect()
    }
    fn panel_size(&self) -> (f64, f64) {
        (380.0, 300.0)
    }
    fn group(&self, e: &usize) -> Option<usize> {
        // The model's groups: an element marked as one, or its parent marked.
        std::iter::successors(Some(*e), |i| self.els[*i].parent).find(|i| self.groups.contains(i))
    }
    fn find_text(&self, within: &usize, folded: &str) -> Option<usize> {
        // The element itself, or its first child with exactly that text.
        let same = |i: usize| self.els[i].text.to_lowercase() == folded;
        if same(*within) {
            return Some(*within);
        }
        (0..self.els.len()).find(|&i| self.els[i].parent == Some(*within) && same(i))
    }
}

/// The session and its page, driven as the shell drives them.
struct Tab {
    s: Session<usize>,
    page: Model,
}

impl Tab {
    fn at(url: &str) -> (Tab, Vec<Effect>) {
        let mut tab = Tab { s: Session::default(), page: Model::new() };
        let out = tab.go(url);
        (tab, out)
    }
    fn go(&mut self, url: &str) -> Vec<Effect> {
        let rest = url.strip_prefix("https://").unwrap();
        let (host, rest) = rest.split_once('/').unwrap();
        let (path, hash) = match rest.split_once('#') {
            Some((p, h)) => (p, h),
            None => (rest, ""),
        };
        let path = "/".to_string() + path;
        let hash = if hash.is_empty() { String::new() } else { "#".to_string() + hash };
        let mut out = Vec::new();
        self.s.navigate(url, host, &path, &hash, &mut out);
        out
    }
    /// The shell reads these lines, then evaluates; `Place` is carried out
    /// as the shell does.
    fn read(&mut self, lines: &[usize]) -> Vec<Effect> {
        for &l in lines {
            let text = self.page.els[l].text.clone();
            self.s.line(&mut self.page, &l, &text);
        }
        let mut out = Vec::new();
        self.s.evaluate(&mut self.page, &mut out);
        self.places(out)
    }
    fn places(&mut self, out: Vec<Effect>) -> Vec<Effect> {
        let mut all = Vec::new();
        for e in out {
            if e == Effect::Place {
                let mut more = Vec::new();
                self.s.place(&mut self.page, &mut more);
                all.extend(more);
            }
            all.push(e);
        }
        all
    }
    fn call_show_me(&mut self, id: &str) -> Vec<usize> {
        let mut out = Vec::new();
        self.s.show_me(&mut self.page, id, &mut out)
    }
    fn call(&mut self, f: impl FnOnce(&mut Session<usize>, &mut Model, &mut Vec<Effect>)) -> Vec<Effect> {
        let mut out = Vec::new();
        f(&mut self.s, &mut self.page, &mut out);
        self.places(out)
    }
}

fn attr(out: &[Effect], name: &str) -> Option<String> {
    out.iter().rev().find_map(|e| match e {
        Effect::Set(k, v) if *k == name => Some(v.to_string()),
        Effect::Steps(v) if name == "data-steps" => Some(v.clone()),
        Effect::ShowMe(v) if name == "data-show-me" => Some(v.clone()),
        _ => None,
    })
}

fn notified(out: &[Effect]) -> Vec<Option<Reason>> {
    out.iter().filter_map(|e| if let Effect::Notify(r) = e { Some(*r) } else { None }).collect()
}

fn moved(out: &[Effect]) -> Option<(f64, f64)> {
    out.iter().find_map(|e| if let Effect::MoveTo(x, y) = e { Some((*x, *y)) } else { None })
}

fn stored(out: &[Effect]) -> Vec<decline_doctor::formats::LastDecline> {
    out.iter().filter_map(|e| if let Effect::StoreLastDecline(d) = e { Some(d.clone()) } else { None }).collect()
}

const OVERVIEW: &str = "https://platform.openai.com/settings/organization/billing/overview";

#[test]
fn a_billing_route_is_watched_and_read_and_its_facts_loaded() {
    let (mut tab, out) = Tab::at(OVERVIEW);
    assert_eq!(out, vec![Effect::Observe { billing: true }, Effect::LoadFacts(System::Api), Effect::ReadPage]);
    // Another page of the same system: read afresh, facts kept.
    let out = tab.go("https://platform.openai.com/settings/organization/billing/payment-methods");
    assert_eq!(out, vec![Effect::Observe { billing: true }, Effect::ReadPage]);
    // The same URL again: nothing.
    assert!(tab.go("https://platform.openai.com/settings/organization/billing/payment-methods").is_empty());
    // A chat page: only the structure is watched.
    let out = tab.go("https://chatgpt.com/c/123");
    assert_eq!(out, vec![Effect::Observe { billing: false }]);
    assert!(!tab.s.billing());
}

#[test]
fn a_decline_shows_the_panel_tells_the_badge_and_stores_once() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let dialog = tab.page.add(0, "Add to credit balance");
    tab.page.els[dialog].dialog = true;
    let err = tab.page.add(dialog, "Your card was declined.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[dialog, err]);
    assert!(out.contains(&Effect::Render));
    let (m, q) = tab.s.content().unwrap();
    assert_eq!((m.reason, q), (Reason::GenericDecline, "Your card was declined."));
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("generic_decline"));
    assert_eq!(attr(&out, "data-action").as_deref(), Some("top_up"));
    assert_eq!(attr(&out, "data-wording").as_deref(), Some("recorded"));
    assert_eq!(attr(&out, "data-anchor").as_deref(), Some("page"));
    assert!(out.contains(&Effect::Attach));
    assert_eq!(notified(&out), vec![Some(Reason::GenericDecline)]);
    let d = stored(&out);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].reason.as_str(), d[0].action.as_str(), d[0].host.as_str(), d[0].resolved), ("generic_decline", "top_up", "platform.openai.com", false));
    // The page changes again around it: no second notice, no second record,
    // no second render; the panel is placed again in a frame.
    let out = tab.read(&[]);
    assert!(notified(&out).is_empty() && stored(&out).is_empty());
    assert!(!out.contains(&Effect::Render));
    assert!(out.contains(&Effect::RequestFrame));
    assert_eq!(tab.s.report(tab.page.now).decline.as_deref(), Some("generic_decline"));
}

#[test]
fn the_most_specific_reason_wins_then_the_newest_line() {
    let (mut tab, _) = Tab::at("https://pay.openai.com/c/pay/cs_live_abc");
    let a = tab.page.add(0, "Your card was declined.");
    let b = tab.page.add(0, "Your credit card was declined because of insufficient funds. Try paying with a debit card instead.");
    let out = tab.read(&[a, b]);
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("insufficient_funds"), "the reason, not the generic decline");
    assert_eq!(attr(&out, "data-action").as_deref(), Some("subscribe"));
    // Two lines of the same reason: the panel quotes the newer one.
    tab.page.els[b].connected = false;
    let c = tab.page.add(0, "Your credit card was declined. Try paying with a debit card instead.");
    let out = tab.read(&[c]);
    assert!(out.contains(&Effect::Render));
    assert!(tab.s.content().unwrap().1.starts_with("Your credit card was declined. Try"));
}

#[test]
fn a_toast_decline_is_held_after_it_fades() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let toast = tab.page.add(0, "Your card was declined.");
    tab.page.els[toast].toast = true;
    tab.read(&[toast]);
    tab.page.els[toast].connected = false;
    let out = tab.read(&[]);
    assert_eq!(attr(&out, "data-anchor").as_deref(), Some("held"));
    assert!(!out.contains(&Effect::Hide));
    // Held panels sit in a corner: not next to an element that is gone.
    let (x, y) = moved(&out).expect("placed again");
    assert_eq!((x, y), (1280.0 - 380.0 - 12.0, 800.0 - 300.0 - 12.0));
    // Dismissed, it goes; the badge is cleared.
    let out = tab.call(|s, p, o| s.dismiss(p, o));
    assert!(out.contains(&Effect::Hide));
    assert_eq!(notified(&out), vec![None]);
}

#[test]
fn beside_the_error_on_the_page_in_a_corner_clear_of_its_dialog() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let err = tab.page.add(0, "Your card was declined.");
    tab.page.els[err].rect = Rect { x: 100.0, y: 300.0, w: 300.0, h: 20.0 };
    let out = tab.read(&[err]);
    assert_eq!(moved(&out), Some((100.0, 300.0 + 20.0 + 12.0)), "below the error");

    let (mut tab, _) = Tab::at(OVERVIEW);
    let dialog = tab.page.add(0, "Add to credit balance");
    tab.page.els[dialog].dialog = true;
    let err = tab.page.add(dialog, "Your card was declined.");
    // A control of the page where the bottom-right corner would be.
    tab.page.controls = vec![Rect { x: 1000.0, y: 700.0, w: 100.0, h: 40.0 }];
    let out = tab.read(&[dialog, err]);
    let (x, y) = moved(&out).unwrap();
    let panel = Rect { x, y, w: 380.0, h: 300.0 };
    let d = tab.page.dialog;
    let clear = |a: &Rect, b: &Rect| a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
    assert!(clear(&panel, &d), "not over the dialog: {panel:?}");
    assert!(clear(&panel, &tab.page.controls[0]), "not over the page's control: {panel:?}");
    assert_eq!((x, y), (12.0, 800.0 - 300.0 - 12.0), "bottom left: bottom right would cover the control");
}

#[test]
fn settings_over_a_conversation_is_read_only_inside_its_dialog() {
    let (mut tab, out) = Tab::at("https://chatgpt.com/c/abc#settings/Billing");
    assert!(out.contains(&Effect::ReadPage));
    // The conversation quotes a decline: nothing.
    let chat = tab.page.add(0, "Your card was declined. What should I do?");
    let out = tab.read(&[chat]);
    assert!(attr(&out, "data-reason").is_none() && notified(&out).is_empty());
    // The same words in the Settings dialog: a panel.
    let dialog = tab.page.add(0, "Billing");
    tab.page.els[dialog].dialog = true;
    let err = tab.page.add(dialog, "Your card was declined.");
    let out = tab.read(&[dialog, err]);
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("generic_decline"));
}

#[test]
fn an_unrecorded_sentence_counts_only_in_an_error_spot() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let help = tab.page.add(0, "Your card has been refused by the issuer.");
    let out = tab.read(&[help]);
    assert!(attr(&out, "data-reason").is_none());
    let (mut tab, _) = Tab::at(OVERVIEW);
    let err = tab.page.add(0, "Your card has been refused by the issuer.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[err]);
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("generic_decline"));
    assert_eq!(attr(&out, "data-wording").as_deref(), Some("unrecorded"));
}

#[test]
fn success_after_a_decline_says_it_worked_and_records_it() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let err = tab.page.add(0, "Your card was declined.");
    tab.read(&[err]);
    // The retry: the error goes, then the toast says it went through.
    tab.page.els[err].connected = false;
    let out = tab.read(&[]);
    assert!(out.contains(&Effect::Hide));
    assert_eq!(notified(&out), vec![None]);
    let ok = tab.page.add(0, "Payment successful");
    let out = tab.read(&[ok]);
    assert!(out.iter().any(|e| matches!(e, Effect::RenderResolved(..))), "{out:?}");
    assert_eq!(attr(&out, "data-outcome").as_deref(), Some("resolved"));
    let d = stored(&out);
    assert_eq!((d.len(), d[0].resolved, d[0].reason.as_str()), (1, true, "generic_decline"));
    assert!(out.contains(&Effect::Timer(4000)));
    // Then it goes.
    let out = tab.call(|s, p, o| s.resolved_done(p, o));
    assert!(out.contains(&Effect::Hide));
    // Gone, it stays gone: the page changing again asks nothing of the shell.
    let out = tab.read(&[]);
    assert!(out.is_empty(), "{out:?}");
}

#[test]
fn the_state_read_from_the_page_is_remembered_and_reported() {
    let (mut tab, _) = Tab::at("https://platform.openai.com/settings/organization/billing/payment-methods");
    let out = tab.call(|s, p, o| s.facts_loaded(p, None, o));
    assert!(out.is_empty(), "nothing read yet: {out:?}");
    let card = tab.page.add(0, "Visa •••• 4242");
    let expires = tab.page.add(card, "Expires 08/2030");
    let set = tab.page.add(card, "Set as default");
    let out = tab.read(&[card, expires, set]);
    let facts = out.iter().find_map(|e| if let Effect::StoreFacts(System::Api, r) = e { Some(*r) } else { None });
    assert_eq!(facts.map(|r| r.default_card), Some(DefaultCard::Missing), "{out:?}");
    let r = tab.s.report(tab.page.now);
    assert_eq!(
        r,
        TabReport {
            active: true,
            default_card: Some(DefaultCard::Missing),
            auto_recharge: Some(AutoRecharge::Unknown),
            default_expired: Some(Known::Unknown),
            decline: None,
            failed: false,
        }
    );
}

#[test]
fn the_language_setting_renders_again_in_that_language() {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let err = tab.page.add(0, "Your card was declined.");
    tab.read(&[err]);
    let out = tab.call(|s, p, o| s.set_lang(p, Some("zh-CN"), o));
    assert_eq!(attr(&out, "data-lang").as_deref(), Some("zh-CN"));
    assert!(out.contains(&Effect::Render));
    assert_eq!(tab.s.content().unwrap().0.lang.id(), "zh-CN");
}

// "Show me": the page's own controls, as the real billing pages show them
// (real-pages §3: the tabs, "Enable auto recharge", "Set as default";
// Checkout's "Billing address" group).

/// The overview with auto recharge off and the top-up dialog declined: one
/// card, not the default (the top-up scenario of the fixtures).
fn declined_top_up() -> (Tab, usize, Vec<Effect>) {
    let (mut tab, _) = Tab::at(OVERVIEW);
    let tabs = tab.page.add(0, "Payment methods");
    let enable = tab.page.add(0, "Enable auto recharge");
    let dialog = tab.page.add(0, "Add to credit balance");
    tab.page.els[dialog].dialog = true;
    let err = tab.page.add(dialog, "Your card was declined.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[tabs, enable, dialog, err]);
    (tab, enable, out)
}

#[test]
fn show_me_names_the_steps_whose_control_is_on_this_page_and_finds_it() {
    let (mut tab, enable, out) = declined_top_up();
    let steps = attr(&out, "data-steps").unwrap();
    assert!(steps.starts_with("enable_auto_recharge"), "{steps}");
    // Auto recharge off, the default card not known (no step to set one):
    // the auto recharge button is here.
    assert_eq!(attr(&out, "data-show-me").as_deref(), Some("enable_auto_recharge"));
    assert_eq!(tab.call_show_me("enable_auto_recharge"), vec![enable]);
    // A step without a control here, and an unknown id: nothing.
    assert_eq!(tab.call_show_me("contact_issuer"), Vec::<usize>::new());
    assert_eq!(tab.call_show_me("nonsense"), Vec::<usize>::new());
    // A control the user cannot see is not offered.
    tab.page.els[enable].visible = false;
    let out = tab.read(&[enable]);
    assert!(!attr(&out, "data-show-me").unwrap().contains("enable_auto_recharge"));
}

#[test]
fn a_panel_in_use_comes_along_to_payment_methods_where_set_as_default_is() {
    // Payment methods showed no default card a minute ago (remembered): the
    // first step is to set one, and its control here is the tab.
    let (mut tab, _) = Tab::at(OVERVIEW);
    let now = tab.page.now;
    let remembered = decline_doctor::state::Remembered { default_card: DefaultCard::Missing, default_expired: Known::Unknown, default_at: now - 60.0, auto_recharge: AutoRecharge::Unknown, auto_at: 0.0 };
    tab.s.facts_loaded(&mut tab.page, Some(remembered), &mut Vec::new());
    let tabs = tab.page.add(0, "Payment methods");
    let dialog = tab.page.add(0, "Add to credit balance");
    tab.page.els[dialog].dialog = true;
    let err = tab.page.add(dialog, "Your card was declined.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[tabs, dialog, err]);
    assert_eq!(attr(&out, "data-steps").unwrap().split(' ').next(), Some("set_default_card"));
    assert_eq!(attr(&out, "data-show-me").as_deref(), Some("set_default_card"));
    // "Show me" outlines the tab (a press in the panel); the user closes
    // the dialog and follows the tab.
    assert_eq!(tab.call_show_me("set_default_card"), vec![tabs]);
    let pm = "https://platform.openai.com/settings/organization/billing/payment-methods";
    for e in [dialog, err, tabs] {
        tab.page.els[e].connected = false;
    }
    let out = tab.go(pm);
    assert!(!out.contains(&Effect::Hide), "the panel in use stays: {out:?}");
    let card = tab.page.add(0, "Visa \u{2022}\u{2022}\u{2022}\u{2022} 4242 \u{1f} Expires 08/2030");
    let set = tab.page.add(card, "Set as default");
    let out = tab.read(&[card, set]);
    assert_eq!(attr(&out, "data-anchor").as_deref(), Some("held"));
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("generic_decline"));
    assert!(attr(&out, "data-steps").unwrap().split(' ').next() == Some("set_default_card"), "{:?}", attr(&out, "data-steps"));
    assert!(attr(&out, "data-show-me").unwrap().split(' ').any(|s| s == "set_default_card"));
    assert_eq!(tab.call_show_me("set_default_card"), vec![set]);
}

#[test]
fn a_panel_not_in_use_goes_with_its_page() {
    let (mut tab, _, _) = declined_top_up();
    let out = tab.go("https://platform.openai.com/settings/organization/billing/payment-methods");
    assert!(out.contains(&Effect::Hide));
}

#[test]
fn on_checkout_show_me_outlines_the_whole_billing_address_group() {
    let (mut tab, _) = Tab::at("https://pay.openai.com/c/pay/cs_live_abc");
    // The platform's card dialog: a fieldset whose legend is a line of its own.
    let group = tab.page.add(0, "");
    tab.page.groups.push(group);
    let legend = tab.page.add(group, "Billing address");
    let err = tab.page.add(0, "The zip code you supplied failed validation.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[legend, err]);
    assert_eq!(attr(&out, "data-reason").as_deref(), Some("incorrect_zip"));
    assert_eq!(attr(&out, "data-show-me").as_deref(), Some("match_billing_address"));
    assert_eq!(tab.call_show_me("match_billing_address"), vec![group]);
}

#[test]
fn a_panel_in_use_stays_behind_on_a_page_no_step_leads_to() {
    let (mut tab, _, _) = declined_top_up();
    tab.s.interact();
    let out = tab.go("https://platform.openai.com/settings/organization/billing/history");
    assert!(out.contains(&Effect::Hide), "Billing history is no step's page: {out:?}");
}

#[test]
fn show_me_outlines_every_card_s_set_as_default_and_the_panel_keeps_clear_of_them() {
    let (mut tab, _) = Tab::at("https://platform.openai.com/settings/organization/billing/payment-methods");
    let a = tab.page.add(0, "Set as default");
    let b = tab.page.add(0, "Set as default");
    tab.page.els[b].rect = Rect { x: 900.0, y: 500.0, w: 120.0, h: 30.0 };
    let err = tab.page.add(0, "Your card was declined.");
    tab.page.els[err].error_spot = true;
    tab.page.els[err].toast = true;
    tab.read(&[a, b, err]);
    // The toast fades: the panel is held in a corner (where b stands).
    tab.page.els[err].connected = false;
    let out = tab.read(&[]);
    assert_eq!(attr(&out, "data-anchor").as_deref(), Some("held"));
    assert!(attr(&out, "data-show-me").unwrap().split(' ').any(|s| s == "set_default_card"));
    // The tab still tells the popup about the held decline.
    assert_eq!(tab.s.report(tab.page.now).decline.as_deref(), Some("generic_decline"));
    let mut out = Vec::new();
    assert_eq!(tab.s.show_me(&mut tab.page, "set_default_card", &mut out), vec![a, b]);
    let (x, y) = moved(&out).expect("placed again");
    let panel = Rect { x, y, w: 380.0, h: 300.0 };
    let rb = tab.page.els[b].rect;
    assert!(!(panel.x < rb.x + rb.w && rb.x < panel.x + panel.w && panel.y < rb.y + rb.h && rb.y < panel.y + panel.h), "the panel covers an outlined button: {panel:?}");
}

#[test]
fn the_rehearsal_is_the_panel_a_decline_on_this_page_would_show() {
    // Nothing is rehearsed where nothing is shown.
    let (tab, _) = Tab::at("https://chatgpt.com/c/123");
    assert!(tab.s.rehearsal(&tab.page).is_none());
    // Payment methods, read: a card that is not the default.
    let (mut tab, _) = Tab::at("https://platform.openai.com/settings/organization/billing/payment-methods");
    let card = tab.page.add(0, "Visa •••• 4242");
    let set = tab.page.add(0, "Set as default");
    tab.read(&[card, set]);
    let rehearsed = tab.s.rehearsal(&tab.page).unwrap();
    // Then the page says its card was declined (not in a dialog: this
    // page's own action).
    let err = tab.page.add(0, "Your card was declined.");
    tab.page.els[err].error_spot = true;
    let out = tab.read(&[err]);
    assert!(out.contains(&Effect::Render));
    let (shown, _) = tab.s.content().unwrap();
    assert_eq!(&rehearsed, shown);
    // With its "Show me" for the button on this page.
    let with_show_me: Vec<&str> = rehearsed.steps.iter().filter(|v| v.show_me).map(|v| v.step.id()).collect();
    assert_eq!(with_show_me, vec!["set_default_card"], "{:?}", rehearsed.steps.iter().map(|v| v.step.id()).collect::<Vec<_>>());
}
