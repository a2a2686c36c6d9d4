//! Stage 1 of the knowledge build: each `src/knowledge/*.toml` read into
//! typed structs (ids of the core's vocabulary read as its enums). Unknown
//! fields and wrong values fail here, naming the file.

use super::vocab::{vocabulary, Action, Control, AutoRecharge, DefaultCard, FactKind, FactMatch, Known, Page, Scope, System};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::{fs, path::Path};

pub type Texts = BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub source: Vec<Source>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub quality: Quality,
    pub title: String,
    pub url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Langs {
    pub fallback_note: String,
    pub lang: Vec<LangDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangDef {
    pub tag: String,
    pub name: String,
    pub shown: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub message: Vec<Message>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub lang: String,
    pub reason: String,
    pub phrase: String,
    pub example: String,
    pub surface: Surface,
    pub evidence: Evidence,
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    pub step: Vec<StepDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub id: String,
    pub sources: Vec<String>,
    #[serde(rename = "do")]
    pub act: Texts,
    pub why: Texts,
    /// The step as one short line (the compact panel).
    pub short: Texts,
    /// The controls "Show me" points at, the first found on the page.
    #[serde(default)]
    pub show: Vec<Control>,
    /// The billing page its control is on (a link there from elsewhere).
    #[serde(default)]
    pub on: Option<Page>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    pub reason: Vec<ReasonDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonDef {
    pub id: String,
    pub sources: Vec<String>,
    pub steps: Vec<String>,
    pub summary: Texts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub rule: Vec<Rule>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: When,
    #[serde(default)]
    pub first: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub replace: Vec<[String; 2]>,
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routes {
    pub route: Vec<Route>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub host: String,
    pub path: String,
    #[serde(default)]
    pub hash: String,
    pub system: System,
    pub page: Page,
    #[serde(default = "unknown_action")]
    pub action: Action,
    #[serde(default = "page_scope")]
    pub scope: Scope,
    #[serde(default)]
    pub ignore: bool,
    /// The page's name as its tab says it (a step's link to it).
    #[serde(default)]
    pub name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    pub fact: Vec<Fact>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub kind: FactKind,
    #[serde(default)]
    pub action: Option<Action>,
    /// The text is also this control ("Show me").
    #[serde(default)]
    pub control: Option<Control>,
    /// "Show me" outlines the form group the text heads (dom.toml
    /// `group_selector`), not the text's element.
    #[serde(default)]
    pub whole_group: bool,
    #[serde(rename = "match")]
    pub how: FactMatch,
    pub text: String,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dom {
    pub inline_tags: Vec<String>,
    pub skip_tags: Vec<String>,
    pub skip_also: Vec<String>,
    pub modal_selector: String,
    pub toast_selector: String,
    pub toggle_selector: String,
    pub control_selector: String,
    pub error_spot_selector: String,
    pub group_selector: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unseen {
    pub gap: usize,
    pub lang: Vec<UnseenLang>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnseenLang {
    pub tag: String,
    pub card: Vec<String>,
    pub declined: Vec<String>,
    pub not_opening: Vec<String>,
    pub not_anywhere: Vec<String>,
    pub either_order: bool,
    pub evidence: String,
}

vocabulary! {
    /// How sure a source is.
    pub enum Quality {
        Official = "official",
        Observed = "observed",
        Community = "community",
    }
}

vocabulary! {
    /// Where a message wording is shown.
    pub enum Surface {
        Checkout = "checkout",
        Elements = "elements",
        Api = "api",
        Sdk = "sdk",
        Chatgpt = "chatgpt",
    }
}

vocabulary! {
    /// How sure a message wording is.
    pub enum Evidence {
        Official = "official",
        Observed = "observed",
        Claim = "claim",
        Guess = "guess",
    }
}

/// The conditions of an ordering rule; all that are given must hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub reason: Option<OneOrMore>,
    pub system: Option<System>,
    pub page: Option<Page>,
    pub action: Option<OneOrMore<Action>>,
    pub cards_expired: Option<Known>,
    pub default_card: Option<DefaultCard>,
    pub auto_recharge: Option<AutoRecharge>,
    pub default_card_expired: Option<Known>,
}

/// One value, or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMore<T = String> {
    One(T),
    More(Vec<T>),
}

impl<T: Clone> OneOrMore<T> {
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMore::One(x) => vec![x.clone()],
            OneOrMore::More(xs) => xs.clone(),
        }
    }
}

fn unknown_action() -> Action {
    Action::Unknown
}

fn page_scope() -> Scope {
    Scope::Page
}

/// Every knowledge file, as read.
pub struct Data {
    pub sources: Sources,
    pub langs: Langs,
    pub messages: Messages,
    pub steps: Steps,
    pub reasons: Reasons,
    pub rules: Rules,
    pub routes: Routes,
    pub facts: Facts,
    pub dom: Dom,
    pub unseen: Unseen,
    pub ui: BTreeMap<String, Texts>,
    pub popup: BTreeMap<String, Texts>,
}

pub fn load(dir: &Path) -> Data {
    Data {
        sources: read(dir, "sources.toml"),
        langs: read(dir, "languages.toml"),
        messages: read(dir, "messages.toml"),
        steps: read(dir, "steps.toml"),
        reasons: read(dir, "reasons.toml"),
        rules: read(dir, "rules.toml"),
        routes: read(dir, "routes.toml"),
        facts: read(dir, "facts.toml"),
        dom: read(dir, "dom.toml"),
        unseen: read(dir, "unseen.toml"),
        ui: read(dir, "ui.toml"),
        popup: read(dir, "popup.toml"),
    }
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> T {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("knowledge: src/knowledge/{name}: {e}"));
    toml::from_str(&src).unwrap_or_else(|e| panic!("knowledge: src/knowledge/{name}: {e}"))
}
