//! Stage 2 of the knowledge build: the data checked as a whole (every id
//! known, every text in every shown language, every phrase one clause) and
//! turned into a model whose references are indices and whose texts are
//! collected in the [`TextTable`]. An error names the file, the entry and
//! what is wrong.

use super::load::{Data, Evidence, OneOrMore, Quality, Surface, Texts};
use super::texts::{TextTable, Tmp};
use super::vocab::{Action, AutoRecharge, Control, DefaultCard, FactKind, FactMatch, Known, Page, Scope, System};
use super::{fail, text};
use std::collections::BTreeSet;

/// The knowledge, checked. Indices refer to `langs`, `reasons`, `steps`, `sources`.
pub struct Model {
    pub langs: Vec<(String, String)>,
    /// Indices into `langs` of the shown languages (the first is English).
    pub shown: Vec<usize>,
    pub sources: Vec<SourceM>,
    pub steps: Vec<StepM>,
    pub reasons: Vec<ReasonM>,
    pub messages: Vec<MessageM>,
    pub unseen_gap: usize,
    pub unseen: Vec<UnseenM>,
    pub rules: Vec<RuleM>,
    pub routes: Vec<RouteM>,
    pub facts: Vec<FactM>,
    pub selectors: Selectors,
    /// The panel's words by key, in every shown language.
    pub ui: Vec<(String, Vec<Tmp>)>,
    pub fallback_note: Tmp,
    /// The popup's words by key, in every shown language (plain strings).
    pub popup: Vec<(String, Vec<String>)>,
}

pub struct SourceM {
    pub id: String,
    pub quality: Quality,
    pub title: Tmp,
    pub url: String,
}

pub struct StepM {
    pub id: String,
    pub sources: Vec<usize>,
    pub act: Vec<Tmp>,
    pub why: Vec<Tmp>,
    pub short: Vec<Tmp>,
    pub show: Vec<Control>,
    pub on: Option<Page>,
}

pub struct ReasonM {
    pub id: String,
    pub sources: Vec<usize>,
    pub steps: Vec<usize>,
    pub summary: Vec<Tmp>,
}

pub struct MessageM {
    pub lang: usize,
    pub reason: usize,
    pub wordings: Vec<Tmp>,
    pub example: String,
    pub surface: Surface,
    pub evidence: Evidence,
    pub sources: Vec<usize>,
}

pub struct UnseenM {
    pub lang: usize,
    /// Each list normalised, joined by '|'.
    pub card: String,
    pub declined: String,
    pub not_opening: String,
    pub not_anywhere: String,
    pub either_order: bool,
}

/// A condition of an ordering rule.
pub enum CondM {
    Action(Vec<Action>),
    AutoRecharge(AutoRecharge),
    CardsExpired(Known),
    DefaultCard(DefaultCard),
    DefaultExpired(Known),
    Page(Page),
    Reason(Vec<usize>),
    System(System),
}

pub struct RuleM {
    pub when: Vec<CondM>,
    pub first: Vec<usize>,
    pub remove: Vec<usize>,
    pub replace: Vec<(usize, usize)>,
    pub sources: Vec<usize>,
}

pub struct RouteM {
    pub host: String,
    pub path: String,
    pub hash: String,
    pub system: System,
    pub page: Page,
    pub action: Action,
    pub scope: Scope,
    pub ignore: bool,
    pub name: String,
}

pub struct FactM {
    pub kind: FactKind,
    pub how: FactMatch,
    /// Folded like page text.
    pub text: String,
    pub action: Action,
    pub control: Option<Control>,
    pub whole_group: bool,
    pub source: usize,
}

pub struct Selectors {
    pub skip: String,
    pub inline: String,
    pub modal: String,
    pub toast: String,
    pub toggle: String,
    pub control: String,
    pub error_spot: String,
    pub group: String,
}

/// Ids of one kind: their position, or an error naming the entry.
struct Ids<'a> {
    kind: &'static str,
    ids: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    fn new(kind: &'static str, file: &str, ids: Vec<&'a str>) -> Self {
        if ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
            fail(format!("{file}: a {kind} id is used twice"));
        }
        Ids { kind, ids }
    }
    fn of(&self, id: &str, what: &str) -> usize {
        let kind = self.kind;
        self.ids.iter().position(|x| *x == id).unwrap_or_else(|| fail(format!("{what}: unknown {kind} `{id}`")))
    }
    fn all(&self, ids: &[String], what: &str) -> Vec<usize> {
        ids.iter().map(|id| self.of(id, what)).collect()
    }
}

pub fn check(d: &Data, table: &mut TextTable) -> Model {
    let sources = Ids::new("source", "src/knowledge/sources.toml", d.sources.source.iter().map(|s| s.id.as_str()).collect());
    let langs = Ids::new("language", "src/knowledge/languages.toml", d.langs.lang.iter().map(|l| l.tag.as_str()).collect());
    let steps = Ids::new("step", "src/knowledge/steps.toml", d.steps.step.iter().map(|s| s.id.as_str()).collect());
    let reasons = Ids::new("reason", "src/knowledge/reasons.toml", d.reasons.reason.iter().map(|r| r.id.as_str()).collect());
    let shown: Vec<usize> = d.langs.lang.iter().enumerate().filter(|(_, l)| l.shown).map(|(i, _)| i).collect();
    if shown.first().map(|&i| d.langs.lang[i].tag.as_str()) != Some("en") {
        fail("src/knowledge/languages.toml: the first shown language must be `en` (the fallback)".into());
    }
    let shown_tags: Vec<&str> = shown.iter().map(|&i| d.langs.lang[i].tag.as_str()).collect();
    let cite = |ids: &[String], what: &str| {
        if ids.is_empty() {
            fail(format!("{what}: no source"));
        }
        sources.all(ids, what)
    };
    let mut texts = |t: &Texts, what: &str| shown_texts(table, &shown_tags, t, what);

    let steps_m = d
        .steps
        .step
        .iter()
        .map(|s| {
            let what = format!("src/knowledge/steps.toml: step {}", s.id);
            if let Some(p) = s.on {
                if !d.routes.route.iter().any(|r| r.page == p && !r.name.is_empty()) {
                    fail(format!("{what}: `on` names {p:?}, which no named route is"));
                }
            }
            for c in &s.show {
                if !d.facts.fact.iter().any(|f| f.control == Some(*c)) {
                    fail(format!("{what}: `show` names {c:?}, which no fact in facts.toml is"));
                }
            }
            StepM {
                id: s.id.clone(),
                sources: cite(&s.sources, &what),
                act: texts(&s.act, &what),
                why: texts(&s.why, &what),
                short: texts(&s.short, &what),
                show: s.show.clone(),
                on: s.on,
            }
        })
        .collect();
    let reasons_m = d
        .reasons
        .reason
        .iter()
        .map(|r| {
            let what = format!("src/knowledge/reasons.toml: reason {}", r.id);
            if r.steps.is_empty() {
                fail(format!("{what}: no steps"));
            }
            ReasonM { id: r.id.clone(), sources: cite(&r.sources, &what), steps: steps.all(&r.steps, &what), summary: texts(&r.summary, &what) }
        })
        .collect();
    let ui = d.ui.iter().map(|(k, t)| (k.clone(), texts(t, &format!("src/knowledge/ui.toml: {k}")))).collect();
    let messages = d.messages.message.iter().map(|m| message(m, &langs, &reasons, &cite, table)).collect();
    let model_sources = d
        .sources
        .source
        .iter()
        .map(|s| SourceM { id: s.id.clone(), quality: s.quality, title: table.shared(&s.title), url: s.url.clone() })
        .collect();
    Model {
        langs: d.langs.lang.iter().map(|l| (l.tag.clone(), l.name.clone())).collect(),
        shown,
        sources: model_sources,
        steps: steps_m,
        reasons: reasons_m,
        messages,
        unseen_gap: d.unseen.gap,
        unseen: d.unseen.lang.iter().map(|u| unseen(u, &langs)).collect(),
        rules: d.rules.rule.iter().enumerate().map(|(i, r)| rule(r, i, &reasons, &steps, &cite)).collect(),
        routes: d.routes.route.iter().map(route).collect(),
        facts: d.facts.fact.iter().map(|f| fact(f, &sources)).collect(),
        selectors: selectors(&d.dom),
        ui,
        fallback_note: table.shared(&d.langs.fallback_note),
        popup: d.popup.iter().map(|(k, t)| (k.clone(), popup_texts(&shown_tags, t, &format!("src/knowledge/popup.toml: {k}")))).collect(),
    }
}

/// A text in every shown language, in the order of SHOWN.
fn shown_texts(table: &mut TextTable, shown: &[&str], t: &Texts, what: &str) -> Vec<Tmp> {
    if let Some(k) = t.keys().find(|k| !shown.contains(&k.as_str())) {
        fail(format!("{what}: text in `{k}`, which is not a shown language"));
    }
    shown
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let s = t.get(*l).unwrap_or_else(|| fail(format!("{what}: no `{l}` text")));
            if s.trim().is_empty() {
                fail(format!("{what}: empty `{l}` text"));
            }
            table.slot(i, s)
        })
        .collect()
}

fn popup_texts(shown: &[&str], t: &Texts, what: &str) -> Vec<String> {
    if let Some(k) = t.keys().find(|k| !shown.contains(&k.as_str())) {
        fail(format!("{what}: text in `{k}`, which is not a shown language"));
    }
    shown.iter().map(|l| t.get(*l).unwrap_or_else(|| fail(format!("{what}: no `{l}` text"))).clone()).collect()
}

fn message(
    m: &super::load::Message,
    langs: &Ids,
    reasons: &Ids,
    cite: &dyn Fn(&[String], &str) -> Vec<usize>,
    table: &mut TextTable,
) -> MessageM {
    let what = format!("src/knowledge/messages.toml: message {:?}", m.phrase);
    // Only the wordings are stored: `classify` normalises them at run
    // time; each must be one clause once normalised.
    let wordings = expand(&m.phrase, &what)
        .iter()
        .map(|variant| {
            let norm = text::for_match(variant);
            if norm.is_empty() || norm.contains(text::BOUNDARY) {
                fail(format!("{what}: a phrase is one clause (normalised: {norm:?})"));
            }
            table.wording(variant)
        })
        .collect();
    MessageM {
        lang: langs.of(&m.lang, &what),
        reason: reasons.of(&m.reason, &what),
        wordings,
        example: m.example.clone(),
        surface: m.surface,
        evidence: m.evidence,
        sources: cite(&m.sources, &what),
    }
}

/// `Your card (was|has been) declined` -> both wordings.
fn expand(phrase: &str, what: &str) -> Vec<String> {
    let Some(open) = phrase.find('(') else { return vec![phrase.to_string()] };
    let close = phrase[open..].find(')').map(|i| open + i).unwrap_or_else(|| fail(format!("{what}: unclosed (")));
    let (head, tail) = (&phrase[..open], &phrase[close + 1..]);
    let mut out = Vec::new();
    for alt in phrase[open + 1..close].split('|') {
        for rest in expand(tail, what) {
            out.push(format!("{head}{alt}{rest}"));
        }
    }
    if out.len() > 16 {
        fail(format!("{what}: too many variants"));
    }
    out
}

fn unseen(u: &super::load::UnseenLang, langs: &Ids) -> UnseenM {
    let what = format!("src/knowledge/unseen.toml: {}", u.tag);
    if u.card.is_empty() || u.declined.is_empty() || u.evidence.trim().is_empty() {
        fail(format!("{what}: card and declined words, and their evidence, are needed"));
    }
    // Words normalised like page text, each one clause, joined by '|'.
    let words = |list: &[String]| {
        let items: Vec<String> = list
            .iter()
            .map(|w| {
                let norm = text::for_match(w);
                if norm.is_empty() || norm.contains(text::BOUNDARY) {
                    fail(format!("{what}: `{w}` is not a word or phrase (normalised: {norm:?})"));
                }
                if norm.contains('|') {
                    fail(format!("{what}: `{w}` holds '|', the words' separator"));
                }
                norm
            })
            .collect();
        items.join("|")
    };
    UnseenM {
        lang: langs.of(&u.tag, &what),
        card: words(&u.card),
        declined: words(&u.declined),
        not_opening: words(&u.not_opening),
        not_anywhere: words(&u.not_anywhere),
        either_order: u.either_order,
    }
}

fn rule(r: &super::load::Rule, i: usize, reasons: &Ids, steps: &Ids, cite: &dyn Fn(&[String], &str) -> Vec<usize>) -> RuleM {
    let what = format!("src/knowledge/rules.toml: rule #{}", i + 1);
    let w = &r.when;
    // In the order of the conditions' names (the generated code's order).
    let mut when = Vec::new();
    if let Some(a) = &w.action {
        when.push(CondM::Action(a.to_vec()));
    }
    if let Some(a) = w.auto_recharge {
        when.push(CondM::AutoRecharge(a));
    }
    if let Some(k) = w.cards_expired {
        when.push(CondM::CardsExpired(k));
    }
    if let Some(d) = w.default_card {
        when.push(CondM::DefaultCard(d));
    }
    if let Some(k) = w.default_card_expired {
        when.push(CondM::DefaultExpired(k));
    }
    if let Some(p) = w.page {
        when.push(CondM::Page(p));
    }
    if let Some(rs) = &w.reason {
        let ids: Vec<String> = rs.to_vec();
        when.push(CondM::Reason(reasons.all(&ids, &what)));
    }
    if let Some(s) = w.system {
        when.push(CondM::System(s));
    }
    if let Some(OneOrMore::More(xs)) = &w.reason {
        if xs.is_empty() {
            fail(format!("{what}: `reason` lists no reason"));
        }
    }
    if r.first.is_empty() && r.remove.is_empty() && r.replace.is_empty() {
        fail(format!("{what}: no action"));
    }
    RuleM {
        when,
        first: steps.all(&r.first, &what),
        remove: steps.all(&r.remove, &what),
        replace: r.replace.iter().map(|[a, b]| (steps.of(a, &what), steps.of(b, &what))).collect(),
        sources: cite(&r.sources, &what),
    }
}

fn route(r: &super::load::Route) -> RouteM {
    let what = format!("src/knowledge/routes.toml: route {}{}{}", r.host, r.path, r.hash);
    if !r.path.starts_with('/') || (r.path.ends_with('/') && r.path != "/") {
        fail(format!("{what}: path starts with '/' and does not end with one (but \"/\")"));
    }
    if !r.hash.is_empty() && !r.hash.starts_with('#') {
        fail(format!("{what}: hash starts with '#'"));
    }
    RouteM {
        host: r.host.clone(),
        path: r.path.clone(),
        hash: r.hash.clone(),
        system: r.system,
        page: r.page,
        action: r.action,
        scope: r.scope,
        ignore: r.ignore,
        name: r.name.clone(),
    }
}

fn fact(f: &super::load::Fact, sources: &Ids) -> FactM {
    let what = format!("src/knowledge/facts.toml: fact {:?}", f.text);
    if (f.kind == FactKind::Action) != f.action.is_some() {
        fail(format!("{what}: `action` names what an action fact is about, and only then"));
    }
    if f.kind == FactKind::Control && f.control.is_none() || f.whole_group && f.control.is_none() {
        fail(format!("{what}: a control fact names its `control`"));
    }
    FactM {
        kind: f.kind,
        how: f.how,
        text: text::fold(&f.text),
        action: f.action.unwrap_or(Action::Unknown),
        control: f.control,
        whole_group: f.whole_group,
        source: sources.of(&f.source, &what),
    }
}

fn selectors(dom: &super::load::Dom) -> Selectors {
    // Element kinds as selector lists: the browser matches them natively
    // (one call per element, no tag-name strings crossing into wasm).
    let mut skip = dom.skip_tags.clone();
    skip.extend(dom.skip_also.iter().cloned());
    Selectors {
        skip: skip.join(","),
        inline: dom.inline_tags.join(","),
        modal: dom.modal_selector.clone(),
        toast: dom.toast_selector.clone(),
        toggle: dom.toggle_selector.clone(),
        control: dom.control_selector.clone(),
        error_spot: dom.error_spot_selector.clone(),
        group: dom.group_selector.clone(),
    }
}
